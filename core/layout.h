// The composite plane: the mainland in Lambert-93 metres, and each overseas territory
// drawn in its own legal CRS, scaled and moved into a framed inset (« encart ») in a
// column west of Brittany, as on French reference maps (DESIGN §4).
#pragma once

#include <optional>
#include <vector>

#include "error.h"
#include "geometry.h"
#include "projector.h"
#include "territory.h"

namespace core {

struct Inset {
  Territory territory;
  Bounds content;  // the territory's extent in its own CRS (metres)
  Bounds frame;    // the framed box, in plane metres
  double scale;    // plane metres per projected metre
  Point offset;    // plane = projected * scale + offset
};

// Where the insets go: a column west of Brittany suits landscape screens, rows under the
// mainland suit portrait ones (phones).
enum class InsetPlacement { West, South };

struct LayoutOptions {
  InsetPlacement placement = InsetPlacement::West;
  // Gaps are in plane metres. At the overview zoom 1 px is about 1.5 km on a desktop, so
  // the gap above each inset leaves room for its title.
  double padding = 12e3;          // between an inset's content and its frame
  double vertical_gap = 45e3;     // between two insets of a column, or two rows; holds the title
  double horizontal_gap = 30e3;   // between two columns, or two insets of a row
  // West: columns fill top-down from column_top to column_bottom, the first one ending at
  // column_right (Lambert-93 x), clear of Ouessant.
  double column_right = 20e3;
  double column_top = 7.12e6;     // level with the north of the Hauts-de-France
  double column_bottom = 6.03e6;  // level with the south of Corsica
  // South: rows fill left to right from row_left to row_right, the first one hanging from
  // row_top, below Corsica.
  double row_left = 100e3;
  double row_right = 1.25e6;
  double row_top = 5.98e6;
  // Frames are at least this wide, so that a title fits above even the smallest island.
  double min_frame_width = 0;

  // Rows under the mainland, with gaps wide enough for titles at a phone's overview zoom
  // (about 0.3 px per km).
  static LayoutOptions portrait() {
    LayoutOptions o;
    o.placement = InsetPlacement::South;
    o.vertical_gap = 75e3;
    o.horizontal_gap = 40e3;
    o.min_frame_width = 170e3;  // a phone's inset keeps room for its territory's name
    o.row_top = 5.96e6;
    return o;
  }
};

struct PlanePosition {
  Territory territory;
  Point projected;  // in the territory's CRS
};

class Layout {
 public:
  // `content` gives each inset territory's extent in its own CRS; territories missing
  // from it use their lon/lat extent from the territory table.
  struct InsetRequest {
    Territory territory;
    Bounds content;  // may be empty
  };
  static Result<Layout> build(const Projector& projector, const std::vector<InsetRequest>& insets,
                              const LayoutOptions& options = {});

  const std::vector<Inset>& insets() const { return insets_; }
  const Inset* inset(Territory territory) const;
  // True for the mainland and for every territory that has an inset.
  bool placed(Territory territory) const;

  // Projected metres in `territory`'s CRS → plane. The territory must be placed.
  Point toPlane(Territory territory, Point projected) const;
  // Plane → territory and projected metres: inside a frame it is that inset's territory,
  // anywhere else the mainland.
  PlanePosition fromPlane(Point plane) const;

  Result<Point> lonLatToPlane(const Projector& projector, Territory territory, LonLat lonlat) const;
  Result<LonLat> planeToLonLat(const Projector& projector, Point plane, Territory* territory = nullptr) const;

  // The plane extent of a territory: the mainland's frame of reference or an inset frame.
  Bounds territoryBounds(Territory territory) const;
  // Everything that is drawn: mainland and insets.
  Bounds overall() const { return overall_; }
  const LayoutOptions& options() const { return options_; }

 private:
  LayoutOptions options_;
  std::vector<Inset> insets_;
  Bounds mainland_;
  Bounds overall_;
};

// Extent of a lon/lat box in a territory's CRS, sampled along its edges so that curved
// projected edges are covered.
Result<Bounds> projectedExtent(const Projector& projector, Territory territory, const Bounds& lonlat);

}  // namespace core
