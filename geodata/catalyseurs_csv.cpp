// catalyseurs-csv: the directory's spreadsheet → the map's GeoJSON.
//
//   catalyseurs-csv INPUT.csv OUTPUT.geojson [--gazetteer communes.csv]
//   catalyseurs-csv --schema OUTPUT.json
//   catalyseurs-csv --template OUTPUT.csv
//
// Geocodes every row offline with the commune gazetteer, checks every field with the
// same rules as the map's loader, prints one line per problem (file:line: column: reason)
// and exits 1 if any row is bad. The output is written to a temporary file and renamed
// into place only on success, so a failed run never touches it. The output may not be one
// of the inputs nor anything but a regular file; a symbolic link is written through, and
// the file keeps its permissions.
//
// --schema writes geodata/schema.json instead: the columns, allowed values, territories
// (legal CRS, lon/lat extent), regions and départements of the core's tables, which the
// Node scripts of geodata/ and the browser tests read rather than keep copies that could
// drift from the C++. --template writes « Télécharger un modèle »'s spreadsheet (header, a
// row of notes, two example rows), the same the checking page offers.
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "catalyseur.h"
#include "gazetteer.h"
#include "spreadsheet.h"
#include "territory.h"

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

// The temporary file being written, for the signal handler to remove.
char g_temp[4096] = "";

void removeTempAndDie(int sig) {
  if (g_temp[0]) unlink(g_temp);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// Our temporary files are "<name>.tmp-<pid>-XXXXXX" beside the output. A run killed outright
// (SIGKILL, a power cut) cannot remove its own; the next run removes those whose process is
// gone. Another run's file, still being written, is left alone.
void removeStaleTemps(const std::string& target) {
  const auto slash = target.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : target.substr(0, slash + 1);
  const std::string prefix = (slash == std::string::npos ? target : target.substr(slash + 1)) + ".tmp-";
  DIR* d = opendir(dir.c_str());
  if (!d) return;
  while (const dirent* entry = readdir(d)) {
    const std::string_view name = entry->d_name;
    if (name.substr(0, prefix.size()) != prefix) continue;
    const std::string_view rest = name.substr(prefix.size());
    const auto dash = rest.find('-');
    if (dash == 0 || dash == std::string_view::npos || rest.size() != dash + 7 ||
        rest.substr(0, dash).find_first_not_of("0123456789") != std::string_view::npos)
      continue;
    const long pid = std::strtol(std::string(rest.substr(0, dash)).c_str(), nullptr, 10);
    if (pid <= 0 || pid == getpid() || kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    if (unlink((dir + std::string(name)).c_str()) == 0)
      std::fprintf(stderr, "fichier temporaire d’une exécution interrompue supprimé : %s%s\n", dir.c_str(),
                   std::string(name).c_str());
  }
  closedir(d);
}

// Where the output really goes, or why it may not be written: never one of the inputs
// (the spreadsheet itself would be replaced by GeoJSON), never anything but a regular file
// (a device or a FIFO would be replaced by one), through a symbolic link to its target (the
// link stays a link). `mode` is the existing file's, or what a new file gets.
bool resolveOutput(const std::string& path, const std::vector<std::string>& inputs, std::string& target,
                   mode_t& mode, std::string& error) {
  target = path;
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) {
      error = std::strerror(errno);
      return false;
    }
    const mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
    return true;
  }
  if (S_ISLNK(st.st_mode)) {
    char* real = realpath(path.c_str(), nullptr);
    if (!real) {
      error = std::string("lien symbolique vers un fichier inaccessible : ") + std::strerror(errno);
      return false;
    }
    target = real;
    std::free(real);
    if (stat(target.c_str(), &st) != 0) {
      error = std::strerror(errno);
      return false;
    }
  }
  if (!S_ISREG(st.st_mode)) {
    error = "ce n’est pas un fichier ordinaire (répertoire, périphérique, tube…) : refusé";
    return false;
  }
  for (const auto& input : inputs) {
    struct stat in;
    if (stat(input.c_str(), &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino) {
      error = "c’est aussi un fichier d’entrée (" + input + ") : il serait écrasé";
      return false;
    }
  }
  mode = st.st_mode & 07777;
  return true;
}

// Writes beside the target (resolved by resolveOutput) then renames: readers see the old
// file or the new one, never a half-written one. The new file gets `mode`.
bool writeAtomically(const std::string& target, mode_t mode, const std::string& content, std::string& error) {
  removeStaleTemps(target);
  std::string temp = target + ".tmp-" + std::to_string(getpid()) + "-XXXXXX";
  if (temp.size() >= sizeof g_temp) {
    error = "chemin trop long";
    return false;
  }
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, removeTempAndDie);
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    error = std::string("fichier temporaire impossible : ") + std::strerror(errno);
    return false;
  }
  std::memcpy(g_temp, temp.c_str(), temp.size() + 1);
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
  ok = ok && fchmod(fd, mode) == 0 && fsync(fd) == 0;
  if (close(fd) != 0) ok = false;
  if (ok && std::rename(temp.c_str(), target.c_str()) != 0) ok = false;
  if (!ok) {
    error = std::strerror(errno);
    std::remove(temp.c_str());
  }
  g_temp[0] = '\0';
  return ok;
}

// A JSON string literal; RapidJSON does the escaping and leaves UTF-8 as it is.
std::string quote(std::string_view s) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return {buffer.GetString(), buffer.GetSize()};
}

