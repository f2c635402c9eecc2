#include "spreadsheet.h"

#include <algorithm>
#include <cstdio>

#include "csv.h"
#include "geojson.h"
#include "text.h"

namespace core {

namespace {

// In the order of spreadsheetColumns().
enum Column { kId, kNom, kStructure, kMetiers, kThematiques, kCommune, kCodeInsee, kDepartement,
              kRegion, kTerritoire, kDescription, kSite, kDemo, kColumnCount };

std::vector<std::string> splitList(std::string_view cell) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    const std::size_t end = std::min(cell.find(';', start), cell.size());
    const std::string_view item = text::trim(cell.substr(start, end - start));
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

std::string describeCandidates(const std::vector<const Commune*>& candidates) {
  std::string out;
  for (const Commune* c : candidates) {
    if (!out.empty()) out += ", ";
    out += c->nom + " (" + c->code_insee + ", département " + c->departement + ")";
  }
  return out;
}

// Fills the location fields from the gazetteer; false (with issues) when it cannot.
bool geocode(Catalyseur& c, const Gazetteer& gazetteer, std::size_t line, std::vector<RowIssue>& issues) {
  const Commune* commune = nullptr;
  if (!c.code_insee.empty()) {
    commune = gazetteer.byCode(c.code_insee);
    if (!commune) {
      issues.push_back({line, "code_insee", "code INSEE inconnu " + text::quoted(c.code_insee)});
      return false;
    }
    if (!c.commune.empty() && text::fold(c.commune) != text::fold(commune->nom)) {
      issues.push_back({line, "commune", text::quoted(c.commune) + " ne correspond pas au code INSEE " +
                                             c.code_insee + ", qui est « " + commune->nom + " »"});
      return false;
    }
  } else {
    if (c.commune.empty()) {
      issues.push_back({line, "commune", "la commune ou le code INSEE est obligatoire"});
      return false;
    }
    const auto candidates = gazetteer.byName(c.commune, c.departement);
    if (candidates.empty()) {
      issues.push_back({line, "commune", "commune inconnue " + text::quoted(c.commune) +
                                             (c.departement.empty() ? "" : " dans le département " + text::printable(c.departement))});
      return false;
    }
    if (candidates.size() > 1) {
      issues.push_back({line, "commune", "commune ambiguë " + text::quoted(c.commune) + " : " +
                                             describeCandidates(candidates) +
                                             " ; indiquez le code INSEE ou le département"});
      return false;
    }
    commune = candidates.front();
  }
  if (c.commune.empty()) c.commune = commune->nom;
  c.code_insee = commune->code_insee;
  if (c.departement.empty()) c.departement = commune->departement;
  if (c.region.empty()) c.region = commune->region;
  c.lon = commune->lon;
  c.lat = commune->lat;
  return true;
}

// Issues are reported in line order; those of one line keep the order they were found in.
void sortByLine(std::vector<RowIssue>& issues) {
  std::stable_sort(issues.begin(), issues.end(), [](const RowIssue& a, const RowIssue& b) { return a.line < b.line; });
}

}  // namespace

SpreadsheetResult readSpreadsheet(std::string_view csv, const Gazetteer& gazetteer) {
  SpreadsheetResult result;
  auto& issues = result.issues;
  if (text::trim(csv).find_first_not_of("\r\n") == std::string_view::npos) {
    issues.push_back({1, "", "fichier vide : la ligne d’en-tête est attendue"});
    return result;
  }
  std::string converted;
  if (text::isWindows1252(csv)) {
    converted = text::fromWindows1252(csv);
    csv = converted;
    result.converted_from_windows1252 = true;
  }
  const CsvTable table = parseCsv(csv);
  for (const auto& e : table.errors) issues.push_back({e.line, "", e.reason});
  if (table.records.empty()) {
    if (table.fatal) issues.push_back({table.fatal->line, "", table.fatal->reason});
    return result;
  }

  SpreadsheetHeader header;
  if (!readHeader(table.records[0].fields, header, issues)) {
    sortByLine(issues);
    return result;
  }
  const auto& names = table.records[0].fields;

  IdRegistry ids;
  for (std::size_t r = 1; r < table.records.size(); ++r) {
    const CsvRecord& record = table.records[r];
    const auto& f = record.fields;
    const std::size_t line = record.line;
    if (f.size() == 1 && f[0].empty()) continue;  // blank line
    if (text::trim(f[0]).substr(0, 1) == "#") continue;  // a note, such as the template's
    ++result.rows;
    if (f.size() != header.width) {
      issues.push_back({line, "", std::to_string(f.size()) + " champs au lieu de " + std::to_string(header.width)});
      continue;
    }
    bool utf8_ok = true;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (!text::isValidUtf8(f[i])) {
        issues.push_back({line, text::printable(text::trim(names[i])),
                          "texte qui n’est pas de l’UTF-8 valide (enregistrez le fichier en UTF-8)"});
        utf8_ok = false;
      }
    }
    if (!utf8_ok) continue;

    // A column the file leaves out reads as empty cells.
    const auto cell = [&](Column column) {
      const int k = header.field[column];
      return k < 0 ? std::string_view() : text::trim(f[static_cast<std::size_t>(k)]);
    };
    Catalyseur c;
    c.id = std::string(cell(kId));
    c.nom = std::string(cell(kNom));
    c.structure = std::string(cell(kStructure));
    c.metiers = splitList(cell(kMetiers));
    c.thematiques = splitList(cell(kThematiques));
    c.commune = std::string(cell(kCommune));
    c.code_insee = std::string(cell(kCodeInsee));
    c.departement = std::string(cell(kDepartement));
    c.region = std::string(cell(kRegion));
    c.territoire = std::string(cell(kTerritoire));
    c.description = std::string(cell(kDescription));
    c.site = std::string(cell(kSite));

    std::vector<RowIssue> row_issues;
    const std::string_view demo = cell(kDemo);
    if (demo == "true")
      c.demo = true;
    else if (demo == "false")
      c.demo = false;
    else
      row_issues.push_back({line, "demo", "valeur " + text::quoted(demo) + " : true ou false attendu"});

    if (geocode(c, gazetteer, line, row_issues)) {
      for (auto& issue : validateFields(c)) row_issues.push_back({line, issue.field, issue.reason});
      if (row_issues.empty())
        for (auto& issue : validateLocation(c)) row_issues.push_back({line, "commune", issue.reason});
    }
    if (auto duplicate = ids.claim(c.id)) row_issues.push_back({line, "id", duplicate->reason});

    if (row_issues.empty()) {
      result.catalyseurs.push_back(std::move(c));
      result.lines.push_back(line);
    } else
      issues.insert(issues.end(), row_issues.begin(), row_issues.end());
  }
  if (table.fatal) issues.push_back({table.fatal->line, "", table.fatal->reason});
  // Records the reader could not split are rows too, and rejected; an unterminated quote
  // swallows the rest of the file as one.
  for (const auto& e : table.errors) result.rows += e.line > 1 ? 1 : 0;
  result.rows += table.fatal && table.fatal->line > 1 ? 1 : 0;
  if (result.rows == 0 && issues.empty())
    issues.push_back({1, "", "aucune ligne de données après l’en-tête"});
  sortByLine(issues);
  return result;
}

