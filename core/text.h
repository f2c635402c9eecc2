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

// Whether s holds a control character: C0 (U+0000–U+001F), DEL or C1 (U+0080–U+009F). With
// `line_breaks`, tab, LF and CR are allowed. Invalid UTF-8 bytes are not controls.
bool hasControl(std::string_view s, bool line_breaks = false);

// The longest prefix of s of at most max_bytes bytes that does not end inside a code point.
std::string_view cutUtf8(std::string_view s, std::size_t max_bytes);
// The prefix of s made of its first max_chars characters (code points, counted as
// codePointCount does).
std::string_view firstChars(std::string_view s, std::size_t max_chars);

// A value as a message may show it, to a terminal as well as to a page: bytes that are not
// UTF-8 and control or invisible formatting characters (byte-order mark, zero-width and
// direction marks) are written \xNN or \u{NNNN}, and the text is cut after max_chars
// characters with « … ».
std::string printable(std::string_view s, std::size_t max_chars = 40);

// printable(s) between French quotation marks: « s ».
std::string quoted(std::string_view s, std::size_t max_chars = 40);

// Folds text for comparison: lower case, accents removed, « œ » → « oe », apostrophes,
// hyphens and runs of spaces become one space, trimmed. « Saint-Étienne » and
// « saint etienne » fold to the same string. Invalid UTF-8 bytes are dropped. Folding is
// idempotent: fold(fold(s)) == fold(s).
std::string fold(std::string_view s);

// « 12 345 »: digits in groups of three separated by a narrow no-break space (U+202F), as
// French typography wants.
std::string groupThousands(std::uint64_t n);

// A distance as a list shows it, French style, with a no-break space before the unit:
// « 800 m » under a kilometre (to 100 m), « 6,3 km » under ten, « 63 km », « 1 250 km ».
std::string distance(double metres);

// « de » before a place name, as French writes it: « de Quimper », elided before a vowel
// (« d’Orléans », « d’Yvetot »), contracted with the article (« du Havre », « des Abymes »),
// and left whole before « La » and before an « h », often aspirated in place names
// (« de Haguenau »).
std::string frenchDe(std::string_view name);

// Removes spaces (and non-breaking spaces) at both ends.
std::string_view trim(std::string_view s);

// The number of single-byte insertions, deletions and substitutions that turn a into b
// (Levenshtein), for « vouliez-vous dire … ? » on short names.
std::size_t editDistance(std::string_view a, std::string_view b);

// What a French Excel writes when told « CSV » is Windows-1252, not UTF-8. A text is taken
// for Windows-1252 when it is not UTF-8 and holds none of the multi-byte sequences UTF-8
// text would: a file that mixes both (UTF-8 with a few bad bytes) is neither, and is left
// to be reported cell by cell.
bool isWindows1252(std::string_view s);
// Every byte to its character, 0x80–0x9F by the Windows table (0x80 → €, 0x92 → ’,
// 0x9C → œ); the five bytes it leaves undefined become the C1 controls of the same number,
// as browsers decode them, so that the validators reject them.
std::string fromWindows1252(std::string_view s);

}  // namespace core::text
