// What the page's bridge (web/bridge.js) reaches in either browser engine: the map
// (platform_web.cpp, with a window and WebGL) or the core-only engine (platform_web_core.cpp,
// for browsers without WebGL 2). Both serve the same three exported C functions and the same
// JSON protocol (bridge.h), so the page runs unchanged on either; platform_web_exports.cpp
// defines them once.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "map_state.h"

namespace app::web {

struct Engine {
  std::function<std::string(core::DataKind, std::string_view)> load;  // → the load report
  std::function<std::string(std::string_view)> call;                  // request → reply
  std::function<void(int, int)> resize;                                // the map area's CSS size
  std::function<void()> graphics_restored;  // the canvas' WebGL context came back; none without one
};

// From now on the exported functions go to `engine`. Until then they answer that the engine
// did not start (a load report with `fatal`, a reply with ok false), never crash.
void serve(Engine engine);

// Module.onFirstFrame: the data is served (and, for the map, drawn).
void firstFrameDrawn();
// Module.framesDrawn counts the frames the map has drawn, for measurements and tests.
void frameDrawn();
// Module.onSnapshot: what changed without the page asking.
void push(const std::string& snapshot);

}  // namespace app::web
