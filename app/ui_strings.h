// The interface's words, from assets/strings.json in one language. The map's own overlays
// and the page's panel both read that one file; here they are looked up and filled in.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "territory.h"

namespace app {

class Strings {
 public:
  // The table of `lang` ("fr" or "en"; anything else is French). False, and the table
  // left as it was, when the text is not such a file.
  bool load(std::string_view json, std::string_view lang);
  const std::string& language() const { return language_; }

  // The text of a key; a missing key shows as itself, visibly.
  std::string operator()(std::string_view key) const;
  // The text with each {name} replaced by its value.
  std::string format(std::string_view key,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> values) const;
  // « 1 catalyseur », « 1 000 catalyseurs », « Aucun catalyseur ne correspond ».
  std::string count(std::size_t n) const;
  // A territory's name in this language (inset titles and their tooltips).
  std::string_view territoryName(core::Territory territory) const;

 private:
  std::unordered_map<std::string, std::string> table_;
  std::string language_ = "fr";
};

}  // namespace app
