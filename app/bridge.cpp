#include "bridge.h"

#include <rapidjson/document.h>

#include <cmath>
#include <optional>
#include <vector>

#include "snapshot.h"
#include "spreadsheet.h"
#include "territory.h"

namespace app {

namespace {

using rapidjson::Value;
using core::Change;
using core::Changes;

std::string_view stringField(const Value& object, const char* name) {
  if (!object.IsObject()) return {};
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

double numberField(const Value& object, const char* name) {
  if (!object.IsObject()) return std::nan("");
  const auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsNumber() ? it->value.GetDouble() : std::nan("");
}

bool boolField(const Value& object, const char* name) {
  if (!object.IsObject()) return false;
  const auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

// {metiers: [], thematiques: [], structure: [], region: []}. A whole number stands for its
// digits (a region code typed as a number); any other value is rejected.
core::Filters filtersField(const Value& object, std::vector<std::string>& rejected) {
  core::Filters filters;
  if (!object.IsObject() || !object.HasMember("filters") || !object["filters"].IsObject()) return filters;
  const Value& f = object["filters"];
  for (auto [name, target] : {std::pair{"metiers", &filters.metiers}, std::pair{"thematiques", &filters.thematiques},
                              std::pair{"structure", &filters.structure}, std::pair{"region", &filters.region}}) {
    if (!f.HasMember(name) || !f[name].IsArray()) continue;
    for (const auto& v : f[name].GetArray()) {
      if (v.IsString())
        target->emplace_back(v.GetString(), v.GetStringLength());
      else if (v.IsInt64())
        target->push_back(std::to_string(v.GetInt64()));
      else
        rejected.emplace_back(v.IsNull() ? "null" : "?");
    }
  }
  return filters;
}

// {boxes: [{left, top, right, bottom}]}; nullopt when a box is not four numbers.
std::optional<std::vector<core::Bounds>> boxesField(const Value& object) {
  std::vector<core::Bounds> boxes;
  if (!object.IsObject() || !object.HasMember("boxes") || !object["boxes"].IsArray()) return std::nullopt;
  for (const auto& b : object["boxes"].GetArray())
    boxes.push_back(core::Bounds::of(numberField(b, "left"), numberField(b, "top"), numberField(b, "right"), numberField(b, "bottom")));
  return boxes;
}

void writeList(json::Writer& w, const std::vector<std::string>& values) {
  w.StartArray();
  for (const auto& v : values) json::string(w, v);
  w.EndArray();
}

void writePoint(json::Writer& w, std::optional<core::Point> p) {
  if (!p) {
    w.Null();
    return;
  }
  w.StartObject();
  json::key(w, "x");
  w.Double(p->x);
  json::key(w, "y");
  w.Double(p->y);
  w.EndObject();
}

void writeProjection(json::Writer& w, const core::MapState& state, double lon, double lat) {
  const auto territory = core::territoryAt(lon, lat);
  const auto xy = territory ? state.projector().forward(*territory, {lon, lat}) : core::Result<core::Point>(core::Error{});
  if (!territory || !xy) {
    w.Null();
    return;
  }
  w.StartObject();
  json::key(w, "territory");
  json::string(w, core::info(*territory).slug);
  json::key(w, "epsg");
  w.Int(core::info(*territory).epsg);
  json::key(w, "x");
  w.Double(xy->x);
  json::key(w, "y");
  w.Double(xy->y);
  w.EndObject();
}

}  // namespace

BridgeReply Bridge::call(std::string_view request) {
  rapidjson::Document doc;
  // Iterative: a request nested 100 000 levels deep costs heap, not the stack.
  doc.Parse<rapidjson::kParseIterativeFlag>(request.data(), request.size());
  const std::string_view type = doc.HasParseError() ? std::string_view() : stringField(doc, "type");

  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  Changes changes;
  bool ok = true;
  core::MapState& s = state_;

  if (type == "setFilters" || type == "restore") {
    std::vector<std::string> rejected;
    const core::Filters filters = filtersField(doc, rejected);
    if (type == "setFilters" || doc.HasMember("filters")) changes |= s.setFilters(filters, &rejected);
    json::key(w, "rejected");
    writeList(w, rejected);
    if (type == "restore") {
      // The URL's state, in the order that keeps each part: filters and search first, as
      // they decide what the view shows, the card last, as it may move the view.
      std::vector<std::string> refused;
      changes |= s.search(stringField(doc, "q"));
      changes |= s.setRegional(boolField(doc, "regional"));
      if (doc.HasMember("view") && doc["view"].IsObject()) {
        const Value& v = doc["view"];
        const Changes view = s.setView(numberField(v, "x"), numberField(v, "y"), numberField(v, "scale"));
        if (view.isRefused()) refused.emplace_back("view");
        changes |= view;
      }
      if (const auto id = stringField(doc, "id"); !id.empty()) {
        const Changes selection = s.selectId(id);
        if (selection.isRefused()) refused.emplace_back("id");
        changes |= selection;
      }
      json::key(w, "refused");
      writeList(w, refused);
    }
  } else if (type == "search") {
    changes = s.search(stringField(doc, "q"));
  } else if (type == "reset") {
    changes = s.reset();
  } else if (type == "showMore") {
    changes = s.showMore();
  } else if (type == "select") {
    changes = s.selectId(stringField(doc, "id"));
  } else if (type == "hover") {
    changes = s.hoverId(stringField(doc, "id"), core::HoverSource::List);
  } else if (type == "zoom") {
    changes = s.zoomBy(numberField(doc, "factor"));
  } else if (type == "home") {
    changes = s.home();
  } else if (type == "zoomToTerritory") {
    changes = s.zoomToTerritory(stringField(doc, "slug"));
  } else if (type == "setView") {
    changes = s.setView(numberField(doc, "x"), numberField(doc, "y"), numberField(doc, "scale"));
  } else if (type == "setRegional") {
    changes = s.setRegional(boolField(doc, "on"));
  } else if (type == "chrome") {
    const auto boxes = boxesField(doc);
    changes = boxes ? s.setChrome(*boxes) : Changes::refused();
    if (boxes && doc.HasMember("card") && doc["card"].IsObject()) {
      const Value& c = doc["card"];
      changes |= s.setCardSlot(core::Bounds::of(numberField(c, "left"), numberField(c, "top"), numberField(c, "right"),
                                                numberField(c, "bottom")));
    }
  } else if (type == "legend") {
    changes = s.setLegendOpen(boolField(doc, "open"));
  } else if (type == "centerOn") {
    changes = s.centerOn({numberField(doc, "lon"), numberField(doc, "lat")}, numberField(doc, "widthKm"));
  } else if (type == "around") {
    // A place the search named, by its rank among the places offered, or a position.
    const double place = numberField(doc, "place");
    if (doc.HasMember("place"))
      changes = place >= 0 && place < 100 ? s.around(static_cast<std::size_t>(place)) : core::Changes::refused();
    else
      changes = s.around(core::LonLat{numberField(doc, "lon"), numberField(doc, "lat")});
  } else if (type == "clearAround") {
    changes = s.clearAround();
  } else if (type == "listInView") {
    changes = s.setListInView(boolField(doc, "on"));
  } else if (type == "labels") {
    json::key(w, "labels");
    json::labels(w, s);
  } else if (type == "strings") {
    ok = strings_.load(stringField(doc, "json"), stringField(doc, "lang"));
    // Every formatted text the page shows may read differently now, and the insets' titles.
    if (ok) changes = s.setLanguage(strings_.language()) | Change::Filters | Change::Selection | Change::Drawing;
  } else if (type == "state") {
    json::key(w, "state");
    w.StartObject();
    json::stateFields(w, s);
    if (boolField(doc, "ids")) {
      json::key(w, "matchingIds");
      w.StartArray();
      for (std::uint32_t i : s.matching()) json::string(w, s.catalyseurs()[i].id);
      w.EndArray();
    }
    if (boolField(doc, "layout")) {
      json::key(w, "layout");
      json::layout(w, s);
    }
    w.EndObject();
  } else if (type == "project") {
    json::key(w, "result");
    writeProjection(w, s, numberField(doc, "lon"), numberField(doc, "lat"));
  } else if (type == "screenPosition") {
    const auto index = s.indexOf(stringField(doc, "id"));
    json::key(w, "result");
    writePoint(w, index ? s.screenPosition(*index) : std::nullopt);
  } else if (type == "export") {
    const std::string_view format = stringField(doc, "format");
    ok = format == "csv" || format == "geojson";
    json::key(w, "text");
    const auto label = [this](std::string_view structure) { return strings_("structure_" + std::string(structure)); };
    json::string(w, !ok ? std::string() : format == "csv" ? core::toCsvExport(s.catalyseurs(), s.matching(), label)
                                                          : core::toGeoJson(s.catalyseurs(), s.matching()));
  } else {
    ok = false;
    json::key(w, "error");
    json::string(w, type.empty() ? "requête illisible" : "requête inconnue : " + std::string(type));
  }

  ok = ok && !changes.isRefused();
  json::key(w, "ok");
  w.Bool(ok);
  note(changes);
  json::key(w, "snapshot");
  const std::string snap = takeSnapshot();
  if (snap.empty())
    w.Null();
  else
    w.RawValue(snap.data(), snap.size(), rapidjson::kObjectType);
  w.EndObject();
  return {std::string(buffer.GetString(), buffer.GetSize()), changes};
}

BridgeReply Bridge::load(core::DataKind kind, std::string_view bytes) {
  core::LoadReport report;
  const Changes changes = state_.load(kind, bytes, report);
  note(changes);
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  w.StartObject();
  json::loadReport(w, report);
  json::key(w, "snapshot");
  const std::string snap = takeSnapshot();
  w.RawValue(snap.data(), snap.size(), rapidjson::kObjectType);
  w.EndObject();
  return {std::string(buffer.GetString(), buffer.GetSize()), changes};
}

std::string Bridge::takeSnapshot() {
  const Changes changes = pending_;
  pending_ = {};
  // Drawing alone is the map's business: nothing the page shows.
  if (!(changes.bits() & ~static_cast<std::uint32_t>(core::Change::Drawing))) return {};
  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  json::snapshot(w, state_, strings_, changes);
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace app
