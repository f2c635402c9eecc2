// The directory's spreadsheet (geodata/catalyseurs.csv) → validated catalyseurs, geocoded
// offline with the gazetteer. Every problem names its CSV line and column.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalyseur.h"
#include "gazetteer.h"
#include "spreadsheet_columns.h"

namespace core {

struct SpreadsheetResult {
  std::vector<Catalyseur> catalyseurs;  // the valid rows, in file order
  std::vector<std::size_t> lines;       // the line each of them starts on
  // Data rows, valid or not (blank and « # » lines aside; one a quote left open swallows), when
  // the header could be read.
  std::size_t rows = 0;
  std::vector<RowIssue> issues;         // in line order
  // The file was not UTF-8 but Windows-1252 (what a French Excel writes), and was read as such.
  bool converted_from_windows1252 = false;
};

// The columns may come in any order (see readHeader). A record whose first cell starts with
// « # » is a note, and is skipped, as are blank lines. A file that is not UTF-8 but reads as
// Windows-1252 is converted first.
SpreadsheetResult readSpreadsheet(std::string_view csv, const Gazetteer& gazetteer);

// The GeoJSON FeatureCollection the map loads: one feature per line, so that a change to
// one row is a one-line diff. `rows` picks and orders the catalyseurs written; all of them
// in order without it.
std::string toGeoJson(const std::vector<Catalyseur>& catalyseurs);
std::string toGeoJson(const std::vector<Catalyseur>& catalyseurs, std::span<const std::uint32_t> rows);

// The spreadsheet itself, the inverse of readSpreadsheet: the header, then one line per
// catalyseur (lists joined by « ; »), LF line ends as in geodata/catalyseurs.csv.
std::string toCsv(const std::vector<Catalyseur>& catalyseurs, std::span<const std::uint32_t> rows);

// The same with what a download for a spreadsheet program wants: a UTF-8 byte-order mark
// (without it Excel reads the accents as Latin-1) and the export columns, the structure's
// label given by `structure_label` (the page's language), the region's name by the region
// table.
std::string toCsvExport(const std::vector<Catalyseur>& catalyseurs, std::span<const std::uint32_t> rows,
                        const std::function<std::string(std::string_view structure)>& structure_label);

}  // namespace core
