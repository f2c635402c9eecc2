#include "geojson.h"

#include "text.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdio>

namespace core {

namespace {

using Value = rapidjson::Value;

// Position of a byte offset as 1-based line and column, for parse error messages.
std::string linePosition(std::string_view json, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < json.size(); ++i) {
    if (json[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(json[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "ligne " + std::to_string(line) + ", colonne " + std::to_string(column);
}

std::string parseErrorFrench(rapidjson::ParseErrorCode code) {
  switch (code) {
    case rapidjson::kParseErrorDocumentEmpty: return "document vide";
    case rapidjson::kParseErrorDocumentRootNotSingular: return "contenu en trop après la fin du JSON";
    case rapidjson::kParseErrorStringInvalidEncoding: return "texte qui n’est pas de l’UTF-8 valide";
    case rapidjson::kParseErrorStringMissQuotationMark: return "chaîne non terminée";
    case rapidjson::kParseErrorObjectMissName:
    case rapidjson::kParseErrorObjectMissColon:
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket: return "objet JSON mal formé";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket: return "tableau JSON mal formé";
    case rapidjson::kParseErrorNumberTooBig: return "nombre trop grand";
    default: return std::string("JSON invalide (") + rapidjson::GetParseError_En(code) + ")";
  }
}

struct Parsed {
  rapidjson::Document doc;
  const Value* features = nullptr;
  std::optional<std::string> fatal;
};

Parsed parseFeatureCollection(std::string_view json) {
  Parsed p;
  constexpr unsigned kFlags = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNanAndInfFlag;
  p.doc.Parse<kFlags>(json.data(), json.size());
  if (p.doc.HasParseError()) {
    p.fatal = "fichier illisible, " + linePosition(json, p.doc.GetErrorOffset()) + " : " +
              parseErrorFrench(p.doc.GetParseError());
    return p;
  }
  if (!p.doc.IsObject() || !p.doc.HasMember("type") || !p.doc["type"].IsString() ||
      std::string_view(p.doc["type"].GetString()) != "FeatureCollection") {
    p.fatal = "le fichier n’est pas une FeatureCollection GeoJSON";
    return p;
  }
  if (!p.doc.HasMember("features") || !p.doc["features"].IsArray()) {
    p.fatal = "la FeatureCollection n’a pas de tableau « features »";
    return p;
  }
  p.features = &p.doc["features"];
  return p;
}

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

// A linear ring: at least four positions, closed. Our Ring drops the closing point.
bool readRing(const Value& v, Ring& out, std::string& why) {
  if (!v.IsArray() || v.Size() < 4) {
    why = "anneau de polygone de moins de quatre positions";
    return false;
  }
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

bool readPolygon(const Value& v, Polygon& out, std::string& why) {
  if (!v.IsArray() || v.Empty()) {
    why = "polygone sans anneau";
    return false;
  }
  out.rings.resize(v.Size());
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
    if (!readRing(v[i], out.rings[i], why)) return false;
  return true;
}

bool readAreal(const Value& geometry, std::vector<Polygon>& out, std::string& why) {
  const Value* type = member(geometry, "type");
  const Value* coords = member(geometry, "coordinates");
  if (!type || !type->IsString() || !coords) {
    why = "géométrie sans type ou sans coordonnées";
    return false;
  }
  const std::string_view t = type->GetString();
  if (t == "Polygon") {
    out.resize(1);
    return readPolygon(*coords, out[0], why);
  }
  if (t == "MultiPolygon") {
    if (!coords->IsArray() || coords->Empty()) {
      why = "MultiPolygon vide";
      return false;
    }
    out.resize(coords->Size());
    for (rapidjson::SizeType i = 0; i < coords->Size(); ++i)
      if (!readPolygon((*coords)[i], out[i], why)) return false;
    return true;
  }
  why = "géométrie de type « " + std::string(t) + " » alors qu’un Polygon ou MultiPolygon est attendu";
  return false;
}

// The checks every feature shares; returns its properties object or sets `why`.
const Value* featureProperties(const Value& feature, std::string& why) {
  if (!feature.IsObject()) {
    why = "l’entrée n’est pas un objet";
    return nullptr;
  }
  const Value* type = member(feature, "type");
  if (!type || !type->IsString() || std::string_view(type->GetString()) != "Feature") {
    why = "l’entrée n’est pas une Feature";
    return nullptr;
  }
  const Value* geometry = member(feature, "geometry");
  if (!geometry || !geometry->IsObject()) {
    why = "géométrie absente";
    return nullptr;
  }
  const Value* properties = member(feature, "properties");
  if (!properties || !properties->IsObject()) {
    why = "propriétés absentes";
    return nullptr;
  }
  return properties;
}

std::string stringOf(const Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

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
    out.push_back(stringOf(item));
  }
}

std::string describe(const std::vector<FieldIssue>& issues) {
  std::string out;
  for (const auto& issue : issues) {
    if (!out.empty()) out += " ; ";
    out += issue.field + " : " + issue.reason;
  }
  return out;
}

}  // namespace

Loaded<RegionShape> loadRegions(std::string_view json) {
  Loaded<RegionShape> result;
  Parsed parsed = parseFeatureCollection(json);
  if (parsed.fatal) {
    result.fatal = parsed.fatal;
    return result;
  }
  const auto& features = parsed.features->GetArray();
  for (rapidjson::SizeType i = 0; i < features.Size(); ++i) {
    std::string why;
    RegionShape shape;
    const Value* props = featureProperties(features[i], why);
    if (props) {
      std::vector<FieldIssue> issues;
      readString(*props, "code", shape.code, issues);
      readString(*props, "nom", shape.nom, issues);
      std::string territoire;
      readString(*props, "territoire", territoire, issues);
      const auto by_code = territoryOfRegionCode(shape.code);
      const auto by_slug = territoryFromSlug(territoire);
      if (!issues.empty()) {
        why = describe(issues);
      } else if (!by_code) {
        why = "code de région inconnu « " + shape.code + " »";
      } else if (!by_slug || *by_slug != *by_code) {
        why = "territoire « " + territoire + " » incohérent avec le code « " + shape.code + " »";
      } else if (readAreal(features[i]["geometry"], shape.polygons, why)) {
        shape.territory = *by_code;
      }
    }
    if (why.empty())
      result.items.push_back(std::move(shape));
    else
      result.issues.push_back({i, shape.code, why});
  }
  return result;
}

Loaded<Catalyseur> loadCatalyseurs(std::string_view json) {
  Loaded<Catalyseur> result;
  Parsed parsed = parseFeatureCollection(json);
  if (parsed.fatal) {
    result.fatal = parsed.fatal;
    return result;
  }
  IdRegistry ids;
  const auto& features = parsed.features->GetArray();
  result.items.reserve(features.Size());
  for (rapidjson::SizeType i = 0; i < features.Size(); ++i) {
    std::string why;
    Catalyseur c;
    // The id names the entry in reports even when the rest of the feature is broken.
    if (features[i].IsObject()) {
      const Value* properties = member(features[i], "properties");
      const Value* id = properties && properties->IsObject() ? member(*properties, "id") : nullptr;
      if (id && id->IsString()) c.id = stringOf(*id);
    }
    const Value* props = featureProperties(features[i], why);
    if (props) {
      c.id.clear();
      std::vector<FieldIssue> issues;
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

      const Value& geometry = features[i]["geometry"];
      const Value* type = member(geometry, "type");
      const Value* coords = member(geometry, "coordinates");
      Point p;
      if (!type || !type->IsString() || std::string_view(type->GetString()) != "Point")
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
      why = describe(issues);
    }
    if (why.empty())
      result.items.push_back(std::move(c));
    else
      result.issues.push_back({i, text::isValidUtf8(c.id) ? c.id : std::string(), why});
  }
  return result;
}

Loaded<ContextShape> loadContext(std::string_view json) {
  Loaded<ContextShape> result;
  Parsed parsed = parseFeatureCollection(json);
  if (parsed.fatal) {
    result.fatal = parsed.fatal;
    return result;
  }
  const auto& features = parsed.features->GetArray();
  for (rapidjson::SizeType i = 0; i < features.Size(); ++i) {
    std::string why;
    ContextShape c;
    const Value* props = featureProperties(features[i], why);
    if (props) {
      std::vector<FieldIssue> issues;
      std::string kind, territoire;
      readString(*props, "kind", kind, issues);
      readString(*props, "code", c.shape.code, issues);
      readString(*props, "nom", c.shape.nom, issues);
      readString(*props, "territoire", territoire, issues);
      readString(*props, "region", c.region, issues);
      readString(*props, "chef_lieu", c.chef_lieu, issues);
      const Value* capital = member(*props, "chef_lieu_region");
      c.chef_lieu_region = capital && capital->IsBool() && capital->GetBool();
      const Value* label = member(*props, "label");
      Point at;
      if (label && readPosition(*label, at)) c.label = at;
      const auto territory = territoryFromSlug(territoire);
      if (!issues.empty())
        why = describe(issues);
      else if (kind != "pays" && kind != "departement")
        why = "type de forme « " + kind + " » inconnu (pays ou departement attendu)";
      else if (!territory)
        why = "territoire « " + territoire + " » inconnu";
      else if (!text::isValidUtf8(c.shape.nom) || c.shape.nom.empty())
        why = "nom absent ou illisible";
      else if (readAreal(features[i]["geometry"], c.shape.polygons, why)) {
        c.kind = kind == "pays" ? ContextShape::Kind::Pays : ContextShape::Kind::Departement;
        c.shape.territory = *territory;
      }
    }
    if (why.empty())
      result.items.push_back(std::move(c));
    else
      result.issues.push_back({i, c.shape.code, why});
  }
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
