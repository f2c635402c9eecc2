// The directory spreadsheet's columns: the one table of them (names, which ones a file may
// leave out, what each holds), how a file's header is read against it, and the template
// a new directory starts from.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace core {

struct RowIssue {
  std::size_t line;    // 1-based CSV line where the record starts
  std::string column;  // empty when the problem is not one column's
  std::string reason;  // in French
};

struct SpreadsheetColumn {
  std::string_view name;
  // Whether the header must have it. departement and region may be left out: the commune
  // gives them.
  bool required;
  // In French, for the template: what a cell holds (the allowed values are added from the
  // vocabularies).
  std::string_view note;
  // The template's two example rows.
  std::string_view example[2];
};

// In the order the writers put them, which is also spreadsheetColumns()'s.
std::span<const SpreadsheetColumn> spreadsheetColumnTable();
// Their names.
const std::vector<std::string_view>& spreadsheetColumns();
// The columns an export adds (structure_libelle, region_nom, latitude, longitude): labels
// beside the codes and the position, for spreadsheet programs. They are derived from the
// others, so the reader accepts them and ignores their values: an export can be edited and
// fed back to the command.
const std::vector<std::string_view>& exportColumns();
// The values a column allows (structure, metiers, thematiques), empty for the others.
const std::vector<std::string_view>& allowedValues(std::string_view column);

// Where a file's header puts each column.
struct SpreadsheetHeader {
  // By index in spreadsheetColumns(): the field that holds it, or -1 when the file has none.
  std::vector<int> field;
  std::size_t width = 0;  // the fields every record must have
};

// Reads the header record (line 1). The columns may come in any order; a name that is not
// a column is reported, with the column it probably meant (« vouliez-vous dire … ? ») when
// one is close and missing, as is a column named twice or a required one absent. False,
// with the issues, when the records could not be read right.
bool readHeader(const std::vector<std::string>& names, SpreadsheetHeader& header, std::vector<RowIssue>& issues);

// The column a misspelt name probably meant, among `candidates`: the nearest once both are
// folded (case, accents), at most two edits away and less than half the column's length.
// Empty when none is that close.
std::string_view suggestColumn(std::string_view name, const std::vector<std::string_view>& candidates);

// « Télécharger un modèle »: a UTF-8 CSV (with a byte-order mark, for Excel) with the
// header, a row of notes, one per column, that the reader skips (its first cell starts
// with « # »), and two example rows that pass the checks.
std::string spreadsheetTemplate();

}  // namespace core
