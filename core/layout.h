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

struct LayoutOptions {
  // Gaps are in plane metres. At the overview zoom 1 px is about 1.5 km, so the vertical
  // gap leaves room for the inset title drawn above each frame.
  double padding = 12e3;       // between an inset's content and its frame
  double vertical_gap = 45e3;  // between two insets of a column, holds the title
  double column_gap = 30e3;    // between two columns
  double column_right = 20e3;  // right edge of the first column: clear of Ouessant
  double column_top = 7.12e6;  // level with the north of the Hauts-de-France
  double column_bottom = 6.03e6;  // level with the south of Corsica
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

 private:
  std::vector<Inset> insets_;
  Bounds mainland_;
  Bounds overall_;
};

// Extent of a lon/lat box in a territory's CRS, sampled along its edges so that curved
// projected edges are covered.
Result<Bounds> projectedExtent(const Projector& projector, Territory territory, const Bounds& lonlat);

}  // namespace core
