# The core as one static library per stage (milter/core/<stage>/), each with
# the stages it may use declared, so that a lower stage cannot include a
# higher one: a stage's headers are only on the include path of the stages
# that link it.
#
#   base      text primitives, SMTP code validators and scanning, addresses, the Report model
#   mime      header fields, transfer decoding, the MIME walk, the message model and its text views
#   dsn       RFC 3464 / RFC 6533 delivery-status fields
#   reasons   bounce reasons (Sisimai's vocabulary): status table, phrase tables, classifier
#   formats   MTA families (one file each, one registry) and the generic fallback layer
#   catalog   explanations in every language, code comparison, the embedded data files
#   render    the X-SMTP-Explain* header fields (folding, RFC 2047)
#   providers provider-specific rules (conf/providers.toml)
#   pipeline  the stage-by-stage parser, end-of-headers decision, recipients -> Report, Annotator
#
# smtp_explain_add_core(SUFFIX <suffix> EMBEDDED <generated .cc> [COMPILE_OPTIONS ...])
# defines smtp_explain_<stage><suffix> for every stage; the pipeline library
# links all of them. The fuzz build calls it again with its own suffix and flags.

set(SMTP_EXPLAIN_STAGES base mime dsn reasons formats catalog render providers pipeline)
set(SMTP_EXPLAIN_STAGE_DEPS_base "")
set(SMTP_EXPLAIN_STAGE_DEPS_mime base)
set(SMTP_EXPLAIN_STAGE_DEPS_dsn base)
set(SMTP_EXPLAIN_STAGE_DEPS_reasons base)
set(SMTP_EXPLAIN_STAGE_DEPS_formats base mime dsn reasons)
set(SMTP_EXPLAIN_STAGE_DEPS_catalog base)
set(SMTP_EXPLAIN_STAGE_DEPS_render base)
set(SMTP_EXPLAIN_STAGE_DEPS_providers base reasons catalog)
set(SMTP_EXPLAIN_STAGE_DEPS_pipeline base mime dsn reasons formats catalog render providers)

function(smtp_explain_add_core)
  cmake_parse_arguments(ARG "" "SUFFIX;EMBEDDED" "COMPILE_OPTIONS" ${ARGN})
  set(core_dir ${CMAKE_SOURCE_DIR}/milter/core)
  foreach(stage ${SMTP_EXPLAIN_STAGES})
    set(target smtp_explain_${stage}${ARG_SUFFIX})
    file(GLOB sources CONFIGURE_DEPENDS ${core_dir}/${stage}/*.cc)
    if(stage STREQUAL "catalog")
      list(APPEND sources ${ARG_EMBEDDED})
    endif()
    add_library(${target} STATIC ${sources})
    target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/include ${core_dir}/${stage})
    foreach(dep ${SMTP_EXPLAIN_STAGE_DEPS_${stage}})
      target_link_libraries(${target} PUBLIC smtp_explain_${dep}${ARG_SUFFIX})
    endforeach()
    if(ARG_COMPILE_OPTIONS)
      target_compile_options(${target} PRIVATE ${ARG_COMPILE_OPTIONS})
    endif()
    smtp_explain_set_warnings(${target})
  endforeach()
  target_link_libraries(smtp_explain_catalog${ARG_SUFFIX} PRIVATE tomlplusplus::tomlplusplus
                        nlohmann_json::nlohmann_json)
  target_link_libraries(smtp_explain_formats${ARG_SUFFIX} PRIVATE nlohmann_json::nlohmann_json)
  target_link_libraries(smtp_explain_providers${ARG_SUFFIX} PUBLIC PkgConfig::RE2
                        PRIVATE tomlplusplus::tomlplusplus)
endfunction()
