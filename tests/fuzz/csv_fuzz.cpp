// core::parseCsv on any bytes, with the default cell limit and with a tiny one. Lines only
// go forward and stay within the text; every record the reader keeps writes back
// (csvRecord) to text that reads as that same record.
#include <algorithm>

#include "csv.h"
#include "fuzz_support.h"

namespace {

// Lines of the text as the reader counts them: LF, CRLF and a lone CR each end one.
std::size_t lineCount(std::string_view s) {
  std::size_t lines = 1;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++lines;
  return lines;
}

void check(std::string_view text, const core::CsvOptions& options) {
  const core::CsvTable table = core::parseCsv(text, options);
  const std::size_t lines = lineCount(text);
  std::size_t previous = 0;
  for (const auto& record : table.records) {
    FUZZ_CHECK(record.line >= 1 && record.line <= lines && record.line > previous);
    previous = record.line;
    FUZZ_CHECK(!record.fields.empty());
    for (const auto& field : record.fields) FUZZ_CHECK(field.size() <= options.max_field_bytes);
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // a blank line writes nothing
    const core::CsvTable again = core::parseCsv(core::csvRecord(record.fields) + "\n", options);
    FUZZ_CHECK(!again.fatal && again.errors.empty() && again.records.size() == 1);
    FUZZ_CHECK_SHOW(again.records[0].fields == record.fields, core::csvRecord(record.fields));
  }
  for (const auto& error : table.errors) {
    FUZZ_CHECK(error.line >= 1 && error.line <= lines);
    FUZZ_CHECK_SHOW(fuzz::showable(error.reason), error.reason);
  }
  if (table.fatal) FUZZ_CHECK(table.fatal->line >= 1 && table.fatal->line <= lines);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text(data, size);
  check(text, {});
  core::CsvOptions tiny;
  tiny.max_field_bytes = 8;
  check(text, tiny);
  return 0;
}
