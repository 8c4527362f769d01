// MessageEditor: the only changes the milter makes to a message, behind an
// interface so message logic is tested with a fake instead of an MTA
// (OpenDKIM's wrapper seam). LibmilterEditor (libmilter_editor.h) is the real one.
// Thread safety: one editor per message callback, used by one thread.
#pragma once

#include <string>

namespace smtp_explain::daemon {

class MessageEditor {
 public:
  virtual ~MessageEditor() = default;
  // Appends a header field. `value` may be folded with "\n " between lines.
  // Returns false if the MTA refused.
  virtual bool add_header(const std::string& name, const std::string& value) = 0;
  // Deletes the `index`-th (1-based) field called `name` (case-insensitive) as the
  // message arrived. Returns false if the MTA refused.
  virtual bool remove_header(const std::string& name, int index) = 0;
};

}  // namespace smtp_explain::daemon
