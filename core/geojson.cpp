#include "geojson.h"

#include "feature_stream.h"
#include "text.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdio>

namespace core {

namespace {

using Value = rapidjson::Value;

const Value* member(const Value& object, const char* name) {
  // HasMember + operator[] rather than FindMember: comparing rapidjson's member iterators
  // is ambiguous under C++20's reversed operators.
  return object.HasMember(name) ? &object[name] : nullptr;
}

// RFC 7946 position: [lon, lat] or [lon, lat, alt], finite and in range.
bool readPosition(const Value& v, Point& out) {
  if (!v.IsArray() || v.Size() < 2 || v.Size() > 3) return false;
  for (const auto& n : v.GetArray())
    if (!n.IsNumber() || !std::isfinite(n.GetDouble())) return false;
  out = {v[0].GetDouble(), v[1].GetDouble()};
  return out.x >= -180 && out.x <= 180 && out.y >= -90 && out.y <= 90;
}

std::string_view viewOf(const Value& v) { return {v.GetString(), v.GetStringLength()}; }
std::string stringOf(const Value& v) { return std::string(viewOf(v)); }
bool isString(const Value* v, std::string_view expected) { return v && v->IsString() && viewOf(*v) == expected; }

// A linear ring: at least four positions, closed. Our Ring drops the closing point. The
// positions count against `budget`, the vertices the region may still have.
bool readRing(const Value& v, Ring& out, std::size_t& budget, std::string& why) {
  if (!v.IsArray() || v.Size() < 4) {
    why = "anneau de polygone de moins de quatre positions";
    return false;
  }
  if (v.Size() > budget) {
    why = "région de plus de " + text::groupThousands(kMaxRegionVertices) +
          " sommets, trop détaillée pour être dessinée";
    return false;
  }
  budget -= v.Size();
  out.clear();
  out.reserve(v.Size());
  for (const auto& position : v.GetArray()) {
    Point p;
    if (!readPosition(position, p)) {
      why = "position invalide dans un polygone";
      return false;
    }
    out.push_back(p);
  }
  if (out.front().x != out.back().x || out.front().y != out.back().y) {
    why = "anneau de polygone non fermé";
    return false;
  }
  out.pop_back();
  return true;
}

bool readPolygon(const Value& v, Polygon& out, std::size_t& budget, std::string& why) {
  if (!v.IsArray() || v.Empty()) {
    why = "polygone sans anneau";
    return false;
  }
  out.rings.resize(v.Size());
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
    if (!readRing(v[i], out.rings[i], budget, why)) return false;
  return true;
}

bool readAreal(const Value& geometry, std::vector<Polygon>& out, std::string& why) {
  const Value* type = member(geometry, "type");
  const Value* coords = member(geometry, "coordinates");
  if (!type || !type->IsString() || !coords) {
    why = "géométrie sans type ou sans coordonnées";
    return false;
  }
  std::size_t budget = kMaxRegionVertices;
  if (isString(type, "Polygon")) {
    out.resize(1);
    return readPolygon(*coords, out[0], budget, why);
  }
  if (isString(type, "MultiPolygon")) {
    if (!coords->IsArray() || coords->Empty()) {
      why = "MultiPolygon vide";
      return false;
    }
    out.resize(coords->Size());
    for (rapidjson::SizeType i = 0; i < coords->Size(); ++i)
      if (!readPolygon((*coords)[i], out[i], budget, why)) return false;
    return true;
  }
  why = "géométrie de type " + text::quoted(viewOf(*type)) + " alors qu’un Polygon ou MultiPolygon est attendu";
  return false;
}

// The checks every feature shares; returns its properties object or sets `why`.
const Value* featureProperties(const Value* feature, std::string& why) {
  if (!feature || !feature->IsObject()) {
    why = "l’entrée n’est pas un objet";
    return nullptr;
  }
  if (!isString(member(*feature, "type"), "Feature")) {
    why = "l’entrée n’est pas une Feature";
    return nullptr;
  }
  const Value* geometry = member(*feature, "geometry");
  if (!geometry || !geometry->IsObject()) {
    why = "géométrie absente";
    return nullptr;
  }
  const Value* properties = member(*feature, "properties");
  if (!properties || !properties->IsObject()) {
    why = "propriétés absentes";
    return nullptr;
  }
  return properties;
}

// Reads an optional string property. A property of the wrong type is an issue; absent or
// null is simply empty.
void readString(const Value& props, const char* name, std::string& out,
                std::vector<FieldIssue>& issues) {
  const Value* v = member(props, name);
  if (!v || v->IsNull()) return;
  if (!v->IsString()) {
    issues.push_back({name, "une chaîne de caractères est attendue"});
    return;
  }
  out = stringOf(*v);
}

// Longest list read: past the number of allowed values (a dozen) the list is refused
// anyway, and a hostile one may hold a million strings.
constexpr std::size_t kMaxListRead = 100;

void readStringList(const Value& props, const char* name, std::vector<std::string>& out,
                    std::vector<FieldIssue>& issues) {
  const Value* v = member(props, name);
  if (!v || v->IsNull()) return;
  if (!v->IsArray()) {
    issues.push_back({name, "une liste de valeurs est attendue"});
    return;
  }
  for (const auto& item : v->GetArray()) {
    if (!item.IsString()) {
      issues.push_back({name, "chaque valeur de la liste doit être une chaîne"});
      return;
    }
    if (out.size() == kMaxListRead) {
      issues.push_back({name, std::to_string(v->Size()) + " valeurs : bien plus que les valeurs permises"});
      return;
    }
    out.push_back(stringOf(item));
  }
}

// A reason stays readable in a console or a list of problems: one feature can hold a
// dozen field problems, each quoting a value cut at 40 characters.
constexpr std::size_t kMaxReasonBytes = 600;

std::string describe(const std::vector<FieldIssue>& issues) {
  std::string out;
  for (const auto& issue : issues) {
    if (!out.empty()) out += " ; ";
    out += issue.field + " : " + issue.reason;
    if (out.size() > kMaxReasonBytes) return std::string(text::cutUtf8(out, kMaxReasonBytes)) + "…";
  }
  return out;
}

// The id that names a rejected feature in reports, when it is short and shows as it is.
std::string reportedId(const std::string& id) {
  return id.size() <= kMaxId && text::isValidUtf8(id) && !text::hasControl(id) ? id : std::string();
}

// What every loader does with the stream of features: collect the good ones, report the
// first kMaxReportedIssues bad ones and count the rest, drop everything on a fatal error.
template <class T>
class Collector {
 public:
  explicit Collector(Loaded<T>& result) : result_(result) {}

