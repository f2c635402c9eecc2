#include "app.h"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>

#include "platform.h"

namespace app {

namespace {

constexpr float kFontSize = 15.0f;    // CSS pixels
constexpr double kHomePadding = 24;   // CSS pixels around « Vue d’ensemble »
constexpr double kButtonZoom = 1.6;   // one click on + or −

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
  style.FrameRounding = 4;
  style.WindowRounding = 6;
  style.WindowBorderSize = 0;
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
  view_initialised_ = false;
  frames_to_draw_ = 3;
  platform::wake();
}

void App::fitHome() {
  if (!scene_) return;
  camera_.setScaleLimits(0, 1e9);
  camera_.fit(scene_->home, kHomePadding);
  // From the whole of France down to a street: 1/4 of the overview to 400× it.
  const double home_scale = camera_.scale();
  camera_.setScaleLimits(home_scale / 4, home_scale * 400);
}

void App::resize(int css_width, int css_height) {
  if (!window_ || css_width <= 0 || css_height <= 0) return;
  SDL_SetWindowSize(window_, css_width, css_height);
  frames_to_draw_ = 3;
  platform::wake();
}

void App::handleEvent(const SDL_Event& event) {
  ImGui_ImplSDL2_ProcessEvent(&event);
  frames_to_draw_ = 3;
  switch (event.type) {
    case SDL_QUIT:
      quit_ = true;
      break;
    case SDL_WINDOWEVENT:
      if (event.window.event == SDL_WINDOWEVENT_CLOSE) quit_ = true;
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
      }
      finger->x = x;
      finger->y = y;
      break;
    }
    default:
      break;
  }
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
                   ImGuiWindowFlags_NoScrollWithMouse);
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
      fitHome();
      view_initialised_ = true;
    }
    const bool pinching = fingers_.size() >= 2;
    if (map_view_.draw(*scene_, catalyseurs_, camera_, 0, 0, display.x, display.y, !pinching))
      frames_to_draw_ = std::max(frames_to_draw_, 1);
  }
  ImGui::End();

  if (!scene_) return;
  // Zoom controls, top right, as on every web map.
  const float button = 34;
  ImGui::SetNextWindowPos({display.x - 12, 12}, ImGuiCond_Always, {1, 0});
  ImGui::Begin("##zoom", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_AlwaysAutoResize);
  const core::Point center{display.x / 2.0, display.y / 2.0};
  if (ImGui::Button("+##zoom-in", {button, button})) camera_.zoomAround(center, kButtonZoom);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Zoomer");
  if (ImGui::Button("\xe2\x88\x92##zoom-out", {button, button})) camera_.zoomAround(center, 1 / kButtonZoom);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Dézoomer");
  if (ImGui::Button("\xe2\x86\x91##home", {button, button})) fitHome();  // ↑: back to the overview
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Vue d’ensemble");
  ImGui::End();

  // The shipped directory is partly fictitious; say so where everyone looks.
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  if (std::any_of(catalyseurs_.begin(), catalyseurs_.end(), [](const core::Catalyseur& c) { return c.demo; })) {
    const char* badge = "Données de démonstration";
    const ImVec2 badge_size = ImGui::CalcTextSize(badge);
    const ImVec2 badge_at{12 + 10, display.y - badge_size.y - 12 - 6};
    fg->AddRectFilled({badge_at.x - 10, badge_at.y - 6}, {badge_at.x + badge_size.x + 10, badge_at.y + badge_size.y + 6},
                      IM_COL32(255, 243, 205, 245), 12.0f);
    fg->AddRect({badge_at.x - 10, badge_at.y - 6}, {badge_at.x + badge_size.x + 10, badge_at.y + badge_size.y + 6},
                IM_COL32(178, 134, 0, 255), 12.0f);
    fg->AddText(badge_at, IM_COL32(92, 68, 0, 255), badge);
  }

  // Attribution, bottom right.
  const char* attribution = "Fond : Natural Earth ; communes : GeoNames";
  const ImVec2 size = ImGui::CalcTextSize(attribution);
  const ImVec2 at{display.x - size.x - 10, display.y - size.y - 6};
  fg->AddRectFilled({at.x - 6, at.y - 3}, {display.x, display.y}, IM_COL32(255, 255, 255, 210));
  fg->AddText(at, IM_COL32(40, 48, 56, 255), attribution);
}

std::string App::stateJson() const {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("total");
  w.Uint64(catalyseurs_.size());
  std::size_t visible = 0;
  if (scene_) {
    const core::Bounds view = camera_.visibleBounds();
    for (const auto& m : scene_->markers)
      if (view.contains(m.plane)) ++visible;
  }
  w.Key("visible");
  w.Uint64(visible);
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
  if (!scene_) return "null";
  for (const auto& m : scene_->markers) {
    if (catalyseurs_[m.catalyseur].id != id) continue;
    const core::Point s = camera_.planeToScreen(m.plane);
    if (s.x < 0 || s.y < 0 || s.x > camera_.viewportWidth() || s.y > camera_.viewportHeight()) return "null";
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("x");
    w.Double(s.x);
    w.Key("y");
    w.Double(s.y);
    w.EndObject();
    return buffer.GetString();
  }
  return "null";
}

}  // namespace app
