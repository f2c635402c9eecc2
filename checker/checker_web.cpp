// The checker's exports to web/verifier.js, through ccall. The page fetches the gazetteer
// (data/communes.csv) and hands its bytes over once, then one file at a time. Strings come
// back as pointers into the module's memory, valid until the next call: the GeoJSON as
// bytes with its length, so that the download is exactly what the command line writes.
#include <cstddef>
#include <optional>
#include <string>

#include "report.h"
#include "spreadsheet_columns.h"

namespace {

std::optional<core::Gazetteer> g_gazetteer;
checker::Report g_report;
std::string g_text;

}  // namespace

extern "C" {

// "" when the gazetteer was read, else why not (in French).
const char* checker_load_gazetteer(const char* data, std::size_t size) {
  g_gazetteer = core::Gazetteer::parse(std::string_view(data, size), g_text);
  if (g_gazetteer) g_text.clear();
  return g_text.c_str();
}

// The report's JSON (checker/report.h); the GeoJSON waits for checker_geojson.
const char* checker_check(const char* data, std::size_t size) {
  if (!g_gazetteer) return "";
  g_report = checker::check(std::string_view(data, size), *g_gazetteer);
  return g_report.json.c_str();
}

const char* checker_geojson() { return g_report.geojson.data(); }
std::size_t checker_geojson_size() { return g_report.geojson.size(); }

const char* checker_template() {
  g_text = core::spreadsheetTemplate();
  return g_text.c_str();
}

}  // extern "C"
