// MapState: the names on the map. Every candidate is gathered once its data is in; they are
// placed again only when the scale changes (labels.h), so that panning moves no name.
#include <algorithm>
#include <cmath>
#include <limits>

#include "map_state.h"
#include "marker_size.h"

namespace core {

namespace {

// Font sizes, CSS pixels: the map's own text is 15.
constexpr double kSizePays = 13, kSizeRegion = 14, kSizeDepartement = 12, kSizeCommune = 12, kSizeCapital = 13;
// A commune's name beside its dot, this far from it (CSS pixels); or, when a marker or a
// bubble sits on the dot, beside that (past the label's padding too: see LabelOptions).
constexpr double kDotGap = 5;
const double kMarkerGap = clusterRadius(30) + 3 + LabelOptions{}.padding;
// A region's or a département's name moves by steps of this much (plus half its height) to
// clear the bubbles around its anchor.
const double kBubbleGap = clusterRadius(100) + 3;

// Scales, CSS pixels per kilometre as seen on screen (the overview of a desktop is about 0.5):
// region names at the national scale, départements' at the regional one, communes by rank
// and population further in.
constexpr double kRegionsUntil = 1.3, kPaysUntil = 8, kDepartementsFrom = 1.3, kDepartementsUntil = 20;
struct CommuneTier {
  Place::Seat seat;
  std::uint32_t population;  // at least, for the tiers without a seat
  double from;               // pixels per kilometre
  std::uint32_t priority;
};
constexpr CommuneTier kCommuneTiers[] = {
    {Place::Seat::Region, 0, 0.35, 3},       {Place::Seat::Departement, 0, 1.0, 4},
    {Place::Seat::Arrondissement, 0, 2.5, 6}, {Place::Seat::None, 50'000, 2.0, 6},
    {Place::Seat::None, 10'000, 5.0, 7},      {Place::Seat::None, 3'000, 12.0, 8},
    {Place::Seat::None, 0, 25.0, 9},
};
// Lower goes first; within a tier, the most populous first.
constexpr std::uint32_t kPriorityTitle = 0, kPriorityRegion = 1, kPriorityPays = 2, kPriorityDepartement = 5;
constexpr std::uint32_t priority(std::uint32_t tier, std::uint32_t population = 0) {
  return tier * 10'000'000 + (9'999'999 - std::min<std::uint32_t>(population, 9'999'999));
}

}  // namespace

Changes MapState::setTextMeasure(TextMeasure measure) {
  if (!measure.width || !(measure.size > 0) || !(measure.height > 0)) return Changes::refused();
  measure_ = std::move(measure);
  gatherLabels();
  return Change::Drawing;
}

void MapState::gatherLabels() {
  label_candidates_.clear();
  label_texts_.clear();
  label_sizes_.clear();
  label_territories_.clear();
  placed_scale_ = 0;
  labels_stale_ = true;
  if (!scene_ || !measure_.width) return;
  // Zone 0 is the mainland, zone i + 1 the i-th inset; thresholds are met on screen, so an
  // inset's, drawn `scale` times larger, are divided by it.
  const auto& insets = scene_->layout.insets();
  auto zoneOf = [&](Territory t) {
    for (std::size_t i = 0; i < insets.size(); ++i)
      if (insets[i].territory == t) return std::pair{static_cast<std::uint8_t>(i + 1), insets[i].scale};
    return std::pair{std::uint8_t{0}, 1.0};
  };
  auto add = [&](LabelKind kind, std::string_view text, double size, Point anchor, Territory t, double from_px_per_km,
                 double until_px_per_km, std::uint32_t prio, bool dot) {
    if (text.empty() || !std::isfinite(anchor.x + anchor.y)) return;
    const auto [zone, zoom] = zoneOf(t);
    LabelCandidate c;
    c.anchor = anchor;
    c.width = measure_.width(text) * size / measure_.size;
    c.height = measure_.height * size / measure_.size;
    const double h = c.height;
    if (dot) {
      // Right of the dot, else left, above, below; then the same beside a marker on the dot.
      const double dx = c.width / 2 + kDotGap, dy = h / 2 + 1;
      const double mx = c.width / 2 + kMarkerGap, my = h / 2 + kMarkerGap;
      c.offsets = {Point{dx, 0}, Point{-dx, 0}, Point{0, -dy}, Point{0, dy},
                   Point{mx, 0}, Point{-mx, 0}, Point{0, -my}, Point{0, my}};
      c.offset_count = 8;
    } else if (kind == LabelKind::Departement) {
      const double a = h / 2 + kBubbleGap, b = c.width / 3;
      c.offsets = {Point{0, 0}, Point{0, -h}, Point{0, h}, Point{0, -a}, Point{0, a}, Point{-b, -a}, Point{b, -a}, Point{b, a}};
      c.offset_count = 8;
    } else if (kind == LabelKind::Region) {
      // A region is large: its name may move well off its centre and still name it.
      const double a = h / 2 + kBubbleGap, b = c.width / 3;
      c.offsets = {Point{0, 0}, Point{0, -a}, Point{0, a}, Point{-b, -a}, Point{b, -a}, Point{-b, a}, Point{b, a}, Point{0, -2 * a}};
      c.offset_count = 8;
    }
    c.min_scale = from_px_per_km / 1000 / zoom;
    c.max_scale = until_px_per_km / 1000 / zoom;
    c.priority = prio;
    c.kind = kind;
    c.zone = zone;
    label_candidates_.push_back(c);
    label_texts_.push_back(text);
    label_sizes_.push_back(size);
    label_territories_.push_back(t);
  };
  for (const SceneRegion& r : scene_->regions)
    if (r.territory == Territory::Metropole)
      add(LabelKind::Region, r.nom, kSizeRegion, r.label, r.territory, 0, kRegionsUntil, priority(kPriorityRegion), false);
  for (const SceneRegion& p : context_.pays)
    add(LabelKind::Pays, p.nom, kSizePays, p.label, p.territory, 0, kPaysUntil, priority(kPriorityPays), false);
  for (const SceneRegion& d : context_.departements)
    add(LabelKind::Departement, d.nom, kSizeDepartement, d.label, d.territory, kDepartementsFrom, kDepartementsUntil,
        priority(kPriorityDepartement), false);
  for (const Place& commune : places_.communes()) {
    const auto territory = territoryAt(commune.at.lon, commune.at.lat);
    if (!territory || !scene_->layout.placed(*territory)) continue;
    const auto plane = scene_->layout.lonLatToPlane(projector_, *territory, commune.at);
    if (!plane) continue;
    for (const CommuneTier& tier : kCommuneTiers) {
      const bool in_tier = tier.seat == Place::Seat::None ? commune.population >= tier.population : tier.seat == commune.seat;
      if (!in_tier) continue;
      add(LabelKind::Commune, commune.nom, commune.seat == Place::Seat::Region ? kSizeCapital : kSizeCommune, *plane,
          *territory, tier.from, 1e300, priority(tier.priority, commune.population), true);
      break;
    }
  }
}

void MapState::placeLabelsNow() const {
  const double scale = camera_.scale();
  std::vector<LabelCandidate>& candidates = frame_candidates_;
  std::vector<std::string_view>& texts = frame_texts_;
  std::vector<double>& sizes = frame_sizes_;
  std::vector<Territory>& territories = frame_territories_;
  candidates.clear();
  texts.clear();
  sizes.clear();
  territories.clear();
  std::vector<KeepOut> keep_out;
  // Each inset is titled by its name, or a short form, in a smaller size if need be; its
  // number is the last resort. The title sits in the gap above the frame, from its left edge.
  const auto& options = scene_->layout.options();
  // A title may reach into the gap beside its frame, short of the next title's padding.
  const LabelOptions label_options;
  const double room_above = options.vertical_gap * scale - 4;
  const double room_beside = options.horizontal_gap * scale - 2 * label_options.padding - 1;
  const auto& insets = scene_->layout.insets();
  for (std::size_t i = 0; i < insets.size() && measure_.width; ++i) {
    const Inset& inset = insets[i];
    keep_out.push_back({inset.frame, static_cast<std::uint8_t>(i + 1)});
    const TerritoryInfo& t = info(inset.territory);
    const std::string_view name = language_ == "en" ? t.name_en : t.name_fr;
    const std::string_view short_name = language_ == "en" ? t.short_en : t.short_fr;
    const std::string_view tiny_name = language_ == "en" ? t.tiny_en : t.tiny_fr;
    const double room = inset.frame.width() * scale + room_beside;
    for (const auto& [text, size] : {std::pair{name, 15.0}, std::pair{short_name, 15.0}, std::pair{short_name, 13.0},
                                     std::pair{short_name, 11.0}, std::pair{tiny_name, 11.0}, std::pair{tiny_name, 10.0},
                                     std::pair{t.short_label, 10.0}}) {
      const double w = measure_.width(text) * size / measure_.size, h = measure_.height * size / measure_.size;
      if (w > room || h > room_above) continue;
      LabelCandidate c;
      c.anchor = {inset.frame.min_x, inset.frame.max_y};
      c.offsets[0] = {w / 2, -h / 2 - 3};
      c.width = w;
      c.height = h;
      c.priority = priority(kPriorityTitle);
      c.kind = LabelKind::Territoire;
      c.zone = 0;  // outside its frame, in the gap above it
      candidates.push_back(c);
      texts.push_back(text);
      sizes.push_back(size);
      territories.push_back(inset.territory);
      break;
    }
  }
  candidates.insert(candidates.end(), label_candidates_.begin(), label_candidates_.end());
  texts.insert(texts.end(), label_texts_.begin(), label_texts_.end());
  sizes.insert(sizes.end(), label_sizes_.begin(), label_sizes_.end());
  territories.insert(territories.end(), label_territories_.begin(), label_territories_.end());
  // The regional view writes its counts where the regions' names would go.
  if (regional_)
    for (auto& c : candidates)
      if (c.kind == LabelKind::Region) c.max_scale = 0;
  // Markers and bubbles are drawn over the names: the names make room for them. Those of the
  // viewport and of one viewport around it, so that a pan that stays there moves no name.
  std::vector<Obstacle> obstacles;
  obstacles_area_ = {};
  if (!regional_ && clusters_.size() > 0) {
    const Bounds view = camera_.visibleBounds();
    obstacles_area_ = view.inflated(std::max(view.width(), view.height()));
    for (const ClusterItem& item : clusters_.query(obstacles_area_, clusters_.levelForScale(scale)))
      obstacles.push_back({item.position, (item.isCluster() ? clusterRadius(item.count) : kMarkerRadius) + 1});
  }
  placed_variants_.clear();
  placed_labels_ = placeLabels(candidates, scale, label_options, keep_out, &placed_variants_, obstacles);
  placed_scale_ = scale;
  placed_regional_ = regional_;
}

void MapState::labelsUncovered() {
  // The names stay placed; which of them are under something is sorted out again.
  labels_center_ = {std::numeric_limits<double>::quiet_NaN(), 0};
}

const std::vector<DrawnLabel>& MapState::labels() const {
  static const std::vector<DrawnLabel> none;
  if (!scene_) return none;
  const bool moved = labels_center_.x != camera_.center().x || labels_center_.y != camera_.center().y ||
                     labels_size_.x != camera_.viewportWidth() || labels_size_.y != camera_.viewportHeight();
  if (!labels_stale_ && !moved && placed_scale_ == camera_.scale() && placed_regional_ == regional_) return labels_;
  const bool beyond_obstacles = !obstacles_area_.empty() && !obstacles_area_.encloses(camera_.visibleBounds());
  if (labels_stale_ || placed_scale_ != camera_.scale() || placed_regional_ != regional_ || beyond_obstacles)
    placeLabelsNow();
  labels_stale_ = false;
  labels_center_ = camera_.center();
  labels_size_ = {camera_.viewportWidth(), camera_.viewportHeight()};
  // Panning only moves the placed names: keep those that reach into the viewport, and are not
  // under what is drawn over the map there (the overlays, the page's controls).
  labels_.clear();
  const Bounds view = Bounds::of(0, 0, camera_.viewportWidth(), camera_.viewportHeight());
  std::vector<Bounds> covers = chrome_;
  for (const auto& overlay : {overlays_.attribution, overlays_.scale_bar, overlays_.legend_collapsed ? std::nullopt : overlays_.legend,
                              overlays_.legend_toggle, overlays_.badge})
    if (overlay) covers.push_back(*overlay);
  for (std::size_t n = 0; n < placed_labels_.size(); ++n) {
    const std::uint32_t k = placed_labels_[n];
    const LabelCandidate& c = frame_candidates_[k];
    const Point at = camera_.planeToScreen(c.anchor);
    const Point offset = c.offsets[placed_variants_[n]];
    const double cx = at.x + offset.x, cy = at.y + offset.y;
    const Bounds box = Bounds::of(cx - c.width / 2, cy - c.height / 2, cx + c.width / 2, cy + c.height / 2);
    const bool covered = std::any_of(covers.begin(), covers.end(), [&](const Bounds& b) { return b.intersects(box); });
    if (box.intersects(view) && !covered)
      labels_.push_back({c.kind, frame_texts_[k], box.min_x, box.min_y, c.width, c.height, frame_sizes_[k],
                         frame_territories_[k], at});
  }
  return labels_;
}

Changes MapState::setLanguage(std::string_view lang) {
  const std::string language = lang == "en" ? "en" : "fr";
  if (language == language_) return {};
  language_ = language;
  labels_stale_ = true;
  return Change::Drawing;
}

}  // namespace core
