// SHA-256 through OpenSSL's EVP interface; the only includer of OpenSSL headers.
#include "core/sha256.hpp"

#include <openssl/evp.h>

#include "core/assert.hpp"

namespace sleet {

namespace {

std::string to_hex(const unsigned char* digest, unsigned int length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  int ok = EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  SLEET_ASSERT(ok == 1 && length == 32, "EVP_Digest(sha256) failed");
  return to_hex(digest, length);
}

struct Sha256::State {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  ~State() { EVP_MD_CTX_free(context); }
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  SLEET_ASSERT(state_->context != nullptr && EVP_DigestInit_ex(state_->context, EVP_sha256(), nullptr) == 1,
               "EVP_DigestInit_ex(sha256) failed");
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
  SLEET_ASSERT(EVP_DigestUpdate(state_->context, bytes.data(), bytes.size()) == 1, "EVP_DigestUpdate failed");
}

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  SLEET_ASSERT(EVP_DigestFinal_ex(state_->context, digest, &length) == 1 && length == 32, "EVP_DigestFinal_ex failed");
  return to_hex(digest, length);
}

}  // namespace sleet
