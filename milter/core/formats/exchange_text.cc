// Exchange NDR subjects, header marks and the 2007+ NDR text reader (see
// exchange_text.h). The sentences are Exchange's own, as its localised builds
// write them; matched as substrings (ASCII case ignored), so a changed
// punctuation or an added word around them does not matter.
#include "exchange_text.h"

#include <unordered_map>

#include "family_text.h"
#include "phrase_set.h"
#include "text_util.h"

namespace smtp_explain::formats {
namespace {

// Subject prefixes of Exchange NDRs and delay notices, without the colon.
constexpr std::string_view kNdrSubjects[] = {
    "Undeliverable",
    "Undelivered",
    "Delivery delayed",
    "Unzustellbar",
    "Nicht zustellbar",
    "Zustellung verz\xc3\xb6gert",  // Zustellung verzögert
    "\xc3\x9c"
    "bermittlung verz\xc3\xb6gert",  // Übermittlung verzögert
    "Non remis",
    "Non_remis",
    "Remise diff\xc3\xa9r\xc3\xa9"
    "e",  // Remise différée
    "No se puede entregar",
    "Imposible de entregar",
    "No entregado",
    "Entrega retrasada",
    "Non recapitabile",
    "Recapito ritardato",
    "Onbestelbaar",
    "Kan niet worden bezorgd",
    "Bezorging vertraagd",
    "N\xc3\xa3o \xc3\xa9 poss\xc3\xadvel entregar",  // Não é possível entregar
    "N\xc3\xa3o entregue",                           // Não entregue
    "Imposs\xc3\xadvel entregar",                    // Impossível entregar
    "Entrega atrasada",
    "Niedostarczalne",
    "Niedostarczona",
    "Nedoru\xc4\x8diteln\xc3\xa9",  // Nedoručitelné
    "Kan inte levereras",
    "Olevererbart",
    "Kan ikke leveres",
    "Ikke leveret",
    "Ei voitu toimittaa",
    "Teslim Edilemeyen",
    "\xd0\x9d\xd0\xb5\xd0\xb4\xd0\xbe\xd1\x81\xd1\x82\xd0\xb0\xd0\xb2\xd0\xbb\xd1\x8f\xd0\xb5\xd0"
    "\xbc\xd0\xbe\xd0\xb5",  // Недоставляемое
    "\xd0\x9d\xd0\xb5 \xd0\xb4\xd0\xbe\xd1\x81\xd1\x82\xd0\xb0\xd0\xb2\xd0\xbb\xd0\xb5\xd0\xbd"
    "\xd0\xbe",                                          // Не доставлено
    "\xe9\x85\x8d\xe4\xbf\xa1\xe4\xb8\x8d\xe8\x83\xbd",  // 配信不能
    "\xe6\x97\xa0\xe6\xb3\x95\xe6\x8a\x95\xe9\x80\x92",  // 无法投递
    "\xe6\x97\xa0\xe6\xb3\x95\xe4\xbc\xa0\xe9\x80\x92",  // 无法传递
    "\xe7\x84\xa1\xe6\xb3\x95\xe5\x82\xb3\xe9\x81\x9e",  // 無法傳遞
    "\xeb\xb0\xb0\xeb\x8b\xac\xeb\x90\x98\xec\xa7\x80 \xec\x95\x8a\xec\x9d\x8c",  // 배달되지 않음
};

// "<recipients> or <groups>" in the users' list heading ("Delivery has failed
// to these recipients or groups:"), in each language.
constexpr std::string_view kRecipientsOrGroups[] = {
    "recipients or groups",
    "Empf\xc3\xa4nger oder Gruppen",
    "destinataires ou groupes",
    "destinatarios o grupos",
    "destinatari o gruppi",
    "ontvangers of groepen",
    "destinat\xc3\xa1rios ou grupos",
    "odbiorc\xc3\xb3w lub grup",
    "mottagare eller grupper",
    "modtagere eller grupper",
    "mottakere eller grupper",
    "vastaanottajille tai ryhmille",
    "\xe5\x8f\x97\xe4\xbf\xa1\xe8\x80\x85\xe3\x81\xbe\xe3\x81\x9f\xe3\x81\xaf\xe3\x82\xb0\xe3\x83"
    "\xab\xe3\x83\xbc\xe3\x83\x97",  // 受信者またはグループ
    "\xe6\x94\xb6\xe4\xbb\xb6\xe4\xba\xba\xe6\x88\x96\xe7\xbb\x84",              // 收件人或组
    "\xe6\x94\xb6\xe4\xbb\xb6\xe8\x80\x85\xe6\x88\x96\xe7\xbe\xa4\xe7\xb5\x84",  // 收件者或群組
    "\xd0\xbf\xd0\xbe\xd0\xbb\xd1\x83\xd1\x87\xd0\xb0\xd1\x82\xd0\xb5\xd0\xbb\xd1\x8f\xd0\xbc "
    "\xd0\xb8\xd0\xbb\xd0\xb8 \xd0\xb3\xd1\x80\xd1\x83\xd0\xbf\xd0\xbf\xd0\xb0\xd0\xbc",  // получателям
                                                                                          // или
                                                                                          // группам
};

// Words that make such a heading a delay notice.
constexpr std::string_view kDelayed[] = {
    "delayed",
    "verz\xc3\xb6gert",
    "retard\xc3\xa9"
    "e",
    "retrasad",
    "ritardat",
    "vertraagd",
    "atrasad",
    "op\xc3\xb3\xc5\xba",  // opóźn
    "f\xc3\xb6rsenad",
    "forsinket",
    "viiv\xc3\xa4styy",
    "\xe9\x81\x85\xe5\xbb\xb6",                          // 遅延
    "\xe5\xbb\xb6\xe8\xbf\x9f",                          // 延迟
    "\xd0\xb7\xd0\xb0\xd0\xb4\xd0\xb5\xd1\x80\xd0\xb6",  // задерж
};

// "Your message to X couldn't be delivered." (2016+ and Microsoft 365), and
// the localised forms; X is an address on the same line.
constexpr std::string_view kCouldNotDeliver[] = {
    "couldn't be delivered",
    "could not be delivered",
    "konnte nicht zugestellt werden",
    "n'a pas pu \xc3\xaatre remis",
    "no se pudo entregar",
    "impossibile recapitare",
    "kan niet worden bezorgd",
    "n\xc3\xa3o p\xc3\xb4"
    "de ser entregue",
    "n\xc3\xa3o foi poss\xc3\xadvel entregar",
    "nie mo\xc5\xbcna dostarczy\xc4\x87",
    "kunde inte levereras",
    "kunne ikke leveres",
    "\xe3\x82\x92\xe9\x85\x8d\xe4\xbf\xa1\xe3\x81\xa7\xe3\x81\x8d\xe3\x81\xbe\xe3\x81\x9b\xe3\x82"
    "\x93\xe3\x81\xa7\xe3\x81\x97\xe3\x81\x9f",          // を配信できませんでした
    "\xe6\x97\xa0\xe6\xb3\x95\xe4\xbc\xa0\xe9\x80\x92",  // 无法传递
    "\xd0\xbd\xd0\xb5 \xd1\x83\xd0\xb4\xd0\xb0\xd0\xbb\xd0\xbe\xd1\x81\xd1\x8c "
    "\xd0\xb4\xd0\xbe\xd1\x81\xd1\x82\xd0\xb0\xd0\xb2\xd0\xb8\xd1\x82\xd1\x8c",  // не удалось
                                                                                 // доставить
};

// "Your message to X hasn't been delivered yet" (2016+ delay notice).
constexpr std::string_view kNotYetDelivered[] = {
    "hasn't been delivered yet",     "has not been delivered yet",
    "wurde noch nicht zugestellt",   "n'a pas encore \xc3\xa9t\xc3\xa9 remis",
    "a\xc3\xban no se ha entregado", "non \xc3\xa8 stato ancora recapitato",
    "is nog niet bezorgd",           "ainda n\xc3\xa3o foi entregue",
};

constexpr std::string_view kAdministrators[] = {
    "Diagnostic information for administrators",
    "Diagnoseinformationen f\xc3\xbcr Administratoren",
    "Informations de diagnostic pour les administrateurs",
    "Informaci\xc3\xb3n de diagn\xc3\xb3stico para administradores",
    "Informazioni di diagnostica per gli amministratori",
    "Diagnostische gegevens voor beheerders",
    "Diagnostische informatie voor beheerders",
    "Informa\xc3\xa7\xc3\xb5"
    "es de diagn\xc3\xb3stico para administradores",
    "Informacje diagnostyczne dla administrator\xc3\xb3w",
    "Diagnostisk information f\xc3\xb6r administrat\xc3\xb6rer",
    "Diagnostiske oplysninger til administratorer",
    "Diagnostisk informasjon for administratorer",
    "Diagnostiikkatiedot j\xc3\xa4rjestelm\xc3\xa4nvalvojille",
    "\xe7\xae\xa1\xe7\x90\x86\xe8\x80\x85\xe5\x90\x91\xe3\x81\x91\xe3\x81\xae\xe8\xa8\xba\xe6"
    "\x96"
    "\xad\xe6\x83\x85\xe5\xa0\xb1",  // 管理者向けの診断情報
    "\xe7\xae\xa1\xe7\x90\x86\xe5\x91\x98\xe7\x9a\x84\xe8\xaf\x8a\xe6\x96\xad\xe4\xbf\xa1\xe6"
    "\x81"
    "\xaf",  // 管理员的诊断信息
    "\xd0\x94\xd0\xb8\xd0\xb0\xd0\xb3\xd0\xbd\xd0\xbe\xd1\x81\xd1\x82\xd0\xb8\xd1\x87\xd0\xb5"
    "\xd1"
    "\x81\xd0\xba\xd0\xb8\xd0\xb5 "
    "\xd1\x81\xd0\xb2\xd0\xb5\xd0\xb4\xd0\xb5\xd0\xbd\xd0\xb8\xd1\x8f",  // Диагностические
                                                                         // сведения
};

constexpr std::string_view kGeneratingServer[] = {
    "Generating server",
    "Generierender Server",
    "Serveur de g\xc3\xa9n\xc3\xa9ration",
    "Servidor de generaci\xc3\xb3n",
    "Server di generazione",
    "Genererende server",
    "Servidor de gera\xc3\xa7\xc3\xa3o",
    "Serwer generuj\xc4\x85"
    "cy",
    "Genererande server",
    "\xe7\x94\x9f\xe6\x88\x90\xe3\x82\xb5\xe3\x83\xbc\xe3\x83\x90\xe3\x83\xbc",  // 生成サーバー
    "\xe7\x94\x9f\xe6\x88\x90\xe6\x9c\x8d\xe5\x8a\xa1\xe5\x99\xa8",              // 生成服务器
};

// Where the original's headers start: the end of the error text.
constexpr std::string_view kOriginalHeaders[] = {
    "Original message headers",
    "Urspr\xc3\xbcngliche Nachrichtenkopfzeilen",
    "En-t\xc3\xaates de message d'origine",
    "En-t\xc3\xaates du message d'origine",
    "Encabezados del mensaje original",
    "Intestazioni originali del messaggio",
    "Oorspronkelijke berichtkoppen",
    "Cabe\xc3\xa7"
    "alhos da mensagem original",
    "Oryginalne nag\xc5\x82\xc3\xb3wki wiadomo\xc5\x9b"
    "ci",
    "\xe5\x85\x83\xe3\x81\xae\xe3\x83\xa1\xe3\x83\x83\xe3\x82\xbb\xe3\x83\xbc\xe3\x82\xb8 "
    "\xe3\x83\x98\xe3\x83\x83\xe3\x83\x80\xe3\x83\xbc",  // 元のメッセージ ヘッダー
    "\xe5\x8e\x9f\xe5\xa7\x8b\xe9\x82\xae\xe4\xbb\xb6\xe5\xa4\xb4",  // 原始邮件头
};

// Exchange's sentences for users (5.5 to 365) and the reason each states.
struct Sentence {
  std::string_view text;
  Reason reason;
};
constexpr Sentence kSentences[] = {
    // English
    {"account does not exist at the organization", Reason::kUserUnknown},
    {"address you entered couldn't be found", Reason::kUserUnknown},
    {"address you entered could not be found", Reason::kUserUnknown},
    {" wasn't found at ", Reason::kUserUnknown},
    {"mailbox is full", Reason::kMailboxFull},
    {"mailbox is over its size limit", Reason::kMailboxFull},
    {"message is too large", Reason::kMesgTooBig},
    {"message was too large", Reason::kMesgTooBig},
    {"message is too big", Reason::kMesgTooBig},
    {"could not be found in Domain Name Service", Reason::kHostUnknown},
    {"domain name in the e-mail address is incorrect", Reason::kHostUnknown},
    {"domain name in the email address is incorrect", Reason::kHostUnknown},
    {"in the time limit specified", Reason::kExpired},
    {"within the time limit", Reason::kExpired},
    {"couldn't be delivered in time", Reason::kExpired},
    // German
    {"E-Mail-Konto ist in der Organisation", Reason::kUserUnknown},
    {"E-Mail-Adresse wurde nicht gefunden", Reason::kUserUnknown},
    {"wurde nicht gefunden", Reason::kUserUnknown},
    {"Postfach ist voll", Reason::kMailboxFull},
    {"Nachricht ist zu gro\xc3\x9f", Reason::kMesgTooBig},
    // French
    {"compte de messagerie n'existe pas", Reason::kUserUnknown},
    {"que vous avez entr\xc3\xa9"
     "e est introuvable",
     Reason::kUserUnknown},
    {"est introuvable", Reason::kUserUnknown},
    {"est pleine", Reason::kMailboxFull},
    {"trop volumineux", Reason::kMesgTooBig},
    // Spanish
    {"cuenta de correo electr\xc3\xb3nico no existe", Reason::kUserUnknown},
    {"No se encontr\xc3\xb3 la direcci\xc3\xb3n", Reason::kUserUnknown},
    {"no se encontr\xc3\xb3", Reason::kUserUnknown},
    {"buz\xc3\xb3n est\xc3\xa1 lleno", Reason::kMailboxFull},
    {"mensaje es demasiado grande", Reason::kMesgTooBig},
    // Italian
    {"account di posta elettronica non esiste", Reason::kUserUnknown},
    {"Impossibile trovare l'indirizzo", Reason::kUserUnknown},
    {"non \xc3\xa8 stato trovato", Reason::kUserUnknown},
    {"cassetta postale \xc3\xa8 piena", Reason::kMailboxFull},
    {"messaggio \xc3\xa8 troppo grande", Reason::kMesgTooBig},
    // Dutch
    {"e-mailaccount bestaat niet", Reason::kUserUnknown},
    {"kan niet worden gevonden", Reason::kUserUnknown},
    {"is niet gevonden", Reason::kUserUnknown},
    {"postvak is vol", Reason::kMailboxFull},
    {"bericht is te groot", Reason::kMesgTooBig},
    // Portuguese
    {"conta de email n\xc3\xa3o existe", Reason::kUserUnknown},
    {"conta de e-mail n\xc3\xa3o existe", Reason::kUserUnknown},
    {"n\xc3\xa3o foi encontrad", Reason::kUserUnknown},
    {"n\xc3\xa3o p\xc3\xb4"
     "de ser encontrad",
     Reason::kUserUnknown},
    {"caixa de correio est\xc3\xa1 cheia", Reason::kMailboxFull},
    // Japanese: 見つかりませんでした / メールボックスがいっぱい
    {"\xe8\xa6\x8b\xe3\x81\xa4\xe3\x81\x8b\xe3\x82\x8a\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93"
     "\xe3\x81\xa7\xe3\x81\x97\xe3\x81\x9f",
     Reason::kUserUnknown},
    {"\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab\xe3\x83\x9c\xe3\x83\x83\xe3\x82\xaf\xe3\x82\xb9"
     "\xe3\x81\x8c\xe3\x81\x84\xe3\x81\xa3\xe3\x81\xb1\xe3\x81\x84",
     Reason::kMailboxFull},
};

// Each list searched in one pass per line (phrase_set.h).
const PhraseSet& groups_set() {
  static const PhraseSet kSet(kRecipientsOrGroups);
  return kSet;
}
const PhraseSet& delayed_set() {
  static const PhraseSet kSet(kDelayed);
  return kSet;
}
const PhraseSet& could_not_set() {
  static const PhraseSet kSet(kCouldNotDeliver);
  return kSet;
}
const PhraseSet& not_yet_set() {
  static const PhraseSet kSet(kNotYetDelivered);
  return kSet;
}
const PhraseSet& administrators_set() {
  static const PhraseSet kSet(kAdministrators);
  return kSet;
}
const PhraseSet& generating_set() {
  static const PhraseSet kSet(kGeneratingServer);
  return kSet;
}
const PhraseSet& original_set() {
  static const PhraseSet kSet(kOriginalHeaders);
  return kSet;
}

// The address a line of the users' list or the administrators' section names
// on its own: "a@b", "a@b<mailto:a@b>", "John Doe<mailto:a@b>", "John Doe
// <a@b>", "John Doe (a@b)"; empty for any other line.
std::string_view listed_address(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.empty() || t.size() > 320) return {};
  if (is_bare_address(t) && t.find(' ') == std::string_view::npos) return t;
  const char close = t.back();
  if (close != '>' && close != ')') return {};
  const std::size_t open = t.rfind(close == '>' ? '<' : '(');
  if (open == std::string_view::npos) return {};
  std::string_view inner = t.substr(open + 1, t.size() - open - 2);
  if (inner.starts_with("mailto:")) inner.remove_prefix(7);
  if (!is_bare_address(inner) || inner.find(' ') != std::string_view::npos) return {};
  // The name before it is a name: no colon ("Sender Address: ..." is a field),
  // no other address.
  const std::string_view name = t.substr(0, open);
  if (name.find(':') != std::string_view::npos) return {};
  if (name.find('@') != std::string_view::npos && !is_bare_address(trim(name))) return {};
  return inner;
}

}  // namespace

