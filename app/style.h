// How the map looks: one table of colours and marker shapes, read by the map, its
// overlays, the legend and the page (through the bridge), and the one function that draws a
// marker, used by the map and the legend alike.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

#include "categories.h"
#include "marker_size.h"

struct ImDrawList;
struct ImVec2;

namespace app {

// A marker's look encodes the catalyseur's primary métier twice, by colour and by shape, so
// that colour is never the only cue. Colours are from the Okabe–Ito palette, which stays
// distinct under the common colour-vision deficiencies; they are in assets/markers.json.
enum class MarkerShape { Circle, Square, Triangle, Diamond };
struct MarkerStyle {
  std::uint32_t rgb;  // 0xRRGGBB
  MarkerShape shape;
  std::string_view shape_name;  // the page's CSS class for its swatches
};

namespace detail {
struct NamedMarkerStyle {
  std::string_view metier;
  MarkerStyle style;
};
// From assets/markers.json, in the file's order.
inline constexpr NamedMarkerStyle kNamedMarkerStyles[] = {
#include "marker_styles.inc"
};
// A métier the file forgets stops the build: this is evaluated at compile time.
consteval MarkerStyle styleOf(std::string_view metier) {
  for (const auto& named : kNamedMarkerStyles)
    if (named.metier == metier) return named.style;
  throw "assets/markers.json has no style for a métier";
}
template <std::size_t... I>
consteval std::array<MarkerStyle, sizeof...(I)> stylesInMetierOrder(std::index_sequence<I...>) {
  return {styleOf(core::kMetierSlugs[I])...};
}
}  // namespace detail

// Indexed by core::Metier.
inline constexpr std::array<MarkerStyle, core::kMetierSlugs.size()> kMarkerStyles =
    detail::stylesInMetierOrder(std::make_index_sequence<core::kMetierSlugs.size()>{});
constexpr const MarkerStyle& markerStyle(core::Metier metier) {
  return kMarkerStyles[static_cast<std::size_t>(metier)];
}

struct Palette {
  std::uint32_t sea = 0xDCE8F0;
  std::uint32_t land = 0xF4F1EA;
  std::uint32_t border = 0x9AA5B1;
  std::uint32_t inset_frame = 0x6B7785;
  std::uint32_t pays = 0xE9E8E4;               // neighbouring land: there, but not ours
  std::uint32_t pays_border = 0xC7CDD3;
  std::uint32_t departement_border = 0xC9CFD6;
  std::uint32_t label_pays = 0x7B8794;
  std::uint32_t label_region = 0x3E4C59;
  std::uint32_t label_departement = 0x616E7C;
  std::uint32_t label_commune = 0x1F2933;
  std::uint32_t halo = 0xFFFFFF;
  std::uint32_t inset_title = 0x1F2933;
  std::uint32_t link = 0x0B5CAD;       // inset titles under the pointer, the crosshair
  std::uint32_t cluster = 0x1F4E79;
  std::uint32_t selection = 0x111111;
  std::uint32_t leg = 0x3C4650;        // a fanned-out marker's line to its location
  std::uint32_t ink = 0x283038;        // overlay text
  std::uint32_t label_ink = 0x141E28;  // counts on the regional view
  std::uint32_t panel = 0xFFFFFF;      // behind overlay text, slightly transparent
  std::uint32_t badge_fill = 0xFFF3CD;
  std::uint32_t badge_edge = 0xB28600;
  std::uint32_t badge_ink = 0x5C4400;
};
inline constexpr Palette kPalette{};

// The regional view's five classes (ColorBrewer OrRd): warm, distinct from the blue sea at
// every step. A region with no catalyseur keeps the land colour.
inline constexpr std::uint32_t kChoroplethRamp[5] = {0xFDD49E, 0xFDBB84, 0xFC8D59, 0xE34A33, 0xB30000};

// Marker radius and the pointer's reach around it, in CSS pixels.
inline constexpr float kMarkerRadius = static_cast<float>(core::kMarkerRadius);
inline constexpr float kHitRadius = 14.0f;

// "#0072B2", for the page.
constexpr std::array<char, 8> cssColour(std::uint32_t rgb) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::array<char, 8> out{'#'};
  for (int i = 0; i < 6; ++i) out[static_cast<std::size_t>(1 + i)] = kHex[(rgb >> (20 - 4 * i)) & 0xF];
  return out;
}

// ImGui's packed colour of 0xRRGGBB at `alpha` (0–1).
std::uint32_t imColour(std::uint32_t rgb, float alpha = 1.0f);

// A marker centred at `c`, `scale` times its normal size, outlined in white.
void drawMarker(ImDrawList* dl, const ImVec2& c, const MarkerStyle& style, float scale);

}  // namespace app
