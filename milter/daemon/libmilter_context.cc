// libmilter calls for one callback context (see libmilter_context.h).
#include "libmilter_context.h"

#include <string>

namespace smtp_explain::daemon {

// libmilter's API takes char* for strings it only reads.
void* LibmilterContext::private_data() {
  return smfi_getpriv(ctx_);
}

bool LibmilterContext::set_private_data(void* data) {
  return smfi_setpriv(ctx_, data) == MI_SUCCESS;
}

const char* LibmilterContext::macro(const char* name) {
  return smfi_getsymval(ctx_, const_cast<char*>(name));
}

bool LibmilterContext::request_macros(int stage, const char* names) {
  return smfi_setsymlist(ctx_, stage, const_cast<char*>(names)) == MI_SUCCESS;
}

bool LibmilterContext::add_header(const std::string& name, const std::string& value) {
  return smfi_addheader(ctx_, const_cast<char*>(name.c_str()), const_cast<char*>(value.c_str())) ==
         MI_SUCCESS;
}

bool LibmilterContext::remove_header(const std::string& name, int index) {
  return smfi_chgheader(ctx_, const_cast<char*>(name.c_str()), index, nullptr) == MI_SUCCESS;
}

}  // namespace smtp_explain::daemon
