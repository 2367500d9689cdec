#!/usr/bin/env python3
"""Generate an N-table SQLite schema as a drizzle sqlite-core TypeScript file and as equivalent SQLite DDL
(the SQLite counterpart of ../shared/bench/gen_schema.py, for bench/sqlite_generate_bench.sh).
usage: gen_sqlite_schema.py N OUTDIR [variant]
Every table has an integer AUTOINCREMENT key, text / integer (boolean, timestamp) / real / JSON-text columns with
defaults, a unique email, a foreign key to the previous table (ON DELETE cascade) and two indexes.
variant 'b' changes every 10th table (adds a column, drops an index, alters a default, which makes drizzle and
sleet recreate the table) to give generate real work; it asks no rename question."""
import os
import sys

n = int(sys.argv[1])
out = sys.argv[2]
variant = sys.argv[3] if len(sys.argv) > 3 else "a"
os.makedirs(out, exist_ok=True)
ts = [
    'import { sql } from "drizzle-orm";',
    'import { sqliteTable, integer, text, real, index, uniqueIndex } from "drizzle-orm/sqlite-core";',
    "",
]
ddl = []
for i in range(n):
    changed = variant == "b" and i % 10 == 0
    ref = f"t{i-1}" if i > 0 else None
    active_default = "false" if changed else "true"
    cols_ts = [
        '  id: integer("id").primaryKey({ autoIncrement: true }),',
        '  name: text("name").notNull(),',
        '  email: text("email").notNull(),',
        f'  active: integer("active", {{ mode: "boolean" }}).default({active_default}).notNull(),',
        '  score: real("score"),',
        '  payload: text("payload", { mode: "json" }),',
        '  status: text("status").default("active"),',
        '  created_at: integer("created_at", { mode: "timestamp" }).default(sql`(unixepoch())`).notNull(),',
    ]
    cols_sql = [
        "\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL",
        "\t`name` text NOT NULL",
        "\t`email` text NOT NULL",
        f"\t`active` integer DEFAULT {active_default} NOT NULL",
        "\t`score` real",
        "\t`payload` text",
        "\t`status` text DEFAULT 'active'",
        "\t`created_at` integer DEFAULT (unixepoch()) NOT NULL",
    ]
    if ref:
        cols_ts.append(f'  parent_id: integer("parent_id").references(() => {ref}.id, {{ onDelete: "cascade" }}),')
        cols_sql.append("\t`parent_id` integer")
    if changed:
        cols_ts.append('  note: text("note"),')
        cols_sql.append("\t`note` text")
    if ref:
        cols_sql.append(f"\tFOREIGN KEY (`parent_id`) REFERENCES `{ref}`(`id`) ON UPDATE no action ON DELETE cascade")
    idx_ts = [f'  uniqueIndex("t{i}_email_unique").on(t.email),', f'  index("t{i}_name_idx").on(t.name),']
    idx_sql = [f"CREATE UNIQUE INDEX `t{i}_email_unique` ON `t{i}` (`email`);",
               f"CREATE INDEX `t{i}_name_idx` ON `t{i}` (`name`);"]
    if not changed:
        idx_ts.append(f'  index("t{i}_created_idx").on(t.created_at),')
        idx_sql.append(f"CREATE INDEX `t{i}_created_idx` ON `t{i}` (`created_at`);")
    ts.append(f'export const t{i} = sqliteTable("t{i}", {{')
    ts += cols_ts
    ts.append("}, (t) => [")
    ts += idx_ts
    ts.append("]);")
    ddl.append(f"CREATE TABLE `t{i}` (\n" + ",\n".join(cols_sql) + "\n);")
    ddl += idx_sql
open(os.path.join(out, "schema.ts"), "w").write("\n".join(ts) + "\n")
open(os.path.join(out, "schema.sql"), "w").write("\n".join(ddl) + "\n")
