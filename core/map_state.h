// The one owner of the map's state: the dataset, filters and search with what derives from
// them, selection and hover, and the view. Every command returns the Changes it made; the
// front end draws from the read-only queries and tells the page what changed. MapState
// never calls the platform: the same sequence of commands gives the same state natively and
// in the browser, which is what its tests rely on.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "camera.h"
#include "categories.h"
#include "changes.h"
#include "clusters.h"
#include "geojson.h"
#include "labels.h"
#include "places.h"
#include "overlay_layout.h"
#include "query.h"
#include "scene.h"

namespace core {

struct MapStateOptions {
  // CSS pixels between « Vue d’ensemble » and the map's edges, the page's controls and the
  // overlays; on small maps 4 % of the shorter side, at least 10.
  double home_padding = 24;
  double key_pan = 80;         // CSS pixels per arrow key
  double key_zoom = 1.6;       // per + or − (keys and buttons)
  double wheel_zoom = 1.4;     // per wheel notch: France crossed in a few turns, no overshoot
  double double_click_zoom = 2;
  double fan_radius = 22;      // CSS pixels: markers sharing a location, fanned out
  double crosshair_reach = 32; // CSS pixels: what Enter acts on around the crosshair
  double reveal_margin = 40;   // a card opened from the list brings its marker this far inside
  double cluster_padding = 60; // CSS pixels around a cluster zoomed onto
  // Items are looked up this far outside the viewport (CSS pixels), so that a marker or a
  // bubble straddling the edge is drawn.
  double item_margin = 52;
  // Zoom range, relative to the overview: from a quarter of it down to a street.
  double min_zoom = 0.25;
  double max_zoom = 400;
  std::size_t list_page = 200;  // list entries shown at once, and per « Afficher plus »
};

// One thing drawn on the map: a catalyseur's marker (item.count == 1, item.id = its index in
// the dataset) or a cluster (item.id = cluster id).
struct MapItem {
  ClusterItem item;
  Point screen;                   // centre, CSS pixels from the map's top-left
  std::optional<Point> leg_from;  // a fanned-out marker's line back to its location
};

// How a dataset file went: what was kept, what was rejected and why.
struct LoadReport {
  std::size_t accepted = 0;
  std::vector<FeatureIssue> issues;  // the first kMaxReportedIssues rejected entries
  std::size_t unreported = 0;        // rejected entries beyond those
  std::optional<std::string> fatal;
};

// The two files the map needs, then the two the page loads after the first frame: the
// context layers (contexte.geojson) and the places (lieux.csv), for the place names and the
// place search.
enum class DataKind { Regions, Catalyseurs, Context, Places };

// Where the list is sorted from: a place the search named, or the user's own position.
struct Origin {
  LonLat at;
  std::string nom;          // « Quimper », or empty for the user's position
  std::string departement;  // the place's département, for « Quimper (29) »
};

// Longest search text, in characters: a name and a town with room to spare. Every catalyseur
// is matched against it on each keystroke, so a pasted book must not reach the search.
constexpr std::size_t kMaxSearchChars = 200;

// Where a hover comes from: the map's pointer, or the page's list. Only the map's goes
// away when the pointer leaves the map.
enum class HoverSource { Map, List };

// How wide text is, from the front end's font: the map's names are placed by their size.
struct TextMeasure {
  std::function<double(std::string_view text)> width;  // CSS pixels at `size`
  double size = 15;    // the font size the widths are measured at
  double height = 18;  // the height of a line of that size
};

// A name drawn on the map, in CSS pixels of the map: the box's top-left corner and size, the
// font size, and what it names.
struct DrawnLabel {
  LabelKind kind;
  std::string_view text;
  double x, y, width, height;
  double size;
  Territory territory;      // whose map or inset it names a place of
  Point anchor;             // the place itself: a commune's dot goes there
};

enum class KeyCommand { PanLeft, PanRight, PanUp, PanDown, ZoomIn, ZoomOut, Activate, Escape };

class MapState {
 public:
  explicit MapState(const Projector& projector, const MapStateOptions& options = {});
  ~MapState();
  MapState(const MapState&) = delete;
  MapState& operator=(const MapState&) = delete;

