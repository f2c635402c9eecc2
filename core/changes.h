// What a command on the map state changed, so that the front end redraws and tells the page
// only what it must: a set of bits, plus whether the command was refused.
#pragma once

#include <cstdint>

namespace core {

enum class Change : std::uint32_t {
  Data = 1u << 0,       // a dataset was loaded and the scene rebuilt
  Filters = 1u << 1,    // filters or search text: matching set, counts, list, clusters
  Selection = 1u << 2,  // the open card
  Hover = 1u << 3,      // the emphasised catalyseur
  View = 1u << 4,       // the camera, moved by the user or a command
  Regional = 1u << 5,   // the regional view was switched on or off
  List = 1u << 6,       // more of the matching list is shown
  Drawing = 1u << 7,    // only the picture: fan-out, crosshair, viewport size
  Overlays = 1u << 8,   // where the overlays go, or the legend opened or closed
  Places = 1u << 9,     // the places the search text names (after the places file arrived)
};

class Changes {
 public:
  constexpr Changes() = default;
  constexpr Changes(Change change) : bits_(static_cast<std::uint32_t>(change)) {}

  // A command that did nothing because its argument was unusable (an unknown id, a view
  // that is not a number…). The caller warns; nothing changed.
  static constexpr Changes refused() {
    Changes c;
    c.refused_ = true;
    return c;
  }

  constexpr bool has(Change change) const { return (bits_ & static_cast<std::uint32_t>(change)) != 0; }
  constexpr bool any() const { return bits_ != 0; }
  constexpr bool isRefused() const { return refused_; }
  constexpr std::uint32_t bits() const { return bits_; }

  constexpr Changes& operator|=(Changes other) {
    bits_ |= other.bits_;
    refused_ = refused_ || other.refused_;
    return *this;
  }
  friend constexpr Changes operator|(Changes a, Changes b) { return a |= b; }
  friend constexpr bool operator==(Changes a, Changes b) = default;

 private:
  std::uint32_t bits_ = 0;
  bool refused_ = false;
};

constexpr Changes operator|(Change a, Change b) { return Changes(a) | Changes(b); }

}  // namespace core
