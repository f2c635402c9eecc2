// Browser build: the only file that knows about Emscripten. The page (web/app.js) fetches
// the data and calls the exported functions below; the browser drives frames, and the loop
// is paused whenever nothing changes, so an idle map costs no CPU.
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

GlSettings glSettings() { return {3, 0, true, "#version 300 es"}; }
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

// The page's bridge (web/app.js) calls these through Module.ccall.
extern "C" {

EMSCRIPTEN_KEEPALIVE const char* catalyseurs_load(int kind, const char* data, int length) {
  auto& s = app::platform::state();
  const std::string_view json(data, static_cast<std::size_t>(length));
  const app::LoadReport report = kind == 0 ? s.app->loadRegions(json) : s.app->loadCatalyseurs(json);
  s.reply = app::toJson(report);
  app::platform::wake();
  return s.reply.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* catalyseurs_state() {
  auto& s = app::platform::state();
  s.reply = s.app->stateJson();
  return s.reply.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* catalyseurs_project(double lon, double lat) {
  auto& s = app::platform::state();
  s.reply = s.app->projectJson(lon, lat);
  return s.reply.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* catalyseurs_screen_position(const char* id) {
  auto& s = app::platform::state();
  s.reply = s.app->screenPositionJson(id ? id : "");
  return s.reply.c_str();
}

EMSCRIPTEN_KEEPALIVE void catalyseurs_resize(int css_width, int css_height) {
  app::platform::state().app->resize(css_width, css_height);
}

}  // extern "C"
