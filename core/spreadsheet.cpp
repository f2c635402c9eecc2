#include "spreadsheet.h"

#include <algorithm>
#include <cstdio>

#include "csv.h"
#include "geojson.h"
#include "text.h"

namespace core {

namespace {

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

const std::vector<std::string_view>& spreadsheetColumns() {
  static const std::vector<std::string_view> columns{
      "id", "nom", "structure", "metiers", "thematiques", "commune", "code_insee",
      "departement", "region", "territoire", "description", "site", "demo"};
  return columns;
}

const std::vector<std::string_view>& exportColumns() {
  static const std::vector<std::string_view> columns{"structure_libelle", "region_nom", "latitude", "longitude"};
  return columns;
}

SpreadsheetResult readSpreadsheet(std::string_view csv, const Gazetteer& gazetteer) {
  SpreadsheetResult result;
  auto& issues = result.issues;
  const auto& columns = spreadsheetColumns();

  if (text::trim(csv).find_first_not_of("\r\n") == std::string_view::npos) {
    issues.push_back({1, "", "fichier vide : la ligne d’en-tête est attendue"});
    return result;
  }
  const CsvTable table = parseCsv(csv);
  for (const auto& e : table.errors) issues.push_back({e.line, "", e.reason});
  if (table.records.empty()) {
    if (table.fatal) issues.push_back({table.fatal->line, "", table.fatal->reason});
    return result;
  }

  // The header must name every column once, in order; anything else would shift values
  // into the wrong fields. An export's derived columns may follow, in their order.
  const auto& header = table.records[0].fields;
  // A name with an invisible or unreadable character would otherwise be reported twice,
  // as a missing column and as an unknown one that looks like it.
  bool header_readable = true;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (!text::isValidUtf8(header[i]) || text::hasControl(header[i])) {
      issues.push_back({1, "", "en-tête : le nom de la colonne " + std::to_string(i + 1) + ", " +
                                   text::quoted(header[i]) + ", contient un caractère invisible ou illisible"});
      header_readable = false;
    }
  }
  if (!header_readable) {
    sortByLine(issues);
    return result;
  }
  const auto& derived = exportColumns();
  const bool known_extras =
      header.size() > columns.size() && header.size() <= columns.size() + derived.size() &&
      std::equal(header.begin() + static_cast<std::ptrdiff_t>(columns.size()), header.end(), derived.begin());
  const std::size_t field_count = known_extras ? header.size() : columns.size();
  bool header_ok = true;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (std::find(header.begin(), header.end(), columns[i]) == header.end()) {
      issues.push_back({1, std::string(columns[i]), "colonne manquante"});
      header_ok = false;
    }
  }
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& name = header[i];
    if (known_extras && i >= columns.size()) continue;
    if (std::find(columns.begin(), columns.end(), name) == columns.end()) {
      issues.push_back({1, text::printable(name), "colonne inconnue"});
      header_ok = false;
    }
  }
  if (header_ok && header.size() != field_count) {
    issues.push_back({1, "", "colonne en double dans l’en-tête"});
    header_ok = false;
  }
  if (header_ok && !std::equal(columns.begin(), columns.end(), header.begin())) {
    issues.push_back({1, "", "colonnes dans le désordre : l’ordre attendu est id,nom,structure,metiers,thematiques,commune,code_insee,departement,region,territoire,description,site,demo"});
    header_ok = false;
  }
  if (!header_ok) {
    sortByLine(issues);
    return result;
  }

  IdRegistry ids;
  for (std::size_t r = 1; r < table.records.size(); ++r) {
    const CsvRecord& record = table.records[r];
    const auto& f = record.fields;
    const std::size_t line = record.line;
    if (f.size() == 1 && f[0].empty()) continue;  // blank line
    if (f.size() != field_count) {
      issues.push_back({line, "", std::to_string(f.size()) + " champs au lieu de " + std::to_string(field_count)});
      continue;
    }
    bool utf8_ok = true;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (!text::isValidUtf8(f[i])) {
        issues.push_back({line, std::string(columns[i]), "texte qui n’est pas de l’UTF-8 valide (enregistrez le fichier en UTF-8)"});
        utf8_ok = false;
      }
    }
    if (!utf8_ok) continue;

    Catalyseur c;
    c.id = std::string(text::trim(f[kId]));
    c.nom = std::string(text::trim(f[kNom]));
    c.structure = std::string(text::trim(f[kStructure]));
    c.metiers = splitList(f[kMetiers]);
    c.thematiques = splitList(f[kThematiques]);
    c.commune = std::string(text::trim(f[kCommune]));
    c.code_insee = std::string(text::trim(f[kCodeInsee]));
    c.departement = std::string(text::trim(f[kDepartement]));
    c.region = std::string(text::trim(f[kRegion]));
    c.territoire = std::string(text::trim(f[kTerritoire]));
    c.description = std::string(text::trim(f[kDescription]));
    c.site = std::string(text::trim(f[kSite]));

    std::vector<RowIssue> row_issues;
    const std::string_view demo = text::trim(f[kDemo]);
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

    if (row_issues.empty())
      result.catalyseurs.push_back(std::move(c));
    else
      issues.insert(issues.end(), row_issues.begin(), row_issues.end());
  }
  if (table.fatal) issues.push_back({table.fatal->line, "", table.fatal->reason});
  if (result.catalyseurs.empty() && issues.empty())
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
