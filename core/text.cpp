#include "text.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

namespace core::text {

namespace {

// Decodes one code point at s[i]; returns its length, or 0 when the bytes are not UTF-8.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t extra;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    extra = 1;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + extra >= s.size()) return 0;
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
    return 0;
  return extra + 1;
}

// Base letter of the Latin-1 Supplement and Latin Extended-A letters French uses; the
// ligatures expand to two letters. Null when the code point is not one of them, such as
// × and ÷ in the middle of the letters: those stay as they are (an empty base would
// leave the space before them with nothing after it).
const char* foldLatin(std::uint32_t cp) {
  static const char* const kLatin1[] = {
      // U+00C0 … U+00FF
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  switch (cp) {
    case 0x152: case 0x153: return "oe";
    case 0x178: return "y";
    case 0x100: case 0x101: case 0x102: case 0x103: case 0x104: case 0x105: return "a";
    case 0x106: case 0x107: case 0x10C: case 0x10D: return "c";
    case 0x112: case 0x113: case 0x116: case 0x117: case 0x118: case 0x119: case 0x11A: case 0x11B: return "e";
    case 0x12A: case 0x12B: case 0x130: case 0x131: return "i";
    case 0x141: case 0x142: return "l";
    case 0x143: case 0x144: case 0x147: case 0x148: return "n";
    case 0x14C: case 0x14D: case 0x150: case 0x151: return "o";
    case 0x15A: case 0x15B: case 0x15E: case 0x15F: case 0x160: case 0x161: return "s";
    case 0x16A: case 0x16B: case 0x16E: case 0x16F: case 0x170: case 0x171: return "u";
    case 0x179: case 0x17A: case 0x17B: case 0x17C: case 0x17D: case 0x17E: return "z";
    default: return nullptr;
  }
}

constexpr bool isSeparator(std::uint32_t cp) {
  switch (cp) {
    case ' ': case '\t': case '\n': case '\r': case '-': case '\'': case '_': case '/': case '.':
    case ',': case ';': case ':': case '(': case ')': case '"':
    case 0xA0: case 0x2009: case 0x202F:          // non-breaking and thin spaces
    case 0x2010: case 0x2011: case 0x2013: case 0x2014:  // hyphens and dashes
    case 0x2018: case 0x2019: case 0x02BC:        // apostrophes
    case 0xAB: case 0xBB: case 0x201C: case 0x201D:  // quotation marks
      return true;
    default:
      return false;
  }
}

// Characters that show nothing or change how the text around them shows: byte-order mark,
// zero-width spaces and joiners, direction marks and overrides, line and paragraph
// separators, invisible operators.
bool isInvisible(std::uint32_t cp) {
  return cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x206F);
}

void appendHex(std::string& out, const char* prefix, std::uint32_t value, int digits, const char* suffix) {
  static const char kHex[] = "0123456789ABCDEF";
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
  out += suffix;
}

}  // namespace

bool hasControl(std::string_view s, bool line_breaks) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && !(line_breaks && (c == '\t' || c == '\n' || c == '\r'))) return true;
    if (c == 0x7F) return true;
    // C1 controls are U+0080–U+009F: C2 80 … C2 9F in UTF-8.
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F &&
        static_cast<unsigned char>(s[i + 1]) >= 0x80)
      return true;
  }
  return false;
}

std::string_view cutUtf8(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  // Back over continuation bytes, at most three: a longer run is not UTF-8 anyway.
  for (int k = 0; k < 3 && cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80; ++k) --cut;
  return s.substr(0, cut);
}

std::string_view firstChars(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == max_chars) return s.substr(0, i);
  return s;
}

std::string printable(std::string_view s, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  std::uint32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    if (chars == max_chars) {
      out += "…";
      break;
    }
    ++chars;
    const std::size_t n = decode(s, i, cp);
    if (n == 0) {
      appendHex(out, "\\x", static_cast<unsigned char>(s[i]), 2, "");
      ++i;
      continue;
    }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || isInvisible(cp))
      appendHex(out, "\\u{", cp, 4, "}");
    else
      out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string quoted(std::string_view s, std::size_t max_chars) { return "« " + printable(s, max_chars) + " »"; }