  void restart() { result_ = Loaded<T>{}; }
  void accept(T item) { result_.items.push_back(std::move(item)); }
  // `describe` builds the reason, only while it is still reported.
  template <class Describe>
  void reject(std::size_t index, const std::string& id, Describe&& describe) {
    if (result_.issues.size() < kMaxReportedIssues)
      result_.issues.push_back({index, reportedId(id), describe()});
    else
      ++result_.unreported;
  }
  void finish(std::optional<std::string> fatal) {
    if (!fatal) return;
    result_ = Loaded<T>{};
    result_.fatal = std::move(fatal);
  }

 private:
  Loaded<T>& result_;
};

}  // namespace

Loaded<RegionShape> loadRegions(std::string_view json) {
  Loaded<RegionShape> result;
  Collector<RegionShape> collect(result);
  std::size_t vertices = 0;  // in the regions kept so far
  json::FeatureCallbacks callbacks;
  callbacks.start = [&] {
    collect.restart();
    vertices = 0;
  };
  callbacks.feature = [&](std::size_t index, const Value* feature) {
    std::string why;
    RegionShape shape;
    if (const Value* props = featureProperties(feature, why)) {
      std::vector<FieldIssue> issues;
      readString(*props, "code", shape.code, issues);
      readString(*props, "nom", shape.nom, issues);
      std::string territoire;
      readString(*props, "territoire", territoire, issues);
      if (issues.empty())
        if (auto problem = textProblem(shape.nom, kMaxName, true)) issues.push_back({"nom", *problem});
      const auto by_code = territoryOfRegionCode(shape.code);
      const auto by_slug = territoryFromSlug(territoire);
      if (!issues.empty()) {
        why = describe(issues);
      } else if (!by_code) {
        why = "code de région inconnu " + text::quoted(shape.code);
      } else if (!by_slug || *by_slug != *by_code) {
        why = "territoire " + text::quoted(territoire) + " incohérent avec le code " + text::quoted(shape.code);
      } else if (readAreal((*feature)["geometry"], shape.polygons, why)) {
        shape.territory = *by_code;
      }
    }
    if (why.empty()) {
      std::size_t n = 0;
      for (const auto& polygon : shape.polygons)
        for (const auto& ring : polygon.rings) n += ring.size() + 1;  // with the closing point
      if (vertices + n > kMaxBasemapVertices)
        why = "fond de carte de plus de " + text::groupThousands(kMaxBasemapVertices) +
              " sommets au total, trop détaillé pour être dessiné : région écartée";
      else
        vertices += n;
    }
    if (why.empty())
      collect.accept(std::move(shape));
    else
      collect.reject(index, shape.code, [&] { return why; });
  };
  collect.finish(json::readFeatureCollection(json, callbacks));
  return result;
}

Loaded<Catalyseur> loadCatalyseurs(std::string_view json) {
  Loaded<Catalyseur> result;
  Collector<Catalyseur> collect(result);
  IdRegistry ids;
  bool too_many = false;
  json::FeatureCallbacks callbacks;
  callbacks.start = [&] {
    collect.restart();
    ids = IdRegistry();
    too_many = false;
  };
  callbacks.feature = [&](std::size_t index, const Value* feature) {
    std::string why;
    std::vector<FieldIssue> issues;
    Catalyseur c;
    // The id names the entry in reports even when the rest of the feature is broken.
    if (feature && feature->IsObject()) {
      const Value* properties = member(*feature, "properties");
      const Value* id = properties && properties->IsObject() ? member(*properties, "id") : nullptr;
      if (id && id->IsString()) c.id = stringOf(*id);
    }
    const Value* props = featureProperties(feature, why);
    if (props) {
      c.id.clear();
      readString(*props, "id", c.id, issues);
      readString(*props, "nom", c.nom, issues);
      readString(*props, "structure", c.structure, issues);
      readStringList(*props, "metiers", c.metiers, issues);
      readStringList(*props, "thematiques", c.thematiques, issues);
      readString(*props, "commune", c.commune, issues);
      readString(*props, "code_insee", c.code_insee, issues);
      readString(*props, "departement", c.departement, issues);
      readString(*props, "region", c.region, issues);
      readString(*props, "territoire", c.territoire, issues);
      readString(*props, "description", c.description, issues);
      readString(*props, "site", c.site, issues);
      const Value* demo = member(*props, "demo");
      if (!demo || !demo->IsBool())
        issues.push_back({"demo", "valeur true ou false attendue"});
      else
        c.demo = demo->GetBool();

      const Value& geometry = (*feature)["geometry"];
      const Value* coords = member(geometry, "coordinates");
      Point p;
      if (!isString(member(geometry, "type"), "Point"))
        issues.push_back({"geometry", "un Point est attendu"});
      else if (!coords || !readPosition(*coords, p))
        issues.push_back({"geometry", "coordonnées invalides"});
      else {
        c.lon = p.x;
        c.lat = p.y;
      }

      auto field_issues = validateFields(c);
      issues.insert(issues.end(), field_issues.begin(), field_issues.end());
      if (issues.empty()) {
        auto location = validateLocation(c);
        issues.insert(issues.end(), location.begin(), location.end());
      }
      if (auto duplicate = ids.claim(c.id)) issues.push_back(*duplicate);
    }
    if (!props)
      collect.reject(index, c.id, [&] { return why; });
    else if (!issues.empty())
      collect.reject(index, c.id, [&] { return describe(issues); });
    else if (result.items.size() == kMaxCatalyseurs)
      too_many = true;
    else
      collect.accept(std::move(c));
  };
  auto fatal = json::readFeatureCollection(json, callbacks);
  if (!fatal && too_many)
    fatal = "plus de " + text::groupThousands(kMaxCatalyseurs) + " catalyseurs valides : la carte n’en affiche pas autant";
  collect.finish(std::move(fatal));
  return result;
}

Loaded<ContextShape> loadContext(std::string_view json) {
  Loaded<ContextShape> result;
  Collector<ContextShape> collect(result);
  json::FeatureCallbacks callbacks;
  callbacks.start = [&] { collect.restart(); };
  callbacks.feature = [&](std::size_t index, const Value* feature) {
    std::string why;
    ContextShape c;
    if (const Value* props = featureProperties(feature, why)) {
      std::vector<FieldIssue> issues;
      std::string kind, territoire;
      readString(*props, "kind", kind, issues);
      readString(*props, "code", c.shape.code, issues);
      readString(*props, "nom", c.shape.nom, issues);
      readString(*props, "territoire", territoire, issues);
      readString(*props, "region", c.region, issues);
      readString(*props, "chef_lieu", c.chef_lieu, issues);
      if (issues.empty())
        if (auto problem = textProblem(c.shape.nom, kMaxName, true)) issues.push_back({"nom", *problem});
      const Value* capital = member(*props, "chef_lieu_region");
      c.chef_lieu_region = capital && capital->IsBool() && capital->GetBool();
      const Value* label = member(*props, "label");
      Point at;
      if (label && readPosition(*label, at)) c.label = at;
      const auto territory = territoryFromSlug(territoire);
      if (!issues.empty())
        why = describe(issues);
      else if (kind != "pays" && kind != "departement")
        why = "type de forme " + text::quoted(kind) + " inconnu (pays ou departement attendu)";
      else if (!territory)
        why = "territoire " + text::quoted(territoire) + " inconnu";
      else if (readAreal((*feature)["geometry"], c.shape.polygons, why)) {
        c.kind = kind == "pays" ? ContextShape::Kind::Pays : ContextShape::Kind::Departement;
        c.shape.territory = *territory;
      }
    }
    if (why.empty())
      collect.accept(std::move(c));
    else
      collect.reject(index, c.shape.code, [&] { return why; });
  };
  collect.finish(json::readFeatureCollection(json, callbacks));
  return result;
}

std::string toGeoJsonFeature(const Catalyseur& c) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto str = [&](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  };
  auto list = [&](const char* key, const std::vector<std::string>& values) {
    w.Key(key);
    w.StartArray();
    for (const auto& v : values) w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
    w.EndArray();
  };
  w.StartObject();
  w.Key("type");
  w.String("Feature");
  w.Key("geometry");
  w.StartObject();
  w.Key("type");
  w.String("Point");
  w.Key("coordinates");
  w.StartArray();
  // Five decimals is a metre: more would claim a precision the gazetteer does not have.
  for (double v : {c.lon, c.lat}) {
    char number[32];
    const int n = std::snprintf(number, sizeof number, "%.5f", v);
    w.RawValue(number, static_cast<std::size_t>(n), rapidjson::kNumberType);
  }
  w.EndArray();
  w.EndObject();
  w.Key("properties");
  w.StartObject();
  str("id", c.id);
  str("nom", c.nom);
  str("structure", c.structure);
  list("metiers", c.metiers);
  list("thematiques", c.thematiques);
  str("commune", c.commune);
  str("code_insee", c.code_insee);
  str("departement", c.departement);
  str("region", c.region);
  if (!c.territoire.empty()) str("territoire", c.territoire);
  str("description", c.description);
  if (!c.site.empty()) str("site", c.site);
  w.Key("demo");
  w.Bool(c.demo);
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace core