// `"key": [` (or `{`), then one entry per line, so that a new value, region or
// département is a one-line diff of schema.json.
void member(std::string& out, std::string_view key, bool object, const std::vector<std::string>& entries,
            bool last) {
  out += "  " + quote(key) + (object ? ": {\n" : ": [\n");
  for (std::size_t i = 0; i < entries.size(); ++i)
    out += "    " + entries[i] + (i + 1 < entries.size() ? ",\n" : "\n");
  out += object ? "  }" : "  ]";
  out += last ? "\n" : ",\n";
}

std::vector<std::string> quoted(const std::vector<std::string_view>& values) {
  std::vector<std::string> out;
  for (auto v : values) out.push_back(quote(v));
  return out;
}

// Shortest form that reads back as the same double: "-5.6", not "-5.5999999999999996".
std::string number(double value) {
  char buffer[32];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

// Keys and entries in the core's own order, so that the same tables give the same bytes.
std::string schemaJson() {
  std::vector<std::string> territoires, regions, departements;
  for (const auto& t : core::allTerritories()) {
    const core::Bounds& e = t.lonlat_extent;
    territoires.push_back("{\"slug\": " + quote(t.slug) + ", \"nom\": " + quote(t.name_fr) +
                          ", \"epsg\": " + std::to_string(t.epsg) + ", \"extent\": [" + number(e.min_x) +
                          ", " + number(e.min_y) + ", " + number(e.max_x) + ", " + number(e.max_y) + "]}");
  }
  for (const auto& r : core::allRegions())
    regions.push_back("{\"code\": " + quote(r.code) + ", \"nom\": " + quote(r.name_fr) +
                      ", \"territoire\": " + quote(core::info(r.territory).slug) + "}");
  for (const auto& d : core::departementRegions())
    departements.push_back(quote(d.departement) + ": " + quote(d.region));
  std::string out = "{\n";
  member(out, "columns", false, quoted(core::spreadsheetColumns()), false);
  member(out, "structure", false, quoted(core::structureValues()), false);
  member(out, "metiers", false, quoted(core::metierValues()), false);
  member(out, "thematiques", false, quoted(core::thematiqueValues()), false);
  member(out, "territoires", false, territoires, false);
  member(out, "regions", false, regions, false);
  member(out, "departements", true, departements, true);
  out += "}\n";
  return out;
}

int usage() {
  std::fprintf(stderr,
               "usage : catalyseurs-csv ENTRÉE.csv SORTIE.geojson [--gazetteer communes.csv]\n"
               "        catalyseurs-csv --schema SORTIE.json\n"
               "        catalyseurs-csv --template SORTIE.csv\n"
               "Transforme le tableur des catalyseurs en GeoJSON pour la carte.\n"
               "Avec --schema, écrit les colonnes, les valeurs permises, les territoires, les\n"
               "régions et les départements que connaît la carte (geodata/schema.json, lu par les scripts Node).\n"
               "Avec --template, écrit un modèle de tableur : l’en-tête, une ligne de notes et deux exemples.\n");
  return 2;
}

// Checks the output before any work, so that a refused one costs nothing.
bool checkOutput(const std::string& path, const std::vector<std::string>& inputs, std::string& target, mode_t& mode) {
  std::string error;
  if (resolveOutput(path, inputs, target, mode, error)) return true;
  std::fprintf(stderr, "%s : sortie refusée : %s\n", path.c_str(), error.c_str());
  return false;
}

// --schema and --template: a file made from the core's tables alone.
int writeGenerated(const std::string& path, const std::string& content, const char* what) {
  std::string error, target;
  mode_t mode;
  if (!checkOutput(path, {}, target, mode)) return 2;
  if (!writeAtomically(target, mode, content, error)) {
    std::fprintf(stderr, "%s : écriture impossible : %s\n", path.c_str(), error.c_str());
    return 2;
  }
  std::fprintf(stderr, "%s écrit dans %s\n", what, path.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string input, output, schema, template_path, gazetteer_path = CATALYSEURS_DEFAULT_GAZETTEER;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--gazetteer" && i + 1 < argc) {
      gazetteer_path = argv[++i];
    } else if (arg == "--schema" && i + 1 < argc) {
      schema = argv[++i];
    } else if (arg == "--template" && i + 1 < argc) {
      template_path = argv[++i];
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
  if (!schema.empty() || !template_path.empty()) {
    if (!input.empty() || (!schema.empty() && !template_path.empty())) return usage();
    return schema.empty() ? writeGenerated(template_path, core::spreadsheetTemplate(), "modèle")
                          : writeGenerated(schema, schemaJson(), "schéma");
  }
  if (input.empty() || output.empty()) return usage();

  std::string target;
  mode_t mode;
  if (!checkOutput(output, {input, gazetteer_path}, target, mode)) return 2;

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
  if (result.converted_from_windows1252)
    std::fprintf(stderr, "%s : converti depuis Windows-1252 (le fichier n’était pas en UTF-8)\n", input.c_str());
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
  if (!writeAtomically(target, mode, core::toGeoJson(result.catalyseurs), error)) {
    std::fprintf(stderr, "%s : écriture impossible : %s\n", output.c_str(), error.c_str());
    return 2;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "%zu catalyseurs écrits dans %s (%.2f s)\n", result.catalyseurs.size(), output.c_str(), seconds);
  return 0;
}
