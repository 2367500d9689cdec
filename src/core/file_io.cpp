// POSIX implementation of read_file / write_file_atomic.
#include "core/file_io.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace sleet {

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return fail(ErrorCode::Io, fmt::format("{}: no such file", path.string()));
    return fail(ErrorCode::Io, fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return fail(ErrorCode::Io, fmt::format("{}: read error", path.string()));
  return buffer.str();
}

Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view bytes) {
  std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  std::string name = ".";
  name += path.filename().string();
  name += ".tmp-XXXXXX";
  std::string tmpl = (dir / name).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return fail(ErrorCode::Io, fmt::format("{}: cannot create temp file: {}", path.string(), std::strerror(errno)));
  auto cleanup = [&](const std::string& why) {
    ::close(fd);
    ::unlink(tmpl.c_str());
    return fail(ErrorCode::Io, fmt::format("{}: {}", path.string(), why));
  };
  const char* data = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return cleanup(fmt::format("write failed: {}", std::strerror(errno)));
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return cleanup(fmt::format("fsync failed: {}", std::strerror(errno)));
  ::fchmod(fd, 0644);
  if (::close(fd) != 0) {
    ::unlink(tmpl.c_str());
    return fail(ErrorCode::Io, fmt::format("{}: close failed: {}", path.string(), std::strerror(errno)));
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    int saved = errno;
    ::unlink(tmpl.c_str());
    return fail(ErrorCode::Io, fmt::format("{}: rename failed: {}", path.string(), std::strerror(saved)));
  }
  return ok();
}

}  // namespace sleet
