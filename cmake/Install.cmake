# Installation in the usual places of a Debian system (included at the end of
# the top CMakeLists.txt):
#   /usr/bin/smtp-explain, /usr/sbin/smtp-explain-milter
#   /etc/smtp-explain/smtp-explain.toml          every key with its default
#   /usr/share/smtp-explain/{catalog/,providers.toml}
#   /usr/share/doc/smtp-explain/examples/        Postfix, Sendmail, Sieve, procmail
#   /lib/systemd/system/smtp-explain-milter.service
#   /usr/share/man/man{1,5,8}/                   gzipped, as Debian ships them
# The prefix defaults to /usr (this is a system daemon; Debian's layout); give
# -DCMAKE_INSTALL_PREFIX=/usr/local for a local install: configuration then
# goes to /usr/local/etc and the unit to /usr/local/lib/systemd/system, with
# the unit's paths rewritten to match.
if(CMAKE_INSTALL_PREFIX_INITIALIZED_TO_DEFAULT)
  set(CMAKE_INSTALL_PREFIX /usr CACHE PATH "Installation prefix" FORCE)
endif()
include(GNUInstallDirs)
# `cmake --install` and cpack install what is built; they do not build the
# test suite first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(SMTP_EXPLAIN_CONF_DIR "${CMAKE_INSTALL_FULL_SYSCONFDIR}/smtp-explain")
set(SMTP_EXPLAIN_DATA_DIR "${CMAKE_INSTALL_DATADIR}/smtp-explain")
set(SMTP_EXPLAIN_DOC_DIR "${CMAKE_INSTALL_DATADIR}/doc/smtp-explain")
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(SMTP_EXPLAIN_UNIT_DIR /lib/systemd/system)
else()
  set(SMTP_EXPLAIN_UNIT_DIR "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
endif()

install(TARGETS smtp-explain RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET smtp-explain-milter)
  install(TARGETS smtp-explain-milter RUNTIME DESTINATION ${CMAKE_INSTALL_SBINDIR})
endif()

install(FILES ${CMAKE_SOURCE_DIR}/conf/smtp-explain.toml DESTINATION ${SMTP_EXPLAIN_CONF_DIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/conf/catalog DESTINATION ${SMTP_EXPLAIN_DATA_DIR}
        FILES_MATCHING PATTERN "*.toml")
install(FILES ${CMAKE_SOURCE_DIR}/conf/providers.toml DESTINATION ${SMTP_EXPLAIN_DATA_DIR})
install(FILES ${CMAKE_SOURCE_DIR}/conf/sieve/bounces.sieve
              ${CMAKE_SOURCE_DIR}/conf/procmail/bounces.procmailrc
              ${CMAKE_SOURCE_DIR}/conf/postfix-main.cf
              ${CMAKE_SOURCE_DIR}/conf/sendmail/smtp-explain.mc
        DESTINATION ${SMTP_EXPLAIN_DOC_DIR}/examples)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION ${SMTP_EXPLAIN_DOC_DIR})
# The binary carries code ported from Sisimai, whose BSD licence asks that
# binary forms reproduce its notice: /usr/share/doc/smtp-explain/copyright.
file(READ ${CMAKE_SOURCE_DIR}/third_party/sisimai/LICENSE _smtp_explain_sisimai_licence)
file(WRITE ${CMAKE_BINARY_DIR}/install/copyright
     "smtp-explain\n\n"
     "The bounce formats and reason rules of smtp-explain are ported from Sisimai\n"
     "(https://libsisimai.org/), distributed under this licence:\n\n"
     "${_smtp_explain_sisimai_licence}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${CMAKE_SOURCE_DIR}/third_party/sisimai/LICENSE)
install(FILES ${CMAKE_BINARY_DIR}/install/copyright DESTINATION ${SMTP_EXPLAIN_DOC_DIR})

# The unit names /usr/sbin and /etc; other prefixes get their own paths.
file(READ ${CMAKE_SOURCE_DIR}/conf/systemd/smtp-explain-milter.service _smtp_explain_unit)
string(REPLACE "/usr/sbin/" "${CMAKE_INSTALL_FULL_SBINDIR}/" _smtp_explain_unit
       "${_smtp_explain_unit}")
string(REPLACE "/etc/smtp-explain/" "${SMTP_EXPLAIN_CONF_DIR}/" _smtp_explain_unit
       "${_smtp_explain_unit}")
file(WRITE ${CMAKE_BINARY_DIR}/install/smtp-explain-milter.service "${_smtp_explain_unit}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${CMAKE_SOURCE_DIR}/conf/systemd/smtp-explain-milter.service)
install(FILES ${CMAKE_BINARY_DIR}/install/smtp-explain-milter.service
        DESTINATION ${SMTP_EXPLAIN_UNIT_DIR})

# Man pages, compressed as Debian policy asks (gzip -n: reproducible).
find_program(SMTP_EXPLAIN_GZIP gzip REQUIRED)
foreach(page smtp-explain.1 smtp-explain.conf.5 smtp-explain-milter.8)
  string(REGEX MATCH "[0-9]$" section ${page})
  execute_process(COMMAND ${SMTP_EXPLAIN_GZIP} -9 -n -c ${CMAKE_SOURCE_DIR}/conf/man/${page}
                  OUTPUT_FILE ${CMAKE_BINARY_DIR}/install/${page}.gz COMMAND_ERROR_IS_FATAL ANY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
               ${CMAKE_SOURCE_DIR}/conf/man/${page})
  install(FILES ${CMAKE_BINARY_DIR}/install/${page}.gz
          DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()
