// Specific MTA families, group a (Activehunter .. KDDI in Sisimai's module order).
// Add a family: declare its scan function here and add one table line.
// Each family is a port of the Sisimai Lhost module of the same name (BSD
// 2-clause, third_party/sisimai/LICENSE); see the comment atop its file.
#include "formats.h"

namespace smtp_explain {

bool scan_activehunter(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_amazonses(const Message& msg, std::vector<FoundRecipient>* out);
void refine_amazonses(const Message& msg, std::vector<FoundRecipient>* found);
void refine_amazonworkmail(const Message& msg, std::vector<FoundRecipient>* found);
bool scan_exchange2007(const Message& msg, std::vector<FoundRecipient>* out);
void refine_exchange2007(const Message& msg, std::vector<FoundRecipient>* found);
bool scan_apachejames(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_biglobe(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_domino(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_exchange2003(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_fml(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_gmail(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_googlegroups(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_imailserver(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_dragonfly(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_exim(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_ezweb(const Message& msg, std::vector<FoundRecipient>* out);
bool scan_kddi(const Message& msg, std::vector<FoundRecipient>* out);
void refine_amavis(const Message& msg, std::vector<FoundRecipient>* found);
void refine_aol(const Message& msg, std::vector<FoundRecipient>* found);
void refine_barracuda(const Message& msg, std::vector<FoundRecipient>* found);
void refine_bigfoot(const Message& msg, std::vector<FoundRecipient>* found);
void refine_courier(const Message& msg, std::vector<FoundRecipient>* found);
bool scan_einsundeins(const Message& msg, std::vector<FoundRecipient>* out);
void refine_facebook(const Message& msg, std::vector<FoundRecipient>* found);
bool scan_gmx(const Message& msg, std::vector<FoundRecipient>* out);
void refine_gsuite(const Message& msg, std::vector<FoundRecipient>* found);

namespace {

// For families whose bounces always carry a delivery-status part: only the
// refiner has work to do.
bool no_scan(const Message&, std::vector<FoundRecipient>*) {
  return false;
}

}  // namespace

const std::vector<FormatScanner>& family_scanners_a() {
  // Header checks decide; the order only matters where two families could
  // claim one message (EZweb before KDDI: both know au.com Received headers;
  // EinsUndEins and GMX before Exim, whose body text they share).
  static const std::vector<FormatScanner> kScanners = {
      {"Activehunter", scan_activehunter},
      {"Amavis", no_scan, refine_amavis},
      {"AmazonSES", scan_amazonses, refine_amazonses},
      {"AmazonWorkMail", no_scan, refine_amazonworkmail},
      {"Aol", no_scan, refine_aol},
      {"ApacheJames", scan_apachejames},
      {"Barracuda", no_scan, refine_barracuda},
      {"Bigfoot", no_scan, refine_bigfoot},
      {"Biglobe", scan_biglobe},
      {"Courier", no_scan, refine_courier},
      {"Domino", scan_domino},
      {"DragonFly", scan_dragonfly},
      {"EZweb", scan_ezweb},
      {"EinsUndEins", scan_einsundeins},  // before Exim: its text is Exim-like
      {"Exchange2003", scan_exchange2003},
      {"Exchange2007", scan_exchange2007, refine_exchange2007},
      {"GMX", scan_gmx},  // before Exim: same text, but X-GMX-Antispam decides
      {"Exim", scan_exim},
      {"FML", scan_fml},
      {"Facebook", no_scan, refine_facebook},
      {"GoogleGroups", scan_googlegroups},  // before Gmail: same sender, more specific
      {"Gmail", scan_gmail},
      {"GSuite", no_scan, refine_gsuite},
      {"IMailServer", scan_imailserver},
      {"KDDI", scan_kddi},
  };
  return kScanners;
}

}  // namespace smtp_explain
