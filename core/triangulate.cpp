#include "triangulate.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <unordered_map>
#include <utility>

namespace core {
namespace detail {
namespace {  // internal linkage: these names stay out of the rest of the program

// Above this many vertices, the search for vertices inside a candidate ear goes through a
// z-order index instead of walking the whole ring; below it the index costs more than it saves.
constexpr std::size_t kIndexThreshold = 64;

// How much work, per vertex, ear clipping spends in fruitless turns on a ring that crosses
// itself before it stops looking for correct ears (see clipEars). Valid rings never need any.
constexpr std::size_t kPatiencePerVertex = 16;

// One vertex of the ring being clipped. Circular doubly linked lists make cutting an ear and
// splicing in a hole O(1).
struct Node {
  std::uint32_t index = 0;  // into the concatenated input rings
  double x = 0;
  double y = 0;
  Node* prev = nullptr;
  Node* next = nullptr;
  // A second list sorted by z-order code, so that looking for vertices inside a small ear
  // only visits the vertices near it.
  std::uint32_t z = 0;
  Node* prev_z = nullptr;
  Node* next_z = nullptr;
};

// Twice the signed area of triangle abc: positive when a, b, c turn counter-clockwise.
inline double orient(double ax, double ay, double bx, double by, double cx, double cy) {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

inline double orient(const Node* a, const Node* b, const Node* c) {
  return orient(a->x, a->y, b->x, b->y, c->x, c->y);
}

inline bool samePoint(const Node* a, const Node* b) { return a->x == b->x && a->y == b->y; }

// Twice the signed area of a ring, as a fan from its first point: that keeps the products
// small for coordinates far from the origin (projected metres).
double ringArea(const Ring& ring) {
  double sum = 0;
  for (std::size_t i = 1; i + 1 < ring.size(); ++i)
    sum += orient(ring[0].x, ring[0].y, ring[i].x, ring[i].y, ring[i + 1].x, ring[i + 1].y);
  return sum;
}

// Nodes live in one vector reserved up front for every node the run can create (one per
// input point plus two per hole bridge), so pointers to them stay valid.
class NodePool {
 public:
  explicit NodePool(std::size_t capacity) { nodes_.reserve(capacity); }

  Node* make(std::uint32_t index, double x, double y) {
    Node node;
    node.index = index;
    node.x = x;
    node.y = y;
    nodes_.push_back(node);
    return &nodes_.back();
  }

 private:
  std::vector<Node> nodes_;
};

void unlink(Node* p) {
  p->next->prev = p->prev;
  p->prev->next = p->next;
  if (p->prev_z) p->prev_z->next_z = p->next_z;
  if (p->next_z) p->next_z->prev_z = p->prev_z;
}

// Links a ring into a circular list wound counter-clockwise, or clockwise for a hole, so that
// the interior is always on the left of the merged ring. Repeated consecutive points are not
// vertices and are skipped. Returns null when fewer than three distinct points remain.
Node* linkRing(NodePool& pool, const Ring& ring, std::uint32_t first_index, double area,
               bool clockwise) {
  const bool reverse = (area > 0) == clockwise;
  const std::size_t n = ring.size();
  Node* last = nullptr;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = reverse ? n - 1 - k : k;
    const Point& p = ring[i];
    if (last && last->x == p.x && last->y == p.y) continue;
    Node* node = pool.make(first_index + static_cast<std::uint32_t>(i), p.x, p.y);
    if (last) {
      node->prev = last;
      node->next = last->next;
      last->next->prev = node;
      last->next = node;
    } else {
      node->prev = node;
      node->next = node;
    }
    last = node;
  }
  if (!last) return nullptr;
  if (last != last->next && samePoint(last, last->next)) {  // a closed ring repeats its start
    Node* first = last->next;
    unlink(last);
    last = first;
  }
  return last->prev == last->next ? nullptr : last;
}

// Whether the direction from a towards b starts inside the interior angle at a, with the
// interior on the left of the ring.
bool inSector(const Node* a, const Node* b) {
  const Node* before = a->prev;
  const Node* after = a->next;
  if (orient(before, a, after) >= 0)
    return orient(a, after, b) >= 0 && orient(a, b, before) >= 0;
  // Reflex corner: everything but the convex exterior wedge.
  return orient(a, after, b) >= 0 || orient(a, b, before) >= 0;
}

Node* leftmost(Node* start) {
  Node* best = start;
  for (Node* p = start->next; p != start; p = p->next)
    if (p->x < best->x || (p->x == best->x && p->y < best->y)) best = p;
  return best;
}

// Several nodes share a position once a vertex has been used by a bridge, or where a ring
// touches itself; a new bridge must leave from the copy whose interior angle faces it.
Node* copyFacing(Node* target, const Node* towards) {
  if (inSector(target, towards)) return target;
  for (Node* p = target->next; p != target; p = p->next)
    if (samePoint(p, target) && inSector(p, towards)) return p;
  return target;
}

// The copy of ring vertex `at` whose interior angle holds hole vertex h's whole wedge, h
// sharing its position.
Node* copyEnclosing(Node* at, const Node* h) {
  Node* p = at;
  do {
    if (samePoint(p, at) && inSector(p, h->prev) && inSector(p, h->next)) return p;
    p = p->next;
  } while (p != at);
  return at;
}

// Closed test, in either winding, for a non-degenerate triangle.
bool inTriangleEitherWay(double ax, double ay, double bx, double by, double cx, double cy,
                         double px, double py) {
  const double ab = orient(ax, ay, bx, by, px, py);
  const double bc = orient(bx, by, cx, cy, px, py);
  const double ca = orient(cx, cy, ax, ay, px, py);
  return (ab >= 0 && bc >= 0 && ca >= 0) || (ab <= 0 && bc <= 0 && ca <= 0);
}

// Finds a vertex of the merged ring that hole vertex m, the hole's leftmost one, can be joined
// to by a segment crossing no edge, following D. Eberly's "Triangulation by Ear Clipping":
// cast a ray from m towards -x and take the nearest edge it hits. Of that edge's endpoints,
// the one further along the ray keeps the segment to the left of m, clear of the hole; it is
// visible unless a reflex vertex pokes into the triangle between m, the hit point and the
// endpoint, in which case the one closest in angle to the ray is. Returns null when the ray
// hits nothing, i.e. the hole is not inside the ring.
Node* findBridge(const Node* m, Node* ring) {
  const double mx = m->x;
  const double my = m->y;
  double hit_x = -std::numeric_limits<double>::infinity();
  Node* target = nullptr;
  bool through_vertex = false;
  Node* p = ring;
  do {
    Node* q = p->next;
    // Only edges running downwards: the interior lies to their east, where the ray starts.
    if (p->y >= my && q->y <= my && p->y != q->y) {
      const double x = p->x + (my - p->y) * (q->x - p->x) / (q->y - p->y);
      if (x <= mx && x > hit_x) {
        hit_x = x;
        through_vertex = p->y == my || q->y == my;
        target = p->y == my ? p : q->y == my ? q : (p->x < q->x ? p : q);
      }
    }
    p = q;
  } while (p != ring);
  if (!target) return nullptr;
  // The ray runs along the segment to a vertex it passes through, and m on an edge sees the
  // edge's ends, so neither can be hidden.
  if (through_vertex || hit_x == mx) return copyFacing(target, m);

  const double tx = target->x;
  const double ty = target->y;
  const double side = ty > my ? 1 : -1;  // the whole search triangle is on this side of the ray
  Node* best = nullptr;
  p = ring;
  do {
    if (!samePoint(p, target) && orient(p->prev, p, p->next) <= 0 &&
        inTriangleEitherWay(mx, my, hit_x, my, tx, ty, p->x, p->y) && inSector(p, m)) {
      bool better = !best;
      if (best) {
        // Turning from the ray towards the target is clockwise above the ray and
        // counter-clockwise below it; on a tie in angle the nearer vertex hides the other.
        const double turn = side * orient(m, best, p);
        better = turn > 0 ||
                 (turn == 0 && std::abs(p->x - mx) + std::abs(p->y - my) <
                                   std::abs(best->x - mx) + std::abs(best->y - my));
      }
      if (better) best = p;
    }
    p = p->next;
  } while (p != ring);
  return best ? best : copyFacing(target, m);
}

// Joins hole vertex b to ring vertex a with two coincident edges, a -> b and b' -> a', so the
// hole becomes part of the ring: a, b, (around the hole), b', a', (rest of the ring).
void bridge(NodePool& pool, Node* a, Node* b) {
  Node* a2 = pool.make(a->index, a->x, a->y);
  Node* b2 = pool.make(b->index, b->x, b->y);
  Node* after_a = a->next;
  Node* before_b = b->prev;
  a->next = b;
  b->prev = a;
  a2->next = after_a;
  after_a->prev = a2;
  b2->next = a2;
  a2->prev = b2;
  before_b->next = b2;
  b2->prev = before_b;
}

// Joins hole vertex b to ring vertex a at the same position by swapping their successors: the
// ring then passes there twice, a, (around the hole), b, (rest of the ring).
void splice(Node* a, Node* b) {
  Node* after_a = a->next;
  Node* after_b = b->next;
  a->next = after_b;
  after_b->prev = a;
  b->next = after_a;
  after_a->prev = b;
}

struct PositionHash {
  std::size_t operator()(const std::pair<double, double>& p) const {
    // + 0.0 turns -0.0 into 0.0, which compares equal to it.
    const std::size_t hx = std::hash<double>()(p.first + 0.0);
    const std::size_t hy = std::hash<double>()(p.second + 0.0);
    return hx ^ (hy + 0x9e3779b9u + (hx << 6) + (hx >> 2));
  }
};

// Rings that share a point are already connected there, so they are spliced together at it
// rather than bridged: a bridge would close a second path between them, leaving a ring that
// crosses itself at the shared point and cannot be clipped into ears. Only one touch per pair
// of groups is used (a spanning forest); more would mean the polygon's interior is split in
// pieces, which valid input never is. rings[0] is the outer ring. Returns, for each group of
// holes not touching the outer ring, one of its nodes.
std::vector<Node*> spliceTouchingRings(const std::vector<Node*>& rings) {
  struct Touch {
    Node* first;  // where the position was first seen
    Node* other;
    std::size_t first_ring;
    std::size_t other_ring;
  };
  std::vector<Touch> touches;
  std::unordered_map<std::pair<double, double>, std::pair<Node*, std::size_t>, PositionHash> seen;
  for (std::size_t r = 0; r < rings.size(); ++r) {
    Node* p = rings[r];
    do {
      const auto [it, inserted] = seen.emplace(std::make_pair(p->x, p->y), std::make_pair(p, r));
      if (!inserted && it->second.second != r)
        touches.push_back({it->second.first, p, it->second.second, r});
      p = p->next;
    } while (p != rings[r]);
  }

  std::vector<std::size_t> group(rings.size());
  for (std::size_t r = 0; r < rings.size(); ++r) group[r] = r;
  const auto root = [&group](std::size_t r) {
    while (group[r] != r) r = group[r] = group[group[r]];
    return r;
  };
  for (const Touch& t : touches) {
    const std::size_t a = root(t.first_ring);
    const std::size_t b = root(t.other_ring);
    if (a == b) continue;
    splice(copyEnclosing(t.first, t.other), t.other);
    group[std::max(a, b)] = std::min(a, b);  // the outer ring's group keeps root 0
  }

  std::vector<Node*> loose;
  for (std::size_t r = 1; r < rings.size(); ++r)
    if (root(r) == r) loose.push_back(rings[r]);
  return loose;
}

// Holes are bridged from left to right: the ray from a hole's leftmost vertex can then only
// meet the outer ring or holes already joined to it, never one still pending.
void eliminateHoles(NodePool& pool, Node* outer, std::vector<Node*> holes) {
  std::vector<Node*> rings{outer};
  rings.insert(rings.end(), holes.begin(), holes.end());
  holes = spliceTouchingRings(rings);
  for (Node*& h : holes) h = leftmost(h);
  std::sort(holes.begin(), holes.end(), [](const Node* a, const Node* b) {
    return a->x < b->x || (a->x == b->x && a->y < b->y);
  });
  for (Node* m : holes)
    if (Node* target = findBridge(m, outer))
      bridge(pool, target, copyFacing(m, target));  // m may be where two holes touch
}

// Morton code of a position on a 32768 x 32768 grid over the polygon's bounding box. The
// mapping is monotonic in x and in y, so every node inside a box has a code between those of
// the box's corners.
struct ZIndex {
  double min_x = 0;
  double min_y = 0;
  double scale = 0;

