// The application: one MapState, drawn each frame by the map view and its overlays, driven by
// the user's input and by the page through the bridge. Platform glue (platform_*.cpp) feeds
// data and drives frames; in the browser the loop sleeps whenever nothing changes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "bridge.h"
#include "input.h"
#include "map_state.h"
#include "map_view.h"
#include "projector.h"
#include "ui_strings.h"
#include "window.h"

namespace app {

enum class FrameResult { Busy, Idle, Quit };

class App {
 public:
  App();
  ~App();

  // Creates the window, the GL context, ImGui and the projector. False on failure, with
  // lastError() saying why.
  bool init();
  const std::string& lastError() const { return last_error_; }

  // The page's requests and data files, through the bridge (bridge.h); the reply as JSON.
  std::string call(std::string_view request);
  std::string load(core::DataKind kind, std::string_view bytes);
  bool loadStrings(std::string_view json, std::string_view lang);

  // Handles pending events and draws if anything changed. Idle means the loop may sleep
  // until the next event.
  FrameResult frame();

  // The canvas' size in CSS pixels changed (browser layout).
  void resize(int css_width, int css_height);

  // The browser gave back a GL context it had taken away: everything the GPU held is gone
  // and is made again; the state was never lost, so the map draws as it was.
  void restoreGraphics();

 private:
  // Draws the next frames; changed() also tells the page, with the next snapshot.
  void redraw(core::Changes changes);
  void changed(core::Changes changes);

  Window window_;
  std::string last_error_;
  std::unique_ptr<core::Projector> projector_;
  std::unique_ptr<core::MapState> state_;
  Strings strings_;
  std::unique_ptr<Bridge> bridge_;
  MapView map_view_;
  Input input_;

  // Frames still to draw: one per change, and one more whenever a frame leaves ImGui
  // unsettled (Window::settled) or shows a new tooltip, which ImGui sizes one frame late.
  int frames_to_draw_ = 1;
  std::string last_tooltip_;
  bool first_data_frame_drawn_ = false;
};

}  // namespace app