std::optional<Reason> exchange_sentence_reason(std::string_view text) {
  for (const Sentence& s : kSentences) {
    if (icontains(text, s.text)) return s.reason;
  }
  return std::nullopt;
}

bool subject_is_exchange_ndr(std::string_view subject) {
  const std::string_view s = trim(subject);
  for (std::string_view p : kNdrSubjects) {
    if (!istarts_with(s, p)) continue;
    std::string_view rest = s.substr(p.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.starts_with(':') || rest.starts_with('_') || rest.starts_with("\xef\xbc\x9a")) {
      return true;
    }
  }
  return false;
}

bool headers_show_exchange(const HeaderList& h) {
  static constexpr HeaderKey kFields[] = {
      "X-MS-Exchange-Message-Is-Ndr",
      "X-MS-Has-Attach",
      "X-MS-TNEF-Correlator",
      "Thread-Index",
      "X-MS-Exchange-Organization-SCL",
      "X-MS-Exchange-Organization-AuthAs",
      "X-MS-Exchange-Organization-AuthSource",
      "X-MS-Exchange-Organization-Network-Message-Id",
      "X-MS-Exchange-CrossTenant-OriginalArrivalTime",
      "X-MS-Embedded-Report",
  };
  for (const HeaderKey& k : kFields) {
    if (h.has(k)) return true;
  }
  if (icontains(h.get("X-Mailer"), "Exchange") || icontains(h.get("X-MimeOLE"), "Exchange")) {
    return true;
  }
  return received_contains(h, "with Microsoft SMTP Server") ||
         received_contains(h, "with Microsoft SMTPSVC") ||
         received_contains(h, "with Internet Mail Service");
}

