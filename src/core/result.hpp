// Result<T>: a value or an Error, shaped like C++23 std::expected (has_value, value, error, operator*, ->)
// so that moving to std::expected later is a one-line change. Result<void> carries only success or an Error.
#pragma once

#include <utility>
#include <variant>

#include "core/assert.hpp"
#include "core/error.hpp"

namespace sleet {

/// Tag to build a failed Result: `return fail(ErrorCode::Io, "cannot read x");`.
struct Failure {
  Error error;
};
inline Failure fail(Error error) { return Failure{std::move(error)}; }
inline Failure fail(ErrorCode code, std::string message) { return Failure{Error(code, std::move(message))}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Failure failure) : state_(std::in_place_index<1>, std::move(failure.error)) {}  // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    SLEET_ASSERT(has_value(), "value() on a failed Result");
    return std::get<0>(state_);
  }
  const T& value() const& {
    SLEET_ASSERT(has_value(), "value() on a failed Result");
    return std::get<0>(state_);
  }
  T&& value() && {
    SLEET_ASSERT(has_value(), "value() on a failed Result");
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  Error& error() & {
    SLEET_ASSERT(!has_value(), "error() on a successful Result");
    return std::get<1>(state_);
  }
  const Error& error() const& {
    SLEET_ASSERT(!has_value(), "error() on a successful Result");
    return std::get<1>(state_);
  }
  Error&& error() && {
    SLEET_ASSERT(!has_value(), "error() on a successful Result");
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Failure failure) : error_(std::move(failure.error)), failed_(true) {}  // NOLINT
  Result(Error error) : error_(std::move(error)), failed_(true) {}              // NOLINT

  bool has_value() const { return !failed_; }
  explicit operator bool() const { return has_value(); }
  void value() const { SLEET_ASSERT(has_value(), "value() on a failed Result"); }
  Error& error() & {
    SLEET_ASSERT(failed_, "error() on a successful Result");
    return error_;
  }
  const Error& error() const& {
    SLEET_ASSERT(failed_, "error() on a successful Result");
    return error_;
  }
  Error&& error() && {
    SLEET_ASSERT(failed_, "error() on a successful Result");
    return std::move(error_);
  }

 private:
  Error error_;
  bool failed_ = false;
};

inline Result<void> ok() { return {}; }

}  // namespace sleet

/// Propagates a failed Result from the current function: `SLEET_TRY(write_file(...));`.
#define SLEET_TRY(expr)                                     \
  do {                                                      \
    auto&& sleet_try_result_ = (expr);                      \
    if (!sleet_try_result_) return std::move(sleet_try_result_).error(); \
  } while (false)