bool isValidUtf8(std::string_view s) {
  std::uint32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = decode(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::size_t codePointCount(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

bool isSlug(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  char previous = 0;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

bool isHttpUrl(std::string_view s) {
  std::string_view rest;
  if (s.rfind("https://", 0) == 0)
    rest = s.substr(8);
  else if (s.rfind("http://", 0) == 0)
    rest = s.substr(7);
  else
    return false;
  // A host with a dot must follow; no credentials, and nothing a browser would strip or
  // re-interpret (spaces, controls, quotes, angle brackets, backslashes).
  const auto host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host.find('.') == std::string_view::npos || host.front() == '.' ||
      host.find('@') != std::string_view::npos)
    return false;
  return std::none_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\';
  });
}

namespace {

// isSeparator() for ASCII, looked up: fold() asks it of nearly every byte.
constexpr auto kAsciiSeparator = [] {
  std::array<bool, 128> table{};
  for (std::uint32_t c = 0; c < 128; ++c) table[c] = isSeparator(c);
  return table;
}();

}  // namespace

std::string fold(std::string_view s) {
  // Written in place: the result is never longer than s. Each letter becomes at most as many
  // bytes as it took (a two-byte « œ » two letters « oe »), an invalid byte nothing, and a
  // run of separators one space, written only before the letter after it.
  std::string out(s.size(), '\0');
  char* const begin = out.data();
  char* o = begin;
  bool pending_space = false;
  auto spaceBeforeLetter = [&] {
    if (pending_space) {
      *o++ = ' ';
      pending_space = false;
    }
  };
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // most of any French text: no decoding
      ++i;
      if (kAsciiSeparator[c]) {
        pending_space = o != begin;
        continue;
      }
      spaceBeforeLetter();
      *o++ = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      continue;
    }
    std::uint32_t cp;
    const std::size_t n = decode(s, i, cp);
    if (n == 0) {
      ++i;
      continue;
    }
    if (isSeparator(cp)) {
      pending_space = o != begin;
    } else if (const char* base = foldLatin(cp)) {
      spaceBeforeLetter();
      while (*base) *o++ = *base++;
    } else {
      spaceBeforeLetter();
      o = std::copy_n(s.data() + i, n, o);
    }
    i += n;
  }
  out.resize(static_cast<std::size_t>(o - begin));
  return out;
}

std::string frenchDe(std::string_view name) {
  if (name.starts_with("Le ")) return "du " + std::string(name.substr(3));
  if (name.starts_with("Les ")) return "des " + std::string(name.substr(4));
  // The first letter, accents removed: « Évry » elides as « Evry » would.
  const std::string folded = fold(firstChars(name, 1));
  const bool vowel = !folded.empty() && std::string_view("aeiouy").find(folded.front()) != std::string_view::npos;
  return (vowel ? "d\u2019" : "de ") + std::string(name);
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
  for (;;) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
      s.remove_prefix(1);
    else if (s.substr(0, 2) == kNoBreakSpace)
      s.remove_prefix(2);
    else
      break;
  }
  for (;;) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
      s.remove_suffix(1);
    else if (s.size() >= 2 && s.substr(s.size() - 2) == kNoBreakSpace)
      s.remove_suffix(2);
    else
      break;
  }
  return s;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
  // One row of the table at a time: row[j] is the distance from a's prefix to b[0, j).
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string groupThousands(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\xE2\x80\xAF";
    out += digits[i];
  }
  return out;
}

std::string distance(double metres) {
  constexpr const char* kUnitSpace = "\xC2\xA0";
  if (!(metres >= 0)) return {};
  if (metres < 950) return std::to_string(std::max<long long>(100, std::llround(metres / 100) * 100)) + kUnitSpace + "m";
  if (metres < 9950) {
    const long long tenths = std::llround(metres / 100);
    return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + kUnitSpace + "km";
  }
  return groupThousands(static_cast<std::uint64_t>(std::llround(metres / 1000))) + kUnitSpace + "km";
}

}  // namespace core::text