std::vector<ExchangeEntry> read_exchange_ndr(std::string_view text,
                                             std::string* generating_server) {
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  constexpr std::size_t kMaxEntries = 1000;
  std::vector<ExchangeEntry> out;
  // Neither the users' list nor the administrators' section: nothing to read
  // (one pass per list over the text instead of one per line).
  if (!groups_set().any_in(text) && !could_not_set().any_in(text) && !not_yet_set().any_in(text) &&
      !administrators_set().any_in(text)) {
    return out;
  }
  std::vector<bool> admin;  // by entry: its diagnosis comes from the administrators' section
  std::unordered_map<std::string, std::size_t> index;  // clean address -> position
  auto entry_for = [&](std::string_view address) -> std::size_t {
    std::string key = clean_address(address);
    if (key.empty()) return kNone;
    auto it = index.find(key);
    if (it != index.end()) return it->second;
    if (out.size() >= kMaxEntries) return kNone;
    index.emplace(std::move(key), out.size());
    out.push_back({std::string(address), {}, false});
    admin.push_back(false);
    return out.size() - 1;
  };
  enum class Where { kBefore, kUsers, kAdministrators };
  Where where = Where::kBefore;
  bool delayed = false;
  std::size_t current = kNone;
  for (std::string_view line : split_lines(text)) {
    const std::string_view t = trim(line);
    if (original_set().any_prefix_of(t)) break;
    if (administrators_set().any_prefix_of(t)) {
      where = Where::kAdministrators;
      current = kNone;
      continue;
    }
    if (where != Where::kAdministrators) {
      if (t.size() < 200 && groups_set().any_in(t)) {
        where = Where::kUsers;
        delayed = delayed_set().any_in(t);
        current = kNone;
        continue;
      }
      if (t.size() < 400) {
        const bool failed = could_not_set().any_in(t);
        const bool later = !failed && not_yet_set().any_in(t);
        const std::string_view a = failed || later ? first_address(t) : std::string_view{};
        if (!a.empty()) {
          where = Where::kUsers;
          delayed = later;
          current = entry_for(a);
          if (current != kNone) out[current].delayed = delayed;
          continue;
        }
      }
    }
    if (where == Where::kBefore) continue;
    if (where == Where::kAdministrators && generating_set().any_prefix_of(t)) {
      const std::size_t colon = t.find(':');
      if (generating_server != nullptr && generating_server->empty() &&
          colon != std::string_view::npos) {
        *generating_server = std::string(trim(t.substr(colon + 1)));
      }
      continue;
    }
    if (const std::string_view a = listed_address(t); !a.empty()) {
      current = entry_for(a);
      if (current == kNone) continue;
      if (where == Where::kUsers) out[current].delayed = delayed;
      if (where == Where::kAdministrators && !admin[current]) {
        // The administrators' lines replace the users' paragraph.
        admin[current] = true;
        out[current].diagnosis.clear();
      }
      continue;
    }
    if (current == kNone || t.empty()) continue;
    if (where == Where::kUsers && admin[current]) continue;
    std::string& d = out[current].diagnosis;
    if (d.size() > 2000) continue;
    if (!d.empty()) d += ' ';
    d += t;
  }
  for (ExchangeEntry& e : out) e.diagnosis = sweep(e.diagnosis);
  return out;
}

