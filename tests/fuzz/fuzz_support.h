// What the fuzz targets share. Each target is one LLVMFuzzerTestOneInput, built two ways
// (tests/fuzz/CMakeLists.txt): with clang's libFuzzer and sanitizers for fuzzing
// (scripts/fuzz.sh), and with the normal compiler and replay_main.cpp, so that ctest
// replays the committed corpus and every past finding.
//
// Invariants are checked with FUZZ_CHECK, never assert(): the replay build has NDEBUG, and a
// broken invariant must abort there too, so that libFuzzer keeps the input as a finding and
// the replay test fails.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "geojson.h"
#include "text.h"

#define FUZZ_CHECK(condition)                                 \
  do {                                                        \
    if (!(condition)) ::fuzz::fail(#condition, __FILE__, __LINE__, {}); \
  } while (0)

// The same, with what to show when it breaks (a value, a message).
#define FUZZ_CHECK_SHOW(condition, shown)                          \
  do {                                                             \
    if (!(condition)) ::fuzz::fail(#condition, __FILE__, __LINE__, (shown)); \
  } while (0)

namespace fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line, std::string_view shown) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
  if (!shown.empty()) std::fprintf(stderr, "  %s\n", core::text::printable(shown, 400).c_str());
  std::abort();
}

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A file the target needs (shipped data, strings), read once at start-up.
inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::abort();
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// What may reach a terminal or a page as it is: UTF-8 without control characters.
inline bool showable(std::string_view s) { return core::text::isValidUtf8(s) && !core::text::hasControl(s); }

// What both GeoJSON loaders promise about their report: a fatal error keeps nothing; at
// most kMaxReportedIssues issues, in feature order, the rest counted; reasons and ids that
// can be shown as they are. False when the file was fatal (nothing more to check).
template <class T>
bool checkReport(const core::Loaded<T>& loaded) {
  if (loaded.fatal) {
    FUZZ_CHECK(loaded.items.empty() && loaded.issues.empty() && loaded.unreported == 0);
    FUZZ_CHECK_SHOW(showable(*loaded.fatal), *loaded.fatal);
    return false;
  }
  FUZZ_CHECK(loaded.issues.size() <= core::kMaxReportedIssues);
  FUZZ_CHECK(loaded.unreported == 0 || loaded.issues.size() == core::kMaxReportedIssues);
  for (std::size_t i = 0; i < loaded.issues.size(); ++i) {
    const auto& issue = loaded.issues[i];
    FUZZ_CHECK(i == 0 || issue.index > loaded.issues[i - 1].index);
    FUZZ_CHECK_SHOW(!issue.reason.empty() && showable(issue.reason) && issue.reason.size() <= 1000, issue.reason);
    FUZZ_CHECK_SHOW(showable(issue.id) && issue.id.size() <= core::kMaxId, issue.id);
  }
  return true;
}

}  // namespace fuzz
