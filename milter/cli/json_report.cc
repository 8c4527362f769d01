// JSON output of the CLI (json_report.h).
#include "json_report.h"

using nlohmann::json;
using namespace smtp_explain;

json explanation_json(const Explanation& e) {
  return json{{"code", e.code},
              {"title", e.title},
              {"class", std::string(to_string(e.cls))},
              {"class_label", e.class_label},
              {"meaning", e.meaning},
              {"when", e.when},
              {"fix", e.fix},
              {"fix_admin", e.fix_admin},
              {"lang", e.lang},
              {"generic", e.generic}};
}

json report_json(const std::string& file, const Report& report,
                 const std::vector<RecipientText>& texts, const std::vector<HeaderField>& headers) {
  json flags = json::array();
  for (std::string_view f : flag_names(report.flags)) flags.push_back(std::string(f));
  json recipients = json::array();
  for (std::size_t i = 0; i < report.recipients.size(); ++i) {
    const Recipient& r = report.recipients[i];
    const RecipientText& t = texts[i];
    recipients.push_back(json{{"recipient", r.recipient},
                              {"original_recipient", r.original_recipient},
                              {"action", r.action},
                              {"reply_code", r.reply_code},
                              {"status", r.status},
                              {"class", std::string(to_string(r.cls))},
                              {"reason", std::string(to_string(r.reason))},
                              {"remote_mta", r.remote_mta},
                              {"diagnostic", r.diagnostic},
                              {"meaning", t.meaning},
                              {"fix", t.fix},
                              {"provider", r.provider},
                              {"source", t.source}});
  }
  json header_list = json::array();
  for (const HeaderField& h : headers) header_list.push_back(json::array({h.name, h.value}));
  return json{{"file", file},
              {"bounce", report.bounce},
              {"kind", std::string(to_string(report.kind))},
              {"class", std::string(to_string(report.cls))},
              {"flags", flags},
              {"reporting_mta", report.reporting_mta},
              {"recipients_total", report.recipients_total},
              {"recipients", recipients},
              {"headers", header_list}};
}

std::string json_line(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}
