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

namespace core {

struct RowIssue {
  std::size_t line;    // 1-based CSV line where the record starts
  std::string column;  // empty when the problem is not one column's
  std::string reason;  // in French
};

struct SpreadsheetResult {
  std::vector<Catalyseur> catalyseurs;  // the valid rows, in file order
  std::vector<RowIssue> issues;         // in line order
};

// The columns, in the order the file must have them.
const std::vector<std::string_view>& spreadsheetColumns();
// The columns an export adds after those (structure_libelle, region_nom, latitude, longitude):
// labels beside the codes and the position, for spreadsheet programs. They are derived from
// the others, so the reader accepts them, in this order, and ignores their values: an export
// can be edited and fed back to the command.
const std::vector<std::string_view>& exportColumns();

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