  // ---- Commands ----------------------------------------------------------------------

  // GeoJSON text of one of the two files (the scene is built once both are in), or the
  // gazetteer's CSV.
  Changes load(DataKind kind, std::string_view text, LoadReport& report);
  // The map's size in CSS pixels. Portrait screens get the insets in rows under the
  // mainland; the first size known with data fits the overview, and so does every size
  // after it while the user has not moved the view.
  Changes resize(double width, double height);

  // Unknown values are dropped, and listed in `rejected` for the caller to warn about.
  Changes setFilters(const Filters& filters, std::vector<std::string>* rejected = nullptr);
  // The text is cut to kMaxSearchChars characters, on a character boundary.
  Changes search(std::string_view text);
  // « Réinitialiser »: no filter, no search, no regional view.
  Changes reset();
  Changes showMore();
  // « Autour de Quimper »: the list sorted by distance from a place the search named (its
  // index in placeMatches()), the map centred there; the search text is cleared, so that
  // every catalyseur the filters keep is listed. around(LonLat) is « Autour de moi ».
  Changes around(std::size_t place_match);
  Changes around(LonLat at);
  Changes clearAround();
  // « Dans la zone affichée »: the list holds only what the view shows.
  Changes setListInView(bool on);

  // Opens the card of a catalyseur (nothing closes it), and brings its marker into view.
  Changes select(std::optional<std::uint32_t> catalyseur);
  // The same by id; an empty id closes the card, an unknown one is refused.
  Changes selectId(std::string_view id);
  Changes hover(std::optional<std::uint32_t> catalyseur, HoverSource source);
  Changes hoverId(std::string_view id, HoverSource source);
  Changes pointerLeft();   // the map's own hover goes
  Changes pointerMoved();  // the crosshair goes: the mouse is in charge again

  Changes panBy(double dx, double dy);
  Changes zoomBy(double factor);                  // around the centre (buttons)
  Changes zoomAround(Point screen, double factor);
  Changes wheel(Point screen, double notches);
  Changes doubleClick(Point screen);
  // Two fingers moved from (a0, b0) to (a1, b1): zoom by the change of their distance around
  // their first midpoint, then follow the midpoint, so that two fingers pan as well.
  Changes pinch(Point a0, Point b0, Point a1, Point b1);
  Changes home();
  Changes zoomToTerritory(Territory territory);
  Changes zoomToTerritory(std::string_view slug);
  // Centre in plane metres and CSS pixels per plane kilometre, as the URL keeps them.
  Changes setView(double x, double y, double pixels_per_km);
  // Centres the map on a place, in whichever territory holds it, with about `width_km`
  // kilometres of it across the map.
  Changes centerOn(LonLat at, double width_km);
  Changes setRegional(bool on);
  // What covers the map: the page's own controls (CSS pixels from the map's top-left) and the
  // overlays' sizes as the front end measures them. The overlays are laid out again, and an
  // overview the user has not moved is fitted again, clear of both (overlay_layout.h).
  Changes setChrome(std::vector<Bounds> boxes);
  // Where the page's card goes when it opens (CSS pixels of the map, y down): a selected
  // marker is brought out of it.
  Changes setCardSlot(std::optional<Bounds> box);
  Changes setOverlaySizes(const OverlaySizes& sizes);
  // Opens or closes the legend collapsed into its toggle.
  Changes setLegendOpen(bool open);
  Changes key(KeyCommand command);
  // The front end's font, for the names' sizes; the map names nothing without it.
  Changes setTextMeasure(TextMeasure measure);
  // The interface's language ("fr" or "en"), for the insets' titles.
  Changes setLanguage(std::string_view lang);
  // A click on a marker opens its card; on a cluster zooms at least one level deeper, or
  // fans its points out when zooming cannot separate them.
  Changes activate(const MapItem& item);

  // ---- Queries -----------------------------------------------------------------------

