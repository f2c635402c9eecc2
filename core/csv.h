// RFC 4180 reader that keeps track of line numbers, so that every problem can be
// reported at the line a spreadsheet user sees. Quoted fields may hold commas, quotes
// ("") and line breaks; CRLF and LF are both accepted; a UTF-8 byte-order mark is skipped.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core {

struct CsvRecord {
  std::size_t line;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

struct CsvError {
  std::size_t line;
  std::string reason;  // in French
};

struct CsvTable {
  std::vector<CsvRecord> records;  // the header is records[0]
  // A defect that stops the reading (an unterminated quote); records before it are kept.
  std::optional<CsvError> fatal;
  // Records with a stray quote; they are left out of `records`.
  std::vector<CsvError> errors;
};

struct CsvOptions {
  // A field longer than this is an error rather than a memory hazard (100 000 bytes:
  // far above any real cell of the directory).
  std::size_t max_field_bytes = 100000;
};

CsvTable parseCsv(std::string_view text, const CsvOptions& options = {});

// The writer's side: a field quoted when it holds a comma, a quote or a line break, or
// starts with a byte-order mark (quotes doubled), and one record as its fields joined by
// commas, without the line end.
std::string csvField(std::string_view value);
std::string csvRecord(const std::vector<std::string>& fields);

}  // namespace core
