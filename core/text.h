// UTF-8 text helpers shared by the validators, the readers and the search.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace core::text {

bool isValidUtf8(std::string_view s);
std::size_t codePointCount(std::string_view s);  // assumes valid UTF-8
bool isSlug(std::string_view s);                  // [a-z0-9]+(-[a-z0-9]+)*
bool isHttpUrl(std::string_view s);               // http(s)://host… with no space or control

// Folds text for comparison: lower case, accents removed, « œ » → « oe », apostrophes,
// hyphens and runs of spaces become one space, trimmed. « Saint-Étienne » and
// « saint etienne » fold to the same string. Invalid UTF-8 bytes are dropped.
std::string fold(std::string_view s);

// « 12 345 »: digits in groups of three separated by a narrow no-break space (U+202F), as
// French typography wants.
std::string groupThousands(std::uint64_t n);

// A distance as a list shows it, French style, with a no-break space before the unit:
// « 800 m » under a kilometre (to 100 m), « 6,3 km » under ten, « 63 km », « 1 250 km ».
std::string distance(double metres);

// Removes spaces (and non-breaking spaces) at both ends.
std::string_view trim(std::string_view s);

}  // namespace core::text
