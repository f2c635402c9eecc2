// Reads a GeoJSON FeatureCollection one feature at a time, for the loaders of geojson.cpp.
//
// The file is never built as one document: its top level is read as a stream of events and
// each element of "features" becomes a small document of its own, handed on and dropped. A
// million features used to make a 1.5 GB document; now memory is the file plus one feature.
// RapidJSON's iterative parser is used throughout, so that nesting depth costs heap, never
// stack: 200 000 nested arrays used to overflow it.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace core::json {

struct FeatureCallbacks {
  // Called before the first feature, and again when the text has to be read a second time
  // (see defuse() in feature_stream.cpp): whatever earlier features gave must be dropped.
  std::function<void()> start;
  // Once per element of "features", in order: the element when it is an object, null when
  // it is anything else (a number, a string, an array).
  std::function<void(std::size_t index, const rapidjson::Value* feature)> feature;
};

// The reason, in French, when the document as a whole is unusable (not JSON, not a
// FeatureCollection, no "features" array); the features handed out must then be dropped.
std::optional<std::string> readFeatureCollection(std::string_view json, const FeatureCallbacks& callbacks);

}  // namespace core::json
