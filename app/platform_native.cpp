// Desktop build: reads the data files from disk and sleeps in SDL_WaitEvent when idle.
#include <SDL.h>
#include <SDL_opengl.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <rapidjson/document.h>

#include "app.h"
#include "platform.h"

namespace app::platform {

namespace {

bool readFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

// The bridge's load report, as the terminal shows it: the counts, and each rejected entry.
void report(const char* path, const std::string& reply) {
  rapidjson::Document doc;
  doc.Parse(reply.c_str());
  if (!doc.IsObject()) return;
  if (doc["fatal"].IsString()) {
    std::fprintf(stderr, "%s : %s\n", path, doc["fatal"].GetString());
    return;
  }
  std::fprintf(stderr, "%s : %u entrées chargées, %u rejetées\n", path, doc["accepted"].GetUint(),
               doc["rejected"].GetUint());
  for (const auto& issue : doc["issues"].GetArray()) {
    const std::string id = issue["id"].GetString();
    std::fprintf(stderr, "%s : entrée %u%s%s : %s\n", path, issue["index"].GetUint(), id.empty() ? "" : " ",
                 id.c_str(), issue["reason"].GetString());
  }
}

}  // namespace

GlSettings glSettings() { return {3, 2, false, "#version 150"}; }
const char* windowTitle() { return "Carte des catalyseurs territoriaux"; }

std::string fontPath() { return CATALYSEURS_NATIVE_FONT; }

void wake() {}
void firstFrameDrawn() {}
void push(const std::string&) {}

void clearFrame(int width, int height, float r, float g, float b) {
  glViewport(0, 0, width, height);
  glClearColor(r, g, b, 1);
  glClear(GL_COLOR_BUFFER_BIT);
}

int run(App& app, int argc, char** argv) {
  const std::string regions_path = argc > 1 ? argv[1] : CATALYSEURS_GEODATA_DIR "/territoires.geojson";
  const std::string catalyseurs_path = argc > 2 ? argv[2] : CATALYSEURS_GEODATA_DIR "/catalyseurs.geojson";
  std::string text;
  if (readFile(CATALYSEURS_STRINGS, text)) app.loadStrings(text, "fr");
  if (!readFile(regions_path, text)) {
    std::fprintf(stderr, "%s : fichier introuvable\n", regions_path.c_str());
    return 1;
  }
  report(regions_path.c_str(), app.load(core::DataKind::Regions, text));
  if (!readFile(catalyseurs_path, text)) {
    std::fprintf(stderr, "%s : fichier introuvable\n", catalyseurs_path.c_str());
    return 1;
  }
  report(catalyseurs_path.c_str(), app.load(core::DataKind::Catalyseurs, text));
  // The context and the place names, as the page loads them after its first frame.
  for (const auto& [name, kind] : {std::pair{"/contexte.geojson", core::DataKind::Context},
                                   std::pair{"/lieux.csv", core::DataKind::Places}}) {
    const std::string path = std::string(CATALYSEURS_GEODATA_DIR) + name;
    if (readFile(path, text)) report(path.c_str(), app.load(kind, text));
  }

  for (;;) {
    const FrameResult result = app.frame();
    if (result == FrameResult::Quit) return 0;
    if (result == FrameResult::Idle) SDL_WaitEvent(nullptr);  // sleep until the next input
  }
}

}  // namespace app::platform
