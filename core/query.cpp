#include "query.h"

#include <algorithm>
#include <bit>
#include <numeric>

#include "categories.h"
#include "territory.h"
#include "text.h"

namespace core {

namespace {

// The mask of the values a list names; words outside the vocabulary add nothing.
template <class E>
std::uint32_t maskOf(const std::vector<std::string>& values) {
  std::uint32_t mask = 0;
  for (const auto& v : values)
    if (auto e = fromSlug<E>(v)) mask |= bitOf(*e);
  return mask;
}

template <class E>
bool known(const std::string& value) {
  return fromSlug<E>(value).has_value();
}

std::uint32_t regionBit(std::string_view code) {
  const auto& regions = allRegions();
  for (std::size_t i = 0; i < regions.size(); ++i)
    if (regions[i].code == code) return 1u << i;
  return 0;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  const std::string folded = text::fold(text);
  std::size_t start = 0;
  while (start < folded.size()) {
    const std::size_t end = std::min(folded.find(' ', start), folded.size());
    if (end > start) out.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// An empty mask means the group does not filter.
bool passes(std::uint32_t values, std::uint32_t mask) { return mask == 0 || (values & mask) != 0; }

}  // namespace

Catalog::Catalog(const std::vector<Catalyseur>& catalyseurs) {
  // Entries are kept in the order the list shows them in, and made in that order so that
  // their texts lie in memory in that order too: a selection then reads them all in a row.
  std::vector<std::string> names;
  names.reserve(catalyseurs.size());
  for (const auto& c : catalyseurs) names.push_back(text::fold(c.nom));
  std::vector<std::uint32_t> order(catalyseurs.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const int by_name = names[a].compare(names[b]);
    return by_name != 0 ? by_name < 0 : a < b;
  });
  entries_.reserve(catalyseurs.size());
  for (std::uint32_t index : order) {
    const Catalyseur& c = catalyseurs[index];
    Entry e;
    e.index = index;
    e.metiers = maskOf<Metier>(c.metiers);
    e.thematiques = maskOf<Thematique>(c.thematiques);
    if (auto s = fromSlug<Structure>(c.structure)) e.structure = bitOf(*s);
    e.region = regionBit(c.region);
    e.name = std::move(names[index]);
    const RegionInfo* region = regionByCode(c.region);
    e.place = text::fold(c.commune + " " + (region ? std::string(region->name_fr) : std::string()));
    e.other = text::fold(c.territoire + " " + c.description);
    entries_.push_back(std::move(e));
  }
}

Catalog::Masks Catalog::masksOf(const Filters& f) {
  Masks m{0, 0, 0, 0};
  m.metiers = maskOf<Metier>(f.metiers);
  m.thematiques = maskOf<Thematique>(f.thematiques);
  m.structure = maskOf<Structure>(f.structure);
  for (const auto& v : f.region) m.region |= regionBit(v);
  return m;
}

int Catalog::rank(const Entry& e, const std::vector<std::string>& search) {
  if (search.empty()) return 0;
  bool all_in_name = true, all_in_place = true;
  for (const auto& w : search) {
    const bool in_name = e.name.find(w) != std::string::npos;
    const bool in_place = in_name || e.place.find(w) != std::string::npos;
    if (!in_place && e.other.find(w) == std::string::npos) return -1;
    all_in_name = all_in_name && in_name;
    all_in_place = all_in_place && in_place;
  }
  return all_in_name ? 0 : all_in_place ? 1 : 2;
}

namespace {

// Every entry the new words match, the old ones matched too: a word that is not in an entry's
// text is in none of the longer words that contain it, and more words only ask for more.
bool narrows(const std::vector<std::string>& old_words, const std::vector<std::string>& new_words) {
  return std::all_of(old_words.begin(), old_words.end(), [&](const std::string& old_word) {
    return std::any_of(new_words.begin(), new_words.end(),
                       [&](const std::string& w) { return w.find(old_word) != std::string::npos; });
  });
}

}  // namespace

void Catalog::rankFor(const std::vector<std::string>& search) {
  if (!ranks_.empty() && search == ranked_words_) return;
  const bool survivors_only = !ranks_.empty() && narrows(ranked_words_, search);
  ranks_.resize(entries_.size());
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (!survivors_only || ranks_[i] >= 0) ranks_[i] = static_cast<std::int8_t>(rank(entries_[i], search));
  ranked_words_ = search;
}

Selection Catalog::select(const Filters& filters, std::string_view text) {
  const Masks m = masksOf(filters);
  rankFor(words(text));
  std::vector<std::size_t> metiers(metierValues().size()), thematiques(thematiqueValues().size()),
      structure(structureValues().size()), region(allRegions().size());
  auto add = [](std::vector<std::size_t>& counts, std::uint32_t bits) {
    for (; bits != 0; bits &= bits - 1) {
      const auto i = static_cast<std::size_t>(std::countr_zero(bits));
      if (i < counts.size()) ++counts[i];
    }
  };
  std::vector<std::uint32_t> by_rank[3];
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const int r = ranks_[i];
    if (r < 0) continue;
    const Entry& e = entries_[i];
    const bool pm = passes(e.metiers, m.metiers), pt = passes(e.thematiques, m.thematiques),
               ps = passes(e.structure, m.structure), pr = passes(e.region, m.region);
    const int passed = int(pm) + int(pt) + int(ps) + int(pr);
    if (passed < 3) continue;  // fails two groups: counts nowhere
    if (pt && ps && pr) add(metiers, e.metiers);
    if (pm && ps && pr) add(thematiques, e.thematiques);
    if (pm && pt && pr) add(structure, e.structure);
    if (pm && pt && ps) add(region, e.region);
    if (passed == 4) by_rank[r].push_back(e.index);
  }
  Selection out;
  out.matching = std::move(by_rank[0]);
  for (const auto* more : {&by_rank[1], &by_rank[2]}) out.matching.insert(out.matching.end(), more->begin(), more->end());
  auto pack = [](const auto& values, const std::vector<std::size_t>& counts) {
    std::vector<FacetCount> packed;
    for (std::size_t i = 0; i < counts.size(); ++i) packed.push_back({std::string(values[i]), counts[i]});
    return packed;
  };
  std::vector<std::string_view> region_codes;
  for (const auto& r : allRegions()) region_codes.push_back(r.code);
  out.facets = {pack(metierValues(), metiers), pack(thematiqueValues(), thematiques),
                pack(structureValues(), structure), pack(region_codes, region)};
  return out;
}

Filters Catalog::sanitize(const Filters& filters, std::vector<std::string>* rejected) {
  Filters out;
  auto keep = [&](const std::vector<std::string>& in, std::vector<std::string>& kept, auto known) {
    for (const auto& v : in) {
      if (!known(v)) {
        if (rejected) rejected->push_back(v);
      } else if (std::find(kept.begin(), kept.end(), v) == kept.end()) {
        kept.push_back(v);
      }
    }
  };
  keep(filters.metiers, out.metiers, known<Metier>);
  keep(filters.thematiques, out.thematiques, known<Thematique>);
  keep(filters.structure, out.structure, known<Structure>);
  keep(filters.region, out.region, [](const std::string& v) { return regionBit(v) != 0; });
  return out;
}

}  // namespace core
