// core::text on any bytes: UTF-8 decoding, folding for search, trimming, cutting and showing
// values in messages. The UTF-8 checks are compared with a decoder written here from
// RFC 3629's table of well-formed byte sequences, independently of core/text.cpp.
#include <algorithm>
#include <cstring>

#include "fuzz_support.h"

namespace {

using namespace core::text;

// RFC 3629, section 4: the well-formed sequences, byte by byte. Returns the sequence's
// length at s[i], 0 when it is not well formed.
std::size_t wellFormed(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0x100u; };
  const auto in = [](unsigned v, unsigned lo, unsigned hi) { return v >= lo && v <= hi; };
  const unsigned b0 = b(0);
  if (b0 <= 0x7F) return 1;
  if (in(b0, 0xC2, 0xDF)) return in(b(1), 0x80, 0xBF) ? 2 : 0;
  if (b0 == 0xE0) return in(b(1), 0xA0, 0xBF) && in(b(2), 0x80, 0xBF) ? 3 : 0;
  if (in(b0, 0xE1, 0xEC) || in(b0, 0xEE, 0xEF)) return in(b(1), 0x80, 0xBF) && in(b(2), 0x80, 0xBF) ? 3 : 0;
  if (b0 == 0xED) return in(b(1), 0x80, 0x9F) && in(b(2), 0x80, 0xBF) ? 3 : 0;
  if (b0 == 0xF0) return in(b(1), 0x90, 0xBF) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF) ? 4 : 0;
  if (in(b0, 0xF1, 0xF3)) return in(b(1), 0x80, 0xBF) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF) ? 4 : 0;
  if (b0 == 0xF4) return in(b(1), 0x80, 0x8F) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF) ? 4 : 0;
  return 0;
}

bool referenceValid(std::string_view s, std::size_t& count) {
  count = 0;
  for (std::size_t i = 0; i < s.size(); ++count) {
    const std::size_t n = wellFormed(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool spaceAt(std::string_view s, bool front) {
  if (s.empty()) return false;
  const char c = front ? s.front() : s.back();
  if (c == ' ' || c == '\t') return true;
  return s.size() >= 2 && (front ? s.substr(0, 2) : s.substr(s.size() - 2)) == "\xC2\xA0";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view s = fuzz::text(data, size);

  std::size_t count = 0;
  const bool valid = referenceValid(s, count);
  FUZZ_CHECK(isValidUtf8(s) == valid);
  if (valid) FUZZ_CHECK(codePointCount(s) == count);

  // Folding: valid UTF-8 out, single spaces between words and none at the ends, and a
  // fixed point (search folds the query and the names once, and compares).
  const std::string folded = fold(s);
  FUZZ_CHECK(isValidUtf8(folded));
  FUZZ_CHECK(folded.find("  ") == std::string::npos);
  FUZZ_CHECK(folded.empty() || (folded.front() != ' ' && folded.back() != ' '));
  FUZZ_CHECK_SHOW(fold(folded) == folded, folded);

  const std::string_view trimmed = trim(s);
  FUZZ_CHECK(trimmed.data() >= s.data() && trimmed.data() + trimmed.size() <= s.data() + s.size());
  FUZZ_CHECK(!spaceAt(trimmed, true) && !spaceAt(trimmed, false));
  FUZZ_CHECK(trim(trimmed) == trimmed);

  const std::string_view half = cutUtf8(s, s.size() / 2);
  FUZZ_CHECK(half.size() <= s.size() / 2 && half.data() == s.data());
  if (valid) FUZZ_CHECK(isValidUtf8(half) && half.size() + 3 >= s.size() / 2);
  const std::size_t chars = codePointCount(s);
  const std::string_view first = firstChars(s, chars / 2);
  FUZZ_CHECK(first.data() == s.data() && codePointCount(first) == chars / 2);

  const std::string shown = printable(s, 40);
  FUZZ_CHECK(fuzz::showable(shown));
  FUZZ_CHECK(codePointCount(shown) <= 40 * 8 + 1);  // \u{NNNN} is 8 characters; then « … »
  FUZZ_CHECK(fuzz::showable(quoted(s)));
  // Text that shows as it is comes out unchanged.
  if (valid && !hasControl(s) && chars <= 40 && s.find("\xEF\xBB\xBF") == std::string_view::npos &&
      s.find("\xE2\x80") == std::string_view::npos && s.find("\xE2\x81") == std::string_view::npos)
    FUZZ_CHECK_SHOW(shown == s, shown);

  if (isSlug(s)) FUZZ_CHECK(std::strspn(std::string(s).c_str(), "abcdefghijklmnopqrstuvwxyz0123456789-") == s.size());
  if (isHttpUrl(s)) FUZZ_CHECK(s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0);

  std::uint64_t n = 0;
  std::memcpy(&n, data, std::min(size, sizeof n));
  const std::string grouped = groupThousands(n);
  FUZZ_CHECK(isValidUtf8(grouped) && std::to_string(n).size() <= grouped.size());
  return 0;
}
