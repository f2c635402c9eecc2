// The map application: owns the model (dataset, filters, search, selection, scene, clusters,
// camera) and draws the map with Dear ImGui each frame. The page's panel, list and card
// (web/) read this state and act on it through the same methods a click on the map uses;
// platform glue (platform_*.cpp) feeds data and drives frames.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "camera.h"
#include "clusters.h"
#include "geojson.h"
#include "map_view.h"
#include "projector.h"
#include "query.h"
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

// What changed, for the page to refresh its panel, list, card and URL.
enum class Change { Filters, Selection, Hover, View };

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
  // The interface strings (assets/strings.json) and the language to use from them.
  bool loadStrings(std::string_view json, std::string_view lang);

  // Handles pending events and draws if anything changed. Idle means the loop may sleep
  // until the next event.
  FrameResult frame();

  // The canvas' size in CSS pixels changed (browser layout).
  void resize(int css_width, int css_height);

  // Actions, shared by the map's own input and the page.
  // Unknown values are dropped and returned, for the caller to warn about.
  std::vector<std::string> setFilters(const core::Filters& filters);
  void search(std::string_view text);
  // Opens the card of `id`; an empty id closes it. False for an unknown id.
  bool select(std::string_view id);
  void hover(std::string_view id);
  void zoomBy(double factor);
  void home();
  bool zoomToTerritory(std::string_view slug);
  bool setView(double x, double y, double scale_per_km);
  void setRegionalView(bool on);

  // Queries for the page's window.catalyseurs object, as JSON text.
  // `with_ids` adds matchingIds, every matching id in list order (large for big sets).
  std::string stateJson(bool with_ids = true) const;
  // A slice of the matching ids, in list order.
  std::string idsJson(std::size_t offset, std::size_t limit) const;
  std::string facetsJson() const;
  std::string projectJson(double lon, double lat) const;
  std::string screenPositionJson(std::string_view id) const;

  bool firstDataFrameDrawn() const { return first_data_frame_drawn_; }

 private:
  void handleEvent(const SDL_Event& event);
  bool handleKey(const SDL_Event& event);
  void rebuildScene();
  void refreshMatching();
  void rebuildClusters();
  void countRegions();
  void rebuildFontIfScaleChanged();
  void drawUi();
  void drawOverlays(float width, float height);
  void fitHome();
  void activate(const MapDrawable& drawable);
  void changed(Change change);
  void requestFrames(int count = 3);
  std::vector<MapDrawable> drawables() const;
  std::optional<std::uint32_t> indexOf(std::string_view id) const;
  std::string tr(const std::string& key) const;

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
  std::vector<std::uint32_t> marker_of_;  // catalyseur index → scene marker, or UINT32_MAX

  std::unique_ptr<core::Catalog> catalog_;
  core::Filters filters_;
  std::string query_;
  std::vector<std::uint32_t> matching_;  // catalyseur indices, ranked
  core::ClusterIndex clusters_;
  double cluster_base_scale_ = 0;

  std::optional<std::uint32_t> selected_;
  std::optional<std::uint32_t> hovered_;  // from the map or from the page's list
  bool hover_from_map_ = false;
  std::vector<std::uint32_t> region_counts_;  // matching catalyseurs per scene region
  std::uint32_t regional_max_ = 0;            // the largest of them
  // Points sharing one location, fanned out around it after a click on their cluster.
  struct Spider {
    std::uint32_t cluster_id;
    int level;
    core::Point center;
    std::vector<std::uint32_t> leaves;
  };
  std::optional<Spider> spider_;
  bool regional_view_ = false;
  bool keyboard_mode_ = false;  // show the crosshair that Enter acts on

  core::Camera camera_;
  MapView map_view_;
  bool view_initialised_ = false;

  std::unordered_map<std::string, std::string> strings_;

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