std::vector<ExchangeEntry> read_smtpsvc_notice(std::string_view text) {
  std::vector<ExchangeEntry> out;
  std::string sentence;
  bool delayed = false;
  bool reading = false;
  for (std::string_view line : split_lines(text)) {
    const std::string_view t = trim(line);
    if (!reading) {
      if (istarts_with(t, "Delivery to the following recipients failed") ||
          istarts_with(t, "Delivery to the following recipient failed") ||
          istarts_with(t, "Unable to deliver message to the following recipient")) {
        reading = true;
      } else if (istarts_with(t, "Delivery to the following recipients has been delayed") ||
                 istarts_with(t, "Delivery to the following recipient has been delayed")) {
        reading = true;
        delayed = true;
      }
      if (reading) sentence = std::string(t);
      continue;
    }
    if (t.empty()) {
      if (!out.empty()) break;
      continue;
    }
    if (!is_bare_address(t) || t.find(' ') != std::string_view::npos) {
      if (!out.empty()) break;
      // A wrapped intro sentence.
      if (sentence.size() < 400) sentence.append(" ").append(t);
      continue;
    }
    if (out.size() >= 1000) break;
    out.push_back({std::string(t), {}, delayed});
  }
  for (ExchangeEntry& e : out) e.diagnosis = sentence;
  return out;
}

}  // namespace smtp_explain::formats
