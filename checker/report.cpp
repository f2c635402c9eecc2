#include "report.h"

#include <algorithm>
#include <map>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "csv.h"
#include "spreadsheet.h"
#include "territory.h"
#include "text.h"

namespace checker {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void field(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

struct Row {
  bool ok = false;
  std::string id, nom, commune, region;
  double lon = 0, lat = 0;
};

// The rejected rows as the file has them: id, nom and commune by the header's names.
void addRejected(std::string_view csv, std::size_t rows, std::map<std::size_t, Row>& table) {
  if (rows == 0) return;  // the header was refused: no row was read
  const core::CsvTable parsed = core::parseCsv(csv);
  const auto& names = parsed.records.at(0).fields;
  const auto cell = [&](const std::vector<std::string>& f, std::string_view column) {
    const auto it = std::find_if(names.begin(), names.end(), [&](const std::string& n) { return core::text::trim(n) == column; });
    const auto k = static_cast<std::size_t>(it - names.begin());
    return it == names.end() || k >= f.size() ? std::string() : core::text::printable(core::text::trim(f[k]), 200);
  };
  for (std::size_t r = 1; r < parsed.records.size(); ++r) {
    const auto& record = parsed.records[r];
    const auto& f = record.fields;
    if ((f.size() == 1 && f[0].empty()) || core::text::trim(f[0]).substr(0, 1) == "#") continue;
    if (table.count(record.line)) continue;
    table[record.line] = Row{false, cell(f, "id"), cell(f, "nom"), cell(f, "commune"), "", 0, 0};
  }
}

}  // namespace

Report check(std::string_view csv, const core::Gazetteer& gazetteer) {
  const core::SpreadsheetResult result = core::readSpreadsheet(csv, gazetteer);
  std::map<std::size_t, Row> table;
  for (std::size_t i = 0; i < result.catalyseurs.size(); ++i) {
    const core::Catalyseur& c = result.catalyseurs[i];
    const core::RegionInfo* region = core::regionByCode(c.region);
    table[result.lines[i]] = Row{true, c.id, c.nom, c.commune, region ? std::string(region->name_fr) : c.region, c.lon, c.lat};
  }
  const std::string decoded = result.converted_from_windows1252 ? core::text::fromWindows1252(csv) : std::string();
  addRejected(result.converted_from_windows1252 ? std::string_view(decoded) : csv, result.rows, table);
  if (result.rows > 0)
    for (const auto& issue : result.issues)
      if (issue.line > 1 && !table.count(issue.line)) table[issue.line] = Row{};

  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("converted");
  w.Bool(result.converted_from_windows1252);
  w.Key("rows");
  w.Uint64(result.rows);
  w.Key("valid");
  w.Uint64(result.catalyseurs.size());
  w.Key("rejected");
  w.Uint64(result.rows - result.catalyseurs.size());
  w.Key("issues");
  w.StartArray();
  for (const auto& issue : result.issues) {
    w.StartObject();
    w.Key("line");
    w.Uint64(issue.line);
    field(w, "column", issue.column);
    field(w, "reason", issue.reason);
    w.EndObject();
  }
  w.EndArray();
  w.Key("table");
  w.StartArray();
  for (const auto& [line, row] : table) {
    w.StartObject();
    w.Key("line");
    w.Uint64(line);
    w.Key("ok");
    w.Bool(row.ok);
    field(w, "id", row.id);
    field(w, "nom", row.nom);
    field(w, "commune", row.commune);
    field(w, "region", row.region);
    w.Key("lon");
    w.Double(row.lon);
    w.Key("lat");
    w.Double(row.lat);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  Report report{{buffer.GetString(), buffer.GetSize()}, {}};
  if (result.issues.empty()) report.geojson = core::toGeoJson(result.catalyseurs);
  return report;
}

}  // namespace checker
