// Small helpers shared by the core tests.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "gazetteer.h"
#include "overlay_layout.h"

namespace test_support {

// The overlays' sizes as the map measures them in its font (about 16 px a line).
inline core::OverlaySizes overlaySizes() {
  core::OverlaySizes s;
  s.attribution = {282, 24};
  s.attribution_short = {170, 24};
  s.scale_bar = {150, 34};
  s.legend = {152, 108};
  s.legend_toggle = {92, 26};
  s.badge = {178, 26};
  s.badge_short = {58, 26};
  return s;
}

inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string fixture(const std::string& relative) {
  return readFile(std::string(CATALYSEURS_FIXTURES_DIR) + "/" + relative);
}

// Tab-separated rows, skipping '#' comments and blank lines.
inline std::vector<std::vector<std::string>> readTsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, '\t')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

#ifdef CATALYSEURS_GEODATA_DIR
// The shipped commune gazetteer, read once.
inline const core::Gazetteer& gazetteer() {
  static const core::Gazetteer g = [] {
    std::string error;
    auto parsed = core::Gazetteer::parse(readFile(std::string(CATALYSEURS_GEODATA_DIR) + "/communes.csv"), error);
    if (!parsed) throw std::runtime_error(error);
    return std::move(*parsed);
  }();
  return g;
}
#endif

}  // namespace test_support
