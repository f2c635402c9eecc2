#include "app.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "platform.h"

namespace app {

namespace {

constexpr float kFontSize = 15.0f;   // CSS pixels
constexpr double kHomePadding = 24;  // CSS pixels around « Vue d’ensemble »
constexpr double kLegendWidth = 170; // CSS pixels kept free on the right for the legend
constexpr double kKeyPan = 80;       // CSS pixels per arrow key
constexpr double kKeyZoom = 1.6;
constexpr double kFanRadius = 22;    // CSS pixels: markers sharing a location
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Glyphs of the subset font (assets/font-unicodes.txt); ImGui rasterises only these.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x00FF, 0x0152, 0x0153, 0x0178, 0x0178, 0x2013, 0x2014,
    0x2018, 0x2019, 0x201C, 0x201E, 0x2022, 0x2022, 0x2026, 0x2026, 0x202F, 0x202F,
    0x20AC, 0x20AC, 0x2190, 0x2193, 0x2197, 0x2197, 0x2212, 0x2212, 0,
};

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void writeString(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void writeList(JsonWriter& w, const std::vector<std::string>& values) {
  w.StartArray();
  for (const auto& v : values) writeString(w, v);
  w.EndArray();
}

// « 1 000 » with a narrow no-break space, as French typography wants.
std::string frenchNumber(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\xE2\x80\xAF";
    out += digits[i];
  }
  return out;
}

std::string replaceAll(std::string text, std::string_view key, std::string_view value) {
  for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
    text.replace(at, key.size(), value);
  return text;
}

}  // namespace

std::string toJson(const LoadReport& report) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("accepted");
  w.Uint64(report.accepted);
  w.Key("rejected");
  w.Uint64(report.issues.size());
  w.Key("fatal");
  if (report.fatal)
    writeString(w, *report.fatal);
  else
    w.Null();
  w.Key("issues");
  w.StartArray();
  for (const auto& issue : report.issues) {
    w.StartObject();
    w.Key("index");
    w.Uint64(issue.index);
    w.Key("id");
    writeString(w, issue.id);
    w.Key("reason");
    writeString(w, issue.reason);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return buffer.GetString();
}

App::App() = default;

App::~App() {
  if (ImGui::GetCurrentContext()) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  if (gl_context_) SDL_GL_DeleteContext(gl_context_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

bool App::init() {
  try {
    projector_ = std::make_unique<core::Projector>(platform::projDatabaseDir());
  } catch (const core::Exception& e) {
    last_error_ = e.what();
    return false;
  }

  // The canvas owns keyboard focus in the page: keys typed elsewhere are not ours.
  SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    last_error_ = std::string("SDL: ") + SDL_GetError();
    return false;
  }
  const platform::GlSettings gl = platform::glSettings();
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, gl.es ? SDL_GL_CONTEXT_PROFILE_ES : SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, gl.major);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, gl.minor);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
  window_ = SDL_CreateWindow("Carte des catalyseurs territoriaux", SDL_WINDOWPOS_CENTERED,
                             SDL_WINDOWPOS_CENTERED, 1280, 800,
                             SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!window_) {
    last_error_ = std::string("SDL window: ") + SDL_GetError();
    return false;
  }
  gl_context_ = SDL_GL_CreateContext(window_);
  if (!gl_context_) {
    last_error_ = std::string("OpenGL: ") + SDL_GetError();
    return false;
  }
  SDL_GL_MakeCurrent(window_, gl_context_);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing persists between visits
  io.LogFilename = nullptr;
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 6;
  style.WindowBorderSize = 0;
  style.PopupRounding = 6;
  ImGui_ImplSDL2_InitForOpenGL(window_, gl_context_);
  ImGui_ImplOpenGL3_Init(gl.glsl_version);
  rebuildFontIfScaleChanged();
  return true;
}

void App::rebuildFontIfScaleChanged() {
  int w = 0, h = 0, dw = 0, dh = 0;
  SDL_GetWindowSize(window_, &w, &h);
  SDL_GL_GetDrawableSize(window_, &dw, &dh);
  const float scale = w > 0 ? static_cast<float>(dw) / static_cast<float>(w) : 1.0f;
  if (scale <= 0 || std::fabs(scale - font_scale_) < 0.01f) return;
  font_scale_ = scale;
  // Rasterise at device resolution and draw at 1/scale, so text is sharp at every
  // devicePixelRatio and browser zoom.
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  if (!io.Fonts->AddFontFromFileTTF(platform::fontPath().c_str(), kFontSize * scale, &config, kGlyphRanges))
    io.Fonts->AddFontDefault();
  io.FontGlobalScale = 1.0f / scale;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

bool App::loadStrings(std::string_view json, std::string_view lang) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return false;
  const char* language = lang == "en" ? "en" : "fr";
  if (!doc.HasMember(language) || !doc[language].IsObject()) return false;
  strings_.clear();
  for (const auto& m : doc[language].GetObject())
    if (m.value.IsString()) strings_[m.name.GetString()] = m.value.GetString();
  requestFrames();
  return true;
}

