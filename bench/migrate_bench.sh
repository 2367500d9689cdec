#!/usr/bin/env bash
# Benchmark: applying M generated migrations (../shared/bench/gen_migrations.py) to an empty PostgreSQL
# database with `sleet migrate`, beside the floor `psql -1 -f all.sql` and drizzle-orm's migrate() measured in
# the same run on the same throwaway server. Prints the median of R runs of each and the ratios.
# usage: bench/migrate_bench.sh [M=1000] [R=5]
# Needs: build/sleet (scripts/build), psql, python3; for drizzle-orm: node and ../shared/bench/setup-drizzle.sh
# (run automatically; skipped with a note if npm cannot install it).
set -euo pipefail
M=${1:-1000}; R=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$root/../shared" && pwd)
sleet="$root/build/sleet"
[ -x "$sleet" ] || { echo "build sleet first: scripts/build" >&2; exit 4; }

work=$(mktemp -d /tmp/sleet-bench.XXXXXX)
chmod 755 "$work"  # the throwaway server runs as another user and must reach its folder
pgdir="$work/pg"
cleanup() { "$root/scripts/test-postgres.sh" stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
eval "$("$root/scripts/test-postgres.sh" start "$pgdir")" || exit 1
base="postgres://postgres@127.0.0.1:$PGPORT"

cd "$work"
python3 "$shared/bench/gen_migrations.py" "$M" drizzle >/dev/null

fresh() { psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS bench_mig" -c "CREATE DATABASE bench_mig" >/dev/null; }
now() { date +%s.%N; }
div() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.4f", a/b}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
time_one() { # prints seconds for one run of "$@" on a fresh database
  fresh; local s e; s=$(now); "$@" >/dev/null 2>"$work/err" || { echo "FAILED: $* $(cat "$work/err")" >&2; exit 1; }; e=$(now)
  awk -v a="$e" -v b="$s" 'BEGIN{printf "%.6f\n", a-b}'
}

run_sleet() { "$sleet" migrate --dialect postgresql --url "$base/bench_mig" --out drizzle; }
run_psql() { psql -q -v ON_ERROR_STOP=1 -1 -f drizzle/all.sql "$base/bench_mig"; }

drizzle_ok=0
if command -v node >/dev/null 2>&1 && lab=$(bash "$shared/bench/setup-drizzle.sh" 2>/dev/null); then
  cat > lib.mjs <<JS
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
const pool = new pg.Pool({ connectionString: "$base/bench_mig" });
await migrate(drizzle(pool), { migrationsFolder: "./drizzle" });
await pool.end();
JS
  ln -sf "$lab/node_modules" node_modules
  drizzle_ok=1
fi
run_drizzle() { node lib.mjs; }

: > sleet.t; : > psql.t; : > drizzle.t
for _ in $(seq "$R"); do
  time_one run_sleet >> sleet.t
  time_one run_psql >> psql.t
  [ "$drizzle_ok" = 1 ] && time_one run_drizzle >> drizzle.t
done
# Sanity: sleet really applied everything.
fresh; run_sleet >/dev/null
rows=$(psql -qtA "$base/bench_mig" -c 'select count(*) from drizzle.__drizzle_migrations')
[ "$rows" = "$M" ] || { echo "sleet recorded $rows of $M migrations" >&2; exit 1; }

s=$(median < sleet.t); p=$(median < psql.t)
printf 'migrations: %s, runs: %s (median), PostgreSQL %s\n' "$M" "$R" "$(psql -qtA "$base/postgres" -c 'show server_version')"
printf '  psql -1 -f all.sql   %8.3f s   1.00x\n' "$p"
printf '  sleet migrate        %8.3f s   %.2fx psql\n' "$s" "$(div "$s" "$p")"
if [ "$drizzle_ok" = 1 ]; then
  d=$(median < drizzle.t)
  printf '  drizzle-orm migrate  %8.3f s   %.2fx psql   (sleet is %.2fx faster)\n' "$d" "$(div "$d" "$p")" "$(div "$d" "$s")"
else
  echo "  drizzle-orm migrate  (skipped: node or npm install unavailable)"
fi
