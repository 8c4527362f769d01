// Specific MTA families, group b (MXLogic .. qmail in Sisimai's module order).
// Add a family: declare its scan function here and add one table line.
// Order matters where two families accept the same headers: qmail before X4
// (both take "failure notice"), the strict header tests before the loose ones.
#include "formats.h"

namespace smtp_explain {

bool scan_mailfoundry(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_mcafee(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_notes(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_opensmtpd(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_v5sendmail(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_verizon(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_x1(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_x2(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_x3(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_x4(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_x5(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_x6(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_yahoo(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_zoho(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_mfilter(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_mxlogic(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_surfcontrol(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_interscanmss(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_mailmarshalsmtp(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_messagingserver(const Message& msg, std::vector<FoundRecipient>* out);
void refine_messagingserver(const Message& msg, std::vector<FoundRecipient>* found);
bool scan_qmail(const Message& msg, std::vector<FoundRecipient>* out);
void refine_postfix(const Message& msg, std::vector<FoundRecipient>* found);
void refine_sendmail(const Message& msg, std::vector<FoundRecipient>* found);
bool scan_mailru(const Message& msg, std::vector<FoundRecipient>* out);
void refine_powermta(const Message& msg, std::vector<FoundRecipient>* found);
void refine_receivingses(const Message& msg, std::vector<FoundRecipient>* found);
void refine_yandex(const Message& msg, std::vector<FoundRecipient>* found);
void refine_messagelabs(const Message& msg, std::vector<FoundRecipient>* found);
void refine_outlook(const Message& msg, std::vector<FoundRecipient>* found);
void refine_sendgrid(const Message& msg, std::vector<FoundRecipient>* found);
bool scan_mimecast(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_office365(const Message& msg, std::vector<FoundRecipient>* out);
void refine_office365(const Message& msg, std::vector<FoundRecipient>* found);

namespace {

// For families whose bounces always carry delivery-status fields: nothing to
// read in text-only bounces (the RFC 3464 reader and the refiner do the work).
bool dsn_only(const Message&, std::vector<FoundRecipient>*) {
  return false;
}

}  // namespace

const std::vector<FormatScanner>& family_scanners_b() {
  static const std::vector<FormatScanner> kScanners = {
      {"MailFoundry", scan_mailfoundry},
      {"MailMarshalSMTP", scan_mailmarshalsmtp},
      {"MailRu", scan_mailru},
      {"McAfee", scan_mcafee},
      {"MessageLabs", dsn_only, refine_messagelabs},
      {"Mimecast", scan_mimecast},
      {"MessagingServer", scan_messagingserver, refine_messagingserver},
      {"Notes", scan_notes},
      {"Office365", scan_office365, refine_office365},
      {"OpenSMTPD", scan_opensmtpd},
      {"Outlook", dsn_only, refine_outlook},
      {"Postfix", dsn_only, refine_postfix},
      {"PowerMTA", dsn_only, refine_powermta},
      {"ReceivingSES", dsn_only, refine_receivingses},
      {"SendGrid", dsn_only, refine_sendgrid},
      {"Sendmail", dsn_only, refine_sendmail},
      {"SurfControl", scan_surfcontrol},
      {"V5sendmail", scan_v5sendmail},
      {"Verizon", scan_verizon},
      {"X1", scan_x1},
      {"X2", scan_x2},
      {"X3", scan_x3},
      {"X5", scan_x5},
      {"X6", scan_x6},
      {"Yahoo", scan_yahoo},
      {"Yandex", dsn_only, refine_yandex},
      {"Zoho", scan_zoho},
      {"mFILTER", scan_mfilter},
      {"TrendMicro", scan_interscanmss},  // Sisimai 4's InterScanMSS
      {"qmail", scan_qmail},
      {"MXLogic", scan_mxlogic},  // loose header test (any "Mail Delivery System")
      {"X4", scan_x4},
  };
  return kScanners;
}

}  // namespace smtp_explain