std::string App::tr(const std::string& key) const {
  auto it = strings_.find(key);
  return it != strings_.end() ? it->second : key;  // a missing string shows its key, visibly
}

LoadReport App::loadRegions(std::string_view json) {
  auto loaded = core::loadRegions(json);
  LoadReport report{loaded.items.size(), std::move(loaded.issues), std::move(loaded.fatal)};
  regions_ = std::move(loaded.items);
  regions_loaded_ = true;
  rebuildScene();
  return report;
}

LoadReport App::loadCatalyseurs(std::string_view json) {
  auto loaded = core::loadCatalyseurs(json);
  LoadReport report{loaded.items.size(), std::move(loaded.issues), std::move(loaded.fatal)};
  catalyseurs_ = std::move(loaded.items);
  catalyseurs_loaded_ = true;
  catalog_ = std::make_unique<core::Catalog>(catalyseurs_);
  selected_.reset();
  hovered_.reset();
  rebuildScene();
  return report;
}

void App::rebuildScene() {
  if (!regions_loaded_ || !catalyseurs_loaded_) return;
  const core::LayoutOptions options =
      placement_ == core::InsetPlacement::South ? core::LayoutOptions::portrait() : core::LayoutOptions{};
  auto scene = core::buildScene(*projector_, regions_, catalyseurs_, options);
  if (!scene) {
    last_error_ = scene.error().message;
    scene_.reset();
    return;
  }
  scene_ = std::move(*scene);
  marker_of_.assign(catalyseurs_.size(), kNone);
  for (std::uint32_t m = 0; m < scene_->markers.size(); ++m) marker_of_[scene_->markers[m].catalyseur] = m;
  view_initialised_ = false;
  region_counts_.clear();
  cluster_base_scale_ = 0;  // re-clustered once the home view is known
  refreshMatching();
  requestFrames();
}

void App::refreshMatching() {
  if (!catalog_) return;
  matching_ = catalog_->match(filters_, query_);
  region_counts_.clear();  // recounted when the regional view is drawn
  spider_.reset();
  rebuildClusters();
  changed(Change::Filters);
}

void App::countRegions() {
  // Once per filter change, not per frame: a region index per catalyseur, then one pass.
  std::unordered_map<std::string_view, std::size_t> region_index;
  for (std::size_t r = 0; r < scene_->regions.size(); ++r) region_index.emplace(scene_->regions[r].code, r);
  region_counts_.assign(scene_->regions.size(), 0);
  for (std::uint32_t index : matching_) {
    auto it = region_index.find(catalyseurs_[index].region);
    if (it != region_index.end()) ++region_counts_[it->second];
  }
  regional_max_ = region_counts_.empty() ? 0 : *std::max_element(region_counts_.begin(), region_counts_.end());
}

void App::rebuildClusters() {
  if (!scene_ || cluster_base_scale_ <= 0) {
    clusters_ = core::ClusterIndex();
    return;
  }
  std::vector<core::ClusterPoint> points;
  points.reserve(matching_.size());
  for (std::uint32_t index : matching_) {
    const std::uint32_t m = marker_of_[index];
    if (m == kNone) continue;
    points.push_back({scene_->markers[m].plane, scene_->markers[m].territory, index});
  }
  clusters_ = core::ClusterIndex(points, cluster_base_scale_);
}

void App::fitHome() {
  if (!scene_) return;
  camera_.setScaleLimits(0, 1e9);
  // Keep the map clear of the legend and scale bar (bottom right) on landscape screens.
  const bool landscape = camera_.viewportWidth() >= camera_.viewportHeight();
  camera_.fit(scene_->home, kHomePadding, kHomePadding, landscape ? kLegendWidth : kHomePadding, kHomePadding);
  // From the whole of France down to a street: 1/4 of the overview to 400× it.
  const double home_scale = camera_.scale();
  camera_.setScaleLimits(home_scale / 4, home_scale * 400);
  if (std::fabs(cluster_base_scale_ - home_scale / 4) > 1e-12) {
    cluster_base_scale_ = home_scale / 4;
    rebuildClusters();
  }
  spider_.reset();
}

