// Amazon SES bounces, ported from Sisimai::Lhost::AmazonSES (BSD 2-clause,
// third_party/sisimai/LICENSE). Two shapes:
//  - a DSN from X-SES-Outgoing / X-AWS-Outgoing senders (not WorkMail): the
//    generic X.[01].0 status yields to the one quoted in the diagnostic, the
//    reply quoted as "<421 4.4.2 ...>" wins, "Delivery expired" is expired;
//  - an SNS notification whose body is JSON (X-Amz-Sns-Message-Id): the
//    "bounce" or "delivery" object lists the recipients, each with action,
//    status and diagnosticCode; bounceType/bounceSubType name some reasons.
#include <nlohmann/json.hpp>

#include "family_text.h"
#include "text_util.h"

namespace smtp_explain {

void refine_amazon_codes(FoundRecipient* r);  // amazonworkmail.cc

namespace {

bool is_ses_dsn(const HeaderList& h) {
  if (formats::has(h.get("X-Mailer"), "Amazon WorkMail")) return false;
  return h.has("X-AWS-Outgoing") || h.has("X-SES-Outgoing");
}

// Sisimai's $bouncetype: only these subtypes name a reason.
std::optional<Reason> bounce_reason(std::string_view type, std::string_view subtype) {
  if (type != "Transient") return std::nullopt;
  if (subtype == "MailboxFull") return Reason::kMailboxFull;
  if (subtype == "MessageTooLarge") return Reason::kMesgTooBig;
  return std::nullopt;
}

using Json = nlohmann::json;

// Parses a whole JSON document without exceptions; nullopt-like discarded value
// on any syntax error. The input is bounded by Limits::max_scan_bytes, and
// nlohmann's parser and destructor are iterative, so nesting cannot exhaust the
// stack.
Json parse_json(std::string_view text) {
  return Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

// The member `key` of an object, or nullptr.
const Json* member(const Json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

// The string member `key` of an object, or empty.
std::string_view str(const Json& obj, const char* key) {
  const Json* v = member(obj, key);
  if (v == nullptr || !v->is_string()) return {};
  return v->get_ref<const std::string&>();
}

}  // namespace

bool scan_amazonses(const Message& msg, FoundList* out) {
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
  const Json root = parse_json(json);
  if (root.is_discarded()) return false;
  const Json* payload = &root;
  Json inner;
  if (const Json* m = member(root, "Message"); m != nullptr && m->is_string()) {
    inner = parse_json(m->get_ref<const std::string&>());
    if (inner.is_discarded()) return false;
    payload = &inner;
  }
  const std::string_view type = str(*payload, "notificationType");
  const std::size_t before = out->size();
  if (type == "Bounce") {
    const Json* b = member(*payload, "bounce");
    if (b == nullptr) return false;
    const std::optional<Reason> reason =
        bounce_reason(str(*b, "bounceType"), str(*b, "bounceSubType"));
    if (const Json* list = member(*b, "bouncedRecipients"); list != nullptr && list->is_array()) {
      for (const Json& e : *list) {
        const std::string_view addr = str(e, "emailAddress");
        if (clean_address(addr).empty()) continue;
        FoundRecipient& r = formats::add_recipient(out, addr);
        r.action = std::string(str(e, "action"));
        r.status = std::string(str(e, "status"));
        std::string_view diag = str(e, "diagnosticCode");
        // "smtp; 550 5.1.1 user unknown"
        if (const std::size_t semi = diag.find(';');
            semi != std::string_view::npos && semi < 16 && diag.find(' ') > semi) {
          diag = trim(diag.substr(semi + 1));
        }
        r.diagnostic = std::string(diag);
        r.reason_hint = reason;
      }
    }
  } else if (type == "Delivery") {
    const Json* d = member(*payload, "delivery");
    if (d == nullptr) return false;
    if (const Json* list = member(*d, "recipients"); list != nullptr && list->is_array()) {
      for (const Json& e : *list) {
        if (!e.is_string()) continue;
        const std::string& addr = e.get_ref<const std::string&>();
        if (clean_address(addr).empty()) continue;
        FoundRecipient& r = formats::add_recipient(out, addr);
        r.action = "delivered";
        r.diagnostic = std::string(str(*d, "smtpResponse"));
        r.remote_mta = std::string(str(*d, "reportingMTA"));
        r.reason_hint = Reason::kDelivered;
      }
    }
  }
  return out->size() > before;
}

void refine_amazonses(const Message& msg, FoundList* found) {
  if (!is_ses_dsn(msg.headers)) return;
  for (FoundRecipient& r : *found) {
    refine_amazon_codes(&r);
    if (formats::has(r.diagnostic, "Delivery expired")) r.reason_hint = Reason::kExpired;
  }
}

namespace {

bool claims(const HeaderList& h) {
  return !h.get("X-Amz-Sns-Message-Id").empty() || is_ses_dsn(h);
}

}  // namespace

const Family amazonses_family{"AmazonSES", claims, scan_amazonses, refine_amazonses};

}  // namespace smtp_explain
