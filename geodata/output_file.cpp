#include "output_file.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace geodata {

namespace {

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

}  // namespace

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

}  // namespace geodata