void App::changed(Change change) {
  requestFrames();
  switch (change) {
    case Change::Filters: platform::notify("filter"); break;
    case Change::Selection: platform::notify("select"); break;
    case Change::Hover: platform::notify("hover"); break;
    case Change::View: platform::notify("view"); break;
  }
}

void App::requestFrames(int count) {
  frames_to_draw_ = std::max(frames_to_draw_, count);
  platform::wake();
}

std::vector<std::string> App::setFilters(const core::Filters& filters) {
  std::vector<std::string> rejected;
  const core::Filters clean = core::Catalog::sanitize(filters, &rejected);
  if (!(clean == filters_)) {
    filters_ = clean;
    refreshMatching();
  }
  return rejected;
}

void App::search(std::string_view text) {
  if (text == query_) return;
  query_ = std::string(text);
  refreshMatching();
}

std::optional<std::uint32_t> App::indexOf(std::string_view id) const {
  for (std::uint32_t i = 0; i < catalyseurs_.size(); ++i)
    if (catalyseurs_[i].id == id) return i;
  return std::nullopt;
}

bool App::select(std::string_view id) {
  if (id.empty()) {
    if (selected_) {
      selected_.reset();
      changed(Change::Selection);
    }
    return true;
  }
  const auto index = indexOf(id);
  if (!index) return false;
  selected_ = index;
  // Bring the marker into view when the card opens from the list.
  if (scene_ && marker_of_[*index] != kNone) {
    const core::Point plane = scene_->markers[marker_of_[*index]].plane;
    const core::Point s = camera_.planeToScreen(plane);
    if (s.x < 40 || s.y < 40 || s.x > camera_.viewportWidth() - 40 || s.y > camera_.viewportHeight() - 40)
      camera_.setView(plane, camera_.scale());
  }
  changed(Change::Selection);
  return true;
}

void App::hover(std::string_view id) {
  const auto index = id.empty() ? std::nullopt : indexOf(id);
  if (index != hovered_) {
    hovered_ = index;
    hover_from_map_ = false;
    requestFrames();
  }
}

void App::zoomBy(double factor) {
  camera_.zoomAround({camera_.viewportWidth() / 2, camera_.viewportHeight() / 2}, factor);
  spider_.reset();
  changed(Change::View);
}

void App::home() {
  fitHome();
  changed(Change::View);
}

bool App::zoomToTerritory(std::string_view slug) {
  const auto territory = core::territoryFromSlug(slug);
  if (!territory || !scene_ || !scene_->layout.placed(*territory)) return false;
  camera_.fit(scene_->territoryBounds(*territory), kHomePadding);
  spider_.reset();
  changed(Change::View);
  return true;
}

bool App::setView(double x, double y, double scale_per_km) {
  if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(scale_per_km) || scale_per_km <= 0) return false;
  if (!view_initialised_ && scene_) {
    fitHome();
    view_initialised_ = true;
  }
  camera_.setView({x, y}, scale_per_km / 1000);
  spider_.reset();
  changed(Change::View);
  return true;
}

void App::setRegionalView(bool on) {
  if (on == regional_view_) return;
  regional_view_ = on;
  changed(Change::View);
}

void App::resize(int css_width, int css_height) {
  if (!window_ || css_width <= 0 || css_height <= 0) return;
  SDL_SetWindowSize(window_, css_width, css_height);
  requestFrames();
}

bool App::handleKey(const SDL_Event& event) {
  const SDL_Keycode key = event.key.keysym.sym;
  const core::Point center{camera_.viewportWidth() / 2, camera_.viewportHeight() / 2};
  switch (key) {
    case SDLK_LEFT: camera_.panBy(kKeyPan, 0); break;
    case SDLK_RIGHT: camera_.panBy(-kKeyPan, 0); break;
    case SDLK_UP: camera_.panBy(0, kKeyPan); break;
    case SDLK_DOWN: camera_.panBy(0, -kKeyPan); break;
    case SDLK_RETURN: case SDLK_KP_ENTER: {
      // Enter acts on the marker or cluster under the crosshair.
      const auto items = drawables();
      std::vector<core::Point> screens;
      for (const auto& d : items) screens.push_back(d.screen);
      if (auto hit = core::hitTest(screens, center, 32)) activate(items[*hit]);
      keyboard_mode_ = true;
      return true;
    }
    case SDLK_ESCAPE:
      if (spider_) spider_.reset();
      else select("");
      return true;
    default: return false;
  }
  keyboard_mode_ = true;
  spider_.reset();
  changed(Change::View);
  return true;
}

