// Small helpers shared by the core tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace test_support {

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

}  // namespace test_support
