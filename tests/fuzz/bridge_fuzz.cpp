// app::Bridge::call on any bytes, over the shipped data: the page's (and host pages')
// requests. The input is up to 16 requests, one per line, applied in order after the state
// is brought back to the same start (no filter, search, card or hover, the overview, French
// words). Every reply must be a JSON object with its "ok", and the state must stay sound.
#include <rapidjson/document.h>

#include <algorithm>

#include "bridge.h"
#include "fuzz_support.h"

namespace {

struct World {
  core::Projector projector;
  core::MapState state{projector};
  app::Strings words;
  app::Bridge bridge{state, words};
  std::string strings = fuzz::readFile(CATALYSEURS_STRINGS);

  World() {
    words.load(strings, "fr");
    state.resize(1280, 800);
    bridge.load(core::DataKind::Regions, fuzz::readFile(CATALYSEURS_GEODATA_DIR "/territoires.geojson"));
    bridge.load(core::DataKind::Catalyseurs, fuzz::readFile(CATALYSEURS_GEODATA_DIR "/catalyseurs.geojson"));
    if (state.catalyseurs().size() != 350) fuzz::fail("the shipped data loads", __FILE__, __LINE__, {});
  }

  void restart() {
    words.load(strings, "fr");
    for (const char* request : {R"({"type":"reset"})", R"({"type":"select","id":""})", R"({"type":"hover","id":""})",
                                R"({"type":"home"})"})
      bridge.call(request);
    bridge.takeSnapshot();
  }
};

void checkReply(const std::string& reply) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(reply.data(), reply.size());
  FUZZ_CHECK_SHOW(!doc.HasParseError() && doc.IsObject(), reply);
  FUZZ_CHECK_SHOW(doc.HasMember("ok") && doc["ok"].IsBool(), reply);
  FUZZ_CHECK_SHOW(doc.HasMember("snapshot") && (doc["snapshot"].IsNull() || doc["snapshot"].IsObject()), reply);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  world.restart();
  std::string_view rest = fuzz::text(data, size);
  for (int n = 0; n < 16 && !rest.empty(); ++n) {
    const std::size_t end = std::min(rest.find('\n'), rest.size());
    checkReply(world.bridge.call(rest.substr(0, end)).json);
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
  const std::string snapshot = world.bridge.takeSnapshot();
  if (!snapshot.empty()) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(snapshot.data(), snapshot.size());
    FUZZ_CHECK_SHOW(!doc.HasParseError() && doc.IsObject(), snapshot);
  }
  const core::MapState& s = world.state;
  FUZZ_CHECK(!s.selected() || *s.selected() < s.catalyseurs().size());
  FUZZ_CHECK(s.matching().size() <= s.catalyseurs().size());
  FUZZ_CHECK(s.hovered() == std::nullopt || *s.hovered() < s.catalyseurs().size());
  FUZZ_CHECK(core::text::codePointCount(s.query()) <= core::kMaxSearchChars);
  return 0;
}
