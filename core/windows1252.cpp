#include <array>
#include <cstdint>

#include "text.h"

namespace core::text {

namespace {

// U+0080 … U+009F as Windows-1252 has them; the undefined 0x81, 0x8D, 0x8F, 0x90 and 0x9D
// stay the C1 control of the same number.
constexpr std::array<std::uint16_t, 32> kHigh{
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// The length of the UTF-8 sequence a lead byte announces; 0 for a byte that cannot lead one.
std::size_t sequenceLength(unsigned char c) {
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

}  // namespace

bool isWindows1252(std::string_view s) {
  if (isValidUtf8(s)) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::size_t n = sequenceLength(static_cast<unsigned char>(s[i]));
    if (n > 0 && i + n <= s.size() && isValidUtf8(s.substr(i, n))) return false;
  }
  return true;
}

std::string fromWindows1252(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const std::uint32_t cp = c >= 0x80 && c <= 0x9F ? kHigh[c - 0x80] : c;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

}  // namespace core::text
