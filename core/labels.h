// Place names without overlap: a greedy placement by priority over a grid index, in the
// spirit of MapLibre's collision index.
//
// Labels are placed in screen pixels at one scale, but for the whole plane rather than the
// viewport: panning is a translation, which changes no collision, so the same labels stay put
// while the map moves and only a zoom places them again. Each candidate is a box centred on its
// anchor; the candidates are tried in priority order and kept when their box, grown by
// `padding`, touches no box kept before and no obstacle (what the map draws over its names:
// markers and clusters, which matter more than a name).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "geometry.h"

namespace core {

enum class LabelKind : std::uint8_t { Pays, Region, Departement, Commune, Territoire };

struct LabelCandidate {
  Point anchor;         // plane metres
  // CSS pixels from the anchor to the box's centre, tried in turn until one fits: a name to
  // the right of its dot, else to its left, above, below; then the same, further away.
  std::array<Point, 8> offsets{};
  std::uint8_t offset_count = 1;
  double width = 0;     // CSS pixels
  double height = 0;
  // The scales (CSS pixels per plane metre) at which the label may show: [min, max).
  double min_scale = 0;
  double max_scale = 1e300;
  std::uint32_t priority = 0;  // lower is placed first
  LabelKind kind = LabelKind::Commune;
  std::uint32_t ref = 0;       // the caller's: what the label names
  std::uint8_t zone = 0;       // the caller's: which keep-out areas are its own
};

// An inset's frame (plane metres): the names of other zones may not go in, and those of its
// own zone may not stick out.
struct KeepOut {
  Bounds plane;
  std::uint8_t zone = 0;
};

// A marker or a cluster's bubble: a disc no name may cover, seen as its bounding square.
struct Obstacle {
  Point anchor;       // plane metres
  double radius = 0;  // CSS pixels
};

struct LabelOptions {
  // Space kept around every label, in CSS pixels, so that neighbours stay readable.
  double padding = 3;
  // Side of the grid's cells, in CSS pixels: about a short label's width, so that a box
  // touches few cells and a cell holds few boxes.
  double cell = 64;
};

// Indices into `candidates` of the labels shown at `scale`, in the order they were placed,
// and in `variants`, when given, which of its offsets each one took. Candidates with a
// non-finite anchor or size, or outside their scale range, are skipped.
std::vector<std::uint32_t> placeLabels(std::span<const LabelCandidate> candidates, double scale,
                                       const LabelOptions& options = {}, std::span<const KeepOut> keep_out = {},
                                       std::vector<std::uint8_t>* variants = nullptr,
                                       std::span<const Obstacle> obstacles = {});

}  // namespace core
