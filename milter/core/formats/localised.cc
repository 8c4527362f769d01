// Bounce texts in languages other than English that no family claims: an MTA
// or provider localised its notice ("Ihre Nachricht konnte nicht an folgende
// Empfänger zugestellt werden:", "Votre message n'a pas pu être remis aux
// destinataires suivants :", "以下のアドレスへの配信に失敗しました", "邮件无法投递",
// "Сообщение не может быть доставлено", ...), then listed the recipients:
//   hans@example.de
//   <marie@example.fr>: 550 5.1.1 utilisateur inconnu
//   pedro@example.es (usuario desconocido)
//   ユーザが存在しません: taro@example.jp        (not read: address last)
// Written for this project from the phrases localised MTAs, webmail providers
// and Japanese/Chinese carriers write (no port). A recipient is an address
// that opens a line below the sentence (bare, in angle brackets, or followed
// by ':', '(' '[' or text); the lines after it are its diagnostic. Addresses
// of the bounce's own header fields, lines that are header fields (of the
// notice or of a quoted original) and everything after the list are never
// read. The reason comes from the code when there is one, else from a
// localised phrase (user unknown, mailbox full, host unknown). The list must
// follow the sentence directly: one that goes on with prose is an explanation
// (Postfix's Japanese preface, ...), not a heading.
#include <string>
#include <unordered_set>

#include "family_text.h"
#include "phrase_set.h"
#include "text_util.h"

