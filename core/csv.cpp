#include "csv.h"

namespace core {

namespace {

// A line ends at LF, CRLF or a lone CR (old Mac files, and some exports).
bool endsLine(std::string_view text, std::size_t i) {
  return text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
}

}  // namespace

CsvTable parseCsv(std::string_view text, const CsvOptions& options) {
  CsvTable table;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  std::size_t line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    CsvRecord record{line, {}};
    std::optional<CsvError> record_error;
    std::string field;
    bool record_done = false;
    while (!record_done) {
      field.clear();
      // Bytes of the field, of which only the first max_field_bytes + 1 are kept: enough
      // to know it is too long without holding a 10 MB cell.
      std::size_t length = 0;
      const auto append = [&](char c) {
        if (++length <= options.max_field_bytes + 1) field += c;
      };
      if (i < n && text[i] == '"') {
        const std::size_t quote_line = line;
        ++i;
        bool closed = false;
        while (i < n) {
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              append('"');
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (endsLine(text, i)) ++line;
          append(c);
          ++i;
        }
        if (!closed) {
          table.fatal = CsvError{quote_line, "guillemet ouvert jamais refermé"};
          return table;
        }
        // After the closing quote only a separator or the end of the record may follow.
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          // Across lines this is almost always a quote left open: it then pairs with a
          // later quote. Point at where it was opened.
          if (!record_error)
            record_error = quote_line == line
                               ? CsvError{line, "caractère après un guillemet fermant"}
                               : CsvError{quote_line, "guillemet ouvert à cette ligne et mal refermé (ligne " +
                                                          std::to_string(line) + ")"};
          while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') ++i;
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"' && !record_error)
            record_error = CsvError{line, "guillemet au milieu d’un champ non entouré de guillemets"};
          append(text[i]);
          ++i;
        }
      }
      if (length > options.max_field_bytes && !record_error)
        record_error = CsvError{line, "champ de " + std::to_string(length) +
                                          " octets, au plus " + std::to_string(options.max_field_bytes)};
      record.fields.push_back(length > options.max_field_bytes ? std::string() : field);

      if (i >= n) {
        record_done = true;
      } else if (text[i] == ',') {
        ++i;
      } else {
        if (text[i] == '\r') ++i;
        if (i < n && text[i] == '\n') ++i;
        ++line;
        record_done = true;
      }
    }
    if (record_error)
      table.errors.push_back(*record_error);
    else
      table.records.push_back(std::move(record));
  }
  return table;
}

std::string csvField(std::string_view value) {
  // A leading byte-order mark is quoted too: first in a file, it would be read as the mark.
  if (value.find_first_of(",\"\r\n") == std::string_view::npos && value.substr(0, 3) != "\xEF\xBB\xBF")
    return std::string(value);
  std::string out = "\"";
  for (char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string csvRecord(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csvField(fields[i]);
  }
  return out;
}

}  // namespace core
