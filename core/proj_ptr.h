// Owning handles for PROJ's C objects, for the .cpp files that call PROJ: each create has
// its destroy, whatever path the code leaves by. Include it only from .cpp files, as it
// brings proj.h.
#pragma once

#include <proj.h>

#include <memory>

namespace core::proj {

struct ContextDeleter {
  void operator()(PJ_CONTEXT* ctx) const { proj_context_destroy(ctx); }
};
struct PjDeleter {
  void operator()(PJ* pj) const { proj_destroy(pj); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

}  // namespace core::proj
