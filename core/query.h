// Filters, live counts and search over the catalyseurs (DESIGN §5.1). Values are OR-ed
// within a group and AND-ed across groups; an empty group does not filter. Search ignores
// accents and case and ranks name matches first.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalyseur.h"

namespace core {

struct Filters {
  std::vector<std::string> metiers;
  std::vector<std::string> thematiques;
  std::vector<std::string> structure;
  std::vector<std::string> region;  // INSEE region or COM codes

  bool empty() const { return metiers.empty() && thematiques.empty() && structure.empty() && region.empty(); }
  bool operator==(const Filters&) const = default;
};

// How many catalyseurs would match if a value were ticked: the search and the other
// groups apply, the value's own group does not (the usual faceted-search counts).
struct FacetCount {
  std::string value;
  std::size_t count;
};
struct Facets {
  std::vector<FacetCount> metiers;
  std::vector<FacetCount> thematiques;
  std::vector<FacetCount> structure;
  std::vector<FacetCount> region;
};

// What the list and the filter panel show for one set of filters and one search text.
struct Selection {
  // Indices of the matching catalyseurs. With a search text: name matches first, then
  // place (commune, region), then the other fields; alphabetical within each rank.
  // Without: alphabetical.
  std::vector<std::uint32_t> matching;
  Facets facets;
};

class Catalog {
 public:
  // Prepares folded text, value masks and the alphabetical order once.
  explicit Catalog(const std::vector<Catalyseur>& catalyseurs);

  // The matches and the counts, from one pass over the entries in alphabetical order, so
  // that nothing is sorted. The text is searched only when it changes, and then only in the
  // entries the last text matched when the new one can match nothing more (each of the last
  // text's words is part of one of the new ones, as when a word is typed on): typing on
  // costs what the last keystroke matched, and a filter change reads no text at all.
  Selection select(const Filters& filters, std::string_view text);
  std::vector<std::uint32_t> match(const Filters& filters, std::string_view text) {
    return select(filters, text).matching;
  }
  Facets facets(const Filters& filters, std::string_view text) { return select(filters, text).facets; }

  // Drops values no catalyseur could have (unknown enum values or region codes) and
  // repeated ones; returns them in `rejected` so the caller can warn.
  static Filters sanitize(const Filters& filters, std::vector<std::string>* rejected = nullptr);

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::uint32_t index = 0;        // of the catalyseur
    std::uint32_t metiers = 0;      // bit i: metierValues()[i]
    std::uint32_t thematiques = 0;  // bit i: thematiqueValues()[i]
    std::uint32_t structure = 0;    // one bit
    std::uint32_t region = 0;       // one bit: allRegions() index
    std::string name;               // folded
    std::string place;              // folded commune and region name
    std::string other;              // folded territoire and description
  };
  struct Masks {
    std::uint32_t metiers, thematiques, structure, region;
  };
  static Masks masksOf(const Filters& filters);
  // Search rank of an entry (0 name, 1 place, 2 other), or -1 when it does not match.
  static int rank(const Entry& entry, const std::vector<std::string>& words);
  // Brings ranks_ up to date for these words.
  void rankFor(const std::vector<std::string>& words);

  std::vector<Entry> entries_;  // by folded name, then index: the list's order without a search
  // The search rank of each entry for ranked_words_ (-1: no match); empty until a first search.
  std::vector<std::int8_t> ranks_;
  std::vector<std::string> ranked_words_;
};

}  // namespace core
