// Browser build of the map. The page's bridge (web/bridge.js) hands data files and JSON
// requests to the functions platform_web_exports.cpp exports, which this file points at the
// app, and receives the snapshots the map pushes; the browser drives frames, and the loop is
// paused whenever nothing changes, so an idle map costs no CPU.
#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten.h>

#include <string>

#include "app.h"
#include "platform.h"
#include "platform_web.h"

namespace app::platform {

namespace {

struct WebState {
  App* app = nullptr;
  bool paused = false;
};

WebState& state() {
  static WebState s;
  return s;
}

void mainLoop(void*) {
  WebState& s = state();
  const FrameResult result = s.app->frame();
  if (result == FrameResult::Busy) web::frameDrawn();
  if (result == FrameResult::Idle) {
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

GlSettings glSettings() { return {3, 0, true, "#version 300 es"}; }
const char* windowTitle() { return nullptr; }  // SDL would overwrite document.title
std::string fontPath() { return "/assets/inter.otf"; }

void wake() {
  WebState& s = state();
  if (s.paused) {
    s.paused = false;
    emscripten_resume_main_loop();
  }
}

void firstFrameDrawn() { web::firstFrameDrawn(); }
void push(const std::string& snapshot) { web::push(snapshot); }

void clearFrame(int width, int height, float r, float g, float b) {
  glViewport(0, 0, width, height);
  glClearColor(r, g, b, 1);
  glClear(GL_COLOR_BUFFER_BIT);
}

int run(App& app, int, char**) {
  state().app = &app;
  web::serve({[&app](core::DataKind kind, std::string_view bytes) { return app.load(kind, bytes); },
              [&app](std::string_view request) { return app.call(request); },
              [&app](int width, int height) { app.resize(width, height); },
              [&app] { app.restoreGraphics(); }});
  SDL_AddEventWatch(wakeOnEvent, nullptr);
  emscripten_set_main_loop_arg(mainLoop, nullptr, 0, false);
  return 0;
}

}  // namespace app::platform
