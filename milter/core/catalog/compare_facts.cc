// Facts about one code and the generated comparison sentences (compare_facts.h).
#include "compare_facts.h"

#include <utility>

namespace smtp_explain {
namespace {

// The usual subject area of a basic reply code (RFC 5321 section 4.2 wording
// mapped onto RFC 3463 subjects); 0 where a reply code says nothing specific.
char reply_subject(std::string_view reply) {
  static const std::pair<std::string_view, char> kAreas[] = {
      {"421", '3'}, {"450", '2'}, {"451", '3'}, {"452", '3'}, {"455", '5'}, {"500", '5'},
      {"501", '5'}, {"502", '5'}, {"503", '5'}, {"504", '5'}, {"521", '3'}, {"530", '7'},
      {"534", '7'}, {"535", '7'}, {"538", '7'}, {"550", '2'}, {"551", '1'}, {"552", '2'},
      {"553", '1'}, {"554", '0'}, {"555", '5'}, {"556", '3'},
  };
  for (const auto& [code, area] : kAreas) {
    if (code == reply) return area;
  }
  return 0;
}

Actor actor_for(DeliveryClass cls, char subject) {
  switch (cls) {
    case DeliveryClass::kSuccess:
    case DeliveryClass::kNone:
      return Actor::kNobody;
    case DeliveryClass::kTransient:
      return Actor::kWait;
    case DeliveryClass::kPermanent:
      break;
  }
  switch (subject) {
    case '1':
      return Actor::kSender;
    case '2':
      return Actor::kRecipient;
    case '3':
      return Actor::kRecipientAdmin;
    case '4':
      return Actor::kAdmins;
    case '5':
      return Actor::kSenderAdmin;
    case '6':
      return Actor::kSender;
    case '7':
      return Actor::kSenderAdmin;
    default:
      return Actor::kUnknown;
  }
}

std::string_view actor_key(Actor a) {
  switch (a) {
    case Actor::kNobody:
      return "compare.actor.none";
    case Actor::kWait:
      return "compare.actor.wait";
    case Actor::kSender:
      return "compare.actor.sender";
    case Actor::kRecipient:
      return "compare.actor.recipient";
    case Actor::kRecipientAdmin:
      return "compare.actor.recipient_admin";
    case Actor::kSenderAdmin:
      return "compare.actor.sender_admin";
    case Actor::kAdmins:
      return "compare.actor.admins";
    case Actor::kUnknown:
      break;
  }
  return "compare.actor.unknown";
}

std::string_view class_key(char digit) {
  switch (digit) {
    case '2':
      return "compare.class.success";
    case '3':
      return "compare.class.intermediate";
    case '4':
      return "compare.class.transient";
    default:
      return "compare.class.permanent";
  }
}

std::string text(const Catalog& catalog, std::string_view key, std::string_view lang) {
  std::string v = catalog.text(key, lang);
  return v == key ? std::string() : v;
}

}  // namespace

CodeFacts code_facts(const Explanation& e) {
  CodeFacts f;
  f.code = e.code;
  f.is_status = e.code.find('.') != std::string::npos;
  f.class_digit = e.code.empty() ? 0 : e.code[0];
  f.cls = e.cls;
  if (f.is_status) {
    std::size_t dot = e.code.find('.');
    if (dot + 1 < e.code.size()) f.subject = e.code[dot + 1];
  } else {
    f.subject = reply_subject(e.code);
  }
  f.actor = actor_for(f.cls, f.subject);
  f.class_label = e.class_label;
  f.when = e.when;
  return f;
}

std::string pair_key(std::string_view a, std::string_view b) {
  if (b < a) std::swap(a, b);
  return std::string(a) + "_" + std::string(b);
}

std::string fill(std::string_view pattern,
                 const std::vector<std::pair<std::string_view, std::string_view>>& values) {
  std::string out;
  out.reserve(pattern.size() + 64);
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      std::size_t close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = pattern.substr(i + 1, close - i - 1);
        bool replaced = false;
        for (const auto& [key, value] : values) {
          if (key == name) {
            out += value;
            replaced = true;
            break;
          }
        }
        if (replaced) {
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  return out;
}

std::vector<std::string> generated_differences(const CodeFacts& a, const CodeFacts& b,
                                               const Catalog& catalog, std::string_view lang) {
  std::vector<std::string> out;
  if (a.code == b.code) {
    out.push_back(fill(text(catalog, "compare.same_code", lang), {{"code", a.code}}));
    return out;
  }
  // Retry or not: the class digit decides.
  if (a.class_digit != b.class_digit) {
    for (const CodeFacts* f : {&a, &b}) {
      out.push_back(fill(text(catalog, class_key(f->class_digit), lang), {{"code", f->code}}));
    }
  } else {
    out.push_back(fill(text(catalog, "compare.same_class", lang),
                       {{"a", a.code}, {"b", b.code}, {"label", a.class_label}}));
  }
  // What the codes are about.
  if (a.subject != 0 && b.subject != 0) {
    std::string area_a = text(catalog, "compare.area." + std::string(1, a.subject), lang);
    std::string area_b = text(catalog, "compare.area." + std::string(1, b.subject), lang);
    if (a.subject == b.subject) {
      out.push_back(fill(text(catalog, "compare.subject.same", lang),
                         {{"a", a.code}, {"b", b.code}, {"area", area_a}}));
    } else {
      out.push_back(fill(text(catalog, "compare.subject.different", lang),
                         {{"a", a.code}, {"b", b.code}, {"area_a", area_a}, {"area_b", area_b}}));
    }
  }
  // Who must act.
  if (a.actor == b.actor) {
    out.push_back(
        fill(text(catalog, "compare.who.both", lang),
             {{"a", a.code}, {"b", b.code}, {"actor", text(catalog, actor_key(a.actor), lang)}}));
  } else {
    for (const CodeFacts* f : {&a, &b}) {
      out.push_back(fill(text(catalog, "compare.who.one", lang),
                         {{"code", f->code}, {"actor", text(catalog, actor_key(f->actor), lang)}}));
    }
  }
  return out;
}

std::vector<std::string> generated_which(const CodeFacts& a, const CodeFacts& b,
                                         const Catalog& catalog, std::string_view lang) {
  std::vector<std::string> out;
  for (const CodeFacts* f : {&a, &b}) {
    if (!f->when.empty()) {
      out.push_back(
          fill(text(catalog, "compare.which.one", lang), {{"code", f->code}, {"when", f->when}}));
    }
    if (a.code == b.code) break;
  }
  bool a_transient = a.cls == DeliveryClass::kTransient;
  bool b_transient = b.cls == DeliveryClass::kTransient;
  bool a_permanent = a.cls == DeliveryClass::kPermanent;
  bool b_permanent = b.cls == DeliveryClass::kPermanent;
  if ((a_transient && b_permanent) || (b_transient && a_permanent)) {
    const CodeFacts& t = a_transient ? a : b;
    const CodeFacts& p = a_transient ? b : a;
    out.push_back(fill(text(catalog, "compare.which.escalation", lang),
                       {{"transient", t.code}, {"permanent", p.code}}));
  }
  return out;
}

}  // namespace smtp_explain
