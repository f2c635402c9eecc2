#include "projector.h"

#include <cmath>
#include <map>
#include <string>

#include "proj_ptr.h"

namespace core {

namespace {

using proj::ContextPtr;
using proj::PjPtr;

// PROJ logs to stderr by default; its messages reach callers through Error instead.
void silentLogger(void*, int, const char*) {}

std::string lastError(PJ_CONTEXT* ctx, const char* what) {
  const int code = proj_context_errno(ctx);
  std::string message = what;
  if (code != 0) {
    message += ": ";
    message += proj_context_errno_string(ctx, code);
  }
  return message;
}

}  // namespace

// Each territory's CRS and the PROJ pipeline that projects lon/lat into it: the operation
// proj_create_crs_to_crs chooses there, written out by geodata/projection_pipelines.cpp
// from the trimmed proj.db, which also proves that it gives PROJ's results bit for bit.
// Creating an operation from the database costs dozens of SQL queries, a third of the
// map's start-up in the browser; from its pipeline, a fraction of a millisecond.
struct Pipeline {
  int epsg;
  const char* definition;
};
constexpr Pipeline kPipelines[] = {
#include "projection_pipelines.inc"
};

struct Projector::Impl {
  ContextPtr ctx;
  std::map<int, PjPtr> operations;  // by EPSG code

  Result<PJ*> operation(int epsg) const {
    auto found = operations.find(epsg);
    if (found == operations.end()) return Error{"EPSG:" + std::to_string(epsg) + ": no pipeline for this CRS"};
    return found->second.get();
  }

  // PROJ marks a point it cannot project with HUGE_VAL (an infinity) or a NaN.
  static bool projected(double x, double y) { return std::isfinite(x) && std::isfinite(y); }

  Error outside(int epsg, PJ* op, const std::string& which) const {
    const int code = proj_errno(op);
    std::string message = "EPSG:" + std::to_string(epsg) + ": " + which + " outside the projection";
    if (code != 0) message += std::string(" (") + proj_context_errno_string(ctx.get(), code) + ")";
    return Error{message};
  }

  Result<PJ_COORD> transform(int epsg, PJ_DIRECTION direction, double a, double b) const {
    auto op = operation(epsg);
    if (!op) return op.error();
    proj_errno_reset(*op);
    PJ_COORD out = proj_trans(*op, direction, proj_coord(a, b, 0, 0));
    if (!projected(out.xy.x, out.xy.y)) return outside(epsg, *op, "point");
    return out;
  }
};

Projector::Projector() : impl_(std::make_unique<Impl>()) {
  impl_->ctx.reset(proj_context_create());
  if (!impl_->ctx) throw Exception(Error{"PROJ: cannot create a context"});
  PJ_CONTEXT* ctx = impl_->ctx.get();
  proj_log_func(ctx, nullptr, silentLogger);
  proj_context_set_enable_network(ctx, 0);
  for (const Pipeline& p : kPipelines) {
    PjPtr op(proj_create(ctx, p.definition));
    if (!op) throw Exception(Error{lastError(ctx, ("PROJ: cannot create the pipeline of EPSG:" + std::to_string(p.epsg)).c_str())});
    impl_->operations.emplace(p.epsg, std::move(op));
  }
  // Fail now, with a clear message, rather than on the first point.
  for (const auto& t : allTerritories())
    if (!impl_->operations.count(t.epsg))
      throw Exception(Error{"PROJ: no pipeline for EPSG:" + std::to_string(t.epsg) + ", run geodata/projection-pipelines"});
}

Projector::~Projector() = default;

Result<Point> Projector::forward(Territory territory, LonLat lonlat) const {
  if (!std::isfinite(lonlat.lon) || !std::isfinite(lonlat.lat))
    return Error{"coordinates are not finite numbers"};
  auto out = impl_->transform(info(territory).epsg, PJ_FWD, lonlat.lon, lonlat.lat);
  if (!out) return out.error();
  return Point{out->xy.x, out->xy.y};
}

Result<LonLat> Projector::inverse(Territory territory, Point projected) const {
  if (!std::isfinite(projected.x) || !std::isfinite(projected.y))
    return Error{"coordinates are not finite numbers"};
  auto out = impl_->transform(info(territory).epsg, PJ_INV, projected.x, projected.y);
  if (!out) return out.error();
  return LonLat{out->lp.lam, out->lp.phi};
}

Result<std::size_t> Projector::forwardInPlace(Territory territory, std::span<Point> points) const {
  for (std::size_t i = 0; i < points.size(); ++i)
    if (!std::isfinite(points[i].x) || !std::isfinite(points[i].y))
      return Error{"point " + std::to_string(i + 1) + ": coordinates are not finite numbers"};
  const int epsg = info(territory).epsg;
  auto op = impl_->operation(epsg);
  if (!op) return op.error();
  if (points.empty()) return std::size_t{0};
  proj_errno_reset(*op);
  // x and y of each Point, in place; no z or t.
  proj_trans_generic(*op, PJ_FWD, &points[0].x, sizeof(Point), points.size(), &points[0].y, sizeof(Point),
                     points.size(), nullptr, 0, 0, nullptr, 0, 0);
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!Impl::projected(points[i].x, points[i].y)) return impl_->outside(epsg, *op, "point " + std::to_string(i + 1));
  }
  return points.size();
}

std::string Projector::projVersion() { return proj_info().version; }

}  // namespace core
