// The map application: owns the model (dataset, projector, scene, camera) and draws it
// with Dear ImGui each frame. Platform glue (platform_*.cpp) creates nothing here but
// feeds it data and drives its frames.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "camera.h"
#include "geojson.h"
#include "map_view.h"
#include "projector.h"
#include "scene.h"

struct SDL_Window;
union SDL_Event;

namespace app {

enum class FrameResult { Busy, Idle, Quit };

struct LoadReport {
  std::size_t accepted = 0;
  std::vector<core::FeatureIssue> issues;
  std::optional<std::string> fatal;
};

// {accepted, rejected, fatal, issues: [{index, id, reason}]}, for the page.
std::string toJson(const LoadReport& report);

class App {
 public:
  App();
  ~App();

  // Creates the window, the GL context, ImGui and the projector. False on failure, with
  // lastError() saying why.
  bool init();
  const std::string& lastError() const { return last_error_; }

  // Data arrives as GeoJSON text; the scene is rebuilt once both files are in.
  LoadReport loadRegions(std::string_view json);
  LoadReport loadCatalyseurs(std::string_view json);

  // Handles pending events and draws if anything changed. Idle means the loop may sleep
  // until the next event.
  FrameResult frame();

  // The canvas' size in CSS pixels changed (browser layout).
  void resize(int css_width, int css_height);

  // Queries for the page's window.catalyseurs object, as JSON text.
  std::string stateJson() const;
  std::string projectJson(double lon, double lat) const;
  std::string screenPositionJson(std::string_view id) const;

  bool firstDataFrameDrawn() const { return first_data_frame_drawn_; }

 private:
  void handleEvent(const SDL_Event& event);
  void rebuildScene();
  void rebuildFontIfScaleChanged();
  void drawUi();
  void fitHome();

  SDL_Window* window_ = nullptr;
  void* gl_context_ = nullptr;
  std::string last_error_;
  std::unique_ptr<core::Projector> projector_;

  std::vector<core::RegionShape> regions_;
  std::vector<core::Catalyseur> catalyseurs_;
  bool regions_loaded_ = false;
  bool catalyseurs_loaded_ = false;
  std::optional<core::Scene> scene_;
  core::InsetPlacement placement_ = core::InsetPlacement::West;
  core::Camera camera_;
  MapView map_view_;
  bool view_initialised_ = false;

  // ImGui needs a few frames after an input to settle hover and active states.
  int frames_to_draw_ = 3;
  float font_scale_ = 0;  // device pixel ratio the font atlas was built for
  bool first_data_frame_drawn_ = false;
  bool quit_ = false;

  // Pinch zoom: the two fingers' last positions, in CSS pixels.
  struct Finger {
    long long id;
    float x, y;
  };
  std::vector<Finger> fingers_;
};

}  // namespace app