std::string toGeoJson(const std::vector<Catalyseur>& catalyseurs) {
  std::vector<std::uint32_t> all(catalyseurs.size());
  for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  return toGeoJson(catalyseurs, all);
}

std::string toGeoJson(const std::vector<Catalyseur>& catalyseurs, std::span<const std::uint32_t> rows) {
  std::string out = "{\"type\":\"FeatureCollection\",\"features\":[\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += toGeoJsonFeature(catalyseurs[rows[i]]);
    out += i + 1 < rows.size() ? ",\n" : "\n";
  }
  out += "]}\n";
  return out;
}

namespace {

using StructureLabel = std::function<std::string(std::string_view)>;

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ";") + v;
  return out;
}

std::string coordinate(double degrees) {
  char text[32];
  std::snprintf(text, sizeof text, "%.5f", degrees);  // a metre, as in the GeoJSON
  return text;
}

// The header and the records; with `label`, the export columns too.
std::string writeCsv(const std::vector<Catalyseur>& catalyseurs, std::span<const std::uint32_t> rows,
                     const StructureLabel* label) {
  std::vector<std::string> header(spreadsheetColumns().begin(), spreadsheetColumns().end());
  if (label) header.insert(header.end(), exportColumns().begin(), exportColumns().end());
  std::string out = csvRecord(header) + "\n";
  for (std::uint32_t row : rows) {
    const Catalyseur& c = catalyseurs[row];
    // In the order of spreadsheetColumns(), then exportColumns().
    std::vector<std::string> fields{c.id,          c.nom,       c.structure,   joined(c.metiers), joined(c.thematiques),
                                    c.commune,     c.code_insee, c.departement, c.region,          c.territoire,
                                    c.description, c.site,      c.demo ? "true" : "false"};
    if (label) {
      const RegionInfo* region = regionByCode(c.region);
      fields.insert(fields.end(), {(*label)(c.structure), region ? std::string(region->name_fr) : std::string(),
                                   coordinate(c.lat), coordinate(c.lon)});
    }
    out += csvRecord(fields) + "\n";
  }
  return out;
}

}  // namespace

std::string toCsv(const std::vector<Catalyseur>& catalyseurs, std::span<const std::uint32_t> rows) {
  return writeCsv(catalyseurs, rows, nullptr);
}

std::string toCsvExport(const std::vector<Catalyseur>& catalyseurs, std::span<const std::uint32_t> rows,
                        const StructureLabel& structure_label) {
  return "\xEF\xBB\xBF" + writeCsv(catalyseurs, rows, &structure_label);
}

}  // namespace core
