# Embeds data files (catalog, provider rules) into the binary at build time as
# byte arrays, so the programs work with no file on disk. Each file is found by
# its path relative to BASE_DIR, e.g. "catalog/en.toml".
function(smtp_explain_embed output base_dir)
  set(files ${ARGN})
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DBASE_DIR=${base_dir}
            "-DFILES=${files}" -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding data files"
    VERBATIM)
endfunction()
