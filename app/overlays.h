// What sits over the map: attribution and scale bar (bottom right), the legend above them or
// the button it collapses into, the demonstration badge (bottom left), and the tooltip of
// whatever is under the pointer. Where each goes is the state's overlay layout
// (core/overlay_layout.h), from the sizes measured here; drawn in the foreground draw list.
#pragma once

#include "map_state.h"
#include "map_view.h"
#include "ui_strings.h"

namespace app {

// The overlays' sizes in the current font and language, for MapState::setOverlaySizes. Needs
// an ImGui frame.
core::OverlaySizes measureOverlays(const core::MapState& state, const Strings& strings);
void drawOverlays(const core::MapState& state, const Strings& strings);

// The tooltip and the hand cursor for what the pointer is over.
// Returns the tooltip's text, empty when none shows: ImGui sizes a tooltip from its text one
// frame late, so a new text takes one more frame.
std::string drawTooltip(const core::MapState& state, const Strings& strings, const MapHits& hits);

}  // namespace app
