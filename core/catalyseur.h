// The catalyseur record (DESIGN §3.1) and the one set of rules that says whether a record
// is valid. Both the map's GeoJSON loader and the spreadsheet command use these rules.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "territory.h"

namespace core {

struct Catalyseur {
  std::string id;
  std::string nom;
  std::string structure;
  std::vector<std::string> metiers;
  std::vector<std::string> thematiques;
  std::string commune;
  std::string code_insee;
  std::string departement;
  std::string region;
  std::string territoire;  // optional: empty when absent
  std::string description;
  std::string site;        // optional: empty when absent
  bool demo = false;
  double lon = 0;
  double lat = 0;
};

// One problem with one field. `field` is the property (or CSV column) name.
struct FieldIssue {
  std::string field;
  std::string reason;  // in French: these reach the people who keep the directory
};

// Longest name (of a catalyseur, a structure or a region) and id, in characters: far above
// any real one, low enough that one bad cell cannot blow up the interface.
constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxId = 80;

// The rules every text field shares: UTF-8, no control character (tab and line breaks
// allowed when `multiline`), at most max_chars characters, and not empty when `required`.
// The reason, in French, or nothing when the value is fine.
std::optional<std::string> textProblem(std::string_view value, std::size_t max_chars, bool required,
                                       bool multiline = false);

// The allowed values, in the order the interface lists them.
const std::vector<std::string_view>& structureValues();
const std::vector<std::string_view>& metierValues();
const std::vector<std::string_view>& thematiqueValues();

// Every rule on the fields themselves, except the location and id uniqueness.
std::vector<FieldIssue> validateFields(const Catalyseur& c);

// lon/lat must be real coordinates inside the territory of the record's region.
std::vector<FieldIssue> validateLocation(const Catalyseur& c);

struct DepartementRegion {
  std::string_view departement;
  std::string_view region;
};

// Code officiel géographique: every département the map knows and its region. The COM
// stand for themselves ("975" → "975").
std::span<const DepartementRegion> departementRegions();

// The region a département belongs to ("75" → "11", "971" → "01", "975" → "975").
std::optional<std::string_view> regionOfDepartement(std::string_view departement);

// Tracks ids across a dataset, so that the second use of an id is reported.
class IdRegistry {
 public:
  // Empty when the id is new; otherwise the issue to report.
  std::optional<FieldIssue> claim(const std::string& id);

 private:
  std::unordered_set<std::string> seen_;
};


}  // namespace core
