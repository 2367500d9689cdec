// Helpers shared by the PostgreSQL render_*.cpp files. Private to src/dialect/postgres.
#pragma once

#include <optional>
#include <string>

#include "diff/change.hpp"
#include "schema/schema.hpp"

namespace sleet::pg::detail {

/// `"t"` for public (schema ""), `"s"."t"` otherwise.
std::string table_name(const diff::TableRef& table);
/// `"s"."n"` when schema is not empty, else `"n"`.
std::string qualified(const std::string& schema, const std::string& name);
/// drizzle's parseType: native types as written, others quoted with `prefix` (`"schema".` or "") in front and
/// array suffixes kept outside the quotes.
std::string column_type(const std::string& prefix, const std::string& type);
/// The column type as CREATE TABLE / ADD COLUMN print it (enum types outside public get their schema).
std::string column_type_of(const schema::Column& column);
/// ` GENERATED ALWAYS AS IDENTITY (sequence name ... )`; `table_schema` qualifies the sequence name.
std::string identity_clause(const schema::Identity& identity, const std::string& table_schema);
/// JavaScript truthiness of a JSON value (drizzle's `if (columnDefault)`).
bool truthy(const std::optional<schema::Scalar>& value);
/// A column default as drizzle's template literal prints it (`null` included); arrays and objects, which drizzle
/// prints as invalid SQL, as PostgreSQL literals (`'{1,"a"}'`, `'{"k":1}'`).
std::string scalar_text(const schema::Scalar& value);
/// The name PostgreSQL gives a primary key declared inline in CREATE TABLE `table` (`<table>_pkey`, the table
/// name cut to fit 63 bytes).
std::string inline_primary_key_name(const std::string& table);
/// `ADD COLUMN`'s column definition (name, type, PRIMARY KEY, DEFAULT, GENERATED, NOT NULL, identity).
std::string add_column_sql(const diff::TableRef& table, const schema::Column& column);
/// `CREATE TABLE ... (\n\t...\n);\n`.
std::string create_table_sql(const schema::Table& table);
/// `CREATE POLICY "p" ON <on> AS ... FOR ... TO ...[ USING (...)][ WITH CHECK (...)];`.
std::string create_policy_sql(const std::string& on, const schema::Policy& policy);
/// drizzle's ALTER POLICY (roles joined with "," unquoted, USING / WITH CHECK falling back to the old ones).
std::string alter_policy_sql(const std::string& on, const schema::Policy& from, const schema::Policy& to);

}  // namespace sleet::pg::detail
