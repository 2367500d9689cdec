// FakeConnection: an in-memory dialect::Connection for unit tests of migrate/ and app/. It records every SQL
// text and its parameters, emulates just enough of a database for the migrator (the drizzle tracking table,
// transactions with rollback, PRAGMA foreign_keys with SQLite's "no-op inside a transaction" rule,
// foreign_key_check results, advisory locks), and fails on demand: the N-th call, or every call whose text
// contains a substring, with a given SQLSTATE (fault injection, ARCHITECTURE.md 9.6.5). It does not parse
// SQL: anything it does not recognise is recorded and succeeds.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "dialect/dialect.hpp"

namespace sleet::testing {

/// One call made on the fake, in order.
struct FakeCall {
  std::string sql;
  std::vector<std::string> params;
  bool is_query = false;  ///< query() rather than execute()
};

/// A row of the emulated tracking table, as text (what a real connection would return).
struct FakeTrackingRow {
  std::optional<std::string> id;
  std::string hash;
  std::optional<std::string> created_at;
  bool operator==(const FakeTrackingRow&) const = default;
};

class FakeConnection final : public dialect::Connection {
 public:
  explicit FakeConnection(schema::Dialect dialect) : dialect_(dialect) {}

  schema::Dialect dialect() const override { return dialect_; }

  Result<void> execute(std::string_view sql) override {
    auto failed = record(sql, {}, false);
    if (failed) return *failed;
    emulate_execute(sql);
    return ok();
  }

  Result<std::vector<dialect::Row>> query(std::string_view sql, const std::vector<std::string>& params = {}) override {
    auto failed = record(sql, params, true);
    if (failed) return *failed;
    return emulate_query(sql, params);
  }

  // --- fault injection -------------------------------------------------------------------------------------

  /// Fails the `nth` call (1-based, execute() and query() counted together) with `sqlstate` and `message`.
  void fail_call(std::size_t nth, std::string sqlstate = "42601", std::string message = "injected failure") {
    fail_at_ = nth;
    fail_sqlstate_ = std::move(sqlstate);
    fail_message_ = std::move(message);
  }

  /// Fails every call whose SQL text contains `needle`.
  void fail_when_contains(std::string needle, std::string sqlstate = "42601",
                          std::string message = "injected failure") {
    fail_needle_ = std::move(needle);
    fail_sqlstate_ = std::move(sqlstate);
    fail_message_ = std::move(message);
  }

  // --- inspection ------------------------------------------------------------------------------------------

  const std::vector<FakeCall>& calls() const { return calls_; }
  std::vector<std::string> sql_texts() const {
    std::vector<std::string> out;
    for (const FakeCall& call : calls_) out.push_back(call.sql);
    return out;
  }
  std::size_t call_count() const { return calls_.size(); }
  void clear_calls() { calls_.clear(); }

  // --- emulated state (tests may set it up directly) -------------------------------------------------------

  bool table_exists = false;
  bool schema_exists = false;               ///< pg: the tracking schema
  std::vector<FakeTrackingRow> rows;        ///< the tracking table
  bool foreign_keys = true;                 ///< SQLite PRAGMA foreign_keys
  std::vector<dialect::Row> fk_violations;  ///< what PRAGMA foreign_key_check returns
  bool in_transaction = false;
  int advisory_locks_held = 0;
  std::int64_t next_serial = 1;  ///< pg: next id of the SERIAL column

 private:
  struct Snapshot {
    bool table_exists;
    bool schema_exists;
    std::vector<FakeTrackingRow> rows;
    std::int64_t next_serial;
  };

  static bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
  }
  static std::string upper(std::string_view text) {
    std::string out;
    for (char c : text) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return out;
  }

