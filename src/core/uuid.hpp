// Random UUID version 4 (lower-case, as crypto.randomUUID() writes them): snapshot ids.
#pragma once

#include <string>

namespace sleet {

/// A fresh random UUID v4, e.g. "dfd1be82-9ea1-466d-8533-9b4d48e30bc0".
std::string random_uuid_v4();

}  // namespace sleet
