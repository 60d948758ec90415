# What a Debian user expects beside the program: the manual page nianbao(1), made from the
# program's own help texts after it is linked (packaging/man.cmake), the bash completion, and
# a Debian package (cd build && cpack -G DEB → nianbao_<version>_amd64.deb).

add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/nianbao.1
  COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:nianbao> -DREADME=${CMAKE_SOURCE_DIR}/README.md
          -DOUT=${CMAKE_BINARY_DIR}/nianbao.1 -DVERSION=${PROJECT_VERSION}
          -P ${CMAKE_SOURCE_DIR}/packaging/man.cmake
  DEPENDS nianbao ${CMAKE_SOURCE_DIR}/packaging/man.cmake ${CMAKE_SOURCE_DIR}/README.md
  COMMENT "Writing the manual page nianbao.1 from the help texts" VERBATIM)
add_custom_target(nianbao-man ALL DEPENDS ${CMAKE_BINARY_DIR}/nianbao.1)

install(FILES ${CMAKE_BINARY_DIR}/nianbao.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/nianbao.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME nianbao)

# The Debian package installs under /usr; the program finds its module, schema and templates
# relative to itself, so the same build serves both.
set(CPACK_PACKAGE_NAME nianbao)
set(CPACK_PACKAGE_VENDOR nianbao)
set(CPACK_PACKAGE_CONTACT "nianbao <nianbao@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "政府信息公开工作年度报告：检查数据文件，生成 PDF、网页、Markdown、JSON")
set(CPACK_PACKAGE_DESCRIPTION
    "nianbao keeps a government body's annual report on government information disclosure\n(政府信息公开工作年度报告) as one YAML file, checks it against the national format\n(国办公开办函〔2021〕30号), computes every total and renders md, html, pdf and json.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
# Libraries (Debian 12 names; tests/t_deb.sh checks them against what the program links) and
# the fonts of the PDF (the same list as .ci/setup.sh installs; t_deb.sh checks that too).
set(NB_DEB_LIBRARIES
    "libc6, libgcc-s1, libyaml-0-2, libcmark0.30.2, libhpdf-2.3.0, libharfbuzz0b, libharfbuzz-subset0, libfontconfig1, libfreetype6, libxlsxwriter4, libdeflate0, librsvg2-2, libcairo2, libglib2.0-0, libgdk-pixbuf-2.0-0, libzip4, libxml2")
set(NB_DEB_FONTS
    "fonts-arphic-gbsn00lp, fonts-lxgw-wenkai, fonts-wqy-microhei, fonts-arphic-uming, fonts-arphic-ukai, fonts-wqy-zenhei, fonts-liberation")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${NB_DEB_LIBRARIES}, ${NB_DEB_FONTS}")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "man-db, bash-completion")
set(CPACK_GENERATOR DEB)
include(CPack)
