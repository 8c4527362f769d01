// MilterContext: the few libmilter calls the callbacks make for one connection
// (private data, macros, header edits), behind an interface so the callbacks
// run in the daemon tests with a fake instead of an MTA. LibmilterContext
// (libmilter_context.h) is the real one, a thin wrapper over an SMFICTX*.
// Thread safety: one context per callback invocation, used by one thread.
#pragma once

#include "message_editor.h"

namespace smtp_explain::daemon {

class MilterContext : public MessageEditor {
 public:
  // The connection's private data slot (smfi_getpriv / smfi_setpriv).
  virtual void* private_data() = 0;
  virtual bool set_private_data(void* data) = 0;
  // A macro's value (smfi_getsymval), or nullptr when the MTA sent none.
  virtual const char* macro(const char* name) = 0;
  // Asks the MTA for these macros at a stage (smfi_setsymlist, SMFIM_*);
  // only valid during negotiation.
  virtual bool request_macros(int stage, const char* names) = 0;
};

}  // namespace smtp_explain::daemon