  bool ready() const { return scene_.has_value(); }  // both files in, scene built
  const Scene& scene() const { return *scene_; }
  // Neighbouring land and départements, placed like the scene; empty until loaded.
  const SceneContext& context() const { return context_; }
  // Changes whenever the scene or the context is built again (a file loaded, the screen
  // turned), so that a front end knows when what it keeps of their shapes is out of date.
  std::uint64_t shapesVersion() const { return shapes_version_; }
  const Camera& camera() const { return camera_; }
  const std::vector<Catalyseur>& catalyseurs() const { return catalyseurs_; }
  std::optional<std::uint32_t> indexOf(std::string_view id) const;
  Metier primaryMetier(std::uint32_t catalyseur) const { return primary_[catalyseur]; }
  bool hasDemoEntries() const { return has_demo_; }
  const Projector& projector() const { return projector_; }

  const Filters& filters() const { return filters_; }
  const std::string& query() const { return query_; }
  const std::vector<std::uint32_t>& matching() const { return matching_; }  // ranked
  const Facets& facets() const { return facets_; }
  // The list: the matching catalyseurs, only those in view with « Dans la zone affichée »,
  // by distance from the origin when there is one.
  const std::vector<std::uint32_t>& listed() const { return listed_; }
  // The first entries of the list, as many as the page shows.
  std::span<const std::uint32_t> listPage() const;
  bool listInView() const { return list_in_view_; }
  // The places the search text names (at most three), and the list's origin.
  const std::vector<const Place*>& placeMatches() const { return place_matches_; }
  const std::optional<Origin>& origin() const { return origin_; }
  // Metres from the origin to a catalyseur; NaN without an origin.
  double distance(std::uint32_t catalyseur) const;
  // The names drawn at the current view: inset titles, countries, regions, départements and
  // communes, none over another (labels.h), those in the viewport only.
  const std::vector<DrawnLabel>& labels() const;
  // Whether a click on this cluster zooms in (true) or fans its points out.
  bool clusterZooms(const ClusterItem& cluster) const;
  // Matching catalyseurs per scene region, and the largest of those counts.
  const std::vector<std::uint32_t>& regionCounts() const { return region_counts_; }
  std::uint32_t regionalMax() const { return regional_max_; }

  std::optional<std::uint32_t> selected() const { return selected_; }
  std::optional<std::uint32_t> hovered() const { return hovered_; }
  bool regional() const { return regional_; }
  bool crosshair() const { return crosshair_; }
  const OverlayLayout& overlays() const { return overlays_; }
  bool legendOpen() const { return legend_open_; }
  const std::vector<Bounds>& chrome() const { return chrome_; }

  // What is drawn at the current view: markers, clusters and fanned-out markers.
  const std::vector<MapItem>& items() const;
  // The item under a screen point: the nearest within `radius` CSS pixels.
  std::optional<std::size_t> itemAt(Point screen, double radius) const;
  // The scene region under a screen point.
  std::optional<std::size_t> regionAt(Point screen) const;
  // Where a catalyseur is drawn: its fanned-out spot, or its own location even inside a
  // cluster, so that the card and the list always point at a visible spot.
  std::optional<Point> drawnAt(std::uint32_t catalyseur) const;
  // Its marker's centre when drawn on its own inside the viewport.
  std::optional<Point> screenPosition(std::uint32_t catalyseur) const;
  // Catalyseurs whose marker or cluster lies in the viewport.
  std::size_t visibleCount() const;
  // The scale bar is in mainland metres: it does not apply while the view is on an inset.
  bool viewOnMainland() const;

 private:
  // Builds the scene once both files are in; the reason when it cannot.
  std::optional<std::string> rebuildScene();
  void refreshMatching();
  // The clusters are built over every marker once the scene and the overview's scale are
  // known, and recounted for the matching catalyseurs on every filter or search change.
  void rebuildClusters();
  void recountClusters();
  void countRegions();
  void fitHome();
  Changes viewMoved();
  void refreshList();
  // Where a marker shown at `screen` must go to be seen: inside the viewport, out of the card.
  Point revealed(Point screen) const;
  Changes loadPlaces(std::string_view csv, LoadReport& report);
  Changes loadContext(std::string_view json, LoadReport& report);
  void placeContext();
  void gatherLabels();
  void placeLabelsNow() const;
  // What covers the map (overlays, the page's controls) changed: the drawn names are sorted again.
  void labelsUncovered();
  Changes relayout();

