// What sits over the map: attribution and scale bar (bottom right), the legend above them,
// the demonstration badge (bottom left), and the tooltip of whatever is under the pointer.
// Drawn from a const MapState, in the foreground draw list.
#pragma once

#include "map_state.h"
#include "map_view.h"
#include "ui_strings.h"

namespace app {

void drawOverlays(const core::MapState& state, const Strings& strings, float width, float height);

// The tooltip and the hand cursor for what the pointer is over.
void drawTooltip(const core::MapState& state, const Strings& strings, const MapHits& hits);

}  // namespace app
