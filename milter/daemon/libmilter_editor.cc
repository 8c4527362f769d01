// libmilter calls that modify a message (see libmilter_editor.h).
#include "libmilter_editor.h"

#include <vector>

namespace smtp_explain::daemon {
namespace {
// libmilter's API takes char* for strings it does not modify; give it a copy.
std::vector<char> c_string(const std::string& s) {
  std::vector<char> out(s.begin(), s.end());
  out.push_back('\0');
  return out;
}
}  // namespace

bool LibmilterEditor::add_header(const std::string& name, const std::string& value) {
  std::vector<char> n = c_string(name);
  std::vector<char> v = c_string(value);
  return smfi_addheader(ctx_, n.data(), v.data()) == MI_SUCCESS;
}

bool LibmilterEditor::remove_header(const std::string& name, int index) {
  std::vector<char> n = c_string(name);
  return smfi_chgheader(ctx_, n.data(), index, nullptr) == MI_SUCCESS;
}

}  // namespace smtp_explain::daemon
