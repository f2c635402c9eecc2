// MapState: the list as the page shows it (in view or not, by distance from a place or not),
// and the places the search knows.
#include <algorithm>
#include <cmath>
#include <limits>

#include "geodesy.h"
#include "map_state.h"

namespace core {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// The map around a place shows the nearest catalyseurs: the third nearest fits in, with room.
constexpr double kAroundNearest = 3;
constexpr double kAroundRoom = 2.2;
constexpr double kAroundMinKm = 20;   // a town and its surroundings
constexpr double kAroundMaxKm = 600;  // about the mainland's width

}  // namespace

Changes MapState::loadPlaces(std::string_view csv, LoadReport& report) {
  std::string error;
  if (!places_.readCommunes(csv, error)) {
    report.fatal = error;
    return {};
  }
  report.accepted = places_.communes().size();
  place_matches_ = places_.find(query_);
  gatherLabels();
  return Change::Places | Change::Drawing;
}

Changes MapState::loadContext(std::string_view json, LoadReport& report) {
  auto loaded = core::loadContext(json);
  report.accepted = loaded.items.size();
  report.issues = std::move(loaded.issues);
  report.fatal = std::move(loaded.fatal);
  context_shapes_ = std::move(loaded.items);
  places_.clearDepartements();
  for (const ContextShape& c : context_shapes_)
    if (c.kind == ContextShape::Kind::Departement && c.label)
      places_.addDepartement(c.shape.code, c.shape.nom, {c.label->x, c.label->y});
  place_matches_ = places_.find(query_);
  placeContext();
  return Change::Places | Change::Drawing;
}

void MapState::placeContext() {
  // Every new scene is followed by its context placed again: one count covers both.
  context_ = scene_ ? buildContext(projector_, scene_->layout, context_shapes_) : SceneContext{};
  ++shapes_version_;
  gatherLabels();
}

void MapState::refreshList() {
  listed_.clear();
  if (list_in_view_ && scene_) {
    const Bounds view = camera_.visibleBounds();
    for (std::uint32_t index : matching_) {
      const std::uint32_t m = marker_of_[index];
      if (m != kNone && view.contains(scene_->markers[m].plane)) listed_.push_back(index);
    }
  } else {
    listed_ = matching_;
  }
  if (origin_) {
    // Nearest first; an entry with no distance (NaN) after every other.
    std::stable_sort(listed_.begin(), listed_.end(), [&](std::uint32_t a, std::uint32_t b) {
      const double da = distance_[a], db = distance_[b];
      return std::isnan(db) ? !std::isnan(da) : da < db;
    });
  }
}

double MapState::distance(std::uint32_t catalyseur) const {
  return origin_ && catalyseur < distance_.size() ? distance_[catalyseur] : std::nan("");
}

Changes MapState::around(std::size_t place_match) {
  if (place_match >= place_matches_.size()) return Changes::refused();
  const Place place = *place_matches_[place_match];  // a copy: clearing the search drops the matches
  Changes changes;
  if (!query_.empty()) {
    query_.clear();
    refreshMatching();
    changes |= Change::Filters;
  }
  changes |= around(place.at);
  origin_->nom = place.nom;
  origin_->departement = place.departement;
  return changes;
}

Changes MapState::around(LonLat at) {
  if (!std::isfinite(at.lon) || !std::isfinite(at.lat) || std::abs(at.lat) > 90) return Changes::refused();
  origin_ = Origin{at, {}, {}};
  distance_.assign(catalyseurs_.size(), std::nan(""));
  for (std::uint32_t i = 0; i < catalyseurs_.size(); ++i)
    distance_[i] = geodesicDistance(at, {catalyseurs_[i].lon, catalyseurs_[i].lat});
  refreshList();
  Changes changes = Change::List;
  double width_km = kAroundMinKm;
  if (!listed_.empty()) {
    const auto k = static_cast<std::size_t>(std::min<double>(kAroundNearest, static_cast<double>(listed_.size()))) - 1;
    const double d = distance_[listed_[k]];
    if (std::isfinite(d)) width_km = std::clamp(kAroundRoom * d / 1000, kAroundMinKm, kAroundMaxKm);
  }
  // Outside every French territory (a visitor abroad) the list still sorts; the map stays.
  const Changes moved = centerOn(at, width_km);
  if (!moved.isRefused()) changes |= moved;
  return changes;
}

Changes MapState::clearAround() {
  if (!origin_) return {};
  origin_.reset();
  distance_.clear();
  refreshList();
  return Change::List;
}

Changes MapState::setListInView(bool on) {
  if (on == list_in_view_) return {};
  list_in_view_ = on;
  refreshList();
  return Change::List;
}

}  // namespace core
