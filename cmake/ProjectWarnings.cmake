# Warnings and sanitizers per target, never globally (spdlog/fmt habit).
function(smtp_explain_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                         -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wpedantic)
  if(SMTP_EXPLAIN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(SMTP_EXPLAIN_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
