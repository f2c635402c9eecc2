#include "app.h"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>

#include "overlays.h"
#include "platform.h"
#include "style.h"

namespace app {

App::App() = default;
App::~App() = default;

bool App::init() {
  try {
    projector_ = std::make_unique<core::Projector>();
  } catch (const core::Exception& e) {
    last_error_ = e.what();
    return false;
  }
  state_ = std::make_unique<core::MapState>(*projector_);
  bridge_ = std::make_unique<Bridge>(*state_, strings_);
  if (!window_.open()) {
    last_error_ = window_.error();
    return false;
  }
  // The map's names are placed by their size in the font the window draws with.
  state_->setTextMeasure({&Window::textWidth, Window::fontSize(), Window::fontSize()});
  return true;
}

void App::redraw(core::Changes changes) {
  if (!changes.any()) return;
  frames_to_draw_ = std::max(frames_to_draw_, 1);
  platform::wake();
}

void App::changed(core::Changes changes) {
  bridge_->note(changes);
  redraw(changes);
}

// The page's own requests: their reply already carries the snapshot of what they changed.
std::string App::call(std::string_view request) {
  BridgeReply reply = bridge_->call(request);
  redraw(reply.changes);
  return std::move(reply.json);
}

std::string App::load(core::DataKind kind, std::string_view bytes) {
  BridgeReply reply = bridge_->load(kind, bytes);
  redraw(reply.changes);
  return std::move(reply.json);
}

bool App::loadStrings(std::string_view json, std::string_view lang) {
  const bool ok = strings_.load(json, lang);
  redraw(state_->setLanguage(strings_.language()) | core::Change::Drawing);
  return ok;
}

void App::resize(int css_width, int css_height) {
  window_.setSize(css_width, css_height);
  // The state learns the size now, not at the next frame: the page's next requests (the
  // data, the address's view) are about this size.
  changed(state_->resize(css_width, css_height) | core::Change::Drawing);
}

void App::restoreGraphics() {
  window_.recreateDeviceObjects();
  map_view_.restoreGraphics();
  redraw(core::Change::Drawing);
}

FrameResult App::frame() {
  core::Changes changes;
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    window_.process(event);
    changes |= input_.handle(event, *state_, window_.width(), window_.height());
    frames_to_draw_ = std::max(frames_to_draw_, 1);  // ImGui's hover and active states follow it
  }
  if (input_.quit()) return FrameResult::Quit;
  changed(changes);
  // Nothing is drawn before the data is in: the page's loading overlay, of the sea's colour,
  // covers the map, and a frame of empty sea would only delay the data by its cost.
  if (!state_->ready()) frames_to_draw_ = 0;
  if (frames_to_draw_ <= 0) return FrameResult::Idle;
  --frames_to_draw_;

  window_.beginFrame();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  // What changes before the map is drawn is shown by this frame: the page hears of it, and
  // no other frame is needed for it. What the drawing itself changes (the hover, a click)
  // takes the next frame.
  core::Changes shown = state_->resize(display.x, display.y);
  // Measured in every frame drawn: the words, the font and the data decide them.
  shown |= state_->setOverlaySizes(measureOverlays(*state_, strings_));
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize(display);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
  ImGui::Begin("##map-window", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
  ImGui::PopStyleVar();
  std::string tooltip;
  changes = {};
  if (state_->ready()) {
    const MapPointer pointer = map_view_.readPointer(display.x, display.y);
    shown |= input_.applyGestures(pointer, *state_);
    const MapHits hits = map_view_.draw(*state_, pointer);
    changes = input_.applyHits(pointer, hits, *state_);
    tooltip = drawTooltip(*state_, strings_, hits);
  }
  ImGui::End();
  if (state_->ready()) drawOverlays(*state_, strings_);
  window_.endFrame(kPalette.sea);
  bridge_->note(shown);
  changed(changes);
  // One change draws one frame; another follows only when this one is not final.
  if (!Window::settled() || tooltip != last_tooltip_) frames_to_draw_ = std::max(frames_to_draw_, 1);
  last_tooltip_ = std::move(tooltip);

  // What the map changed on its own reaches the page once per frame.
  if (const std::string snapshot = bridge_->takeSnapshot(); !snapshot.empty()) platform::push(snapshot);
  if (state_->ready() && !first_data_frame_drawn_) {
    first_data_frame_drawn_ = true;
    platform::firstFrameDrawn();
  }
  return FrameResult::Busy;
}

}  // namespace app
