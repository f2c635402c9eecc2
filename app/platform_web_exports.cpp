// The page's way into either browser engine (platform_web.h): the functions web/bridge.js
// calls through Module.ccall, and the two callbacks it gives the module.
#include <emscripten.h>

#include <string>
#include <utility>

#include "platform_web.h"

namespace app::web {

namespace {

struct Exports {
  Engine engine;
  std::string reply;  // last string handed to JavaScript; valid until the next call
};

Exports& exports() {
  static Exports e;
  return e;
}

}  // namespace

EM_JS(void, js_first_frame_drawn, (), {
  if (Module.onFirstFrame) Module.onFirstFrame();
});

EM_JS(void, js_frame_drawn, (), {
  Module.framesDrawn = (Module.framesDrawn || 0) + 1;
});

EM_JS(void, js_push, (const char* snapshot), {
  if (Module.onSnapshot) Module.onSnapshot(UTF8ToString(snapshot));
});

void serve(Engine engine) { exports().engine = std::move(engine); }
void firstFrameDrawn() { js_first_frame_drawn(); }
void frameDrawn() { js_frame_drawn(); }
void push(const std::string& snapshot) { js_push(snapshot.c_str()); }

}  // namespace app::web

extern "C" {

// kind 0: regions, 1: catalyseurs, 2: context layers, 3: places; the file's bytes → the
// load report.
EMSCRIPTEN_KEEPALIVE const char* catalyseurs_load(int kind, const char* data, int length) {
  auto& e = app::web::exports();
  static constexpr core::DataKind kKinds[] = {core::DataKind::Regions, core::DataKind::Catalyseurs,
                                              core::DataKind::Context, core::DataKind::Places};
  if (kind < 0 || kind > 3) kind = 1;
  if (!e.engine.load)
    e.reply = R"({"accepted":0,"rejected":0,"unreported":0,"fatal":"le moteur de la carte n’a pas démarré","issues":[],"snapshot":null})";
  else
    e.reply = e.engine.load(kKinds[kind], std::string_view(data, static_cast<std::size_t>(length < 0 ? 0 : length)));
  return e.reply.c_str();
}

// One JSON request → its JSON reply (app/bridge.h).
EMSCRIPTEN_KEEPALIVE const char* catalyseurs_call(const char* request) {
  auto& e = app::web::exports();
  if (!e.engine.call)
    e.reply = R"({"ok":false,"error":"le moteur de la carte n’a pas démarré","snapshot":null})";
  else
    e.reply = e.engine.call(request ? request : "");
  return e.reply.c_str();
}

// The canvas' WebGL context came back after a loss (webglcontextrestored).
EMSCRIPTEN_KEEPALIVE void catalyseurs_graphics_restored() {
  if (auto& e = app::web::exports(); e.engine.graphics_restored) e.engine.graphics_restored();
}

// The map area's CSS size, from the page's layout.
EMSCRIPTEN_KEEPALIVE void catalyseurs_resize(int css_width, int css_height) {
  if (auto& e = app::web::exports(); e.engine.resize) e.engine.resize(css_width, css_height);
}

}  // extern "C"
