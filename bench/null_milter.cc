// null_milter: the protocol's floor for bench/milter_postfix_bench.sh. A plain
// libmilter filter that does nothing: only an end-of-message callback, and
// every other stage (connect, HELO, MAIL, RCPT, DATA, headers, end of headers,
// body, unknown commands) negotiated off, no actions, no macros asked for.
// What Postfix pays for it is what any libmilter milter pays at least.
//   null_milter unix:/path/to/sock | inet:PORT@127.0.0.1
// Stops on SIGTERM/SIGINT (libmilter's handling).
#include <libmilter/mfapi.h>

#include <cstdio>
#include <string>

namespace {

char kName[] = "null-milter";

sfsistat on_negotiate(SMFICTX*, unsigned long, unsigned long steps, unsigned long, unsigned long,
                      unsigned long* want_actions, unsigned long* want_steps,
                      unsigned long* want_f2, unsigned long* want_f3) {
  *want_actions = 0;
  const unsigned long off = SMFIP_NOCONNECT | SMFIP_NOHELO | SMFIP_NOMAIL | SMFIP_NORCPT |
                            SMFIP_NOBODY | SMFIP_NOHDRS | SMFIP_NOEOH | SMFIP_NOUNKNOWN |
                            SMFIP_NODATA;
  *want_steps = steps & off;
  *want_f2 = 0;
  *want_f3 = 0;
  return SMFIS_CONTINUE;
}

sfsistat on_eom(SMFICTX*) {
  return SMFIS_CONTINUE;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: null_milter SOCKET_SPEC\n");
    return 2;
  }
  std::string spec = argv[1];
  smfiDesc desc{};
  desc.xxfi_name = kName;
  desc.xxfi_version = SMFI_VERSION;
  desc.xxfi_flags = 0;
  desc.xxfi_eom = on_eom;
  desc.xxfi_negotiate = on_negotiate;
  if (smfi_setconn(spec.data()) != MI_SUCCESS || smfi_register(desc) != MI_SUCCESS ||
      smfi_opensocket(1) != MI_SUCCESS) {
    std::fprintf(stderr, "null_milter: cannot listen on %s\n", spec.c_str());
    return 1;
  }
  std::fprintf(stderr, "null_milter started on %s\n", spec.c_str());
  return smfi_main() == MI_SUCCESS ? 0 : 1;
}