void App::handleEvent(const SDL_Event& event) {
  ImGui_ImplSDL2_ProcessEvent(&event);
  requestFrames();
  switch (event.type) {
    case SDL_QUIT:
      quit_ = true;
      break;
    case SDL_WINDOWEVENT:
      if (event.window.event == SDL_WINDOWEVENT_CLOSE) quit_ = true;
      // The pointer left the map: a highlight it made goes with it.
      if (event.window.event == SDL_WINDOWEVENT_LEAVE && hovered_ && hover_from_map_) {
        hovered_.reset();
        changed(Change::Hover);
      }
      break;
    case SDL_KEYDOWN:
      if (scene_) handleKey(event);
      break;
    case SDL_TEXTINPUT: {
      // + and − by the character typed, so that every keyboard layout works (on AZERTY
      // « - » is the 6 key and « + » needs Shift).
      const std::string_view typed = event.text.text;
      const core::Point center{camera_.viewportWidth() / 2, camera_.viewportHeight() / 2};
      if (scene_ && (typed == "+" || typed == "=")) camera_.zoomAround(center, kKeyZoom);
      else if (scene_ && typed == "-") camera_.zoomAround(center, 1 / kKeyZoom);
      else break;
      keyboard_mode_ = true;
      spider_.reset();
      changed(Change::View);
      break;
    }
    case SDL_MOUSEMOTION:
      keyboard_mode_ = false;
      break;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
      int w = 0, h = 0;
      SDL_GetWindowSize(window_, &w, &h);
      const float x = event.tfinger.x * static_cast<float>(w);
      const float y = event.tfinger.y * static_cast<float>(h);
      const long long id = static_cast<long long>(event.tfinger.fingerId);
      auto finger = std::find_if(fingers_.begin(), fingers_.end(), [&](const Finger& f) { return f.id == id; });
      if (event.type == SDL_FINGERUP) {
        if (finger != fingers_.end()) fingers_.erase(finger);
        break;
      }
      if (finger == fingers_.end()) {
        fingers_.push_back({id, x, y});
        break;
      }
      if (fingers_.size() == 2) {
        // Pinch: scale by the change of distance around the midpoint, and follow the
        // midpoint so that two fingers can pan too.
        const Finger& other = fingers_[finger == fingers_.begin() ? 1 : 0];
        const float old_d = std::hypot(finger->x - other.x, finger->y - other.y);
        const float new_d = std::hypot(x - other.x, y - other.y);
        const core::Point old_mid{(finger->x + other.x) / 2.0, (finger->y + other.y) / 2.0};
        const core::Point new_mid{(x + other.x) / 2.0, (y + other.y) / 2.0};
        if (old_d > 1 && new_d > 1) camera_.zoomAround(old_mid, new_d / old_d);
        camera_.panBy(new_mid.x - old_mid.x, new_mid.y - old_mid.y);
        spider_.reset();
        changed(Change::View);
      }
      finger->x = x;
      finger->y = y;
      break;
    }
    default:
      break;
  }
}

std::vector<MapDrawable> App::drawables() const {
  std::vector<MapDrawable> out;
  if (!scene_ || clusters_.size() == 0) return out;
  const int level = clusters_.levelForScale(camera_.scale());
  const double margin = 2 * clusterRadius(100000) / camera_.scale();
  const auto items = clusters_.query(camera_.visibleBounds().inflated(margin), level);
  out.reserve(items.size());
  for (const auto& item : items) {
    if (spider_ && item.isCluster() && item.id == spider_->cluster_id && level == spider_->level) {
      const core::Point center = camera_.planeToScreen(spider_->center);
      const auto offsets = core::fanOut(spider_->leaves.size(), kFanRadius);
      for (std::size_t i = 0; i < spider_->leaves.size(); ++i) {
        core::ClusterItem leaf = item;
        leaf.id = spider_->leaves[i];
        leaf.count = 1;
        out.push_back({leaf, {center.x + offsets[i].x, center.y + offsets[i].y}, center});
      }
      continue;
    }
    out.push_back({item, camera_.planeToScreen(item.position), std::nullopt});
  }
  return out;
}

