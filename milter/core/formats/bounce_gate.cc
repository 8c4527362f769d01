#include "bounce_gate.h"

#include <algorithm>

#include "family_text.h"
#include "mime_header.h"
#include "phrase_set.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

// Subject phrases of bounces (lower case, substring), from Sisimai's Order.pm
// and Lhost modules plus common MTAs in several languages.
constexpr std::string_view kBounceSubjects[] = {
    "undeliver",  // Undeliverable, Undelivered Mail Returned to Sender
    "delivery status notification",
    "delivery notification",
    "delivery report",
    "delivery status",
    "returned mail",
    "return mail",
    "returned to sender",
    "failure notice",
    "mail delivery failed",
    "mail delivery failure",
    "mail delivery system",
    "mail delivery problem",
    "mail delivery",
    "delivery failure",
    "delivery failed",
    "delivery has failed",
    "failed delivery",
    "failure delivery",
    "delivery problem",
    "delivery delayed",
    "delayed mail",
    "non delivery",
    "non-delivery",
    "nondelivery",
    "non remis",
    "non_remis",
    "non recapitabile",
    "not delivered",
    "could not be delivered",
    "couldn't be delivered",
    "could not send message",
    "mail could not",
    "mail not delivered",
    "mail failure",
    "mail system error",
    "permanent delivery",
    "message you sent",
    "sorry, your message",
    "there was an error",
    "see transcript for details",
    "message frozen",
    "postmaster notify",
    "loop alert",
    "loop-alert",
    "[bounce]",
    "bounce notification",
    "bounce action notification",  // Mailman 2's notice to the list owner
    "due to excessive bounces",    // Mailman 3's
    "subscription disabled on",    // Mailman 3's
    "unable to deliver",
    "unzustellbar",
    "nicht zustellbar",
    "zustellung fehlgeschlagen",
    "no entregado",
    "no se puede entregar",
    "onbestelbaar",
    "non distribuable",
    "impossible de remettre",
    "mensagem não entregue",
    "niedostarczalna",
    "\xe9\x85\x8d\xe4\xbf\xa1\xe3\x82\xa8\xe3\x83\xa9\xe3\x83\xbc",  // 配信エラー
    "\xe9\x80\x81\xe4\xbf\xa1\xe5\xa4\xb1\xe6\x95\x97",              // 送信失敗
    "\xe9\x85\x8d\xe9\x81\x94\xe4\xb8\x8d\xe8\x83\xbd",              // 配達不能
    "\xe3\x82\xa8\xe3\x83\xa9\xe3\x83\xbc\xe9\x80\x9a\xe7\x9f\xa5",  // エラー通知
    "\xe9\x80\x81\xe4\xbf\xa1\xe3\x81\xa7\xe3\x81\x8d\xe3\x81\xbe\xe3\x81\x9b\xe3\x82"
    "\x93",  // 送信できません
};

// Subject openings of auto-replies (lower case, prefix), from RFC3834.pm plus
// common vacation responders.
constexpr std::string_view kAutoReplySubjects[] = {
    "auto:",
    "auto response",
    "auto reply",
    "auto-reply",
    "autoreply",
    "automatic reply",
    "auto-response",
    "out of office",
    "out of the office",
    "vacation",
    "away from",
    "abwesenheit",
    "r\xc3\xa9ponse automatique",
    "risposta automatica",
    "respuesta autom\xc3\xa1tica",
    "automatisch antwoord",
    "\xe8\x87\xaa\xe5\x8b\x95\xe5\xbf\x9c\xe7\xad\x94",
};

// From local parts of delivery agents.
constexpr std::string_view kDaemonLocalParts[] = {
    "mailer-daemon",        "mailer_daemon", "mailerdaemon", "mail-daemon",
    "maildaemon",           "postmaster",    "post_master",  "mdaemon",
    "mail.delivery.system", "bounce",        "bounces",      "mailer",
    "mail-delivery-system", "mta-daemon",
};

// Display-name phrases of delivery agents (lower case, substring).
constexpr std::string_view kDaemonNames[] = {
    "mail delivery system",
    "mail delivery subsystem",
    "mail deliver system",
    "mailer-daemon",
    "mailer daemon",
    "mail administrator",
    "delivery status notification",
    "courier mail server",
    "interscan",
    "content-filter at",
    "mail delivery service",
    "mail delivery",
    "postmaster",
};

// Fields whose mere presence marks a delivery report.
constexpr HeaderKey kBounceFields[] = {
    "X-Failed-Recipients",  "X-MS-Exchange-Message-Is-Ndr", "X-MX-Bounce",
    "X-MS-Embedded-Report", "X-Mailer-Daemon-Error",
};

