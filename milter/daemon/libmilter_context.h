// LibmilterContext: MilterContext over libmilter's SMFICTX for one callback:
// smfi_getpriv/smfi_setpriv, smfi_getsymval, smfi_setsymlist, and the header
// edits smfi_addheader and smfi_chgheader.
// Thread safety: valid only inside the callback that received the SMFICTX.
#pragma once

#include <libmilter/mfapi.h>

#include "milter_context.h"

namespace smtp_explain::daemon {

class LibmilterContext final : public MilterContext {
 public:
  explicit LibmilterContext(SMFICTX* ctx) : ctx_(ctx) {}
  void* private_data() override;
  bool set_private_data(void* data) override;
  const char* macro(const char* name) override;
  bool request_macros(int stage, const char* names) override;
  bool add_header(const std::string& name, const std::string& value) override;
  bool remove_header(const std::string& name, int index) override;

 private:
  SMFICTX* ctx_;
};

}  // namespace smtp_explain::daemon