  std::uint32_t cell(double d) const {
    const double v = d * scale;
    if (!(v > 0)) return 0;  // also catches NaN
    if (v >= 32767) return 32767;
    return static_cast<std::uint32_t>(v);
  }

  static std::uint32_t spread(std::uint32_t v) {
    v = (v | (v << 8)) & 0x00FF00FFu;
    v = (v | (v << 4)) & 0x0F0F0F0Fu;
    v = (v | (v << 2)) & 0x33333333u;
    v = (v | (v << 1)) & 0x55555555u;
    return v;
  }

  std::uint32_t code(double x, double y) const {
    return spread(cell(x - min_x)) | (spread(cell(y - min_y)) << 1);
  }
};

ZIndex buildZIndex(Node* start) {
  ZIndex index;
  double max_x = start->x;
  double max_y = start->y;
  index.min_x = start->x;
  index.min_y = start->y;
  std::vector<Node*> nodes;
  Node* p = start;
  do {
    index.min_x = std::min(index.min_x, p->x);
    index.min_y = std::min(index.min_y, p->y);
    max_x = std::max(max_x, p->x);
    max_y = std::max(max_y, p->y);
    nodes.push_back(p);
    p = p->next;
  } while (p != start);
  const double size = std::max(max_x - index.min_x, max_y - index.min_y);
  index.scale = size > 0 && std::isfinite(size) ? 32767 / size : 0;
  for (Node* n : nodes) n->z = index.code(n->x, n->y);
  std::sort(nodes.begin(), nodes.end(), [](const Node* a, const Node* b) { return a->z < b->z; });
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    nodes[i]->prev_z = i > 0 ? nodes[i - 1] : nullptr;
    nodes[i]->next_z = i + 1 < nodes.size() ? nodes[i + 1] : nullptr;
  }
  return index;
}

// Whether q lies strictly inside the angle of corner k of a counter-clockwise triangle whose
// other corners are k_next and k_prev.
bool headsInto(const Node* k, const Node* k_next, const Node* k_prev, const Node* q) {
  return orient(k, k_next, q) > 0 && orient(k, k_prev, q) < 0;
}

// Whether vertex p forbids cutting off the counter-clockwise triangle abc.
bool blocksEar(const Node* a, const Node* b, const Node* c, const Node* p) {
  // A vertex at a corner's position (the other end of a bridge, a ring touching itself)
  // matters only if one of its edges heads into the triangle.
  if (samePoint(p, a)) return headsInto(a, b, c, p->prev) || headsInto(a, b, c, p->next);
  if (samePoint(p, b)) return headsInto(b, c, a, p->prev) || headsInto(b, c, a, p->next);
  if (samePoint(p, c)) return headsInto(c, a, b, p->prev) || headsInto(c, a, b, p->next);
  // Convex vertices count too: in a simple polygon one inside the triangle implies a reflex
  // one there, but where the ring crosses itself it may be all there is to see. Points on the
  // edges count, since a vertex on the diagonal would be left as a T-junction.
  return orient(a, b, p) >= 0 && orient(b, c, p) >= 0 && orient(c, a, p) >= 0;
}

// Whether `ear` can be cut off. `visits` counts the vertices examined, the cost of the test.
bool isEar(const Node* ear, const ZIndex* index, std::size_t& visits) {
  const Node* a = ear->prev;
  const Node* b = ear;
  const Node* c = ear->next;
  if (!(orient(a, b, c) > 0)) return false;
  if (!index) {
    for (const Node* p = c->next; p != a; p = p->next, ++visits)
      if (blocksEar(a, b, c, p)) return false;
    return true;
  }
  const std::uint32_t min_z =
      index->code(std::min({a->x, b->x, c->x}), std::min({a->y, b->y, c->y}));
  const std::uint32_t max_z =
      index->code(std::max({a->x, b->x, c->x}), std::max({a->y, b->y, c->y}));
  for (const Node* p = ear->next_z; p && p->z <= max_z; p = p->next_z, ++visits)
    if (p != a && p != c && blocksEar(a, b, c, p)) return false;
  for (const Node* p = ear->prev_z; p && p->z >= min_z; p = p->prev_z, ++visits)
    if (p != a && p != c && blocksEar(a, b, c, p)) return false;
  return true;
}

// Emits triangle (a, b, c), counter-clockwise internally, in the outer ring's own winding.
void emit(std::vector<std::uint32_t>& out, const Node* a, const Node* b, const Node* c,
          bool clockwise) {
  out.push_back(a->index);
  out.push_back(clockwise ? c->index : b->index);
  out.push_back(clockwise ? b->index : c->index);
}

// Whether segments ab and cd cross at a single point inside both.
bool cross(const Node* a, const Node* b, const Node* c, const Node* d) {
  const double abc = orient(a, b, c);
  const double abd = orient(a, b, d);
  const double cda = orient(c, d, a);
  const double cdb = orient(c, d, b);
  return ((abc > 0 && abd < 0) || (abc < 0 && abd > 0)) &&
         ((cda > 0 && cdb < 0) || (cda < 0 && cdb > 0));
}

// Undoes a local twist at b: edges a -> b and c -> d crossing, with c after b. That is the
// usual shape of a defect in a real outline, two points in the wrong order, and the four
// points then form a convex quadrilateral, which a -> c -> b -> d goes round without crossing.
bool untwist(Node* b) {
  Node* a = b->prev;
  Node* c = b->next;
  Node* d = c->next;
  if (d == a || !cross(a, b, c, d)) return false;
  a->next = c;
  c->prev = a;
  c->next = b;
  b->prev = c;
  b->next = d;
  d->prev = b;
  return true;
}

std::size_t ringSize(const Node* start) {
  std::size_t count = 0;
  const Node* p = start;
  do {
    ++count;
    p = p->next;
  } while (p != start);
  return count;
}

// Undoes local twists before clipping, where they would otherwise make ears overlap. Valid
// input has none, so this changes nothing for it.
void untwistAll(Node* start) {
  Node* p = start;
  for (std::size_t i = ringSize(start); i > 0; --i) {
    untwist(p);
    p = p->next;
  }
}

// Clean-up, in one pass, for when no ear is left, which only happens on invalid input: drops
// vertices that enclose no area (repeats, straight and spike corners; straight vertices
// otherwise take part in the triangulation) and undoes local twists. Sets `changed` if
// anything was done; returns a node still in the ring, or null when fewer than three remain.
Node* cleanUp(Node* start, bool& changed) {
  Node* p = start;
  for (std::size_t i = ringSize(start); i > 0; --i) {
    if (p->prev == p->next) return nullptr;
    Node* next = p->next;
    if (samePoint(p, next) || orient(p->prev, p, next) == 0) {
      unlink(p);
      changed = true;
    } else if (untwist(p)) {
      changed = true;
      next = p->next;
    }
    p = next;
  }
  return p->prev == p->next ? nullptr : p;
}

// Last resort once a full turn finds no ear even after clean-up: cut off the convex corner
// with the smallest triangle, doing the least damage. A ring left with no convex corner is
// wound backwards and encloses nothing to fill.
Node* forceClip(Node* start, std::vector<std::uint32_t>& out, bool clockwise) {
  Node* best = nullptr;
  double best_area = std::numeric_limits<double>::infinity();
  Node* p = start;
  do {
    const double area = orient(p->prev, p, p->next);
    if (area > 0 && area < best_area) {
      best = p;
      best_area = area;
    }
    p = p->next;
  } while (p != start);
  if (!best) return nullptr;
  emit(out, best->prev, best, best->next, clockwise);
  Node* after = best->next;
  unlink(best);
  return after;
}

// Every step either cuts a vertex off or advances the cursor, and each full turn of the
// cursor without a cut removes at least one vertex by the next one, so this terminates.
// Fruitless turns only happen on invalid input, where ear tests can cost O(n) each; once they
// have examined `patience` vertices in all, ears only need to be convex, so that a badly
// broken ring gets a rough answer quickly rather than an expensive turn per vertex.
void clipEars(Node* ear, std::vector<std::uint32_t>& out, bool clockwise, const ZIndex* index,
              std::size_t patience) {
  Node* stop = ear;
  bool cleaned = false;   // cleanUp ran since the last cut
  bool careless = false;  // patience ran out
  std::size_t visits = 0;  // by ear tests since the last cut
  while (ear->prev != ear->next) {
    Node* next = ear->next;
    if (careless ? orient(ear->prev, ear, next) > 0 : isEar(ear, index, visits)) {
      emit(out, ear->prev, ear, next, clockwise);
      unlink(ear);
      ear = stop = next;
      cleaned = false;
      visits = 0;
      continue;
    }
    ear = next;
    if (ear != stop) continue;
    patience -= std::min(patience, visits);
    visits = 0;
    careless = patience == 0;
    bool changed = false;
    if (!cleaned) {
      cleaned = true;
      ear = cleanUp(ear, changed);
    }
    if (!changed && ear) {
      cleaned = false;
      ear = forceClip(ear, out, clockwise);
    }
    if (!ear) return;
    stop = ear;
  }
}

}  // namespace
}  // namespace detail

