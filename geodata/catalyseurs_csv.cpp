// catalyseurs-csv: the directory's spreadsheet → the map's GeoJSON.
//
//   catalyseurs-csv INPUT.csv OUTPUT.geojson [--gazetteer communes.csv]
//   catalyseurs-csv --schema OUTPUT.json
//   catalyseurs-csv --template OUTPUT.csv
//
// Geocodes every row offline with the commune gazetteer, checks every field with the
// same rules as the map's loader, prints one line per problem (file:line: column: reason)
// and exits 1 if any row is bad. The output is written to a temporary file and renamed
// into place only on success, so a failed run never touches it. The output may not be one
// of the inputs nor anything but a regular file; a symbolic link is written through, and
// the file keeps its permissions.
//
// --schema writes geodata/schema.json instead: the columns, allowed values, territories
// (legal CRS, lon/lat extent), regions and départements of the core's tables, which the
// Node scripts of geodata/ and the browser tests read rather than keep copies that could
// drift from the C++. --template writes « Télécharger un modèle »'s spreadsheet (header, a
// row of notes, two example rows), the same the checking page offers.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "catalyseur.h"
#include "output_file.h"
#include "gazetteer.h"
#include "spreadsheet.h"
#include "territory.h"

namespace {

using geodata::resolveOutput;
using geodata::writeAtomically;

bool readFile(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return false;
  }
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

// A JSON string literal; RapidJSON does the escaping and leaves UTF-8 as it is.
std::string quote(std::string_view s) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return {buffer.GetString(), buffer.GetSize()};
}

// `"key": [` (or `{`), then one entry per line, so that a new value, region or
// département is a one-line diff of schema.json.
void member(std::string& out, std::string_view key, bool object, const std::vector<std::string>& entries,
            bool last) {
  out += "  " + quote(key) + (object ? ": {\n" : ": [\n");
  for (std::size_t i = 0; i < entries.size(); ++i)
    out += "    " + entries[i] + (i + 1 < entries.size() ? ",\n" : "\n");
  out += object ? "  }" : "  ]";
  out += last ? "\n" : ",\n";
}

std::vector<std::string> quoted(const std::vector<std::string_view>& values) {
  std::vector<std::string> out;
  for (auto v : values) out.push_back(quote(v));
  return out;
}

