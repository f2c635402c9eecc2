// The JSON the bridge sends to the page, written from a const MapState: the snapshot with its
// sections, the whole state, a load report. Internal to the bridge.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string_view>

#include "changes.h"
#include "map_state.h"
#include "ui_strings.h"

namespace app::json {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void string(Writer& w, std::string_view s);
void key(Writer& w, std::string_view k);

// The fields every snapshot and state carry: total, matching, visible, selected, hovered,
// filters, q, regional, view.
void stateFields(Writer& w, const core::MapState& state);
// {changes, …stateFields, count, and the sections `changes` calls for}.
void snapshot(Writer& w, const core::MapState& state, const Strings& strings, core::Changes changes);
void loadReport(Writer& w, const core::LoadReport& report);
// Every name drawn: [{text, kind, x, y, w, h}], kind as the page says it (pays, region,
// departement, commune, territoire).
void labels(Writer& w, const core::MapState& state);
// Where the overlays are drawn: {attribution, scaleBar, legend, legendToggle, badge:
// {left, top, right, bottom} or null, legendCollapsed, legendOpen}.
void overlays(Writer& w, const core::MapState& state);
// What covers the map, for tests: {overlays, chrome: [boxes], insets: [{territory, box}]},
// the insets' frames where they are drawn now.
void layout(Writer& w, const core::MapState& state);

}  // namespace app::json
