// Amazon SES bounces, ported from Sisimai::Lhost::AmazonSES (BSD 2-clause,
// third_party/sisimai/LICENSE). Two shapes:
//  - a DSN from X-SES-Outgoing / X-AWS-Outgoing senders (not WorkMail): the
//    generic X.[01].0 status yields to the one quoted in the diagnostic, the
//    reply quoted as "<421 4.4.2 ...>" wins, "Delivery expired" is expired;
//  - an SNS notification whose body is JSON (X-Amz-Sns-Message-Id): the
//    "bounce" or "delivery" object lists the recipients, each with action,
//    status and diagnosticCode; bounceType/bounceSubType name some reasons.
#include "amazonses_json.h"
#include "group_a_helpers.h"
#include "text_util.h"

namespace smtp_explain {

void refine_amazon_codes(FoundRecipient* r);  // amazonworkmail.cc

namespace {

bool is_ses_dsn(const HeaderList& h) {
  if (group_a::has(h.get("X-Mailer"), "Amazon WorkMail")) return false;
  return h.has("X-AWS-Outgoing") || h.has("X-SES-Outgoing");
}

// Sisimai's $bouncetype: only these subtypes name a reason.
std::string_view bounce_reason(std::string_view type, std::string_view subtype) {
  if (type != "Transient") return {};
  if (subtype == "MailboxFull") return "mailboxfull";
  if (subtype == "MessageTooLarge") return "mesgtoobig";
  return {};
}

}  // namespace

bool scan_amazonses(const Message& msg, std::vector<FoundRecipient>* out) {
  if (msg.headers.get("X-Amz-Sns-Message-Id").empty()) return false;
  std::string_view body = trim(msg.text);
  if (!body.starts_with("{")) return false;
  // SNS folds long lines with a trailing "!" and a leading space; "--" ends the JSON.
  std::string json;
  bool folded = false;
  for (std::string_view e : split_lines(body)) {
    if (e.empty()) continue;
    if (e == "--") break;
    if (folded && !e.empty()) e.remove_prefix(1);
    folded = e.ends_with("!");
    if (folded) e.remove_suffix(1);
    json += e;
  }
  ses_json::Value root;
  if (!ses_json::parse(json, &root)) return false;
  const ses_json::Value* payload = &root;
  ses_json::Value inner;
  if (const ses_json::Value* m = root.get("Message"); m != nullptr && m->is_string()) {
    if (!ses_json::parse(m->text, &inner)) return false;
    payload = &inner;
  }
  const ses_json::Value* type = payload->get("notificationType");
  if (type == nullptr || !type->is_string()) return false;
  const std::size_t before = out->size();
  if (type->text == "Bounce") {
    const ses_json::Value* b = payload->get("bounce");
    if (b == nullptr) return false;
    const std::string_view reason = bounce_reason(b->str("bounceType"), b->str("bounceSubType"));
    std::string_view reporting = b->str("reportingMTA");
    if (reporting.starts_with("dsn; ")) reporting.remove_prefix(5);
    if (const ses_json::Value* list = b->get("bouncedRecipients"); list != nullptr) {
      for (const ses_json::Value& e : list->items) {
        const std::string_view addr = e.str("emailAddress");
        if (clean_address(addr).empty()) continue;
        FoundRecipient& r = group_a::add_recipient(out, addr);
        r.action = std::string(e.str("action"));
        r.status = std::string(e.str("status"));
        std::string_view diag = e.str("diagnosticCode");
        // "smtp; 550 5.1.1 user unknown"
        if (const std::size_t semi = diag.find(';');
            semi != std::string_view::npos && semi < 16 && diag.find(' ') > semi) {
          diag = trim(diag.substr(semi + 1));
        }
        r.diagnostic = std::string(diag);
        r.reason_hint = std::string(reason);
      }
    }
  } else if (type->text == "Delivery") {
    const ses_json::Value* d = payload->get("delivery");
    if (d == nullptr) return false;
    if (const ses_json::Value* list = d->get("recipients"); list != nullptr) {
      for (const ses_json::Value& e : list->items) {
        if (!e.is_string() || clean_address(e.text).empty()) continue;
        FoundRecipient& r = group_a::add_recipient(out, e.text);
        r.action = "delivered";
        r.diagnostic = std::string(d->str("smtpResponse"));
        r.remote_mta = std::string(d->str("reportingMTA"));
        r.reason_hint = "delivered";
      }
    }
  }
  return out->size() > before;
}

void refine_amazonses(const Message& msg, std::vector<FoundRecipient>* found) {
  if (!is_ses_dsn(msg.headers)) return;
  for (FoundRecipient& r : *found) {
    refine_amazon_codes(&r);
    if (group_a::has(r.diagnostic, "Delivery expired")) r.reason_hint = "expired";
  }
}

}  // namespace smtp_explain
