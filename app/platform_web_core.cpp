// The core-only browser engine, for browsers without WebGL 2: the map's state and bridge
// (core::MapState, app::Bridge) without a window, SDL, GL or ImGui, so that the page's
// search, filters, list, card, exports, address and host API work from the data while the
// map area says why nothing is drawn. It serves the same exported functions and protocol as
// the map (platform_web.h). There are no frames: whatever a request changes comes back in its
// reply, and a resize's snapshot is pushed at once. Names on the map are never placed (no
// text measure is given), so `labels` answers an empty list.
#include <emscripten.h>

#include <cstdio>
#include <memory>
#include <string>

#include "bridge.h"
#include "map_state.h"
#include "platform_web.h"
#include "projector.h"
#include "ui_strings.h"

namespace {

struct CoreEngine {
  core::Projector projector;
  core::MapState state{projector};
  app::Strings strings;
  app::Bridge bridge{state, strings};
  bool served = false;  // the page was told the data is in
};

// After the page's start-up code has finished the load that made the state ready, as the
// map's first frame would: the page restores its address before `ready` resolves.
void dataServed(void*) { app::web::firstFrameDrawn(); }

}  // namespace

int main() {
  // Static: main() returns while the page keeps using the engine.
  static std::unique_ptr<CoreEngine> engine;
  try {
    engine = std::make_unique<CoreEngine>();
  } catch (const core::Exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  CoreEngine& e = *engine;
  app::web::serve({[&e](core::DataKind kind, std::string_view bytes) {
                     app::BridgeReply reply = e.bridge.load(kind, bytes);
                     if (e.state.ready() && !e.served) {
                       e.served = true;
                       emscripten_async_call(dataServed, nullptr, 0);
                     }
                     return std::move(reply.json);
                   },
                   [&e](std::string_view request) { return e.bridge.call(request).json; },
                   [&e](int width, int height) {
                     e.bridge.note(e.state.resize(width, height));
                     if (const std::string snapshot = e.bridge.takeSnapshot(); !snapshot.empty()) app::web::push(snapshot);
                   },
                   nullptr});  // no GL context to restore
  return 0;
}
