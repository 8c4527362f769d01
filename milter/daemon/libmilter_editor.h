// LibmilterEditor: MessageEditor over libmilter's smfi_addheader and
// smfi_chgheader for the message of one callback context.
// Thread safety: valid only inside the xxfi_eom callback of its context.
#pragma once

#include <libmilter/mfapi.h>

#include "message_editor.h"

namespace smtp_explain::daemon {

class LibmilterEditor final : public MessageEditor {
 public:
  explicit LibmilterEditor(SMFICTX* ctx) : ctx_(ctx) {}
  bool add_header(const std::string& name, const std::string& value) override;
  bool remove_header(const std::string& name, int index) override;

 private:
  SMFICTX* ctx_;
};

}  // namespace smtp_explain::daemon