  const Projector& projector_;
  MapStateOptions options_;

  // The dataset, immutable between loads.
  std::vector<RegionShape> regions_;
  std::vector<Catalyseur> catalyseurs_;
  std::unordered_map<std::string, std::uint32_t> index_of_;
  std::vector<Metier> primary_;
  bool has_demo_ = false;
  bool regions_loaded_ = false;
  bool catalyseurs_loaded_ = false;
  std::unique_ptr<Catalog> catalog_;

  // Derived from the dataset and the screen's orientation.
  std::optional<Scene> scene_;
  InsetPlacement placement_ = InsetPlacement::West;
  std::vector<std::uint32_t> marker_of_;  // catalyseur → scene marker, or kNone
  std::vector<std::uint32_t> region_of_;  // catalyseur → scene region, or kNone

  // Filters, and what derives from them once per change.
  Filters filters_;
  std::string query_;
  std::vector<std::uint32_t> matching_;
  Facets facets_;
  std::vector<std::uint32_t> region_counts_;
  std::uint32_t regional_max_ = 0;
  ClusterIndex clusters_;  // of every marker, counted for the matching ones
  double cluster_base_scale_ = 0;
  std::size_t list_limit_;
  std::vector<std::uint32_t> listed_;
  bool list_in_view_ = false;

  // The context layers, as read and as placed.
  std::vector<ContextShape> context_shapes_;
  SceneContext context_;
  std::uint64_t shapes_version_ = 0;

  // Places: the gazetteer and the départements, and what the search text names of them.
  PlaceIndex places_;
  std::vector<const Place*> place_matches_;
  std::optional<Origin> origin_;
  std::vector<double> distance_;  // per catalyseur, from the origin

  std::optional<std::uint32_t> selected_;
  std::optional<std::uint32_t> hovered_;
  HoverSource hover_source_ = HoverSource::Map;

  Camera camera_;
  bool viewport_known_ = false;
  bool home_fitted_ = false;
  bool at_home_ = false;  // the view is the overview, not moved since
  std::vector<Bounds> chrome_;
  std::optional<Bounds> card_slot_;
  OverlaySizes overlay_sizes_;
  bool legend_open_ = false;
  OverlayLayout overlays_;
  bool regional_ = false;
  bool crosshair_ = false;
  // Points sharing one location, fanned out around it after a click on their cluster.
  struct Spider {
    std::uint32_t cluster_id;
    int level;
    Point center;
    std::vector<std::uint32_t> leaves;
  };
  std::optional<Spider> spider_;

  // Names: every candidate, with its text (views into the dataset, context and places), and
  // what is placed at the current scale and shown in the viewport.
  TextMeasure measure_;
  std::vector<LabelCandidate> label_candidates_;
  std::vector<std::string_view> label_texts_;
  std::vector<double> label_sizes_;
  std::vector<Territory> label_territories_;
  std::string language_ = "fr";  // of the inset titles
  mutable std::vector<LabelCandidate> frame_candidates_;  // the above and this scale's titles
  mutable std::vector<std::string_view> frame_texts_;
  mutable std::vector<double> frame_sizes_;
  mutable std::vector<Territory> frame_territories_;
  mutable std::vector<std::uint32_t> placed_labels_;
  mutable std::vector<std::uint8_t> placed_variants_;
  mutable double placed_scale_ = 0;
  mutable bool placed_regional_ = false;
  mutable bool labels_stale_ = true;
  // Where the markers the names made room for were looked up (plane metres).
  mutable Bounds obstacles_area_;
  mutable std::vector<DrawnLabel> labels_;
  mutable Point labels_center_;
  mutable Point labels_size_;

  mutable std::vector<MapItem> items_;
  mutable bool items_stale_ = true;
};

}  // namespace core
