// column_text: how drizzle-kit's sqlite snapshot v6 spells a column's type and default, from what SQLite
// reports and keeps (drizzle-reference.md 3.3): types in lower case (`TEXT ( 12 )` -> `text(12)`); defaults
// as JSON numbers and booleans where drizzle would hold a JS number or boolean, otherwise the SQL text as
// written (`'it''s'`, `(unixepoch())`, `CURRENT_TIMESTAMP`), since drizzle renders that text verbatim.
#pragma once

#include "core/js_number.hpp"
#include "schema/schema.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace sleet::sqlite {

/// The declared type as drizzle prints it: ASCII lower case, blanks collapsed, none inside or before
/// parentheses. `VARCHAR (10, 2)` -> `varchar(10, 2)`; "" stays "" (a column without a declared type).
std::string snapshot_type(std::string_view declared);

/// The snapshot default for a DEFAULT clause as written (stored_sql's ColumnSql::default_sql):
/// - NULL -> std::nullopt (the same as no default);
/// - TRUE / FALSE -> boolean (drizzle's `.default(false)`);
/// - a decimal number, optionally signed -> number in JavaScript's formatting (`1.50` -> 1.5, `+3` -> 3),
///   except integers beyond 2^53, which a JS number cannot hold: they stay SQL text;
/// - a bare or quoted identifier, which SQLite takes as a string (`DEFAULT "abc"` is 'abc') -> `'abc'`;
/// - anything else (a string literal, a parenthesised expression, CURRENT_TIMESTAMP, a blob, a hex
///   number) -> the text as written.
std::optional<schema::Scalar> snapshot_default(std::string_view written);

/// A number as JavaScript's Number.prototype.toString prints it: shortest round-trip digits, exponent form
/// below 1e-6 and from 1e21. std::nullopt for text that is not a finite decimal number.


} // namespace sleet::sqlite
