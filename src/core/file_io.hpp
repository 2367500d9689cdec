// Reading whole files and writing them atomically (temp file in the same folder + fsync + rename), so a
// crash or a full disk never leaves a half-written journal, snapshot or SQL file behind.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sleet {

/// The file's bytes. Fails with ErrorCode::Io naming the path when it is missing or unreadable.
Result<std::string> read_file(const std::filesystem::path& path);

/// Writes `bytes` to `path` atomically: a temp file beside it, flushed, then renamed over `path`.
/// Fails with ErrorCode::Io naming the path; the temp file is removed on failure.
Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace sleet
