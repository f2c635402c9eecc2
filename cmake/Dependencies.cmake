# Third-party pieces that are not plain find_package() calls: RapidJSON (header-only,
# from Debian), mapbox's earcut (header-only, from a Debian source tree), Dear ImGui
# (compiled from its Debian source tree), the trimmed proj.db and the subset UI font.

# RapidJSON: only its own directory is exposed, never the whole of /usr/include, so that
# the wasm build cannot pick up native system headers.
find_path(RAPIDJSON_INCLUDE_DIR rapidjson/document.h PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH)
if(NOT RAPIDJSON_INCLUDE_DIR)
  message(FATAL_ERROR "RapidJSON not found (Debian package rapidjson-dev).")
endif()
file(COPY ${RAPIDJSON_INCLUDE_DIR}/rapidjson DESTINATION ${CMAKE_BINARY_DIR}/third_party/include)
add_library(rapidjson INTERFACE)
target_include_directories(rapidjson SYSTEM INTERFACE ${CMAKE_BINARY_DIR}/third_party/include)
target_compile_definitions(rapidjson INTERFACE RAPIDJSON_HAS_STDSTRING=1)

# earcut.hpp, for the core's triangulation; scripts/bootstrap-deps.sh takes it from the
# python-mapbox-earcut source package.
if(NOT CATALYSEURS_EARCUT_DIR OR NOT EXISTS ${CATALYSEURS_EARCUT_DIR}/mapbox/earcut.hpp)
  message(FATAL_ERROR "mapbox/earcut.hpp not found (CATALYSEURS_EARCUT_DIR is "
                      "\"${CATALYSEURS_EARCUT_DIR}\"): run scripts/bootstrap-deps.sh again.")
endif()
add_library(earcut INTERFACE)
target_include_directories(earcut SYSTEM INTERFACE ${CATALYSEURS_EARCUT_DIR})

# Trimmed proj.db: only the CRSs of DESIGN §4, generated from the full database of the
# same PROJ release. The native tests use it too, so they exercise what the web ships.
set(CATALYSEURS_PROJ_DB_DIR ${CMAKE_BINARY_DIR}/proj)
add_custom_command(
  OUTPUT ${CATALYSEURS_PROJ_DB_DIR}/proj.db
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CATALYSEURS_PROJ_DB_DIR}
  COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/trim-proj-db.sh ${CATALYSEURS_FULL_PROJ_DB}
          ${CATALYSEURS_PROJ_DB_DIR}/proj.db
  DEPENDS ${PROJECT_SOURCE_DIR}/scripts/trim-proj-db.sh ${CATALYSEURS_FULL_PROJ_DB}
  COMMENT "Trimming proj.db to the territories' CRSs"
  VERBATIM)
add_custom_target(proj_db DEPENDS ${CATALYSEURS_PROJ_DB_DIR}/proj.db)

# UI font: Inter from Debian's fonts-inter, subset to the glyphs the interface uses.
find_program(DEBIAN_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
set(CATALYSEURS_FONT_SOURCE /usr/share/fonts/opentype/inter/Inter-Regular.otf)
set(CATALYSEURS_FONT ${CMAKE_BINARY_DIR}/assets/inter-subset.otf)
add_custom_command(
  OUTPUT ${CATALYSEURS_FONT}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/assets
  COMMAND ${DEBIAN_PYTHON} -m fontTools.subset ${CATALYSEURS_FONT_SOURCE}
          --unicodes-file=${PROJECT_SOURCE_DIR}/assets/font-unicodes.txt
          --layout-features= --no-hinting --desubroutinize
          --output-file=${CATALYSEURS_FONT}
  DEPENDS ${CATALYSEURS_FONT_SOURCE} ${PROJECT_SOURCE_DIR}/assets/font-unicodes.txt
  COMMENT "Subsetting the Inter font"
  VERBATIM)
add_custom_target(ui_font DEPENDS ${CATALYSEURS_FONT})

# Dear ImGui, compiled from source for both targets, with its SDL2 platform backend; the app
# draws ImGui's output with its own renderer (app/interface_renderer.*).
set(IMGUI ${CATALYSEURS_IMGUI_DIR})
add_library(imgui STATIC
  ${IMGUI}/imgui.cpp ${IMGUI}/imgui_draw.cpp ${IMGUI}/imgui_tables.cpp ${IMGUI}/imgui_widgets.cpp
  ${IMGUI}/backends/imgui_impl_sdl2.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI} ${IMGUI}/backends)
# 32-bit indices: one region or a dense marker layer may exceed 65 535 vertices.
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS ImDrawIdx=unsigned)
if(EMSCRIPTEN)
  target_compile_options(imgui PRIVATE -fwasm-exceptions)
endif()

find_package(SDL2 2.26.5 REQUIRED CONFIG)
if(EMSCRIPTEN)
  if(SDL2_DIR MATCHES "emscripten/cache")
    message(FATAL_ERROR "CMake picked emscripten's own SDL2 port config (${SDL2_DIR}); it cannot build offline.")
  endif()
  set(CATALYSEURS_SDL2 SDL2::SDL2-static)
else()
  set(CATALYSEURS_SDL2 SDL2::SDL2)
  find_package(OpenGL REQUIRED)
endif()
target_link_libraries(imgui PUBLIC ${CATALYSEURS_SDL2})
