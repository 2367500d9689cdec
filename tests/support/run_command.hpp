// run_command: runs a shell command line and captures its exit code, stdout and stderr, for tests that drive
// the built binaries (sleet, pg_dump, sqlite3). Header-only test support.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace sleet::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// `text` quoted for /bin/sh.
inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

/// Runs `command` with /bin/sh; stdout is captured through a pipe, stderr through a temp file.
inline CommandResult run_command(const std::string& command) {
  CommandResult result;
  char err_path[] = "/tmp/sleet-cmd-err-XXXXXX";
  int fd = mkstemp(err_path);
  if (fd >= 0) close(fd);
  std::string full = "(" + command + ") 2>" + shell_quote(err_path);
  FILE* pipe = popen(full.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 65536> buffer{};
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path, std::ios::binary);
  std::ostringstream text;
  text << err.rdbuf();
  result.err = text.str();
  std::filesystem::remove(err_path);
  return result;
}

/// Path of the built sleet binary.
inline std::string sleet_binary() { return std::string(SLEET_BINARY_DIR) + "/sleet"; }

/// The shared corpus beside the repository (../shared/corpus).
inline std::filesystem::path corpus_dir() {
  return std::filesystem::path(SLEET_SOURCE_DIR).parent_path() / "shared" / "corpus";
}

}  // namespace sleet::test