// Fields that justify a look at the body (Sisimai Lhost header checks) by
// themselves: each is added by a bounce or notification generator only. Fields
// that a provider adds to all of its mail (X-Gm-Message-State on every Gmail
// message, X-Postfix-Queue-ID, X-SES-Outgoing and X-AWS-Outgoing on all SES
// mail, X-YMailISG, X-AOL-IP, X-GMX-Antispam, X-ZohoMail, X-Yandex-Uniq) are
// not here: such a bounce is told by the stronger signs (null sender, daemon
// sender, bounce subject, report type), and these only made the header stage
// buffer ordinary mail (the ordinary-mail test counts it).
constexpr HeaderKey kWeakFields[] = {
    "X-Amz-Sns-Message-Id", "X-MXL-Hash", "X-MXL-NoteHash", "X-Mailer-Daemon", "X-AHMAILID",
    "X-MLServer",           "X-Msg-Ref",  "X-NAI-Header",   "X-SEF-Processed", "X-SPASIGN",
};

// Mailers whose bounces carry no stronger sign ("microsoft exchange", set on
// every Exchange message, is not one: Exchange NDRs have a report type or a
// bounce subject).
constexpr std::string_view kWeakMailers[] = {
    "m-filter",
    "surfcontrol",
    "<smtp32 v",
    "mfilter",
};

// The lists, each searched in one pass per text (phrase_set.h).
const PhraseSet& bounce_subjects() {
  static const PhraseSet kSet(kBounceSubjects);
  return kSet;
}
const PhraseSet& daemon_names() {
  static const PhraseSet kSet(kDaemonNames);
  return kSet;
}
const PhraseSet& weak_mailers() {
  static const PhraseSet kSet(kWeakMailers);
  return kSet;
}

// The delivery-report signs other than a multipart/report Content-Type: a
// daemon sender (local part or display name), a bounce subject, a bounce field.
bool sender_or_fields_say_delivery(const HeaderList& headers, std::string_view from,
                                   std::string_view local, std::string_view subject,
                                   bool subject_counts = true) {
  for (std::string_view d : kDaemonLocalParts) {
    if (local == d) return true;
  }
  // Display name only (the part before '<'), so "postmaster" in a domain is no sign.
  std::string_view display = from.substr(0, std::min(from.find('<'), from.size()));
  if (from.find('<') == std::string_view::npos) {
    std::size_t paren = from.find('(');
    display = paren == std::string_view::npos ? std::string_view{} : from.substr(paren);
  }
  if (daemon_names().any_in(display)) return true;
  if (subject_counts && bounce_subjects().any_in(subject)) return true;
  for (const HeaderKey& f : kBounceFields) {
    if (headers.has(f)) return true;
  }
  return false;
}

// True if the Content-Type is a multipart/report other than a feedback report
// or a read receipt (evaluate_headers' delivery_report rule for it).
bool content_type_says_delivery(std::string_view ctype) {
  if (!istarts_with(trim(ctype), "multipart/report")) return false;
  const std::string_view type = header_param(ctype, "report-type");
  return type != "feedback-report" && type != "disposition-notification";
}

bool is_null_path(std::string_view v) {
  v = trim(v);
  return v == "<>" || v == "< >" || v.empty();
}

// Subject prefixes mail clients put before a reply or a forward, in the
// languages clients are localised to (lower case, before the colon).
constexpr std::string_view kReplyForwardPrefixes[] = {
    "re",
    "fw",
    "fwd",
    "aw",
    "wg",
    "sv",
    "vs",
    "tr",
    "rv",
    "enc",
    "r",
    "i",
    "antw",
    "doorst",
    "odp",
    "pd",
    "ynt",
    "ilt",
    "res",
    "ref",
    "vl",
    "va",
    "rif",
    "\xe5\x9b\x9e\xe5\xa4\x8d",  // 回复
    "\xe8\xbd\xac\xe5\x8f\x91",  // 转发
    "\xe7\xad\x94\xe5\xa4\x8d",  // 答复
    "\xe5\x9b\x9e\xe8\xa6\x86",  // 回覆
    "\xe8\xbd\x89\xe5\xaf\x84",  // 轉寄
};

// True if the Subject opens with a reply or forward prefix ("Re:", "Fwd:",
// "AW:", "WG: ", "回复：", ...), after any list tags in brackets.
bool subject_is_reply_or_forward(std::string_view subject) {
  std::string_view s = trim(subject);
  while (s.starts_with('[')) {  // "[list] Re: ..."
    const std::size_t close = s.find(']');
    if (close == std::string_view::npos) return false;
    s = trim(s.substr(close + 1));
  }
  for (std::string_view p : kReplyForwardPrefixes) {
    if (!istarts_with(s, p)) continue;
    std::string_view rest = s.substr(p.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.starts_with(':') || rest.starts_with("\xef\xbc\x9a")) return true;  // ':' or '：'
  }
  return false;
}