void App::activate(const MapDrawable& drawable) {
  if (!drawable.item.isCluster()) {
    select(catalyseurs_[drawable.item.id].id);
    return;
  }
  const int level = clusters_.levelForScale(camera_.scale());
  if (clusters_.expansionLevel(drawable.item.id) > clusters_.maxZoom()) {
    // Zooming cannot separate points that share a location: fan them out.
    spider_ = Spider{drawable.item.id, level, drawable.item.position, clusters_.leaves(drawable.item.id)};
    requestFrames();
    return;
  }
  camera_.fit(drawable.item.bounds.inflated(1), 60);
  // Always go at least one level deeper, so a click never leaves the cluster whole.
  const int target = std::max(level + 1, clusters_.expansionLevel(drawable.item.id));
  if (camera_.scale() < clusters_.levelScale(target)) camera_.setView(camera_.center(), clusters_.levelScale(target) * 1.01);
  spider_.reset();
  changed(Change::View);
}

FrameResult App::frame() {
  SDL_Event event;
  while (SDL_PollEvent(&event)) handleEvent(event);
  if (quit_) return FrameResult::Quit;
  if (frames_to_draw_ <= 0) return FrameResult::Idle;
  --frames_to_draw_;

  rebuildFontIfScaleChanged();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  drawUi();
  ImGui::Render();

  int dw = 0, dh = 0;
  SDL_GL_GetDrawableSize(window_, &dw, &dh);
  const std::uint32_t sea = map_view_.colors().sea;
  platform::clearFrame(dw, dh, ((sea >> 16) & 0xFF) / 255.0f, ((sea >> 8) & 0xFF) / 255.0f, (sea & 0xFF) / 255.0f);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  SDL_GL_SwapWindow(window_);

  if (scene_ && !first_data_frame_drawn_) {
    first_data_frame_drawn_ = true;
    platform::firstFrameDrawn();
  }
  return FrameResult::Busy;
}

