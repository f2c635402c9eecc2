// Writing a data command's output file: never over one of its inputs nor over anything but
// a regular file, through a symbolic link to its target, and never half-written (a
// temporary file beside it, renamed into place only once complete). Shared by the
// commands of geodata/.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace geodata {

// Where the output really goes, or why it may not be written: never one of the inputs
// (the spreadsheet itself would be replaced by GeoJSON), never anything but a regular file
// (a device or a FIFO would be replaced by one), through a symbolic link to its target (the
// link stays a link). `mode` is the existing file's, or what a new file gets.
bool resolveOutput(const std::string& path, const std::vector<std::string>& inputs, std::string& target,
                   mode_t& mode, std::string& error);

// Writes beside the target (resolved by resolveOutput) then renames: readers see the old
// file or the new one, never a half-written one. The new file gets `mode`.
bool writeAtomically(const std::string& target, mode_t mode, const std::string& content, std::string& error);

}  // namespace geodata
