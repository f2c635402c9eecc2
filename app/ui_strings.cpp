#include "ui_strings.h"

#include <rapidjson/document.h>

#include "text.h"

namespace app {

bool Strings::load(std::string_view json, std::string_view lang) {
  rapidjson::Document doc;
  // Iterative, as every parse of text from outside: depth costs heap, not the stack.
  doc.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
  const char* language = lang == "en" ? "en" : "fr";
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember(language) || !doc[language].IsObject())
    return false;
  table_.clear();
  for (const auto& m : doc[language].GetObject())
    if (m.value.IsString()) table_[m.name.GetString()] = m.value.GetString();
  language_ = language;
  return true;
}

std::string Strings::operator()(std::string_view key) const {
  const auto it = table_.find(std::string(key));
  return it != table_.end() ? it->second : std::string(key);
}

std::string Strings::format(std::string_view key,
                            std::initializer_list<std::pair<std::string_view, std::string_view>> values) const {
  std::string text = (*this)(key);
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + std::string(name) + "}";
    for (std::size_t at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
      text.replace(at, placeholder.size(), value);
  }
  return text;
}

std::string Strings::count(std::size_t n) const {
  if (n == 0) return (*this)("count_zero");
  if (n == 1) return (*this)("count_one");
  return format("count_many", {{"n", core::text::groupThousands(n)}});
}

std::string_view Strings::territoryName(core::Territory territory) const {
  const core::TerritoryInfo& info = core::info(territory);
  return language_ == "en" ? info.name_en : info.name_fr;
}

}  // namespace app