  std::optional<Error> record(std::string_view sql, const std::vector<std::string>& params, bool is_query) {
    calls_.push_back({std::string(sql), params, is_query});
    bool fail = (fail_at_ != 0 && calls_.size() == fail_at_) || (!fail_needle_.empty() && contains(sql, fail_needle_));
    if (!fail) return std::nullopt;
    Error error(ErrorCode::Database, fail_message_);
    error.sqlstate = fail_sqlstate_;
    return error;
  }

  void emulate_execute(std::string_view sql) {
    std::string text = upper(sql);
    while (!text.empty() && (text.back() == ';' || text.back() == ' ')) text.pop_back();
    if (text == "BEGIN" || text == "BEGIN IMMEDIATE") {
      saved_ = Snapshot{table_exists, schema_exists, rows, next_serial};
      in_transaction = true;
    } else if (text == "COMMIT") {
      in_transaction = false;
      saved_.reset();
    } else if (text == "ROLLBACK") {
      if (saved_) {
        table_exists = saved_->table_exists;
        schema_exists = saved_->schema_exists;
        rows = saved_->rows;
        next_serial = saved_->next_serial;
      }
      in_transaction = false;
      saved_.reset();
    } else if (text == "PRAGMA FOREIGN_KEYS=OFF" || text == "PRAGMA FOREIGN_KEYS = OFF") {
      if (!in_transaction) foreign_keys = false;  // SQLite: a no-op inside a transaction
    } else if (text == "PRAGMA FOREIGN_KEYS=ON" || text == "PRAGMA FOREIGN_KEYS = ON") {
      if (!in_transaction) foreign_keys = true;
    } else if (contains(text, "CREATE SCHEMA IF NOT EXISTS")) {
      schema_exists = true;
    } else if (contains(text, "CREATE TABLE IF NOT EXISTS") && contains(text, "HASH TEXT NOT NULL")) {
      table_exists = true;
    }
  }

  Result<std::vector<dialect::Row>> emulate_query(std::string_view sql, const std::vector<std::string>& params) {
    std::string text = upper(sql);
    std::vector<dialect::Row> out;
    if (contains(text, "PG_ADVISORY_LOCK(")) {
      ++advisory_locks_held;
      out.push_back({std::string("")});
    } else if (contains(text, "PG_ADVISORY_UNLOCK(")) {
      if (advisory_locks_held > 0) --advisory_locks_held;
      out.push_back({std::string("t")});
    } else if (contains(text, "PG_CATALOG.PG_CLASS") || contains(text, "SQLITE_MASTER")) {
      if (table_exists) out.push_back({std::string("1")});
    } else if (text == "PRAGMA FOREIGN_KEYS") {
      out.push_back({std::string(foreign_keys ? "1" : "0")});
    } else if (text == "PRAGMA FOREIGN_KEY_CHECK") {
      out = fk_violations;
    } else if (contains(text, "SELECT ID, HASH, CREATED_AT FROM")) {
      if (!table_exists) {
        Error error(ErrorCode::Database, "no such table");
        error.sqlstate = dialect_ == schema::Dialect::Postgres ? "42P01" : "SQLITE_ERROR";
        return error;
      }
      for (const FakeTrackingRow& row : rows) out.push_back({row.id, row.hash, row.created_at});
    } else if (contains(text, "INSERT INTO") && params.size() % 2 == 0) {
      // One row per (hash, created_at) parameter pair: single- and multi-row inserts alike.
      for (std::size_t i = 0; i + 1 < params.size(); i += 2) {
        FakeTrackingRow row;
        if (dialect_ == schema::Dialect::Postgres) row.id = std::to_string(next_serial++);
        row.hash = params[i];
        row.created_at = params[i + 1];
        rows.push_back(std::move(row));
      }
    }
    return out;
  }

  schema::Dialect dialect_;
  std::vector<FakeCall> calls_;
  std::optional<Snapshot> saved_;
  std::size_t fail_at_ = 0;
  std::string fail_needle_;
  std::string fail_sqlstate_;
  std::string fail_message_;
};

}  // namespace sleet::testing
