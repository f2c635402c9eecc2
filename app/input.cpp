#include "input.h"

#include <SDL.h>

#include <algorithm>
#include <string_view>

namespace app {

core::Changes Input::handle(const SDL_Event& event, core::MapState& state, float width, float height) {
  switch (event.type) {
    case SDL_QUIT:
      quit_ = true;
      return {};
    case SDL_WINDOWEVENT:
      if (event.window.event == SDL_WINDOWEVENT_CLOSE) quit_ = true;
      // The pointer left the map: a highlight it made goes with it.
      if (event.window.event == SDL_WINDOWEVENT_LEAVE) return state.pointerLeft();
      return {};
    case SDL_KEYDOWN:
      return handleKey(event.key.keysym.sym, state);
    case SDL_TEXTINPUT: {
      // + and − by the character typed, so that every keyboard layout works (on AZERTY
      // « - » is the 6 key and « + » needs Shift).
      const std::string_view typed = event.text.text;
      if (typed == "+" || typed == "=") return state.key(core::KeyCommand::ZoomIn);
      if (typed == "-") return state.key(core::KeyCommand::ZoomOut);
      return {};
    }
    case SDL_MOUSEMOTION:
      return state.pointerMoved();
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
      return handleFinger(event, state, width, height);
    default:
      return {};
  }
}

core::Changes Input::handleKey(int key, core::MapState& state) {
  using core::KeyCommand;
  switch (key) {
    case SDLK_LEFT: return state.key(KeyCommand::PanLeft);
    case SDLK_RIGHT: return state.key(KeyCommand::PanRight);
    case SDLK_UP: return state.key(KeyCommand::PanUp);
    case SDLK_DOWN: return state.key(KeyCommand::PanDown);
    case SDLK_RETURN:
    case SDLK_KP_ENTER: return state.key(KeyCommand::Activate);
    case SDLK_ESCAPE: return state.key(KeyCommand::Escape);
    default: return {};
  }
}

core::Changes Input::handleFinger(const SDL_Event& event, core::MapState& state, float width, float height) {
  const core::Point at{event.tfinger.x * width, event.tfinger.y * height};
  const long long id = static_cast<long long>(event.tfinger.fingerId);
  auto finger = std::find_if(fingers_.begin(), fingers_.end(), [&](const Finger& f) { return f.id == id; });
  if (event.type == SDL_FINGERUP) {
    if (finger != fingers_.end()) fingers_.erase(finger);
    return {};
  }
  if (finger == fingers_.end()) {
    fingers_.push_back({id, at});
    return {};
  }
  core::Changes changes;
  if (fingers_.size() == 2) {
    const Finger& other = fingers_[finger == fingers_.begin() ? 1 : 0];
    changes = state.pinch(finger->at, other.at, at, other.at);
  }
  finger->at = at;
  return changes;
}

core::Changes Input::applyGestures(const MapPointer& pointer, core::MapState& state) const {
  if (pinching()) return {};
  core::Changes changes;
  if (pointer.drag.x != 0 || pointer.drag.y != 0) changes |= state.panBy(pointer.drag.x, pointer.drag.y);
  if (pointer.wheel != 0) changes |= state.wheel(pointer.position, pointer.wheel);
  if (pointer.double_click) changes |= state.doubleClick(pointer.position);
  return changes;
}

core::Changes Input::applyHits(const MapPointer& pointer, const MapHits& hits, core::MapState& state) const {
  core::Changes changes;
  if (pointer.over) {
    const auto& items = state.items();
    const bool on_marker = hits.item && !items[*hits.item].item.isCluster();
    changes |= state.hover(on_marker ? std::optional(items[*hits.item].item.id) : std::nullopt, core::HoverSource::Map);
  }
  if (!pointer.click || !pointer.over) return changes;
  if (hits.inset_title) return changes | state.zoomToTerritory(*hits.inset_title);
  if (hits.item) {
    const core::MapItem item = state.items()[*hits.item];  // a copy: activating changes the items
    changes |= state.activate(item);
  }
  return changes;
}

}  // namespace app
