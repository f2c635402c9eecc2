// The page's one way in and out of the map, as JSON text: the page sends one request per user
// action and gets back what it asked for with a snapshot of everything that changed; changes
// the map makes on its own (a click, a drag, a key) go out as one snapshot per frame. No
// Emscripten here: platform_web.cpp only carries the text across, and the bridge is tested
// natively.
//
// Requests, each {"type": …}:
//   setFilters {filters: {metiers, thematiques, structure, region}} → {rejected: [values]}
//   search {q} · reset · showMore · select {id} ('' closes) · hover {id} ('' clears)
//   zoom {factor} · home · zoomToTerritory {slug} · setView {x, y, scale} · setRegional {on}
//   chrome {boxes: [{left, top, right, bottom}], card}: the page's own controls over the map, in
//     CSS pixels from its top-left, sent whenever they move; the overlays and the overview keep
//     clear of them (core/overlay_layout.h); `card`, where the card goes when it opens, is kept
//     clear of a selected marker
//   legend {open}: opens or closes the legend collapsed into its toggle
//   strings {json, lang}
//   restore {filters, q, regional, view: {x, y, scale}, id}: the URL's state in one go
//     → {rejected: [filter values], refused: ["view", "id"]}
//   state {ids, layout} → {state}, with matchingIds when ids, and when layout the boxes of what
//     covers the map: layout {overlays, chrome: [boxes], insets: [{territory, box}]}
//   project {lon, lat} → {result} · screenPosition {id} → {result}
//   export {format: "csv" | "geojson"} → {text}
//   centerOn {lon, lat, widthKm}: the map on a place, about that wide · labels → {labels:
//     [{text, kind, x, y, w, h}]}: every name drawn, kind pays, region, departement, commune
//     or territoire
//   around {place}: the list by distance from the place-th of `places`; around {lon, lat}:
//     from a position (« Autour de moi ») · clearAround · listInView {on}
// Every reply is {ok, …, snapshot}; ok is false for a refused or unreadable request.
//
// A snapshot is {changes: [names], total, matching, visible, selected, hovered, filters, q,
// regional, view: {x, y, scale, width, height}, count, matchingText} plus, when they changed:
//   facets {group: [{value, count, n, label?}]}   (filters or data)
//   places [{kind, code, label}]: what the search names  (filters, places or data)
//   list {items: [{id, nom, where, distance?}], around, inView, listed, more, moreText}
//        (filters, list or data): `around` names what the list is sorted from, or is null
//   card {id, nom, structure, commune, region, regionName, territoire, metiers,
//         thematiques, description, site, demo} or null  (selection or data)
//   dataset {demo, markers: {métier: {colour, shape}}}  (data)
//   overlays {attribution, scaleBar, legend, legendToggle, badge: {left, top, right, bottom} or
//            null, legendCollapsed, legendOpen}  (overlays or data): where the map's
//            overlays are drawn, so that the page can put a button over the legend's toggle
// Numbers meant to be read (count, matchingText, n, moreText) come formatted, French style.
#pragma once

#include <string>
#include <string_view>

#include "changes.h"
#include "map_state.h"
#include "ui_strings.h"

namespace app {

struct BridgeReply {
  std::string json;
  core::Changes changes;  // what the request changed, for the caller to redraw
};

class Bridge {
 public:
  Bridge(core::MapState& state, Strings& strings) : state_(state), strings_(strings) {}

  BridgeReply call(std::string_view request);
  // A data file's bytes: {accepted, rejected, unreported, fatal, issues: [{index, id, reason}],
  // snapshot}. `issues` describes the first core::kMaxReportedIssues rejected entries;
  // `unreported` counts the others, and `rejected` all of them.
  BridgeReply load(core::DataKind kind, std::string_view bytes);

  // Changes the map made on its own, sent with the next snapshot.
  void note(core::Changes changes) { pending_ |= changes; }
  // The snapshot of what was noted since the last one, or "" when nothing the page shows
  // changed.
  std::string takeSnapshot();

 private:
  core::MapState& state_;
  Strings& strings_;
  core::Changes pending_;
};

}  // namespace app
