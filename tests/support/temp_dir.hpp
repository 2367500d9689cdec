// TempDir: a fresh directory under $TMPDIR (or /tmp) for one test, removed with everything in it when the
// object is destroyed, even if the test made parts of it read-only. Header-only test support; it does not
// chdir into the directory.
#pragma once

#include <stdlib.h>  // mkdtemp

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace sleet::test {

class TempDir {
 public:
  /// Creates `$TMPDIR/<prefix>-XXXXXX`. Throws std::runtime_error when the directory cannot be created
  /// (GoogleTest reports that as a test failure).
  explicit TempDir(std::string_view prefix = "sleet") {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = (tmp != nullptr && tmp[0] != '\0' ? std::string(tmp) : std::string("/tmp")) + "/" +
                          std::string(prefix) + "-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (mkdtemp(buffer.data()) == nullptr) {
      throw std::runtime_error("cannot create a temporary directory from " + pattern);
    }
    path_ = std::filesystem::path(buffer.data());
  }

  /// Removes the directory tree; restores owner permissions first so read-only subdirectories go too.
  ~TempDir() {
    if (path_.empty()) return;
    std::error_code ignored;
    namespace fs = std::filesystem;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ignored);
    for (auto it = fs::recursive_directory_iterator(path_, fs::directory_options::skip_permission_denied, ignored);
         it != fs::recursive_directory_iterator(); it.increment(ignored)) {
      if (it->is_directory(ignored) && !it->is_symlink(ignored)) {
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ignored);
      }
      if (ignored) break;
    }
    fs::remove_all(path_, ignored);
  }

  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempDir& operator=(TempDir&&) = delete;

  const std::filesystem::path& path() const { return path_; }

  /// `path() / name` as a string, for APIs that take paths as text.
  std::string file(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace sleet::test
