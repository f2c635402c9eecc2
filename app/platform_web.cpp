// Browser build: the only file that knows about Emscripten. The page (web/app.js) fetches
// the data and calls the exported functions below; the browser drives frames, and the loop
// is paused whenever nothing changes, so an idle map costs no CPU.
#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten.h>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
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

EM_JS(void, js_notify, (const char* what), {
  if (Module.onMapEvent) Module.onMapEvent(UTF8ToString(what));
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
void notify(const char* what) { js_notify(what); }

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

EMSCRIPTEN_KEEPALIVE const char* catalyseurs_state(int with_ids) {
  auto& s = app::platform::state();
  s.reply = s.app->stateJson(with_ids != 0);
  return s.reply.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* catalyseurs_ids(int offset, int limit) {
  auto& s = app::platform::state();
  s.reply = s.app->idsJson(static_cast<std::size_t>(std::max(0, offset)), static_cast<std::size_t>(std::max(0, limit)));
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

EMSCRIPTEN_KEEPALIVE int catalyseurs_load_strings(const char* json, const char* lang) {
  return app::platform::state().app->loadStrings(json, lang) ? 1 : 0;
}

// {metiers:[], thematiques:[], structure:[], region:[]} → the values that were dropped.
EMSCRIPTEN_KEEPALIVE const char* catalyseurs_set_filters(const char* json) {
  auto& s = app::platform::state();
  core::Filters filters;
  std::vector<std::string> rejected;
  rapidjson::Document doc;
  doc.Parse(json);
  if (doc.IsObject()) {
    for (auto [key, target] : {std::pair{"metiers", &filters.metiers}, std::pair{"thematiques", &filters.thematiques},
                               std::pair{"structure", &filters.structure}, std::pair{"region", &filters.region}}) {
      if (!doc.HasMember(key) || !doc[key].IsArray()) continue;
      for (const auto& v : doc[key].GetArray())
        if (v.IsString()) target->push_back(v.GetString());
    }
    rejected = s.app->setFilters(filters);
  }
  s.reply = "[";
  for (std::size_t i = 0; i < rejected.size(); ++i) {
    rapidjson::StringBuffer b;
    rapidjson::Writer<rapidjson::StringBuffer> w(b);
    w.String(rejected[i].c_str());
    s.reply += (i ? "," : "") + std::string(b.GetString());
  }
  s.reply += "]";
  return s.reply.c_str();
}

EMSCRIPTEN_KEEPALIVE void catalyseurs_search(const char* text) { app::platform::state().app->search(text); }
EMSCRIPTEN_KEEPALIVE int catalyseurs_select(const char* id) { return app::platform::state().app->select(id) ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE void catalyseurs_hover(const char* id) { app::platform::state().app->hover(id); }
EMSCRIPTEN_KEEPALIVE void catalyseurs_zoom(double factor) { app::platform::state().app->zoomBy(factor); }
EMSCRIPTEN_KEEPALIVE void catalyseurs_home() { app::platform::state().app->home(); }
EMSCRIPTEN_KEEPALIVE int catalyseurs_zoom_to_territory(const char* slug) {
  return app::platform::state().app->zoomToTerritory(slug) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE int catalyseurs_set_view(double x, double y, double scale) {
  return app::platform::state().app->setView(x, y, scale) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void catalyseurs_set_regional(int on) { app::platform::state().app->setRegionalView(on != 0); }

EMSCRIPTEN_KEEPALIVE const char* catalyseurs_facets() {
  auto& s = app::platform::state();
  s.reply = s.app->facetsJson();
  return s.reply.c_str();
}

}  // extern "C"