std::vector<std::uint32_t> triangulate(const Polygon& polygon) {
  using detail::Node;
  std::vector<std::uint32_t> out;
  if (polygon.rings.empty()) return out;
  std::size_t total = 0;
  for (const Ring& ring : polygon.rings) {
    total += ring.size();
    for (const Point& p : ring)
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) return out;
  }
  if (total > std::numeric_limits<std::uint32_t>::max()) return out;

  const double outer_area = detail::ringArea(polygon.rings[0]);
  if (outer_area == 0 || !std::isfinite(outer_area)) return out;
  detail::NodePool pool(total + 2 * polygon.rings.size());
  Node* outer = detail::linkRing(pool, polygon.rings[0], 0, outer_area, false);
  if (!outer) return out;

  std::vector<Node*> holes;
  auto offset = static_cast<std::uint32_t>(polygon.rings[0].size());
  for (std::size_t i = 1; i < polygon.rings.size(); ++i) {
    const Ring& ring = polygon.rings[i];
    const double area = detail::ringArea(ring);
    if (area != 0 && std::isfinite(area))
      if (Node* hole = detail::linkRing(pool, ring, offset, area, true)) holes.push_back(hole);
    offset += static_cast<std::uint32_t>(ring.size());
  }
  if (!holes.empty()) detail::eliminateHoles(pool, outer, std::move(holes));

  detail::untwistAll(outer);
  const std::size_t count = detail::ringSize(outer);
  out.reserve(3 * (count - 2));
  detail::ZIndex index;
  const bool indexed = count > detail::kIndexThreshold;
  if (indexed) index = detail::buildZIndex(outer);
  const std::size_t patience =
      std::min(count, std::numeric_limits<std::size_t>::max() / detail::kPatiencePerVertex) *
      detail::kPatiencePerVertex;
  detail::clipEars(outer, out, outer_area < 0, indexed ? &index : nullptr, patience);
  return out;
}

double triangulationDeviation(const Polygon& polygon, const std::vector<std::uint32_t>& indices) {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  if (indices.size() % 3 != 0) return kInfinity;
  std::vector<Point> points;
  double area = 0;  // doubled, like the triangles' below
  for (std::size_t i = 0; i < polygon.rings.size(); ++i) {
    const Ring& ring = polygon.rings[i];
    const double a = std::abs(detail::ringArea(ring));
    area += i == 0 ? a : -a;
    points.insert(points.end(), ring.begin(), ring.end());
  }
  double covered = 0;
  for (std::size_t i = 0; i < indices.size(); i += 3) {
    if (indices[i] >= points.size() || indices[i + 1] >= points.size() ||
        indices[i + 2] >= points.size())
      return kInfinity;
    const Point& a = points[indices[i]];
    const Point& b = points[indices[i + 1]];
    const Point& c = points[indices[i + 2]];
    covered += std::abs(detail::orient(a.x, a.y, b.x, b.y, c.x, c.y));
  }
  if (!(area > 0)) return covered == 0 ? 0 : kInfinity;
  return std::abs(covered - area) / area;
}

}  // namespace core