namespace smtp_explain {
namespace {

constexpr std::size_t kMaxRecipients = 200;
constexpr std::size_t kMaxLinesAfter = 60;

// "could not be delivered (to the following recipients)" sentences.
constexpr std::string_view kIntro[] = {
    // German
    "konnte nicht zugestellt werden", "konnte nicht an folgende Empf\xc3\xa4nger zugestellt werden",
    "nicht zugestellt werden konnte", "Zustellung an folgende Empf\xc3\xa4nger fehlgeschlagen",
    "Zustellung fehlgeschlagen", "konnte nicht ausgeliefert werden",
    // French
    "n'a pas pu \xc3\xaatre d\xc3\xa9livr\xc3\xa9", "n'a pas pu \xc3\xaatre remis",
    "n'a pas pu \xc3\xaatre distribu\xc3\xa9", "impossible de remettre",
    "impossible de d\xc3\xa9livrer",
    "remise aux destinataires suivants a \xc3\xa9"
    "chou\xc3\xa9",
    // Spanish
    "no se pudo entregar", "no ha podido ser entregado", "no pudo ser entregado",
    "error al entregar el mensaje", "la entrega a los siguientes destinatarios",
    // Italian
    "non \xc3\xa8 stato possibile recapitare", "non pu\xc3\xb2 essere recapitato",
    "impossibile recapitare", "non \xc3\xa8 stato recapitato",
    // Portuguese
    "n\xc3\xa3o p\xc3\xb4"
    "de ser entregue",
    "n\xc3\xa3o foi poss\xc3\xadvel entregar", "n\xc3\xa3o foi entregue",
    // Dutch
    "kon niet worden afgeleverd", "kan niet worden afgeleverd", "kon niet worden bezorgd",
    "aflevering aan de volgende ontvangers",
    // Polish
    "nie mog\xc5\x82"
    "a zosta\xc4\x87 dostarczona",
    "nie zosta\xc5\x82"
    "a dostarczona",
    // Russian
    "\xd0\xbd\xd0\xb5 \xd0\xbc\xd0\xbe\xd0\xb6\xd0\xb5\xd1\x82 "
    "\xd0\xb1\xd1\x8b\xd1\x82\xd1\x8c "
    "\xd0\xb4\xd0\xbe\xd1\x81\xd1\x82\xd0\xb0\xd0\xb2\xd0\xbb\xd0\xb5\xd0\xbd\xd0"
    "\xbe",  // не может быть доставлено
    "\xd0\xbd\xd0\xb5 \xd1\x83\xd0\xb4\xd0\xb0\xd0\xbb\xd0\xbe\xd1\x81\xd1\x8c "
    "\xd0\xb4\xd0\xbe\xd1\x81\xd1\x82\xd0\xb0\xd0\xb2\xd0\xb8\xd1\x82\xd1\x8c",  // не удалось
                                                                                 // доставить
    "\xd0\xbd\xd0\xb5 "
    "\xd0\xb4\xd0\xbe\xd1\x81\xd1\x82\xd0\xb0\xd0\xb2\xd0\xbb\xd0\xb5\xd0\xbd"
    "\xd0\xbe",  // не доставлено
                 // Japanese
    "\xe9\x85\x8d\xe4\xbf\xa1\xe3\x81\xab\xe5\xa4\xb1\xe6\x95\x97",  // 配信に失敗
    "\xe9\x85\x8d\xe4\xbf\xa1\xe3\x81\xa7\xe3\x81\x8d\xe3\x81\xbe\xe3\x81\x9b\xe3"
    "\x82\x93",  // 配信できません
    "\xe9\x80\x81\xe4\xbf\xa1\xe3\x81\xa7\xe3\x81\x8d\xe3\x81\xbe\xe3\x81\x9b\xe3"
    "\x82\x93",  // 送信できません
    "\xe9\x85\x8d\xe9\x81\x94\xe3\x81\xa7\xe3\x81\x8d\xe3\x81\xbe\xe3\x81\x9b\xe3"
    "\x82\x93",  // 配達できません
    "\xe5\xb1\x8a\xe3\x81\x91\xe3\x82\x8b\xe3\x81\x93\xe3\x81\xa8\xe3\x81\x8c\xe3"
    "\x81\xa7\xe3"
    "\x81\x8d\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93",  // 届けることができません
                                                     // Chinese (simplified, traditional)
    "\xe6\x97\xa0\xe6\xb3\x95\xe6\x8a\x95\xe9\x80\x92",  // 无法投递
    "\xe6\x8a\x95\xe9\x80\x92\xe5\xa4\xb1\xe8\xb4\xa5",  // 投递失败
    "\xe6\x9c\xaa\xe8\x83\xbd\xe9\x80\x81\xe8\xbe\xbe",  // 未能送达
    "\xe6\x97\xa0\xe6\xb3\x95\xe9\x80\x81\xe8\xbe\xbe",  // 无法送达
    "\xe5\x8f\x91\xe9\x80\x81\xe5\xa4\xb1\xe8\xb4\xa5",  // 发送失败
    "\xe7\x84\xa1\xe6\xb3\x95\xe5\x82\xb3\xe9\x81\x9e",  // 無法傳遞
    "\xe7\x84\xa1\xe6\xb3\x95\xe9\x80\x81\xe9\x81\x94",  // 無法送達
};

// Localised reason phrases (checked when the text gives no code to go by).
constexpr formats::PhraseReason kReasons[] = {
    {"unbekannt", Reason::kUserUnknown},  // Benutzer/Empfänger unbekannt
    {"existiert nicht", Reason::kUserUnknown},
    {"postfach ist voll", Reason::kMailboxFull},
    {"postfach voll", Reason::kMailboxFull},
    {"speicherplatz", Reason::kMailboxFull},
    {"utilisateur inconnu", Reason::kUserUnknown},
    {"destinataire inconnu", Reason::kUserUnknown},
    {"n'existe pas", Reason::kUserUnknown},
    {"est pleine", Reason::kMailboxFull},
    {"usuario desconocido", Reason::kUserUnknown},
    {"destinatario desconocido", Reason::kUserUnknown},
    {"no existe", Reason::kUserUnknown},
    {"buz\xc3\xb3n lleno", Reason::kMailboxFull},
    {"utente sconosciuto", Reason::kUserUnknown},
    {"destinatario sconosciuto", Reason::kUserUnknown},
    {"non esiste", Reason::kUserUnknown},
    {"casella piena", Reason::kMailboxFull},
    {"usu\xc3\xa1rio desconhecido", Reason::kUserUnknown},
    {"n\xc3\xa3o existe", Reason::kUserUnknown},
    {"caixa postal cheia", Reason::kMailboxFull},
    {"onbekende gebruiker", Reason::kUserUnknown},
    {"bestaat niet", Reason::kUserUnknown},
    {"postvak is vol", Reason::kMailboxFull},
    {"nieznany u\xc5\xbcytkownik", Reason::kUserUnknown},
    // пользователь не найден / нет такого пользователя / ящик переполнен
    {"\xd0\xbf\xd0\xbe\xd0\xbb\xd1\x8c\xd0\xb7\xd0\xbe\xd0\xb2\xd0\xb0\xd1\x82\xd0\xb5\xd0\xbb\xd1"
     "\x8c \xd0\xbd\xd0\xb5 \xd0\xbd\xd0\xb0\xd0\xb9\xd0\xb4\xd0\xb5\xd0\xbd",
     Reason::kUserUnknown},
    {"\xd0\xbd\xd0\xb5\xd1\x82 \xd1\x82\xd0\xb0\xd0\xba\xd0\xbe\xd0\xb3\xd0\xbe "
     "\xd0\xbf\xd0\xbe\xd0\xbb\xd1\x8c\xd0\xb7\xd0\xbe\xd0\xb2\xd0\xb0\xd1\x82\xd0\xb5\xd0\xbb\xd1"
     "\x8f",
     Reason::kUserUnknown},
    {"\xd0\xbf\xd0\xb5\xd1\x80\xd0\xb5\xd0\xbf\xd0\xbe\xd0\xbb\xd0\xbd\xd0\xb5\xd0\xbd",
     Reason::kMailboxFull},
    // 存在しません / 宛先不明 / 容量 / 不存在 / 已满 / 已滿
    {"\xe5\xad\x98\xe5\x9c\xa8\xe3\x81\x97\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93",
     Reason::kUserUnknown},
    {"\xe5\xae\x9b\xe5\x85\x88\xe4\xb8\x8d\xe6\x98\x8e", Reason::kUserUnknown},
    {"\xe5\xae\xb9\xe9\x87\x8f", Reason::kMailboxFull},
    {"\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8", Reason::kUserUnknown},
    {"\xe5\xb7\xb2\xe6\xbb\xa1", Reason::kMailboxFull},
    {"\xe5\xb7\xb2\xe6\xbb\xbf", Reason::kMailboxFull},
};

const PhraseSet& intro_phrases() {
  static const PhraseSet kSet(kIntro);
  return kSet;
}

// Header fields (of the notice, of a quoted original, or as localised mail
// clients write a quote): never recipient lines.
bool is_field_line(std::string_view t) {
  const std::size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 30) return false;
  for (char c : t.substr(0, colon)) {
    if (!is_ascii_alpha(c) && c != '-') return false;  // "Remote host said:" is no field
  }
  return true;
}

// The address a recipient line opens with, or empty: "a@b", "<a@b>",
// "a@b: text", "a@b (text)", "a@b [text]", "<a@b>: text", "a@b text".
std::string_view leading_address(std::string_view t) {
  if (t.empty()) return {};
  if (t.front() == '<') {
    const std::size_t close = t.find('>');
    if (close == std::string_view::npos) return {};
    const std::string_view a = t.substr(1, close - 1);
    return formats::is_bare_address(a) ? a : std::string_view{};
  }
  std::size_t end = 0;
  while (end < t.size() && t[end] != ' ' && t[end] != '\t' && t[end] != '(' && t[end] != '[' &&
         !(t[end] == ':' && (end + 1 == t.size() || t[end + 1] == ' '))) {
    ++end;
  }
  const std::string_view a = t.substr(0, end);
  return formats::is_bare_address(a) ? a : std::string_view{};
}

bool scan_localised(const Message& msg, FoundList* out) {
  const std::string_view text = msg.error_text;
  if (!intro_phrases().any_in(text)) return false;
  std::unordered_set<std::string> own;  // the notice's own addresses
  static constexpr HeaderKey kOwnFields[] = {"From",        "To",     "Reply-To",
                                             "Return-Path", "Sender", "Cc"};
  for (const HeaderKey& f : kOwnFields) {
    for (std::string_view v : msg.headers.all(f)) {
      for (std::string_view a : find_addresses(v)) own.insert(clean_address(a));
    }
  }
  const std::size_t before = out->size();
  const std::vector<std::string_view> lines = split_lines(text);
  // The heading: an intro sentence whose next non-blank line opens the list
  // (a sentence followed by prose is an explanation, not a heading).
  std::size_t i = 0;
  for (; i < lines.size(); ++i) {
    if (!intro_phrases().any_in(lines[i])) continue;
    std::size_t next = i + 1;
    while (next < lines.size() && trim(lines[next]).empty()) ++next;
    if (next < lines.size() && !leading_address(trim(lines[next])).empty()) break;
  }
  if (i == lines.size()) return false;
  bool current = false;  // the last recipient line opened a recipient
  std::size_t blank_run = 0;
  for (std::size_t n = 0, k = i + 1; k < lines.size() && n < kMaxLinesAfter; ++k, ++n) {
    const std::string_view t = trim(lines[k]);
    if (t.empty()) {
      current = false;  // a recipient's diagnostic ends at a blank line
      ++blank_run;
      // Two blank lines after the list: the notice goes on to other matters.
      if (out->size() > before && blank_run >= 2) break;
      continue;
    }
    blank_run = 0;
    if (t.starts_with("--") || t.starts_with("==") || t.starts_with("> ")) {
      if (out->size() > before) break;
      continue;
    }
    if (is_field_line(t)) {
      if (out->size() > before) break;
      continue;
    }
    if (const std::string_view a = leading_address(t); !a.empty()) {
      if (own.count(clean_address(a)) > 0) {
        current = false;
        continue;
      }
      if (out->size() - before >= kMaxRecipients) break;
      FoundRecipient& r = formats::add_recipient(out, a);
      std::string_view rest = t.substr(static_cast<std::size_t>(a.data() - t.data()) + a.size());
      while (!rest.empty() && (rest.front() == '>' || rest.front() == ':' || rest.front() == ' ')) {
        rest.remove_prefix(1);
      }
      r.diagnostic = std::string(rest);
      current = true;
      continue;
    }
    if (!current) continue;
    std::string& d = out->back().diagnostic;
    if (d.size() < 1000) {
      if (!d.empty()) d += ' ';
      d += t;
    }
  }
  const std::string intro(i < lines.size() ? trim(lines[i]) : std::string_view{});
  for (std::size_t k = before; k < out->size(); ++k) {
    FoundRecipient& r = (*out)[k];
    if (r.diagnostic.empty()) r.diagnostic = intro;
    r.diagnostic = formats::sweep(r.diagnostic);
    if (formats::find_reply(r.diagnostic).empty() && formats::status_in(r.diagnostic).empty()) {
      r.reason_hint = formats::reason_for_phrases(r.diagnostic, kReasons, formats::Case::kIgnore);
    }
  }
  return out->size() > before;
}

}  // namespace

const Family localised_family{"Localised", nullptr, scan_localised, nullptr};

}  // namespace smtp_explain
