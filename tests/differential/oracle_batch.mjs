#!/usr/bin/env node
// oracle_batch.mjs — drizzle-kit 0.31's migration text for many snapshot pairs in ONE node process
// (node startup and loading drizzle-kit/api.js cost ~0.5-1 s, which per pair would dominate the differential
// test). It is ../../../shared/tools/drizzle-diff-snapshots.mjs (drizzle-reference.md 7.3) turned into a loop:
// the same in-memory patch of the bundled hanji render() so that rename prompts are answered without a TTY, the
// same answer rule (a prompt for TO is answered "renamed from FROM" when a `--rename FROM=TO` given for that pair
// matches, where names are matched as "name", "schema.name" or, for columns, "table.name"; every other prompt
// gets the first choice, "create"), the same `--breakpoints` joining, and the same choice of differ: the
// dialect is taken from cur.json's "dialect" field (generateMigration for "postgresql", generateSQLiteMigration
// for "sqlite"; used by differential_test.cpp and sqlite_differential_test.cpp). It does not compare anything.
//
// usage: DRIZZLE_LAB=<folder with node_modules/drizzle-kit> node oracle_batch.mjs manifest.json
//   manifest.json: [{"prev": "a.json", "cur": "b.json", "renames": ["FROM=TO", ...], "out": "drizzle.sql"}, ...]
//   Writes each pair's statements to `out` (joined with "--> statement-breakpoint\n", no trailing newline), or,
//   when drizzle-kit throws, the error with its stack to `out` + ".error".
import fs from "node:fs";
import path from "node:path";
import Module, { createRequire } from "node:module";

const [manifestPath] = process.argv.slice(2);
if (!manifestPath) {
  console.error("usage: node oracle_batch.mjs manifest.json");
  process.exit(2);
}

const require = createRequire(path.join(process.env.DRIZZLE_LAB || process.cwd(), "resolve-from.js"));
const apiPath = require.resolve("drizzle-kit/api");
let src = fs.readFileSync(apiPath, "utf8");
const renderRe = /function (render\d*)\((\w+)\) \{\n(\s*)if \(typeof \2 === "string"\) \{/g;
let patched = 0;
src = src.replace(renderRe, (m, fn, v, ws) => {
  patched++;
  return `function ${fn}(${v}) {\n${ws}if (typeof ${v} !== "string" && globalThis.__drizzleRenderHook) return globalThis.__drizzleRenderHook(${v});\n${ws}if (typeof ${v} === "string") {`;
});
if (patched === 0) throw new Error("could not find hanji render() in drizzle-kit/api.js (version changed?)");
const mod = new Module(apiPath, null);
mod.filename = apiPath;
mod.paths = Module._nodeModulePaths(path.dirname(apiPath));
mod._compile(src, apiPath);
const api = mod.exports;

let renames = [];
const names = (it, tableName) => {
  const out = [it.name];
  if (it.schema) out.push(`${it.schema}.${it.name}`);
  if (tableName) out.push(`${tableName}.${it.name}`);
  return out;
};
globalThis.__drizzleRenderHook = async (view) => {
  const state = view.data ?? view.state;
  const items = state?.items;
  if (!Array.isArray(items)) return { status: "submitted", data: undefined };
  const tableName = view.tableName;
  let choice = items[0];
  for (const it of items.slice(1)) {
    if (!("from" in it && "to" in it)) continue;
    if (renames.some((r) => names(it.from, tableName).includes(r.from) && names(it.to, tableName).includes(r.to))) {
      choice = it;
      break;
    }
  }
  return { status: "submitted", data: choice };
};

const readJson = (p) => JSON.parse(fs.readFileSync(p, "utf8"));
const manifest = readJson(manifestPath);
const origLog = console.log;
console.log = () => {};  // prompt outcomes ("~ a › b column will be renamed")
try {
  for (const pair of manifest) {
    renames = (pair.renames ?? []).map((r) => {
      const [from, to] = r.split("=");
      return { from, to };
    });
    try {
      const prev = readJson(pair.prev);
      const cur = readJson(pair.cur);
      const statements = cur.dialect === "sqlite" ? await api.generateSQLiteMigration(prev, cur)
                                                  : await api.generateMigration(prev, cur);
      fs.writeFileSync(pair.out, statements.join("--> statement-breakpoint\n"));
    } catch (e) {
      fs.writeFileSync(pair.out + ".error", String(e?.stack ?? e));
    }
  }
} finally {
  console.log = origLog;
}
