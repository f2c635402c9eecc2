#include "snapshot.h"

#include <utility>

#include "style.h"
#include "territory.h"
#include "text.h"

namespace app::json {

namespace {

// « Autour de Quimper (29) », « Autour d’Orléans (45) », « Around Orléans (45) ».
std::string aroundPlace(const Strings& strings, std::string_view nom, std::string_view departement) {
  const std::string de_nom = core::text::frenchDe(nom);
  return strings.format("around_place", {{"nom", nom}, {"de_nom", de_nom}, {"departement", departement}});
}

constexpr std::pair<core::Change, std::string_view> kChangeNames[] = {
    {core::Change::Data, "data"},           {core::Change::Filters, "filters"},
    {core::Change::Selection, "selection"}, {core::Change::Hover, "hover"},
    {core::Change::View, "view"},           {core::Change::Regional, "regional"},
    {core::Change::List, "list"},           {core::Change::Overlays, "overlays"},
    {core::Change::Places, "places"},
};

void idOrNull(Writer& w, const core::MapState& state, std::optional<std::uint32_t> index) {
  if (index)
    string(w, state.catalyseurs()[*index].id);
  else
    w.Null();
}

void stringList(Writer& w, const std::vector<std::string>& values) {
  w.StartArray();
  for (const auto& v : values) string(w, v);
  w.EndArray();
}

std::string_view regionName(const core::Catalyseur& c) {
  const core::RegionInfo* region = core::regionByCode(c.region);
  return region ? region->name_fr : std::string_view(c.region);
}

// Arrays, not objects: region codes look like numbers, and JavaScript would reorder them.
void facets(Writer& w, const core::Facets& facets) {
  w.StartObject();
  for (const auto& [name, counts] : {std::pair{"metiers", &facets.metiers}, std::pair{"thematiques", &facets.thematiques},
                                     std::pair{"structure", &facets.structure}, std::pair{"region", &facets.region}}) {
    key(w, name);
    w.StartArray();
    for (const auto& fc : *counts) {
      w.StartObject();
      key(w, "value");
      string(w, fc.value);
      key(w, "count");
      w.Uint64(fc.count);
      key(w, "n");
      string(w, core::text::groupThousands(fc.count));
      if (counts == &facets.region) {
        key(w, "label");
        const core::RegionInfo* region = core::regionByCode(fc.value);
        string(w, region ? region->name_fr : std::string_view(fc.value));
      }
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

void list(Writer& w, const core::MapState& state, const Strings& strings) {
  const auto page = state.listPage();
  w.StartObject();
  key(w, "items");
  w.StartArray();
  for (std::uint32_t index : page) {
    const core::Catalyseur& c = state.catalyseurs()[index];
    w.StartObject();
    key(w, "id");
    string(w, c.id);
    key(w, "nom");
    string(w, c.nom);
    key(w, "where");
    string(w, c.commune + " · " + std::string(regionName(c)));
    if (state.origin()) {
      key(w, "distance");
      string(w, core::text::distance(state.distance(index)));
    }
    w.EndObject();
  }
  w.EndArray();
  // « Autour de Quimper (29) » or « Autour de vous »: what the list is sorted from.
  key(w, "around");
  if (const auto& origin = state.origin())
    string(w, origin->nom.empty() ? strings("around_me_list")
                                  : aroundPlace(strings, origin->nom, origin->departement));
  else
    w.Null();
  key(w, "inView");
  w.Bool(state.listInView());
  key(w, "listed");
  w.Uint64(state.listed().size());
  const std::size_t more = state.listed().size() - page.size();
  key(w, "more");
  w.Uint64(more);
  key(w, "moreText");
  string(w, more ? strings.format("list_more", {{"n", core::text::groupThousands(more)}}) : std::string());
  w.EndObject();
}

// The places the search text names, offered above the list: « Autour de Quimper (29) ».
void places(Writer& w, const core::MapState& state, const Strings& strings) {
  w.StartArray();
  for (const core::Place* p : state.placeMatches()) {
    w.StartObject();
    key(w, "kind");
    string(w, p->kind == core::Place::Kind::Commune ? "commune" : "departement");
    key(w, "code");
    string(w, p->code);
    key(w, "label");
    string(w, aroundPlace(strings, p->nom, p->departement));
    w.EndObject();
  }
  w.EndArray();
}

void card(Writer& w, const core::MapState& state) {
  if (!state.selected()) {
    w.Null();
    return;
  }
  const core::Catalyseur& c = state.catalyseurs()[*state.selected()];
  w.StartObject();
  for (const auto& [name, value] : {std::pair{"id", &c.id}, std::pair{"nom", &c.nom}, std::pair{"structure", &c.structure},
                                    std::pair{"commune", &c.commune}, std::pair{"region", &c.region},
                                    std::pair{"territoire", &c.territoire}, std::pair{"description", &c.description},
                                    std::pair{"site", &c.site}}) {
    key(w, name);
    string(w, *value);
  }
  key(w, "regionName");
  string(w, regionName(c));
  key(w, "metiers");
  stringList(w, c.metiers);
  key(w, "thematiques");
  stringList(w, c.thematiques);
  key(w, "demo");
  w.Bool(c.demo);
  w.EndObject();
}

void dataset(Writer& w, const core::MapState& state) {
  w.StartObject();
  key(w, "demo");
  w.Bool(state.hasDemoEntries());
  key(w, "markers");
  w.StartObject();
  for (std::size_t m = 0; m < core::kMetierSlugs.size(); ++m) {
    const MarkerStyle& style = markerStyle(static_cast<core::Metier>(m));
    key(w, core::kMetierSlugs[m]);
    w.StartObject();
    key(w, "colour");
    const auto colour = cssColour(style.rgb);
    w.String(colour.data(), 7);
    key(w, "shape");
    string(w, style.shape_name);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
}

// {left, top, right, bottom} in CSS pixels from the map's top-left, or null.
void box(Writer& w, const std::optional<core::Bounds>& b) {
  if (!b) {
    w.Null();
    return;
  }
  w.StartObject();
  for (const auto& [name, value] : {std::pair{"left", b->min_x}, std::pair{"top", b->min_y}, std::pair{"right", b->max_x},
                                    std::pair{"bottom", b->max_y}}) {
    key(w, name);
    w.Double(value);
  }
  w.EndObject();
}

}  // namespace

void string(Writer& w, std::string_view s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
void key(Writer& w, std::string_view k) { w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size())); }

void stateFields(Writer& w, const core::MapState& state) {
  key(w, "total");
  w.Uint64(state.catalyseurs().size());
  key(w, "matching");
  w.Uint64(state.matching().size());
  key(w, "visible");
  w.Uint64(state.visibleCount());
  key(w, "selected");
  idOrNull(w, state, state.selected());
  key(w, "hovered");
  idOrNull(w, state, state.hovered());
  const core::Filters& f = state.filters();
  key(w, "filters");
  w.StartObject();
  for (const auto& [name, values] : {std::pair{"metiers", &f.metiers}, std::pair{"thematiques", &f.thematiques},
                                     std::pair{"structure", &f.structure}, std::pair{"region", &f.region}}) {
    key(w, name);
    stringList(w, *values);
  }
  w.EndObject();
  key(w, "q");
  string(w, state.query());
  key(w, "regional");
  w.Bool(state.regional());
  const core::Camera& camera = state.camera();
  key(w, "view");
  w.StartObject();
  key(w, "x");
  w.Double(camera.center().x);
  key(w, "y");
  w.Double(camera.center().y);
  key(w, "scale");  // CSS pixels per plane kilometre
  w.Double(camera.scale() * 1000);
  key(w, "width");
  w.Double(camera.viewportWidth());
  key(w, "height");
  w.Double(camera.viewportHeight());
  w.EndObject();
}

void snapshot(Writer& w, const core::MapState& state, const Strings& strings, core::Changes changes) {
  using core::Change;
  w.StartObject();
  key(w, "changes");
  w.StartArray();
  for (const auto& [change, name] : kChangeNames)
    if (changes.has(change)) string(w, name);
  w.EndArray();
  stateFields(w, state);
  key(w, "count");
  string(w, strings.count(state.matching().size()));
  key(w, "matchingText");
  string(w, core::text::groupThousands(state.matching().size()));
  const bool data = changes.has(Change::Data);
  if (data || changes.has(Change::Filters)) {
    key(w, "facets");
    facets(w, state.facets());
  }
  if (data || changes.has(Change::Filters) || changes.has(Change::Places)) {
    key(w, "places");
    places(w, state, strings);
  }
  if (data || changes.has(Change::Filters) || changes.has(Change::List)) {
    key(w, "list");
    list(w, state, strings);
  }
  if (data || changes.has(Change::Selection)) {
    key(w, "card");
    card(w, state);
  }
  if (data) {
    key(w, "dataset");
    dataset(w, state);
  }
  if (data || changes.has(Change::Overlays)) {
    key(w, "overlays");
    overlays(w, state);
  }
  w.EndObject();
}

void overlays(Writer& w, const core::MapState& state) {
  const core::OverlayLayout& o = state.overlays();
  w.StartObject();
  for (const auto& [name, b] : {std::pair{"attribution", &o.attribution}, std::pair{"scaleBar", &o.scale_bar},
                                std::pair{"legend", &o.legend}, std::pair{"legendToggle", &o.legend_toggle},
                                std::pair{"badge", &o.badge}}) {
    key(w, name);
    box(w, *b);
  }
  key(w, "legendCollapsed");
  w.Bool(o.legend_collapsed);
  key(w, "legendOpen");
  w.Bool(o.legend_collapsed && state.legendOpen());
  w.EndObject();
}

void layout(Writer& w, const core::MapState& state) {
  w.StartObject();
  key(w, "overlays");
  overlays(w, state);
  key(w, "chrome");
  w.StartArray();
  for (const core::Bounds& b : state.chrome()) box(w, b);
  w.EndArray();
  key(w, "insets");
  w.StartArray();
  if (state.ready()) {
    const core::Camera& camera = state.camera();
    for (const auto& inset : state.scene().layout.insets()) {
      const core::Point a = camera.planeToScreen({inset.frame.min_x, inset.frame.max_y});
      const core::Point b = camera.planeToScreen({inset.frame.max_x, inset.frame.min_y});
      w.StartObject();
      key(w, "territory");
      string(w, core::info(inset.territory).slug);
      key(w, "box");
      box(w, core::Bounds::of(a.x, a.y, b.x, b.y));
      w.EndObject();
    }
  }
  w.EndArray();
  w.EndObject();
}

void loadReport(Writer& w, const core::LoadReport& report) {
  key(w, "accepted");
  w.Uint64(report.accepted);
  key(w, "rejected");
  w.Uint64(report.issues.size() + report.unreported);
  key(w, "unreported");
  w.Uint64(report.unreported);
  key(w, "fatal");
  if (report.fatal)
    string(w, *report.fatal);
  else
    w.Null();
  key(w, "issues");
  w.StartArray();
  for (const auto& issue : report.issues) {
    w.StartObject();
    key(w, "index");
    w.Uint64(issue.index);
    key(w, "id");
    string(w, issue.id);
    key(w, "reason");
    string(w, issue.reason);
    w.EndObject();
  }
  w.EndArray();
}

void labels(Writer& w, const core::MapState& state) {
  static constexpr std::string_view kKinds[] = {"pays", "region", "departement", "commune", "territoire"};
  w.StartArray();
  for (const core::DrawnLabel& l : state.labels()) {
    w.StartObject();
    key(w, "text");
    string(w, l.text);
    key(w, "kind");
    string(w, kKinds[static_cast<std::size_t>(l.kind)]);
    for (const auto& [name, value] : {std::pair{"x", l.x}, std::pair{"y", l.y}, std::pair{"w", l.width}, std::pair{"h", l.height}}) {
      key(w, name);
      w.Double(value);
    }
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace app::json