// Shortest form that reads back as the same double: "-5.6", not "-5.5999999999999996".
std::string number(double value) {
  char buffer[32];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

// Keys and entries in the core's own order, so that the same tables give the same bytes.
std::string schemaJson() {
  std::vector<std::string> territoires, regions, departements;
  for (const auto& t : core::allTerritories()) {
    const core::Bounds& e = t.lonlat_extent;
    territoires.push_back("{\"slug\": " + quote(t.slug) + ", \"nom\": " + quote(t.name_fr) +
                          ", \"epsg\": " + std::to_string(t.epsg) + ", \"extent\": [" + number(e.min_x) +
                          ", " + number(e.min_y) + ", " + number(e.max_x) + ", " + number(e.max_y) + "]}");
  }
  for (const auto& r : core::allRegions())
    regions.push_back("{\"code\": " + quote(r.code) + ", \"nom\": " + quote(r.name_fr) +
                      ", \"territoire\": " + quote(core::info(r.territory).slug) + "}");
  for (const auto& d : core::departementRegions())
    departements.push_back(quote(d.departement) + ": " + quote(d.region));
  std::string out = "{\n";
  member(out, "columns", false, quoted(core::spreadsheetColumns()), false);
  member(out, "structure", false, quoted(core::structureValues()), false);
  member(out, "metiers", false, quoted(core::metierValues()), false);
  member(out, "thematiques", false, quoted(core::thematiqueValues()), false);
  member(out, "territoires", false, territoires, false);
  member(out, "regions", false, regions, false);
  member(out, "departements", true, departements, true);
  out += "}\n";
  return out;
}

int usage() {
  std::fprintf(stderr,
               "usage : catalyseurs-csv ENTRÉE.csv SORTIE.geojson [--gazetteer communes.csv]\n"
               "        catalyseurs-csv --schema SORTIE.json\n"
               "        catalyseurs-csv --template SORTIE.csv\n"
               "Transforme le tableur des catalyseurs en GeoJSON pour la carte.\n"
               "Avec --schema, écrit les colonnes, les valeurs permises, les territoires, les\n"
               "régions et les départements que connaît la carte (geodata/schema.json, lu par les scripts Node).\n"
               "Avec --template, écrit un modèle de tableur : l’en-tête, une ligne de notes et deux exemples.\n");
  return 2;
}

// Checks the output before any work, so that a refused one costs nothing.
bool checkOutput(const std::string& path, const std::vector<std::string>& inputs, std::string& target, mode_t& mode) {
  std::string error;
  if (resolveOutput(path, inputs, target, mode, error)) return true;
  std::fprintf(stderr, "%s : sortie refusée : %s\n", path.c_str(), error.c_str());
  return false;
}

// --schema and --template: a file made from the core's tables alone.
int writeGenerated(const std::string& path, const std::string& content, const char* what) {
  std::string error, target;
  mode_t mode;
  if (!checkOutput(path, {}, target, mode)) return 2;
  if (!writeAtomically(target, mode, content, error)) {
    std::fprintf(stderr, "%s : écriture impossible : %s\n", path.c_str(), error.c_str());
    return 2;
  }
  std::fprintf(stderr, "%s écrit dans %s\n", what, path.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string input, output, schema, template_path, gazetteer_path = CATALYSEURS_DEFAULT_GAZETTEER;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--gazetteer" && i + 1 < argc) {
      gazetteer_path = argv[++i];
    } else if (arg == "--schema" && i + 1 < argc) {
      schema = argv[++i];
    } else if (arg == "--template" && i + 1 < argc) {
      template_path = argv[++i];
    } else if (arg == "-h" || arg == "--help") {
      usage();
      return 0;
    } else if (input.empty()) {
      input = arg;
    } else if (output.empty()) {
      output = arg;
    } else {
      return usage();
    }
  }
  if (!schema.empty() || !template_path.empty()) {
    if (!input.empty() || (!schema.empty() && !template_path.empty())) return usage();
    return schema.empty() ? writeGenerated(template_path, core::spreadsheetTemplate(), "modèle")
                          : writeGenerated(schema, schemaJson(), "schéma");
  }
  if (input.empty() || output.empty()) return usage();

  std::string target;
  mode_t mode;
  if (!checkOutput(output, {input, gazetteer_path}, target, mode)) return 2;

  const auto started = std::chrono::steady_clock::now();
  std::string error, gazetteer_text, csv;
  if (!readFile(gazetteer_path, gazetteer_text, error)) {
    std::fprintf(stderr, "%s : lecture impossible : %s\n", gazetteer_path.c_str(), error.c_str());
    return 2;
  }
  const auto gazetteer = core::Gazetteer::parse(gazetteer_text, error);
  if (!gazetteer) {
    std::fprintf(stderr, "%s : %s\n", gazetteer_path.c_str(), error.c_str());
    return 2;
  }
  if (!readFile(input, csv, error)) {
    std::fprintf(stderr, "%s : lecture impossible : %s\n", input.c_str(), error.c_str());
    return 2;
  }

  const core::SpreadsheetResult result = core::readSpreadsheet(csv, *gazetteer);
  if (result.converted_from_windows1252)
    std::fprintf(stderr, "%s : converti depuis Windows-1252 (le fichier n’était pas en UTF-8)\n", input.c_str());
  for (const auto& issue : result.issues) {
    if (issue.column.empty())
      std::fprintf(stderr, "%s:%zu: %s\n", input.c_str(), issue.line, issue.reason.c_str());
    else
      std::fprintf(stderr, "%s:%zu: colonne « %s » : %s\n", input.c_str(), issue.line,
                   issue.column.c_str(), issue.reason.c_str());
  }
  if (!result.issues.empty()) {
    std::fprintf(stderr, "%zu problème(s) : %s n’a pas été modifié.\n", result.issues.size(), output.c_str());
    return 1;
  }
  if (!writeAtomically(target, mode, core::toGeoJson(result.catalyseurs), error)) {
    std::fprintf(stderr, "%s : écriture impossible : %s\n", output.c_str(), error.c_str());
    return 2;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "%zu catalyseurs écrits dans %s (%.2f s)\n", result.catalyseurs.size(), output.c_str(), seconds);
  return 0;
}
