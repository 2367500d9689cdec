// JsonOut: a small streaming writer for the machine-readable output of commands (--json). It only writes;
// drizzle's file formats are written by snapshot/, which owns their exact byte layout.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sleet {

class JsonOut {
 public:
  JsonOut& begin_object();
  JsonOut& end_object();
  JsonOut& begin_array();
  JsonOut& end_array();
  /// The key of the next value inside an object.
  JsonOut& key(std::string_view name);
  JsonOut& value(std::string_view text);
  JsonOut& value(const char* text) { return value(std::string_view(text)); }
  JsonOut& value(const std::string& text) { return value(std::string_view(text)); }
  JsonOut& value(std::int64_t number);
  JsonOut& value(std::size_t number) { return value(static_cast<std::int64_t>(number)); }
  JsonOut& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonOut& value(double number);
  JsonOut& value(bool flag);
  JsonOut& null();

  /// The document so far (compact, one line).
  const std::string& str() const { return out_; }

  /// `text` as a JSON string literal, quotes included.
  static std::string quote(std::string_view text);

 private:
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace sleet
