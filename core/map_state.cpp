// MapState: the dataset, filters and selection, and the queries the front end draws from.
// The view's commands are in map_state_view.cpp.
#include "map_state.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "text.h"

namespace core {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

template <class T>
void fillReport(Loaded<T>& loaded, LoadReport& report) {
  report.accepted = loaded.items.size();
  report.issues = std::move(loaded.issues);
  report.unreported = loaded.unreported;
  report.fatal = std::move(loaded.fatal);
}

}  // namespace

MapState::MapState(const Projector& projector, const MapStateOptions& options)
    : projector_(projector), options_(options), list_limit_(options.list_page) {}

MapState::~MapState() = default;

Changes MapState::load(DataKind kind, std::string_view json, LoadReport& report) {
  report = LoadReport{};
  if (kind == DataKind::Places) return loadPlaces(json, report);
  if (kind == DataKind::Context) return loadContext(json, report);
  if (kind == DataKind::Regions) {
    auto loaded = loadRegions(json);
    fillReport(loaded, report);
    regions_ = std::move(loaded.items);
    regions_loaded_ = true;
  } else {
    auto loaded = loadCatalyseurs(json);
    fillReport(loaded, report);
    catalyseurs_ = std::move(loaded.items);
    catalyseurs_loaded_ = true;
    index_of_.clear();
    primary_.clear();
    has_demo_ = false;
    for (std::uint32_t i = 0; i < catalyseurs_.size(); ++i) {
      const Catalyseur& c = catalyseurs_[i];
      index_of_.emplace(c.id, i);
      // Validation guarantees a known first métier; the fallback only keeps this total.
      const auto metier = c.metiers.empty() ? std::nullopt : fromSlug<Metier>(c.metiers.front());
      primary_.push_back(metier.value_or(Metier::Dialogue));
      has_demo_ = has_demo_ || c.demo;
    }
    catalog_ = std::make_unique<Catalog>(catalyseurs_);
    selected_.reset();
    hovered_.reset();
    origin_.reset();
    distance_.clear();
  }
  scene_.reset();
  if (regions_loaded_ && catalyseurs_loaded_) {
    if (auto error = rebuildScene(); error && !report.fatal) report.fatal = std::move(*error);
  }
  refreshMatching();
  Changes changes = Change::Data | Change::Filters | Change::Selection | Change::Hover;
  changes |= relayout();  // the overview's extent is the scene's
  if (scene_ && viewport_known_) fitHome();
  return changes;
}

std::optional<std::string> MapState::rebuildScene() {
  const LayoutOptions layout =
      placement_ == InsetPlacement::South ? LayoutOptions::portrait() : LayoutOptions{};
  auto scene = buildScene(projector_, regions_, catalyseurs_, layout);
  if (!scene) {
    scene_.reset();
    return scene.error().message;
  }
  scene_ = std::move(*scene);
  placeContext();
  marker_of_.assign(catalyseurs_.size(), kNone);
  for (std::uint32_t m = 0; m < scene_->markers.size(); ++m) marker_of_[scene_->markers[m].catalyseur] = m;
  std::unordered_map<std::string_view, std::uint32_t> region_index;
  for (std::uint32_t r = 0; r < scene_->regions.size(); ++r) region_index.emplace(scene_->regions[r].code, r);
  region_of_.assign(catalyseurs_.size(), kNone);
  for (std::uint32_t i = 0; i < catalyseurs_.size(); ++i) {
    const auto it = region_index.find(catalyseurs_[i].region);
    if (it != region_index.end()) region_of_[i] = it->second;
  }
  home_fitted_ = false;
  clusters_ = ClusterIndex();
  cluster_base_scale_ = 0;  // clustered again once the overview's scale is known
  spider_.reset();
  items_stale_ = true;
  return std::nullopt;
}

void MapState::refreshMatching() {
  Selection selection = catalog_ ? catalog_->select(filters_, query_) : Catalog({}).select(filters_, query_);
  matching_ = std::move(selection.matching);
  facets_ = std::move(selection.facets);
  list_limit_ = options_.list_page;
  place_matches_ = places_.find(query_);
  spider_.reset();
  countRegions();
  recountClusters();
  refreshList();
}

void MapState::countRegions() {
  region_counts_.assign(scene_ ? scene_->regions.size() : 0, 0);
  if (scene_)
    for (std::uint32_t index : matching_)
      if (region_of_[index] != kNone) ++region_counts_[region_of_[index]];
  regional_max_ = region_counts_.empty() ? 0 : *std::max_element(region_counts_.begin(), region_counts_.end());
}

void MapState::rebuildClusters() {
  if (!scene_ || cluster_base_scale_ <= 0) {
    clusters_ = ClusterIndex();
  } else {
    // Every marker, whatever the filters: a filter change only recounts the clusters.
    std::vector<ClusterPoint> points;
    points.reserve(scene_->markers.size());
    for (const SceneMarker& m : scene_->markers) points.push_back({m.plane, m.territory, m.catalyseur});
    // The finest level is the deepest the camera can zoom to: points still together there are
    // fanned out by a click rather than zoomed onto in vain.
    ClusterOptions cluster_options;
    cluster_options.max_zoom = static_cast<int>(std::floor(std::log2(options_.max_zoom / options_.min_zoom)));
    clusters_ = ClusterIndex(points, cluster_base_scale_, cluster_options);
  }
  recountClusters();
}

void MapState::recountClusters() {
  clusters_.setMatching(matching_);
  items_stale_ = true;
  labels_stale_ = true;  // the names make room for the markers
}

Changes MapState::setFilters(const Filters& filters, std::vector<std::string>* rejected) {
  const Filters clean = Catalog::sanitize(filters, rejected);
  if (clean == filters_) return {};
  filters_ = clean;
  refreshMatching();
  return Change::Filters;
}

