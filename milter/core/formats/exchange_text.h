// What the Microsoft Exchange families share (formats/exchange2003.cc,
// exchange2007.cc, office365.cc): the localised Subject prefixes of Exchange
// NDRs, and a reader for the text of the NDRs Exchange 2007 to 2019 and
// Microsoft 365 write, in the languages Exchange is sold in.
//
// The text of an Exchange 2007+ NDR (written for this project from Microsoft's
// NDR documentation and the strings Exchange's localised builds write):
//   Delivery has failed to these recipients or groups:        (2007-2013)
//   Delivery is delayed to these recipients or groups:        (delay notice)
//   Your message to user@example.com couldn't be delivered.   (2016-2019, 365)
//   user@example.com  |  John Doe<mailto:user@example.com>
//   The e-mail address you entered couldn't be found. ...
//   Diagnostic information for administrators:
//   Generating server: EX01.example.org
//   user@example.com
//   #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##        (2007-2010)
//   Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
//   Original message headers:
// Each sentence is known in English, German, French, Spanish, Italian, Dutch,
// Portuguese, Japanese, Chinese, Russian, Polish and the Nordic languages.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "family.h"
#include "smtp_explain/report.h"

namespace smtp_explain::formats {

// True if the Subject opens with the prefix Exchange gives its NDRs in one of
// its languages ("Undeliverable:", "Unzustellbar:", "Non remis :", "No se
// puede entregar:", "Onbestelbaar:", "配信不能:", "Delivery delayed:", ...).
bool subject_is_exchange_ndr(std::string_view subject);

// True if the header fields carry a mark of Microsoft Exchange or Outlook
// (X-MS-Exchange-*, X-MS-Has-Attach, X-MS-TNEF-Correlator, Thread-Index,
// X-MimeOLE or X-Mailer naming Exchange, Received "with Microsoft SMTP Server"
// or "with Microsoft SMTPSVC").
bool headers_show_exchange(const HeaderList& headers);

// The reason Exchange's own explanation for users states ("The e-mail account
// does not exist at the organization this message was sent to.", "The
// recipient's mailbox is full", and their translations), or nullopt.
std::optional<Reason> exchange_sentence_reason(std::string_view text);

struct ExchangeEntry {
  std::string address;
  std::string diagnosis;  // the administrators' lines, else the users' paragraph
  bool delayed = false;   // a "Delivery is delayed" notice
};

// The recipients of an Exchange 2007+ / Microsoft 365 NDR text, in bounce
// order, one per address: those of the users' list (or "Your message to ...
// couldn't be delivered.") and of the administrators' section. Empty when the
// text has neither marker. `generating_server` receives that line's host.
std::vector<ExchangeEntry> read_exchange_ndr(std::string_view text,
                                             std::string* generating_server = nullptr);

// The recipients of the Windows SMTP service's notice (IIS, Exchange
// 2000/2003, Hotmail and MSN of the 2000s), when its text stands without a
// delivery-status part:
//   This is an automatically generated Delivery Status Notification.
//   Delivery to the following recipients failed.      (or "... has been
//          user@example.com                            delayed.", or "Unable to
//                                                      deliver message to the
//                                                      following recipients, due
//                                                      to being unable to connect
//                                                      ...")
// The diagnosis is that sentence. Empty when the text has none of them.
std::vector<ExchangeEntry> read_smtpsvc_notice(std::string_view text);

}  // namespace smtp_explain::formats
