#include "spreadsheet_columns.h"

#include <algorithm>
#include <array>

#include "catalyseur.h"
#include "csv.h"
#include "text.h"

namespace core {

namespace {

// One fact in one place: the template, the reader and the README test all come from here.
constexpr std::array<SpreadsheetColumn, 13> kColumns{{
    {"id", true,
     "identifiant unique et stable, obligatoire : lettres minuscules sans accent, chiffres et tirets",
     {"exemple-reseau-lyon", "exemple-tiers-lieu-brest"}},
    {"nom", true, "nom affiché, obligatoire",
     {"Réseau d’exemple à Lyon (à remplacer)", "Tiers-lieu d’exemple à Brest (à remplacer)"}},
    {"structure", true, "type de structure, obligatoire, une valeur parmi", {"association", "collectivite"}},
    {"metiers", true,
     "métiers, au moins un, séparés par « ; » ; le premier est le métier principal (la couleur du marqueur), parmi",
     {"dialogue;lieu", "lieu"}},
    {"thematiques", true, "thématiques, facultatives, séparées par « ; », parmi", {"emploi;culture", ""}},
    {"commune", true,
     "nom de la commune, sans souci des accents ni des majuscules ; peut rester vide si le code INSEE est donné",
     {"Lyon", "Brest"}},
    {"code_insee", true,
     "code INSEE de la commune (cinq caractères, 69123 pour Lyon) ; facultatif, sauf quand deux communes portent le même nom et que le département ne suffit pas",
     {"69123", ""}},
    {"departement", false,
     "code du département (69, 2A, 974) : déduit de la commune s’il manque, vérifié s’il est donné",
     {"69", ""}},
    {"region", false,
     "code INSEE de la région (84 pour Auvergne-Rhône-Alpes) : déduit de la commune s’il manque, vérifié s’il est donné",
     {"84", ""}},
    {"territoire", true, "territoire d’action en quelques mots, facultatif", {"Métropole de Lyon", ""}},
    {"description", true, "présentation en quelques phrases, facultative ; les retours à la ligne sont permis",
     {"Une ligne d’exemple : remplacez-la par un vrai catalyseur, ou supprimez-la.",
      "Seule la commune est donnée : le code INSEE, le département et la région en sont déduits."}},
    {"site", true, "adresse du site, facultative : http:// ou https:// seulement", {"https://example.org/", ""}},
    {"demo", true, "true pour une entrée fictive de démonstration, false pour une vraie", {"true", "true"}},
}};

}  // namespace

std::span<const SpreadsheetColumn> spreadsheetColumnTable() { return kColumns; }

const std::vector<std::string_view>& spreadsheetColumns() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto& c : kColumns) out.push_back(c.name);
    return out;
  }();
  return names;
}

const std::vector<std::string_view>& exportColumns() {
  static const std::vector<std::string_view> columns{"structure_libelle", "region_nom", "latitude", "longitude"};
  return columns;
}

const std::vector<std::string_view>& allowedValues(std::string_view column) {
  static const std::vector<std::string_view> none;
  if (column == "structure") return structureValues();
  if (column == "metiers") return metierValues();
  if (column == "thematiques") return thematiqueValues();
  return none;
}

std::string_view suggestColumn(std::string_view name, const std::vector<std::string_view>& candidates) {
  const std::string folded = text::fold(name);
  std::string_view best;
  std::size_t best_distance = 3;
  for (const std::string_view column : candidates) {
    // Folding turns « code_insee » into « code insee »: compare with both spellings.
    const std::size_t d = std::min(text::editDistance(folded, column), text::editDistance(folded, text::fold(column)));
    if (d < best_distance && 2 * d < column.size()) {
      best = column;
      best_distance = d;
    }
  }
  return best;
}

bool readHeader(const std::vector<std::string>& names, SpreadsheetHeader& header, std::vector<RowIssue>& issues) {
  const auto& columns = spreadsheetColumns();
  const auto& derived = exportColumns();
  header.field.assign(columns.size(), -1);
  header.width = names.size();
  // A name with an invisible or unreadable character would otherwise be reported twice,
  // as a missing column and as an unknown one that looks like it.
  bool ok = true;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!text::isValidUtf8(names[i]) || text::hasControl(names[i])) {
      issues.push_back({1, "", "en-tête : le nom de la colonne " + std::to_string(i + 1) + ", " +
                                   text::quoted(names[i]) + ", contient un caractère invisible ou illisible"});
      ok = false;
    }
  }
  if (!ok) return false;

  std::vector<int> derived_field(derived.size(), -1);
  std::vector<std::size_t> unknown;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string_view name = text::trim(names[i]);
    const auto known = std::find(columns.begin(), columns.end(), name);
    const auto extra = std::find(derived.begin(), derived.end(), name);
    int* slot = known != columns.end() ? &header.field[known - columns.begin()]
                : extra != derived.end() ? &derived_field[extra - derived.begin()]
                                         : nullptr;
    if (!slot) {
      unknown.push_back(i);
    } else if (*slot >= 0) {
      issues.push_back({1, std::string(name), "colonne en double : colonnes " + std::to_string(*slot + 1) + " et " +
                                                  std::to_string(i + 1)});
      ok = false;
    } else {
      *slot = static_cast<int>(i);
    }
  }

  // What an unknown name probably meant is one of the columns the header lacks.
  std::vector<std::string_view> absent;
  for (std::size_t k = 0; k < columns.size(); ++k)
    if (header.field[k] < 0) absent.push_back(columns[k]);
  for (std::size_t k = 0; k < derived.size(); ++k)
    if (derived_field[k] < 0) absent.push_back(derived[k]);
  std::vector<std::string_view> meant;
  for (const std::size_t i : unknown) {
    ok = false;
    if (text::trim(names[i]).empty()) {
      issues.push_back({1, "", "colonne " + std::to_string(i + 1) + " sans nom : nommez-la ou supprimez-la"});
      continue;
    }
    std::string reason = "colonne " + text::quoted(text::trim(names[i])) + " inconnue";
    const std::string_view guess = suggestColumn(names[i], absent);
    if (!guess.empty()) {
      reason += " : vouliez-vous dire « " + std::string(guess) + " » ?";
      meant.push_back(guess);
    }
    issues.push_back({1, "", std::move(reason)});
  }
  // A missing column that a misspelt one stands for is said once, by the suggestion.
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (header.field[k] >= 0 || !kColumns[k].required) continue;
    if (std::find(meant.begin(), meant.end(), columns[k]) != meant.end()) continue;
    issues.push_back({1, std::string(columns[k]), "colonne manquante"});
    ok = false;
  }
  return ok;
}

std::string spreadsheetTemplate() {
  std::vector<std::string> header, notes, rows[2];
  for (const auto& c : kColumns) {
    header.emplace_back(c.name);
    std::string note = std::string(c.name) + " : " + std::string(c.note);
    if (!c.required) note += " (colonne facultative)";
    const auto& values = allowedValues(c.name);
    for (std::size_t i = 0; i < values.size(); ++i) note += (i == 0 ? " : " : ", ") + std::string(values[i]);
    notes.push_back(std::move(note));
    for (int r = 0; r < 2; ++r) rows[r].emplace_back(c.example[r]);
  }
  notes[0] = "# Ligne de notes, ignorée à la lecture (supprimez-la si vous voulez). " + notes[0];
  std::string out = "\xEF\xBB\xBF" + csvRecord(header) + "\n" + csvRecord(notes) + "\n";
  for (const auto& row : rows) out += csvRecord(row) + "\n";
  return out;
}

}  // namespace core