Changes MapState::search(std::string_view text) {
  text = text::firstChars(text, kMaxSearchChars);
  if (text == query_) return {};
  query_ = std::string(text);
  refreshMatching();
  return Change::Filters;
}

Changes MapState::reset() {
  Changes changes = setRegional(false);
  if (!filters_.empty() || !query_.empty()) {
    filters_ = {};
    query_.clear();
    refreshMatching();
    changes |= Change::Filters;
  }
  return changes;
}

Changes MapState::showMore() {
  if (list_limit_ >= listed_.size()) return {};
  list_limit_ += options_.list_page;
  return Change::List;
}

std::span<const std::uint32_t> MapState::listPage() const {
  return {listed_.data(), std::min(listed_.size(), list_limit_)};
}

std::optional<std::uint32_t> MapState::indexOf(std::string_view id) const {
  const auto it = index_of_.find(std::string(id));
  if (it == index_of_.end()) return std::nullopt;
  return it->second;
}

Changes MapState::select(std::optional<std::uint32_t> catalyseur) {
  if (catalyseur && *catalyseur >= catalyseurs_.size()) return Changes::refused();
  if (catalyseur == selected_) return {};
  selected_ = catalyseur;
  Changes changes = Change::Selection;
  // A card opened from the list brings its marker into view, at the same zoom, clear of the
  // card itself, moving the map as little as that takes.
  if (catalyseur && scene_ && marker_of_[*catalyseur] != kNone) {
    const Point s = camera_.planeToScreen(scene_->markers[marker_of_[*catalyseur]].plane);
    const Point target = revealed(s);
    if (target.x != s.x || target.y != s.y) {
      camera_.panBy(target.x - s.x, target.y - s.y);
      changes |= viewMoved();
    }
  }
  return changes;
}

Point MapState::revealed(Point s) const {
  const double m = options_.reveal_margin, w = camera_.viewportWidth(), h = camera_.viewportHeight();
  // A marker out of sight comes to the middle; one in sight stays where it is…
  const bool in_sight = s.x >= m && s.x <= w - m && s.y >= m && s.y <= h - m;
  Point t = in_sight ? s : Point{w / 2, h / 2};
  if (!card_slot_ || !card_slot_->inflated(m / 2).contains(t)) return t;
  // …unless the card is over it: then out of it by the nearest side that stays in sight.
  const Bounds& c = *card_slot_;
  const Point options[] = {{c.min_x - m, t.y}, {c.max_x + m, t.y}, {t.x, c.min_y - m}, {t.x, c.max_y + m}};
  std::optional<Point> best;
  for (const Point& o : options) {
    if (o.x < m || o.x > w - m || o.y < m || o.y > h - m) continue;
    if (!best || std::hypot(o.x - t.x, o.y - t.y) < std::hypot(best->x - t.x, best->y - t.y)) best = o;
  }
  return best.value_or(t);
}

Changes MapState::setCardSlot(std::optional<Bounds> box) {
  if (box && (box->empty() || !std::isfinite(box->min_x + box->min_y + box->max_x + box->max_y))) return Changes::refused();
  card_slot_ = box;
  return {};
}

Changes MapState::selectId(std::string_view id) {
  if (id.empty()) return select(std::nullopt);
  const auto index = indexOf(id);
  return index ? select(index) : Changes::refused();
}

Changes MapState::hover(std::optional<std::uint32_t> catalyseur, HoverSource source) {
  if (catalyseur && *catalyseur >= catalyseurs_.size()) return Changes::refused();
  if (catalyseur == hovered_) return {};
  hovered_ = catalyseur;
  hover_source_ = source;
  return Change::Hover;
}

Changes MapState::hoverId(std::string_view id, HoverSource source) {
  if (id.empty()) return hover(std::nullopt, source);
  const auto index = indexOf(id);
  return index ? hover(index, source) : Changes::refused();
}

Changes MapState::pointerLeft() {
  if (!hovered_ || hover_source_ != HoverSource::Map) return {};
  hovered_.reset();
  return Change::Hover;
}

Changes MapState::setRegional(bool on) {
  if (on == regional_) return {};
  regional_ = on;
  return Change::Regional;
}

std::optional<std::size_t> MapState::regionAt(Point screen) const {
  if (!scene_) return std::nullopt;
  return scene_->regionAt(camera_.screenToPlane(screen));
}

std::optional<Point> MapState::drawnAt(std::uint32_t catalyseur) const {
  if (!scene_ || catalyseur >= marker_of_.size() || marker_of_[catalyseur] == kNone) return std::nullopt;
  for (const auto& d : items())
    if (!d.item.isCluster() && d.item.id == catalyseur) return d.screen;
  return camera_.planeToScreen(scene_->markers[marker_of_[catalyseur]].plane);
}

std::optional<Point> MapState::screenPosition(std::uint32_t catalyseur) const {
  for (const auto& d : items()) {
    if (d.item.isCluster() || d.item.id != catalyseur) continue;
    if (d.screen.x < 0 || d.screen.y < 0 || d.screen.x > camera_.viewportWidth() ||
        d.screen.y > camera_.viewportHeight())
      return std::nullopt;
    return d.screen;
  }
  return std::nullopt;
}

std::size_t MapState::visibleCount() const {
  if (!scene_ || clusters_.size() == 0) return 0;
  std::size_t visible = 0;
  for (const auto& item : clusters_.query(camera_.visibleBounds(), clusters_.levelForScale(camera_.scale())))
    visible += item.count;
  return visible;
}

bool MapState::viewOnMainland() const {
  return scene_ && scene_->layout.fromPlane(camera_.center()).territory == Territory::Metropole;
}

}  // namespace core
