// Reads the project's GeoJSON files (RFC 7946). A bad feature never sinks the file: it is
// reported with its index and reason, and the valid rest is kept.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalyseur.h"
#include "geometry.h"
#include "territory.h"

namespace core {

// One region (mainland) or overseas territory outline, in lon/lat.
struct RegionShape {
  std::string code;  // INSEE region code or COM code
  std::string nom;
  Territory territory = Territory::Metropole;
  std::vector<Polygon> polygons;
};

struct FeatureIssue {
  std::size_t index;  // position of the feature in the "features" array, from 0
  std::string id;     // the feature's id when it has a readable one
  std::string reason; // in French
};

// Bad features described, at most: enough to see what is wrong with a file, few enough that
// a million bad ones neither fill the memory (743 MB of reasons) nor the console.
constexpr std::size_t kMaxReportedIssues = 1000;

// A region's outline is triangulated when the map is built, in a time that grows faster
// than its number of vertices (earcut: 0.3 s for 50 000 on a jagged outline, two minutes
// for 400 000). The shipped basemap has 12 600 vertices, at most 1 145 in one region: these
// bounds leave room for a basemap ten times finer, and keep the worst case to seconds.
constexpr std::size_t kMaxRegionVertices = 50'000;
constexpr std::size_t kMaxBasemapVertices = 250'000;

// A directory of more valid entries than this is refused as a whole, with one sentence,
// rather than loaded into a tab that would crawl: in the page each entry costs about 2 KB
// of memory (the file, the entry, its search text and its share of the indexes) and every
// search scans them all. The directory has 350 entries; 100 000 load in seconds.
constexpr std::size_t kMaxCatalyseurs = 250'000;

template <class T>
struct Loaded {
  std::vector<T> items;
  std::vector<FeatureIssue> issues;  // the first kMaxReportedIssues bad features
  std::size_t unreported = 0;        // bad features beyond those, counted only
  // Set when the document as a whole is unusable (not JSON, not a FeatureCollection…).
  std::optional<std::string> fatal;
};

Loaded<RegionShape> loadRegions(std::string_view json);

// One shape of the context layers (geodata/contexte.geojson, whose contract is at the top
// of geodata/build-context.mjs): a département, or neighbouring land around a territory.
struct ContextShape {
  enum class Kind : std::uint8_t { Pays, Departement };
  Kind kind = Kind::Departement;
  RegionShape shape;             // code, nom, the territory that draws it, polygons
  std::string region;            // a département's region
  std::string chef_lieu;         // a département's préfecture, by INSEE code
  bool chef_lieu_region = false; // …which is also its region's
  std::optional<Point> label;    // lon/lat for a département's name
};
Loaded<ContextShape> loadContext(std::string_view json);
Loaded<Catalyseur> loadCatalyseurs(std::string_view json);

// The catalyseur as a GeoJSON Feature, properties in schema order; the inverse of the
// loader. Used by the spreadsheet command and the exports.
std::string toGeoJsonFeature(const Catalyseur& c);

}  // namespace core
