# Debian package with CPack (included after Install.cmake):
#   cpack -G DEB            (in the build directory; configured with prefix /usr)
# gives smtp-explain_VERSION_ARCH.deb with
#  - dependencies from dpkg-shlibdeps, plus adduser for the maintainer scripts;
#  - /etc/smtp-explain/smtp-explain.toml as a conffile;
#  - maintainer scripts (cmake/debian/): the system user smtp-explain created
#    on install and added to the postfix group where it exists, the socket
#    directory /var/spool/postfix/smtp-explain (0750 smtp-explain:postfix), the
#    unit enabled and started as dh_installsystemd would; purge removes the
#    user, its group, the socket directory and the unit's state.
if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(STATUS "cpack -G DEB wants -DCMAKE_INSTALL_PREFIX=/usr (now ${CMAKE_INSTALL_PREFIX})")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME smtp-explain)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "smtp-explain")
set(CPACK_PACKAGE_CONTACT "smtp-explain maintainers <postmaster@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "mail filter that explains SMTP codes in bounces")
set(CPACK_PACKAGE_DESCRIPTION
    "smtp-explain-milter is a milter for Postfix and Sendmail. When a bounce passes through, it\n"
    "finds each failed recipient's SMTP reply code and enhanced status code and adds\n"
    "X-SMTP-Explain header fields that say what the code means, whether the failure is\n"
    "permanent or transient, and how to fix it. smtp-explain explains codes and checks\n"
    "bounce files on the command line.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postfix | mail-transport-agent")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "dovecot-sieve, procmail")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_STRIP_FILES ON)

# conffiles is generated so it names the configured path.
file(WRITE ${CMAKE_BINARY_DIR}/install/debian/conffiles
     "${SMTP_EXPLAIN_CONF_DIR}/smtp-explain.toml\n")
foreach(script postinst prerm postrm)
  configure_file(${CMAKE_SOURCE_DIR}/cmake/debian/${script}
                 ${CMAKE_BINARY_DIR}/install/debian/${script} COPYONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                 GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_BINARY_DIR}/install/debian/conffiles ${CMAKE_BINARY_DIR}/install/debian/postinst
    ${CMAKE_BINARY_DIR}/install/debian/prerm ${CMAKE_BINARY_DIR}/install/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
