// The closed vocabularies of the dataset (DESIGN §3.1). Inside the core they are enum values;
// their slugs, the words the files, URLs and the page use, appear only at the I/O edge,
// through these tables. The order of each table is the order the interface lists them in,
// and an enum value's number is its position, so a value is also a bit in a mask.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace core {

enum class Structure : std::uint8_t {
  Collectivite,
  Association,
  Entreprise,
  Accompagnateur,
  Institution,
  Academique,
};

// What a catalyseur does. The first métier of a record is its primary one: the map's
// marker shows it.
enum class Metier : std::uint8_t {
  Dialogue,         // dialogue territorial
  Experimentation,  // expérimentations collectives
  Accompagnement,   // accompagnement des organisations et partenariats
  Lieu,             // gestion d’un lieu, tiers-lieu
};

enum class Thematique : std::uint8_t {
  Emploi,
  Education,
  Numerique,
  TransitionEcologique,
  Inclusion,
  Sante,
  Mobilite,
  Culture,
  EconomieLocale,
  Alimentation,
  Habitat,
  Engagement,
};

inline constexpr std::array<std::string_view, 6> kStructureSlugs{
    "collectivite", "association", "entreprise", "accompagnateur", "institution", "academique"};
inline constexpr std::array<std::string_view, 4> kMetierSlugs{"dialogue", "experimentation",
                                                              "accompagnement", "lieu"};
inline constexpr std::array<std::string_view, 12> kThematiqueSlugs{
    "emploi",    "education", "numerique", "transition-ecologique", "inclusion",    "sante",
    "mobilite",  "culture",   "economie-locale", "alimentation",    "habitat",      "engagement"};

template <class E>
constexpr std::span<const std::string_view> slugsOf();
template <>
constexpr std::span<const std::string_view> slugsOf<Structure>() { return kStructureSlugs; }
template <>
constexpr std::span<const std::string_view> slugsOf<Metier>() { return kMetierSlugs; }
template <>
constexpr std::span<const std::string_view> slugsOf<Thematique>() { return kThematiqueSlugs; }

template <class E>
constexpr std::string_view slug(E value) {
  return slugsOf<E>()[static_cast<std::size_t>(value)];
}

// The value a slug names, or nothing for a word outside the vocabulary.
template <class E>
constexpr std::optional<E> fromSlug(std::string_view text) {
  const auto slugs = slugsOf<E>();
  for (std::size_t i = 0; i < slugs.size(); ++i)
    if (slugs[i] == text) return static_cast<E>(i);
  return std::nullopt;
}

// The value's bit in a mask of its vocabulary.
template <class E>
constexpr std::uint32_t bitOf(E value) {
  return 1u << static_cast<unsigned>(value);
}

}  // namespace core
