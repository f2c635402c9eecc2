// Browser build: the only file that knows about Emscripten. The page's bridge (web/bridge.js)
// hands data files and JSON requests to the exported functions below, and receives the
// snapshots the map pushes; the browser drives frames, and the loop is paused whenever
// nothing changes, so an idle map costs no CPU.
#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten.h>

#include <string>

#include "app.h"
#include "platform.h"

namespace app::platform {

namespace {

struct WebState {
  App* app = nullptr;
  bool paused = false;
  std::string reply;  // last string handed to JavaScript; valid until the next call
};

WebState& state() {
  static WebState s;
  return s;
}

void mainLoop(void*) {
  WebState& s = state();
  if (s.app->frame() == FrameResult::Idle) {
    emscripten_pause_main_loop();
    s.paused = true;
  }
}

// Every SDL event (pointer, keys, touch, resize) passes here as it is queued, so input
// resumes a paused loop.
int wakeOnEvent(void*, SDL_Event*) {
  wake();
  return 0;
}

}  // namespace

EM_JS(void, js_first_frame_drawn, (), {
  if (Module.onFirstFrame) Module.onFirstFrame();
});

EM_JS(void, js_push, (const char* snapshot), {
  if (Module.onSnapshot) Module.onSnapshot(UTF8ToString(snapshot));
});

GlSettings glSettings() { return {3, 0, true, "#version 300 es"}; }
const char* windowTitle() { return nullptr; }  // SDL would overwrite document.title
std::string projDatabaseDir() { return "/proj"; }
std::string fontPath() { return "/assets/inter.otf"; }

void wake() {
  WebState& s = state();
  if (s.paused) {
    s.paused = false;
    emscripten_resume_main_loop();
  }
}

void firstFrameDrawn() { js_first_frame_drawn(); }
void push(const std::string& snapshot) { js_push(snapshot.c_str()); }

void clearFrame(int width, int height, float r, float g, float b) {
  glViewport(0, 0, width, height);
  glClearColor(r, g, b, 1);
  glClear(GL_COLOR_BUFFER_BIT);
}

int run(App& app, int, char**) {
  state().app = &app;
  SDL_AddEventWatch(wakeOnEvent, nullptr);
  emscripten_set_main_loop_arg(mainLoop, nullptr, 0, false);
  return 0;
}

}  // namespace app::platform

// The page's bridge calls these through Module.ccall.
extern "C" {

// kind 0: regions, 1: catalyseurs, 2: context layers, 3: places; the file's bytes → the
// load report.
EMSCRIPTEN_KEEPALIVE const char* catalyseurs_load(int kind, const char* data, int length) {
  auto& s = app::platform::state();
  static constexpr core::DataKind kKinds[] = {core::DataKind::Regions, core::DataKind::Catalyseurs,
                                              core::DataKind::Context, core::DataKind::Places};
  if (kind < 0 || kind > 3) kind = 1;
  s.reply = s.app->load(kKinds[kind], std::string_view(data, static_cast<std::size_t>(length)));
  return s.reply.c_str();
}

// One JSON request → its JSON reply (app/bridge.h).
EMSCRIPTEN_KEEPALIVE const char* catalyseurs_call(const char* request) {
  auto& s = app::platform::state();
  s.reply = s.app->call(request ? request : "");
  return s.reply.c_str();
}

// The canvas' WebGL context came back after a loss (webglcontextrestored).
EMSCRIPTEN_KEEPALIVE void catalyseurs_graphics_restored() { app::platform::state().app->restoreGraphics(); }

// The canvas' CSS size, from the page's layout.
EMSCRIPTEN_KEEPALIVE void catalyseurs_resize(int css_width, int css_height) {
  app::platform::state().app->resize(css_width, css_height);
}

}  // extern "C"
