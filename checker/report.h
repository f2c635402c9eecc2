// What « Vérifier un tableur » (web/verifier.html) shows for one file, computed by the same
// readSpreadsheet and gazetteer as the command line. No Emscripten here: checker_web.cpp
// exports it to the page, and tests/checker checks it natively.
#pragma once

#include <string>
#include <string_view>

#include "gazetteer.h"

namespace checker {

struct Report {
  std::string json;     // the report the page lists (format below)
  std::string geojson;  // what catalyseurs-csv would write; empty when any row is rejected
};

// The report's JSON:
//   {"converted": bool (read as Windows-1252), "rows": n, "valid": n, "rejected": n,
//    "issues": [{"line", "column", "reason"}],                  in line order, in French
//    "table": [{"line", "ok", "id", "nom", "commune", "region", "lon", "lat"}]}
// `table` has one entry per data row, in file order, and one per line a problem names that
// is no row of its own (a record the CSV reader could not split); for a valid row its
// values are the checked ones (commune, region name and position from the gazetteer), for
// a rejected one the cells as the file has them.
Report check(std::string_view csv, const core::Gazetteer& gazetteer);

}  // namespace checker
