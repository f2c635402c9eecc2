#include "feature_stream.h"

#include <rapidjson/memorystream.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/reader.h>

#include <memory>

namespace core::json {

namespace {

using rapidjson::SizeType;

// Iterative: depth costs heap, not stack. NaN and Infinity are read (and then refused as
// coordinates like any other non-finite number) rather than sinking the whole file.
constexpr unsigned kFlags =
    rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNanAndInfFlag | rapidjson::kParseIterativeFlag;

// A feature is read again on its own, from text the first reading has validated already.
constexpr unsigned kFeatureFlags = kFlags & ~rapidjson::kParseValidateEncodingFlag;

using Stream = rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream>;

// Position of a byte offset as 1-based line and column, for parse error messages.
std::string linePosition(std::string_view json, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < json.size(); ++i) {
    if (json[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(json[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "ligne " + std::to_string(line) + ", colonne " + std::to_string(column);
}

std::string parseErrorFrench(rapidjson::ParseErrorCode code) {
  switch (code) {
    case rapidjson::kParseErrorDocumentEmpty: return "document vide";
    case rapidjson::kParseErrorDocumentRootNotSingular: return "contenu en trop après la fin du JSON";
    case rapidjson::kParseErrorValueInvalid: return "valeur JSON invalide";
    case rapidjson::kParseErrorObjectMissName:
    case rapidjson::kParseErrorObjectMissColon:
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket: return "objet JSON mal formé";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket: return "tableau JSON mal formé";
    case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex: return "séquence \\u mal formée dans une chaîne";
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid: return "paire de substitution \\u invalide dans une chaîne";
    case rapidjson::kParseErrorStringEscapeInvalid: return "séquence d’échappement inconnue dans une chaîne";
    case rapidjson::kParseErrorStringMissQuotationMark: return "chaîne non terminée";
    case rapidjson::kParseErrorStringInvalidEncoding: return "texte qui n’est pas de l’UTF-8 valide";
    case rapidjson::kParseErrorNumberTooBig: return "nombre trop grand";
    case rapidjson::kParseErrorNumberMissFraction: return "nombre sans chiffre après la virgule";
    case rapidjson::kParseErrorNumberMissExponent: return "nombre sans chiffre après l’exposant";
    default: return "JSON invalide";
  }
}

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The four hex digits at s[i] are a UTF-16 surrogate from `low` to `low` + 0x3FF.
bool surrogateAt(const std::string& s, std::size_t i, unsigned low) {
  if (i + 4 > s.size()) return false;
  unsigned value = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    if (!isHex(s[k])) return false;
    const char c = s[k];
    value = value * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return value >= low && value <= low + 0x3FF;
}

// Whether RapidJSON would refuse a number token as too big. Its own test is on the digits
// it has read (kParseErrorNumberTooBig); this one is wider, everything past about 1e300,
// which changes nothing for the loaders: no coordinate goes beyond ±180.
bool tooBig(std::string_view token) {
  std::size_t i = token.empty() || token[0] != '-' ? 0 : 1;
  while (i < token.size() && token[i] == '0') ++i;
  long integer_digits = 0;
  for (; i < token.size() && token[i] >= '0' && token[i] <= '9'; ++i) ++integer_digits;
  long leading_fraction_zeros = 0;
  bool fraction_digit = false;
  if (i < token.size() && token[i] == '.') {
    for (++i; i < token.size() && token[i] >= '0' && token[i] <= '9'; ++i) {
      if (!fraction_digit && token[i] == '0') ++leading_fraction_zeros;
      else fraction_digit = true;
    }
  }
  long exponent = 0;
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    const bool minus = i < token.size() && token[i] == '-';
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
    for (; i < token.size() && token[i] >= '0' && token[i] <= '9'; ++i)
      if (exponent < 1'000'000) exponent = exponent * 10 + (token[i] - '0');
    if (exponent > 300 && !minus) return true;  // even 0e400: RapidJSON refuses it
    if (minus) exponent = -exponent;
  }
  if (integer_digits > 300) return true;
  const long magnitude = integer_digits > 0 ? integer_digits - 1 + exponent
                         : fraction_digit   ? exponent - leading_fraction_zeros - 1
                                            : 0;
  return magnitude > 300;
}

// RapidJSON refuses the whole document over one number past ±1.8e308, or one \uD800–\uDBFF
// escape without its other half, where a browser's JSON.parse takes Infinity or keeps the
// lone half. So that such a value sinks only its own feature, a copy of the text is read
// instead, of the same length so that error positions stay right: each huge number becomes
// NaN and spaces, which no coordinate accepts, and each lone high surrogate a lone low one,
// which RapidJSON keeps as bytes that are not UTF-8, which the field checks refuse.
std::string defuse(std::string_view json) {
  std::string out(json);
  bool in_string = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (in_string) {
      if (c == '"') {
        in_string = false;
      } else if (c == '\\') {
        if (i + 1 < out.size() && out[i + 1] == 'u' && surrogateAt(out, i + 2, 0xD800)) {
          const bool paired = i + 7 < out.size() && out[i + 6] == '\\' && out[i + 7] == 'u' &&
                              surrogateAt(out, i + 8, 0xDC00);
          if (!paired) out.replace(i + 2, 4, "DC00");
          i += paired ? 11 : 5;
        } else {
          ++i;  // the escaped character, which may be a quote
        }
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i + 1;
      while (end < out.size() && ((out[end] >= '0' && out[end] <= '9') || out[end] == '.' || out[end] == 'e' ||
                                  out[end] == 'E' || out[end] == '+' || out[end] == '-'))
        ++end;
      // A number too big has at least five characters ("1e301"), room for "NaN".
      if (tooBig(std::string_view(out).substr(i, end - i))) out.replace(i, end - i, "NaN" + std::string(end - i - 3, ' '));
      i = end - 1;
    }
  }
  return out;
}

// The top level of the document as a stream of events. Depth counts the open containers:
// the FeatureCollection object is depth 1, its "features" array depth 2, and each feature
// begins at depth 2.
class Outline : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Outline> {
 public:
  Outline(std::string_view json, const Stream& stream, const FeatureCallbacks& callbacks)
      : json_(json), stream_(stream), callbacks_(callbacks), first_chunk_(new char[kFirstChunk]),
        pool_(first_chunk_.get(), kFirstChunk), doc_(&pool_) {}

  bool Default() {
    scalar(false, {});
    return true;
  }
  bool String(const char* s, SizeType n, bool) {
    scalar(true, {s, n});
    return true;
  }
  bool Key(const char* s, SizeType n, bool) {
    if (depth_ == 1) {
      const std::string_view key(s, n);
      key_ = key == "type" ? TopKey::Type : key == "features" ? TopKey::Features : TopKey::Other;
    }
    return true;
  }
  bool StartObject() {
    if (depth_ == 0) top_is_object_ = true;
    if (depth_ == 1) topValue(false, {});
    // The iterative parser reports a container before taking its bracket.
    if (depth_ == 2 && in_features_) feature_start_ = bracket('{');
    ++depth_;
    return true;
  }
  bool EndObject(SizeType) {
    --depth_;
    if (depth_ == 2 && in_features_) feature(feature_start_, bracket('}') + 1);
    return true;
  }
  bool StartArray() {
    if (depth_ == 1) {
      if (key_ == TopKey::Features && features_ == Features::Absent) {
        features_ = Features::Array;
        in_features_ = true;
      } else {
        topValue(false, {});
      }
    }
    ++depth_;
    return true;
  }
  bool EndArray(SizeType) {
    --depth_;
    if (depth_ == 1) in_features_ = false;
    if (depth_ == 2 && in_features_) notAnObject();
    return true;
  }

  // What the top level said, once the whole text has been read.
  std::optional<std::string> verdict() const {
    if (!top_is_object_ || !type_is_collection_) return "le fichier n’est pas une FeatureCollection GeoJSON";
    if (features_ != Features::Array) return "la FeatureCollection n’a pas de tableau « features »";
    return std::nullopt;
  }

 private:
  enum class TopKey { Other, Type, Features };
  enum class Features { Absent, Array, Other };
  // One feature's document fits in this first chunk of its pool unless it is unusually big.
  static constexpr std::size_t kFirstChunk = 16 * 1024;

  void scalar(bool is_string, std::string_view text) {
    if (depth_ == 1) topValue(is_string, text);
    if (depth_ == 2 && in_features_) notAnObject();
  }

  // The first "type" and the first "features" count, as RapidJSON's own lookups would.
  void topValue(bool is_string, std::string_view text) {
    if (key_ == TopKey::Type && !type_seen_) {
      type_seen_ = true;
      type_is_collection_ = is_string && text == "FeatureCollection";
    } else if (key_ == TopKey::Features && features_ == Features::Absent) {
      features_ = Features::Other;
    }
  }

  std::size_t bracket(char c) const {
    const std::size_t at = stream_.Tell();
    return at < json_.size() && json_[at] == c ? at : at - 1;
  }

  void notAnObject() { callbacks_.feature(index_++, nullptr); }

  void feature(std::size_t begin, std::size_t end) {
    // The outer reading has checked this text already: it parses.
    doc_.Parse<kFeatureFlags>(json_.data() + begin, end - begin);
    callbacks_.feature(index_++, doc_.HasParseError() ? nullptr : &doc_);
    doc_.SetNull();
    pool_.Clear();
  }

  std::string_view json_;
  const Stream& stream_;
  const FeatureCallbacks& callbacks_;
  std::unique_ptr<char[]> first_chunk_;
  rapidjson::MemoryPoolAllocator<> pool_;
  rapidjson::Document doc_;

  std::size_t depth_ = 0;
  bool top_is_object_ = false;
  TopKey key_ = TopKey::Other;
  bool type_seen_ = false;
  bool type_is_collection_ = false;
  Features features_ = Features::Absent;
  bool in_features_ = false;
  std::size_t feature_start_ = 0;
  std::size_t index_ = 0;
};

struct Pass {
  rapidjson::ParseResult result;
  std::optional<std::string> verdict;
};

Pass read(std::string_view json, const FeatureCallbacks& callbacks) {
  callbacks.start();
  rapidjson::MemoryStream bytes(json.data(), json.size());
  Stream stream(bytes);
  Outline outline(json, stream, callbacks);
  rapidjson::Reader reader;
  Pass pass;
  pass.result = reader.Parse<kFlags>(stream, outline);
  if (!pass.result.IsError()) pass.verdict = outline.verdict();
  return pass;
}

}  // namespace

std::optional<std::string> readFeatureCollection(std::string_view json, const FeatureCallbacks& callbacks) {
  Pass pass = read(json, callbacks);
  std::string defused;
  const auto code = pass.result.Code();
  if (code == rapidjson::kParseErrorNumberTooBig || code == rapidjson::kParseErrorStringUnicodeSurrogateInvalid) {
    defused = defuse(json);
    pass = read(defused, callbacks);
  }
  if (pass.result.IsError())
    return "fichier illisible, " + linePosition(json, pass.result.Offset()) + " : " +
           parseErrorFrench(pass.result.Code());
  return pass.verdict;
}

}  // namespace core::json
