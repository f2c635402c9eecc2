// The user's input turned into MapState commands: SDL's events (keys, touch, the pointer
// leaving) and what the pointer did over the map widget.
#pragma once

#include <vector>

#include "changes.h"
#include "map_state.h"
#include "map_view.h"

union SDL_Event;

namespace app {

class Input {
 public:
  // `width` and `height` are the window's CSS size, to place normalised touch positions.
  core::Changes handle(const SDL_Event& event, core::MapState& state, float width, float height);
  // Drags, wheel and double clicks, before the map is drawn, so that it shows their effect.
  core::Changes applyGestures(const MapPointer& pointer, core::MapState& state) const;
  // Clicks and hover, once the map is drawn and what lies under the pointer is known.
  core::Changes applyHits(const MapPointer& pointer, const MapHits& hits, core::MapState& state) const;

  bool quit() const { return quit_; }
  // Two fingers are down: the pinch moves the map, not the single-pointer gestures.
  bool pinching() const { return fingers_.size() >= 2; }

 private:
  core::Changes handleKey(int key, core::MapState& state);
  core::Changes handleFinger(const SDL_Event& event, core::MapState& state, float width, float height);

  struct Finger {
    long long id;
    core::Point at;  // CSS pixels
  };
  std::vector<Finger> fingers_;
  bool quit_ = false;
};

}  // namespace app
