// catalyseurs-csv: the directory's spreadsheet → the map's GeoJSON.
//
//   catalyseurs-csv INPUT.csv OUTPUT.geojson [--gazetteer communes.csv]
//
// Geocodes every row offline with the commune gazetteer, checks every field with the
// same rules as the map's loader, prints one line per problem (file:line: column: reason)
// and exits 1 if any row is bad. The output is written to a temporary file and renamed
// into place only on success, so a failed run never touches it.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "gazetteer.h"
#include "spreadsheet.h"

namespace {

bool readFile(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return false;
  }
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

// Writes beside the target then renames: readers see the old file or the new one, never
// a half-written one.
bool writeAtomically(const std::string& path, const std::string& content, std::string& error) {
  std::string temp = path + ".tmp-XXXXXX";
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    error = std::string("fichier temporaire impossible : ") + std::strerror(errno);
    return false;
  }
  const char* data = content.data();
  std::size_t left = content.size();
  bool ok = true;
  while (left > 0) {
    const ssize_t n = write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  ok = ok && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
  if (close(fd) != 0) ok = false;
  if (ok && std::rename(temp.c_str(), path.c_str()) != 0) ok = false;
  if (!ok) {
    error = std::strerror(errno);
    std::remove(temp.c_str());
  }
  return ok;
}

int usage() {
  std::fprintf(stderr,
               "usage : catalyseurs-csv ENTRÉE.csv SORTIE.geojson [--gazetteer communes.csv]\n"
               "Transforme le tableur des catalyseurs en GeoJSON pour la carte.\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string input, output, gazetteer_path = CATALYSEURS_DEFAULT_GAZETTEER;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--gazetteer" && i + 1 < argc) {
      gazetteer_path = argv[++i];
    } else if (arg == "-h" || arg == "--help") {
      usage();
      return 0;
    } else if (input.empty()) {
      input = arg;
    } else if (output.empty()) {
      output = arg;
    } else {
      return usage();
    }
  }
  if (input.empty() || output.empty()) return usage();

  const auto started = std::chrono::steady_clock::now();
  std::string error, gazetteer_text, csv;
  if (!readFile(gazetteer_path, gazetteer_text, error)) {
    std::fprintf(stderr, "%s : lecture impossible : %s\n", gazetteer_path.c_str(), error.c_str());
    return 2;
  }
  const auto gazetteer = core::Gazetteer::parse(gazetteer_text, error);
  if (!gazetteer) {
    std::fprintf(stderr, "%s : %s\n", gazetteer_path.c_str(), error.c_str());
    return 2;
  }
  if (!readFile(input, csv, error)) {
    std::fprintf(stderr, "%s : lecture impossible : %s\n", input.c_str(), error.c_str());
    return 2;
  }

  const core::SpreadsheetResult result = core::readSpreadsheet(csv, *gazetteer);
  for (const auto& issue : result.issues) {
    if (issue.column.empty())
      std::fprintf(stderr, "%s:%zu: %s\n", input.c_str(), issue.line, issue.reason.c_str());
    else
      std::fprintf(stderr, "%s:%zu: colonne « %s » : %s\n", input.c_str(), issue.line,
                   issue.column.c_str(), issue.reason.c_str());
  }
  if (!result.issues.empty()) {
    std::fprintf(stderr, "%zu problème(s) : %s n’a pas été modifié.\n", result.issues.size(), output.c_str());
    return 1;
  }
  if (!writeAtomically(output, core::toGeoJson(result.catalyseurs), error)) {
    std::fprintf(stderr, "%s : écriture impossible : %s\n", output.c_str(), error.c_str());
    return 2;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "%zu catalyseurs écrits dans %s (%.2f s)\n", result.catalyseurs.size(), output.c_str(), seconds);
  return 0;
}