void App::drawUi() {
  const ImGuiIO& io = ImGui::GetIO();
  const ImVec2 display = io.DisplaySize;
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize(display);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
  ImGui::Begin("##map-window", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
  ImGui::PopStyleVar();

  // Portrait screens (phones) get the insets in rows under the mainland, so that the
  // mainland can use the whole width.
  const auto placement = display.y > display.x ? core::InsetPlacement::South : core::InsetPlacement::West;
  if (scene_ && placement != placement_) {
    placement_ = placement;
    rebuildScene();
  }
  if (scene_) {
    camera_.setViewport(display.x, display.y);
    if (!view_initialised_) {
      fitHome();  // not a user's move: the URL keeps no view for it
      view_initialised_ = true;
    }
    const auto items = drawables();
    if (regional_view_ && region_counts_.size() != scene_->regions.size()) countRegions();
    const std::vector<std::uint32_t>& region_counts = region_counts_;
    MapFrame frame;
    frame.scene = &*scene_;
    frame.catalyseurs = &catalyseurs_;
    frame.drawables = &items;
    frame.selected = selected_;
    frame.hovered = hovered_;
    // Where an emphasised catalyseur is: its fanned-out spot, or its own location.
    auto where = [&](std::optional<std::uint32_t> index) -> std::optional<core::Point> {
      if (!index || marker_of_[*index] == kNone) return std::nullopt;
      for (const auto& d : items)
        if (!d.item.isCluster() && d.item.id == *index) return d.screen;
      return camera_.planeToScreen(scene_->markers[marker_of_[*index]].plane);
    };
    frame.selected_at = where(selected_);
    frame.hovered_at = where(hovered_);
    frame.region_counts = regional_view_ ? &region_counts : nullptr;
    frame.crosshair = keyboard_mode_;
    const bool pinching = fingers_.size() >= 2;
    const MapInput input = map_view_.draw(frame, camera_, 0, 0, display.x, display.y, !pinching);
    if (input.moved) {
      spider_.reset();
      changed(Change::View);
    }
    if (input.inset_title_clicked) zoomToTerritory(core::info(*input.inset_title_clicked).slug);
    const std::optional<std::uint32_t> hovered_marker =
        input.hovered && !items[*input.hovered].item.isCluster() ? std::optional(items[*input.hovered].item.id)
                                                                  : std::nullopt;
    if (input.pointer_over_map && hovered_marker != hovered_) {
      hovered_ = hovered_marker;
      hover_from_map_ = true;
      changed(Change::Hover);
    }
    if (input.hovered) {
      ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      const auto& item = items[*input.hovered].item;
      if (item.isCluster()) {
        ImGui::SetTooltip("%s", replaceAll(tr("cluster_tooltip"), "{n}", frenchNumber(item.count)).c_str());
      } else {
        const auto& c = catalyseurs_[item.id];
        const core::RegionInfo* region = core::regionByCode(c.region);
        ImGui::SetTooltip("%s\n%s, %s", c.nom.c_str(), c.commune.c_str(),
                          region ? std::string(region->name_fr).c_str() : c.region.c_str());
      }
    }
    if (input.region) {
      const auto& region = scene_->regions[*input.region];
      ImGui::SetTooltip("%s", replaceAll(replaceAll(tr("region_tooltip"), "{region}", region.nom), "{n}",
                                         frenchNumber(region_counts[*input.region])).c_str());
    }
    if (input.clicked) activate(items[*input.clicked]);
  }
  ImGui::End();
  if (scene_) drawOverlays(display.x, display.y);
}

void App::drawOverlays(float width, float height) {
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  const float line = ImGui::GetTextLineHeight();

  // Bottom right, stacked upwards: attribution, then the scale bar.
  const std::string& attribution = tr("attribution");
  const ImVec2 attribution_size = ImGui::CalcTextSize(attribution.c_str());
  float bottom = height;
  fg->AddRectFilled({width - attribution_size.x - 16, bottom - line - 8}, {width, bottom}, IM_COL32(255, 255, 255, 215));
  fg->AddText({width - attribution_size.x - 10, bottom - line - 5}, IM_COL32(40, 48, 56, 255), attribution.c_str());
  bottom -= line + 12;

  // Scale bar: plane metres are Lambert-93 metres on the mainland only (the insets are
  // scaled), so the bar says so, and it goes away while the view is centred on an inset.
  const bool over_inset = scene_->layout.fromPlane(camera_.center()).territory != core::Territory::Metropole;
  if (!over_inset) {
    const double metres_per_px = 1 / camera_.scale();
    double length = 1;
    for (double candidate = 1; candidate * 1 / metres_per_px <= 120; candidate *= 10)
      for (double step : {1.0, 2.0, 5.0})
        if (candidate * step / metres_per_px <= 120) length = candidate * step;
    const float bar = static_cast<float>(length / metres_per_px);
    const std::string label = (length >= 1000 ? frenchNumber(static_cast<std::uint64_t>(length / 1000)) + "\xC2\xA0km"
                                              : frenchNumber(static_cast<std::uint64_t>(length)) + "\xC2\xA0m") +
                              " " + tr("scale_mainland");
    const ImVec2 label_size = ImGui::CalcTextSize(label.c_str());
    const float box_w = std::max(bar, label_size.x) + 16;
    const ImVec2 box_min{width - box_w - 10, bottom - line - 18};
    fg->AddRectFilled(box_min, {width - 10, bottom}, IM_COL32(255, 255, 255, 215), 4.0f);
    fg->AddText({box_min.x + 8, box_min.y + 2}, IM_COL32(40, 48, 56, 255), label.c_str());
    const float y = bottom - 6;
    const ImU32 ink = IM_COL32(40, 48, 56, 255);
    fg->AddLine({box_min.x + 8, y}, {box_min.x + 8 + bar, y}, ink, 2.0f);
    fg->AddLine({box_min.x + 8, y - 5}, {box_min.x + 8, y}, ink, 2.0f);
    fg->AddLine({box_min.x + 8 + bar, y - 5}, {box_min.x + 8 + bar, y}, ink, 2.0f);
    bottom = box_min.y - 6;
  }

  // Bottom left: the demonstration badge. On a narrow screen it goes above the
  // attribution so that both stay readable.
  float left_bottom = width < 600 ? height - line - 14 : height;
  if (std::any_of(catalyseurs_.begin(), catalyseurs_.end(), [](const core::Catalyseur& c) { return c.demo; })) {
    const std::string& badge = tr("demo_badge");
    const ImVec2 size = ImGui::CalcTextSize(badge.c_str());
    const ImVec2 at{20, left_bottom - size.y - 16};
    const ImVec2 a{at.x - 10, at.y - 5}, b{at.x + size.x + 10, at.y + size.y + 5};
    fg->AddRectFilled(a, b, IM_COL32(255, 243, 205, 245), 12.0f);
    fg->AddRect(a, b, IM_COL32(178, 134, 0, 255), 12.0f);
    fg->AddText(at, IM_COL32(92, 68, 0, 255), badge.c_str());
  }
  if (regional_view_ && regional_max_ > 0) {
    // Count classes of the choropleth: equal steps of a fifth of the largest count.
    const std::string title = tr("regional_view");
    std::vector<std::pair<std::uint32_t, std::string>> rows;  // class, label
    std::uint32_t low = 1;
    for (std::uint32_t cls = 0; cls < 5 && low <= regional_max_; ++cls) {
      std::uint32_t high = low;
      while (high < regional_max_ && choroplethClass(high + 1, regional_max_) == cls) ++high;
      if (choroplethClass(low, regional_max_) != cls) continue;
      rows.emplace_back(cls, low == high ? frenchNumber(low) : frenchNumber(low) + "\xE2\x80\x93" + frenchNumber(high));
      low = high + 1;
    }
    float legend_w = ImGui::CalcTextSize(title.c_str()).x;
    for (const auto& r : rows) legend_w = std::max(legend_w, 22 + ImGui::CalcTextSize(r.second.c_str()).x);
    const float legend_h = line * (1 + static_cast<float>(rows.size())) + 12;
    const ImVec2 a{width - 10 - legend_w - 16, bottom - legend_h}, b{width - 10, bottom};
    fg->AddRectFilled(a, b, IM_COL32(255, 255, 255, 225), 6.0f);
    fg->AddText({a.x + 8, a.y + 5}, IM_COL32(40, 48, 56, 255), title.c_str());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const float row = a.y + 5 + line * static_cast<float>(i + 1);
      const std::uint32_t rgb = kChoroplethRamp[rows[i].first];
      fg->AddRectFilled({a.x + 9, row + 2}, {a.x + 21, row + line - 2},
                        IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, 255));
      fg->AddText({a.x + 26, row}, IM_COL32(40, 48, 56, 255), rows[i].second.c_str());
    }
  } else if (!regional_view_) {
    const std::vector<std::string_view>& metiers = core::metierValues();
    const std::string& title = tr("legend_title");
    float legend_w = ImGui::CalcTextSize(title.c_str()).x;
    for (auto m : metiers)
      legend_w = std::max(legend_w, 22 + ImGui::CalcTextSize(tr("metier_short_" + std::string(m)).c_str()).x);
    // Above the scale bar, bottom right: the sea there is empty in both layouts.
    const float legend_h = line * (1 + static_cast<float>(metiers.size())) + 12;
    const ImVec2 a{width - 10 - legend_w - 16, bottom - legend_h}, b{width - 10, bottom};
    fg->AddRectFilled(a, b, IM_COL32(255, 255, 255, 225), 6.0f);
    fg->AddText({a.x + 8, a.y + 5}, IM_COL32(40, 48, 56, 255), title.c_str());
    for (std::size_t i = 0; i < metiers.size(); ++i) {
      const float row = a.y + 5 + line * static_cast<float>(i + 1);
      const MarkerStyle style = markerStyle(std::string(metiers[i]));
      // The same shapes as the map's markers, drawn by the same function's rules.
      const ImVec2 c{a.x + 15, row + line / 2};
      const ImU32 fill = IM_COL32((style.rgb >> 16) & 0xFF, (style.rgb >> 8) & 0xFF, style.rgb & 0xFF, 255);
      switch (style.shape) {
        case MarkerShape::Circle: fg->AddCircleFilled(c, 5.5f, fill, 16); break;
        case MarkerShape::Square: fg->AddRectFilled({c.x - 4.7f, c.y - 4.7f}, {c.x + 4.7f, c.y + 4.7f}, fill); break;
        case MarkerShape::Triangle: fg->AddTriangleFilled({c.x, c.y - 6}, {c.x + 5.5f, c.y + 4}, {c.x - 5.5f, c.y + 4}, fill); break;
        case MarkerShape::Diamond: {
          const ImVec2 p[4] = {{c.x, c.y - 6.3f}, {c.x + 6.3f, c.y}, {c.x, c.y + 6.3f}, {c.x - 6.3f, c.y}};
          fg->AddConvexPolyFilled(p, 4, fill);
          break;
        }
      }
      fg->AddText({a.x + 26, row}, IM_COL32(40, 48, 56, 255), tr("metier_short_" + std::string(metiers[i])).c_str());
    }
  }
}