// A person's reply or forward: a reply/forward Subject, a From that is no
// delivery agent, a return path that is not null and no delivery-report
// structure or field. A bounce it quotes or attaches was sent to that person,
// not to us: reading it as one would report someone else's failure.
bool human_reply_or_forward(const HeaderList& headers, std::string_view from,
                            std::string_view local, std::string_view subject, bool null_sender) {
  if (null_sender || !subject_is_reply_or_forward(subject)) return false;
  if (content_type_says_delivery(headers.get("Content-Type"))) return false;
  for (std::string_view d : kDaemonLocalParts) {
    if (local == d) return false;
  }
  if (icontains(local, "daemon") || icontains(local, "postmaster")) return false;
  std::string_view display = from.substr(0, std::min(from.find('<'), from.size()));
  if (daemon_names().any_in(display)) return false;
  for (const HeaderKey& f : kBounceFields) {
    if (headers.has(f)) return false;
  }
  return true;
}

}  // namespace

bool subject_says_bounce(std::string_view subject) {
  return bounce_subjects().any_in(subject);
}

bool subject_says_auto_reply(std::string_view subject) {
  static const PhraseSet kPrefixes(kAutoReplySubjects);
  return kPrefixes.any_prefix_of(trim(subject));
}

GateVerdict evaluate_headers(const HeaderList& headers,
                             std::optional<std::string_view> envelope_sender) {
  GateVerdict v;
  const std::string_view from = headers.get("From");
  const std::string_view subject = headers.get("Subject");
  const std::string_view ctype = headers.get("Content-Type");

  if (envelope_sender && is_null_path(*envelope_sender)) v.null_sender = true;
  if (headers.has("Return-Path") && is_null_path(headers.get("Return-Path"))) v.null_sender = true;

  if (istarts_with(trim(ctype), "multipart/report")) {
    const std::string_view type = header_param(ctype, "report-type");
    if (type == "feedback-report") {
      v.feedback_report = true;
    } else if (type == "disposition-notification") {
      // A read receipt (RFC 8098): never a bounce, never annotated.
    } else {
      v.delivery_report = true;  // delivery-status, global-delivery-status, or unlabelled
    }
  }

  const std::string local = from_local_part(from);
  const bool human = human_reply_or_forward(headers, from, local, subject, v.null_sender);
  // A bounce-like Subject ("Undeliverable ...", "Returned mail ...") from a
  // sender known not to be null, whose From names no mail daemon, is how people
  // and businesses write about parcels, newspapers and outages: no reason by
  // itself to read the body. Bounces come from the null sender (RFC 5321
  // 4.5.5), from a daemon's address, or from a list server (a "-bounces"
  // address, or Mailman's own field on its notices about a member's bounces,
  // which Mailman 3 sends from noreply@), all still read; when
  // neither the envelope nor a Return-Path is known (a file), the Subject
  // still counts.
  const bool sender_not_null =
      !v.null_sender && ((envelope_sender && !is_null_path(*envelope_sender)) ||
                         (headers.has("Return-Path") && !is_null_path(headers.get("Return-Path"))));
  const bool subject_counts =
      !sender_not_null || local.ends_with("-bounces") || headers.has("X-Mailman-Version");
  if (!human && sender_or_fields_say_delivery(headers, from, local, subject, subject_counts)) {
    v.delivery_report = true;
  }

  for (const HeaderKey& f : kWeakFields) {
    if (!human && headers.has(f)) v.weak_signal = true;
  }
  if (!human && weak_mailers().any_in(headers.get("X-Mailer"))) v.weak_signal = true;
  if (!human && weak_mailers().any_in(headers.get("X-MimeOLE"))) v.weak_signal = true;

  // RFC 3834 / RFC3834.pm. "auto-replied" is also set by bounces (Postfix), so
  // it only means an auto-reply when nothing says delivery report. Any other
  // value ("auto-generated": newsletters, notifications, calendar mail) is no
  // reason by itself to read the body.
  const std::string_view auto_submitted = trim(headers.get("Auto-Submitted"));
  bool auto_sign = false;
  if (!auto_submitted.empty() && !iequals(auto_submitted, "no")) {
    if (istarts_with(auto_submitted, "auto-replied")) auto_sign = true;
  }
  if (headers.has("X-Autoreply") || headers.has("X-Autorespond") ||
      iequals(trim(headers.get("Precedence")), "auto_reply") ||
      iequals(trim(headers.get("X-Apple-Action")), "vacation") ||
      icontains(headers.get("X-Auto-Response-Suppress"), "oof") ||
      iequals(trim(headers.get("X-Autogenerated")), "reply") || subject_says_auto_reply(subject)) {
    auto_sign = true;
  }
  if (auto_sign && !v.delivery_report) {
    const bool daemon = local == "postmaster" || local == "mailer-daemon" || local == "root";
    if (!daemon) v.auto_reply = true;
  }
  return v;
}

// The delivery_report part of evaluate_headers alone, stopping at the first
// sign (the format scanners ask this of every message).
bool headers_say_delivery_report(const HeaderList& headers) {
  if (content_type_says_delivery(headers.get("Content-Type"))) return true;
  const std::string_view from = headers.get("From");
  return sender_or_fields_say_delivery(headers, from, from_local_part(from),
                                       headers.get("Subject"));
}

}  // namespace smtp_explain
