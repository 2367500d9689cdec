// Password masking for connection strings, applied to every message and log line that shows a URL.
#pragma once

#include <string>
#include <string_view>

namespace sleet {

/// `postgres://user:secret@host/db` -> `postgres://user:****@host/db`; libpq key=value strings get
/// `password=****`; URL query parameters named password get `****`. Anything else is returned unchanged.
std::string mask_url(std::string_view url);

/// Replaces every occurrence of `secret` (if non-empty) in `text` that stands as a token of its own (no
/// letter, digit or underscore right before or after it) with `****`: for server messages that might echo a
/// password back. A password echoed by a server always stands that way (in quotes, after ':' or '='); the
/// boundary rule keeps a short password such as "p" from mangling words ("****arameter").
std::string redact(std::string text, std::string_view secret);

}  // namespace sleet