std::string App::idsJson(std::size_t offset, std::size_t limit) const {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartArray();
  for (std::size_t k = offset; k < matching_.size() && k < offset + limit; ++k) writeString(w, catalyseurs_[matching_[k]].id);
  w.EndArray();
  return buffer.GetString();
}

std::string App::stateJson(bool with_ids) const {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("total");
  w.Uint64(catalyseurs_.size());
  w.Key("matching");
  w.Uint64(matching_.size());
  if (with_ids) {
    w.Key("matchingIds");
    w.StartArray();
    for (std::uint32_t i : matching_) writeString(w, catalyseurs_[i].id);
    w.EndArray();
  }
  // Catalyseurs whose marker or cluster is in the viewport.
  std::size_t visible = 0;
  if (scene_ && clusters_.size() > 0) {
    const core::Bounds view = camera_.visibleBounds();
    for (const auto& item : clusters_.query(view, clusters_.levelForScale(camera_.scale()))) visible += item.count;
  }
  w.Key("visible");
  w.Uint64(visible);
  w.Key("selected");
  if (selected_)
    writeString(w, catalyseurs_[*selected_].id);
  else
    w.Null();
  w.Key("hovered");
  if (hovered_)
    writeString(w, catalyseurs_[*hovered_].id);
  else
    w.Null();
  w.Key("filters");
  w.StartObject();
  w.Key("metiers");
  writeList(w, filters_.metiers);
  w.Key("thematiques");
  writeList(w, filters_.thematiques);
  w.Key("structure");
  writeList(w, filters_.structure);
  w.Key("region");
  writeList(w, filters_.region);
  w.EndObject();
  w.Key("q");
  writeString(w, query_);
  w.Key("regional");
  w.Bool(regional_view_);
  w.Key("view");
  w.StartObject();
  w.Key("x");
  w.Double(camera_.center().x);
  w.Key("y");
  w.Double(camera_.center().y);
  w.Key("scale");  // CSS pixels per plane kilometre
  w.Double(camera_.scale() * 1000);
  w.Key("width");
  w.Double(camera_.viewportWidth());
  w.Key("height");
  w.Double(camera_.viewportHeight());
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

std::string App::facetsJson() const {
  // Arrays, not objects: region codes look like numbers, and JavaScript would reorder them.
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  if (catalog_) {
    const core::Facets facets = catalog_->facets(filters_, query_);
    for (const auto& [name, counts] : {std::pair{"metiers", &facets.metiers}, std::pair{"thematiques", &facets.thematiques},
                                       std::pair{"structure", &facets.structure}, std::pair{"region", &facets.region}}) {
      w.Key(name);
      w.StartArray();
      for (const auto& fc : *counts) {
        w.StartObject();
        w.Key("value");
        writeString(w, fc.value);
        w.Key("count");
        w.Uint64(fc.count);
        if (std::string_view(name) == "region") {
          w.Key("label");
          const core::RegionInfo* region = core::regionByCode(fc.value);
          writeString(w, region ? region->name_fr : std::string_view(fc.value));
        }
        w.EndObject();
      }
      w.EndArray();
    }
  }
  w.EndObject();
  return buffer.GetString();
}

std::string App::projectJson(double lon, double lat) const {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  const auto territory = core::territoryAt(lon, lat);
  if (!territory) return "null";
  const auto xy = projector_->forward(*territory, {lon, lat});
  if (!xy) return "null";
  w.StartObject();
  w.Key("territory");
  writeString(w, core::info(*territory).slug);
  w.Key("epsg");
  w.Int(core::info(*territory).epsg);
  w.Key("x");
  w.Double(xy->x);
  w.Key("y");
  w.Double(xy->y);
  w.EndObject();
  return buffer.GetString();
}

std::string App::screenPositionJson(std::string_view id) const {
  const auto index = indexOf(id);
  if (!scene_ || !index) return "null";
  // Where the marker is drawn: on its own, or fanned out; inside a cluster it is not drawn.
  for (const auto& d : drawables()) {
    if (d.item.isCluster() || d.item.id != *index) continue;
    if (d.screen.x < 0 || d.screen.y < 0 || d.screen.x > camera_.viewportWidth() || d.screen.y > camera_.viewportHeight())
      return "null";
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("x");
    w.Double(d.screen.x);
    w.Key("y");
    w.Double(d.screen.y);
    w.EndObject();
    return buffer.GetString();
  }
  return "null";
}

}  // namespace app
