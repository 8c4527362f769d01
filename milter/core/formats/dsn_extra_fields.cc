// Vendor DSN fields per recipient, see dsn_extra_fields.h.
#include "dsn_extra_fields.h"

#include "text_util.h"

namespace smtp_explain {
namespace {

void read_part(std::string_view part, std::string_view name, std::vector<DsnExtraField>* out) {
  std::string address;
  for (std::string_view line : LineRange(part)) {
    if (istarts_with(line, "Final-Recipient:")) {
      address = clean_address(line.substr(16));
      continue;
    }
    if (line.size() <= name.size() || line[name.size()] != ':' || !istarts_with(line, name)) {
      continue;
    }
    if (out->size() >= kMaxDsnExtraFields) return;
    out->push_back({address, std::string(trim(line.substr(name.size() + 1)))});
  }
}

}  // namespace

std::vector<DsnExtraField> dsn_extra_fields(const Message& msg, std::string_view name) {
  std::vector<DsnExtraField> out;
  for (std::string_view part : msg.delivery_status) read_part(part, name, &out);
  if (msg.delivery_status.empty()) read_part(msg.error_text, name, &out);
  return out;
}

std::string_view dsn_extra_value(const std::vector<DsnExtraField>& fields,
                                 std::string_view address) {
  const std::string a = clean_address(address);
  for (const DsnExtraField& f : fields) {
    if (f.address == a) return f.value;
  }
  return {};
}

}  // namespace smtp_explain
