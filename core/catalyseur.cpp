#include "catalyseur.h"

#include "categories.h"
#include "text.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace core {

namespace {

// Longest values accepted, in characters (code points). The description limit is the
// schema's; the others keep one bad cell from blowing up the interface. kMaxName and kMaxId
// are in catalyseur.h.
constexpr std::size_t kMaxDescription = 600;
constexpr std::size_t kMaxTerritoire = 120;
constexpr std::size_t kMaxCommune = 100;
constexpr std::size_t kMaxUrl = 500;

// Code officiel géographique: each département's region. Corsica is 2A/2B; DROM
// départements are 971–976 and the COM stand for themselves.
constexpr DepartementRegion kDepartements[] = {
    {"01", "84"}, {"02", "32"}, {"03", "84"}, {"04", "93"}, {"05", "93"}, {"06", "93"},
    {"07", "84"}, {"08", "44"}, {"09", "76"}, {"10", "44"}, {"11", "76"}, {"12", "76"},
    {"13", "93"}, {"14", "28"}, {"15", "84"}, {"16", "75"}, {"17", "75"}, {"18", "24"},
    {"19", "75"}, {"21", "27"}, {"22", "53"}, {"23", "75"}, {"24", "75"}, {"25", "27"},
    {"26", "84"}, {"27", "28"}, {"28", "24"}, {"29", "53"}, {"2A", "94"}, {"2B", "94"},
    {"30", "76"}, {"31", "76"}, {"32", "76"}, {"33", "75"}, {"34", "76"}, {"35", "53"},
    {"36", "24"}, {"37", "24"}, {"38", "84"}, {"39", "27"}, {"40", "75"}, {"41", "24"},
    {"42", "84"}, {"43", "84"}, {"44", "52"}, {"45", "24"}, {"46", "76"}, {"47", "75"},
    {"48", "76"}, {"49", "52"}, {"50", "28"}, {"51", "44"}, {"52", "44"}, {"53", "52"},
    {"54", "44"}, {"55", "44"}, {"56", "53"}, {"57", "44"}, {"58", "27"}, {"59", "32"},
    {"60", "32"}, {"61", "28"}, {"62", "32"}, {"63", "84"}, {"64", "75"}, {"65", "76"},
    {"66", "76"}, {"67", "44"}, {"68", "44"}, {"69", "84"}, {"70", "27"}, {"71", "27"},
    {"72", "52"}, {"73", "84"}, {"74", "84"}, {"75", "11"}, {"76", "28"}, {"77", "11"},
    {"78", "11"}, {"79", "75"}, {"80", "32"}, {"81", "76"}, {"82", "76"}, {"83", "93"},
    {"84", "93"}, {"85", "52"}, {"86", "75"}, {"87", "75"}, {"88", "44"}, {"89", "27"},
    {"90", "27"}, {"91", "11"}, {"92", "11"}, {"93", "11"}, {"94", "11"}, {"95", "11"},
    {"971", "01"}, {"972", "02"}, {"973", "03"}, {"974", "04"}, {"976", "06"},
    {"975", "975"}, {"977", "977"}, {"978", "978"}, {"986", "986"}, {"987", "987"},
    {"988", "988"},
};

bool contains(const std::vector<std::string_view>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

std::string joined(const std::vector<std::string_view>& values) {
  std::string out;
  for (auto v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

// Quoted the French way, cut short and with invisible characters shown, so that a huge or
// hostile bad value neither floods the report nor reaches a terminal as is.
using text::quoted;

class Checker {
 public:
  std::vector<FieldIssue> issues;

  void add(std::string_view field, std::string reason) {
    issues.push_back({std::string(field), std::move(reason)});
  }

  // Checks the text rules every string shares; false when the value is unusable or empty.
  bool text(std::string_view field, std::string_view value, std::size_t max_chars,
            bool required, bool multiline = false) {
    if (auto problem = textProblem(value, max_chars, required, multiline)) {
      add(field, std::move(*problem));
      return false;
    }
    return !value.empty();
  }

  void enumList(std::string_view field, const std::vector<std::string>& values,
                const std::vector<std::string_view>& allowed, bool at_least_one) {
    if (values.empty() && at_least_one) {
      add(field, "au moins une valeur est requise (" + joined(allowed) + ")");
      return;
    }
    // More values than there are allowed ones means repeats or unknowns; saying so once
    // keeps the check linear in a hostile list of a million values.
    if (values.size() > allowed.size()) {
      add(field, std::to_string(values.size()) + " valeurs, au plus " + std::to_string(allowed.size()) +
                     " (" + joined(allowed) + ")");
      return;
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!contains(allowed, values[i])) {
        add(field, "valeur inconnue " + quoted(values[i]) + " (attendu : " + joined(allowed) + ")");
      } else if (std::find(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(i),
                           values[i]) != values.begin() + static_cast<std::ptrdiff_t>(i)) {
        add(field, "valeur répétée " + quoted(values[i]));
      }
    }
  }
};

bool isDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::string> textProblem(std::string_view value, std::size_t max_chars, bool required,
                                       bool multiline) {
  if (!text::isValidUtf8(value)) return "texte qui n’est pas de l’UTF-8 valide";
  if (value.empty()) return required ? std::optional<std::string>("champ obligatoire vide") : std::nullopt;
  if (text::hasControl(value, multiline)) return "caractère de contrôle interdit";
  const std::size_t n = text::codePointCount(value);
  if (n > max_chars)
    return std::to_string(n) + " caractères, au plus " + std::to_string(max_chars) + " sont permis";
  return std::nullopt;
}

const std::vector<std::string_view>& structureValues() {
  static const std::vector<std::string_view> v(kStructureSlugs.begin(), kStructureSlugs.end());
  return v;
}

const std::vector<std::string_view>& metierValues() {
  static const std::vector<std::string_view> v(kMetierSlugs.begin(), kMetierSlugs.end());
  return v;
}

const std::vector<std::string_view>& thematiqueValues() {
  static const std::vector<std::string_view> v(kThematiqueSlugs.begin(), kThematiqueSlugs.end());
  return v;
}

std::span<const DepartementRegion> departementRegions() { return kDepartements; }

std::optional<std::string_view> regionOfDepartement(std::string_view departement) {
  for (const auto& d : departementRegions())
    if (d.departement == departement) return d.region;
  return std::nullopt;
}

std::vector<FieldIssue> validateFields(const Catalyseur& c) {
  Checker check;

  if (check.text("id", c.id, kMaxId, true) && !text::isSlug(c.id))
    check.add("id", "identifiant " + quoted(c.id) +
                        " invalide : lettres minuscules sans accent, chiffres et tirets seulement");
  check.text("nom", c.nom, kMaxName, true);
  if (check.text("structure", c.structure, kMaxName, true) &&
      !contains(structureValues(), c.structure))
    check.add("structure", "valeur inconnue " + quoted(c.structure) + " (attendu : " +
                               joined(structureValues()) + ")");
  check.enumList("metiers", c.metiers, metierValues(), true);
  check.enumList("thematiques", c.thematiques, thematiqueValues(), false);
  check.text("commune", c.commune, kMaxCommune, true);

  const bool departement_ok = check.text("departement", c.departement, 3, true);
  std::optional<std::string_view> departement_region;
  if (departement_ok) {
    departement_region = regionOfDepartement(c.departement);
    if (!departement_region)
      check.add("departement", "code de département inconnu " + quoted(c.departement));
  }

  if (check.text("code_insee", c.code_insee, 5, true)) {
    const bool corsica = c.code_insee.size() == 5 && c.code_insee[0] == '2' &&
                         (c.code_insee[1] == 'A' || c.code_insee[1] == 'B') &&
                         isDigits(std::string_view(c.code_insee).substr(2));
    if (c.code_insee.size() != 5 || !(isDigits(c.code_insee) || corsica)) {
      check.add("code_insee", "code INSEE " + quoted(c.code_insee) + " invalide : cinq caractères attendus");
    } else if (departement_region && c.code_insee.rfind(c.departement, 0) != 0) {
      check.add("code_insee", "le code INSEE " + quoted(c.code_insee) +
                                  " n’appartient pas au département " + quoted(c.departement));
    }
  }

  if (check.text("region", c.region, 3, true)) {
    if (!territoryOfRegionCode(c.region))
      check.add("region", "code de région inconnu " + quoted(c.region));
    else if (departement_region && *departement_region != c.region)
      check.add("region", "le département " + quoted(c.departement) + " est dans la région " +
                              quoted(*departement_region) + ", pas " + quoted(c.region));
  }

  check.text("territoire", c.territoire, kMaxTerritoire, false);
  check.text("description", c.description, kMaxDescription, false, true);
  if (check.text("site", c.site, kMaxUrl, false) && !text::isHttpUrl(c.site))
    check.add("site", "adresse " + quoted(c.site) + " refusée : seules les adresses http:// ou https:// sont permises");

  return std::move(check.issues);
}

std::vector<FieldIssue> validateLocation(const Catalyseur& c) {
  std::vector<FieldIssue> issues;
  if (!std::isfinite(c.lon) || !std::isfinite(c.lat) || c.lon < -180 || c.lon > 180 ||
      c.lat < -90 || c.lat > 90) {
    issues.push_back({"geometry", "coordonnées hors des bornes longitude/latitude"});
    return issues;
  }
  const auto expected = territoryOfRegionCode(c.region);
  const auto actual = territoryAt(c.lon, c.lat);
  if (!actual) {
    issues.push_back({"geometry", "point hors de tout territoire français"});
  } else if (expected && *expected != *actual) {
    issues.push_back({"geometry", "point situé en " + std::string(info(*actual).name_fr) +
                                      " alors que la région est " +
                                      std::string(info(*expected).name_fr)});
  }
  return issues;
}

std::optional<FieldIssue> IdRegistry::claim(const std::string& id) {
  // An empty or malformed id is already reported; keeping it would let a rejected entry's
  // 40 MB id stay in memory.
  if (id.empty() || id.size() > kMaxId || !text::isSlug(id)) return std::nullopt;
  if (seen_.insert(id).second) return std::nullopt;
  return FieldIssue{"id", "identifiant " + quoted(id) + " déjà utilisé"};
}


}  // namespace core
