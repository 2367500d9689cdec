#!/usr/bin/env bash
# Benchmark: `sleet generate` on N-table SQLite schemas (bench/gen_sqlite_schema.py, variants a and b) beside
# drizzle-kit 0.31.11 generate (dialect sqlite, a drizzle.config.ts and the same schema as schema.ts) measured in
# the same run on the same machine: the SQLite counterpart of bench/generate_bench.sh, with the same steps,
# output and targets. Four steps per N: first (empty folder -> a), incremental (a -> b: every 10th table gets a
# column, loses an index and changes a default, so both tools recreate it), no-op (b -> b) answered from sleet's
# no-op memo (.sleet/cache, recorded by an untimed run first) and no-op computed (--no-cache: load, read, diff).
# sleet's time is the median of R runs of each step, every run on a fresh copy of the migrations folder;
# drizzle-kit's is the median of D runs (first, incremental, no-op in a fresh folder each; its no-op is compared
# with both of sleet's). Prints both (wall clock, with sleet's CPU time beside it), the ratios, sleet's peak RSS
# and the growth from the smallest to the largest N, then checks the targets: >= 30x faster than drizzle-kit at
# 1,000 tables (first and incremental), no-op >= 100x, linear growth, < 64 MiB.
# Also checks that the incremental run writes a migration and the no-op run writes nothing.
# usage: bench/sqlite_generate_bench.sh [R=5] [N ...=1000 3000]
#   env: SLEET=path/to/sleet (default build/sleet), D=drizzle-kit runs per N (default 3; 0 skips drizzle-kit)
# Needs: python3, GNU time (/usr/bin/time, Debian package `time`); for drizzle-kit: node and npm
# (../shared/bench/setup-drizzle.sh, run automatically; skipped with a note if it cannot install).
# Exit status: 0 when every target is met, 3 when one is missed, 1 on a failed or wrong run.
set -euo pipefail
R=${1:-5}; shift || true
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 3000)
D=${D:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$root/../shared" && pwd)
sleet=${SLEET:-$root/build/sleet}
[ -x "$sleet" ] || { echo "build sleet first: scripts/build (or set SLEET)" >&2; exit 4; }
sleet=$(cd "$(dirname "$sleet")" && pwd)/$(basename "$sleet")
gnu_time=/usr/bin/time
"$gnu_time" -f %M true >/dev/null 2>&1 || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 4; }

work=$(mktemp -d /tmp/sleet-sqlite-genbench.XXXXXX)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
maxof() { sort -g | tail -1; }
div() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b+0 == 0) print "-"; else printf "%.1f", a/b }'; }
ms() { awk -v s="$1" 'BEGIN{printf "%.1f", s*1000}'; }

# One timed sleet run: generate from schema $1 into folder $2 (name $3). Appends wall seconds to $4.t, CPU
# seconds (user + system) to $4.c and peak RSS in KiB to $4.m.
sleet_run() {
  local schema=$1 out=$2 name=$3 tag=$4 s e
  s=$(now)
  "$gnu_time" -f '%M %U %S' -o "$work/rss" "$sleet" generate --dialect sqlite --schema "$schema" --out "$out" \
    --name "$name" ${5:-} >"$work/out" 2>"$work/err" || { echo "FAILED: sleet generate $schema -> $out: $(cat "$work/err")" >&2; exit 1; }
  e=$(now)
  awk -v a="$e" -v b="$s" 'BEGIN{printf "%.6f\n", a-b}' >> "$tag.t"
  tail -1 "$work/rss" | awk '{print $1}' >> "$tag.m"
  tail -1 "$work/rss" | awk '{print $2 + $3}' >> "$tag.c"
}

drizzle_ok=0
if [ "$D" -gt 0 ] && command -v node >/dev/null 2>&1 && lab=$(bash "$shared/bench/setup-drizzle.sh" 2>/dev/null); then
  # drizzle.config.ts and schema.ts import drizzle-kit / drizzle-orm: node finds them in a parent folder.
  mkdir -p "$work/drizzle"; ln -s "$lab/node_modules" "$work/drizzle/node_modules"
  drizzle_ok=1
fi

declare -A T C M
for N in "${sizes[@]}"; do
  dir="$work/n$N"; mkdir -p "$dir"; cd "$dir"
  python3 "$root/bench/gen_sqlite_schema.py" "$N" a a
  python3 "$root/bench/gen_sqlite_schema.py" "$N" b b
  # Reference folders: after the first generation (a) and after the incremental one (b).
  "$sleet" generate --dialect sqlite --schema a/schema.sql --out ref-a --name init >/dev/null
  cp -r ref-a ref-b
  "$sleet" generate --dialect sqlite --schema b/schema.sql --out ref-b --name change >/dev/null
  for step in first incr noop cold; do : > $step.t; : > $step.m; : > $step.c; done
  rm -rf .sleet; cp -r ref-b run; "$sleet" generate --dialect sqlite --schema b/schema.sql --out run >/dev/null  # records the no-op
  for i in $(seq "$R"); do
    rm -rf run; sleet_run a/schema.sql run init first
    [ -f run/meta/_journal.json ] && ls run/0000_*.sql >/dev/null || { echo "first generation wrote no migration" >&2; exit 1; }
    rm -rf run; cp -r ref-a run; sleet_run b/schema.sql run change incr
    sql=$(ls run/0001_*.sql 2>/dev/null || true)
    [ -n "$sql" ] && [ -s "$sql" ] && [ -f run/meta/0001_snapshot.json ] \
      || { echo "incremental generation (N=$N) wrote no migration" >&2; exit 1; }
    rm -rf run; cp -r ref-b run; sleet_run b/schema.sql run noop noop
    grep -q "nothing to migrate" "$work/out" && diff -r ref-b run >/dev/null \
      || { echo "no-op generation (N=$N) changed the folder or said: $(cat "$work/out")" >&2; exit 1; }
    rm -rf run; cp -r ref-b run; sleet_run b/schema.sql run noop cold --no-cache
    grep -q "nothing to migrate" "$work/out" && diff -r ref-b run >/dev/null \
      || { echo "computed no-op generation (N=$N) changed the folder or said: $(cat "$work/out")" >&2; exit 1; }
  done
  for step in first incr noop cold; do
    T[sleet,$step,$N]=$(median < $step.t)
    C[$step,$N]=$(median < $step.c)
    M[$step,$N]=$(maxof < $step.m)
  done
  if [ "$drizzle_ok" = 1 ]; then
    : > d.first; : > d.incr; : > d.noop
    dz="$work/drizzle/gen-$N"
    for _ in $(seq "$D"); do
      rm -rf "$dz"; mkdir -p "$dz"
      printf '%s\n' 'import { defineConfig } from "drizzle-kit";' \
        'export default defineConfig({ dialect: "sqlite", schema: "./schema.ts", out: "./drizzle" });' > "$dz/drizzle.config.ts"
      ok=1
      for step in first:a:init incr:b:change noop:b:noop; do
        IFS=: read -r name variant tag <<<"$step"
        cp "$variant/schema.ts" "$dz/schema.ts"
        s=$(now)
        (cd "$dz" && npx --prefix "$lab" drizzle-kit generate --name "$tag") > d.out 2>&1 || { ok=0; break; }
        e=$(now)
        awk -v a="$e" -v b="$s" 'BEGIN{printf "%.6f\n", a-b}' >> "d.$name"
      done
      [ "$ok" = 1 ] && ls "$dz"/drizzle/0001_change.sql >/dev/null 2>&1 && ! ls "$dz"/drizzle/0002_*.sql >/dev/null 2>&1 \
        || { echo "drizzle-kit generate (N=$N) failed (skipping drizzle-kit): $(tail -5 d.out)" >&2; drizzle_ok=0; break; }
    done
    if [ "$drizzle_ok" = 1 ]; then
      T[drizzle,first,$N]=$(median < d.first); T[drizzle,incr,$N]=$(median < d.incr); T[drizzle,noop,$N]=$(median < d.noop)
      T[drizzle,cold,$N]=${T[drizzle,noop,$N]}
    fi
  fi
done

echo "sleet generate vs drizzle-kit 0.31.11 generate, SQLite; sleet: median of $R runs, drizzle-kit: median of $D"
echo "sleet: $sleet"
printf '%7s  %-15s %10s %14s %14s %8s %10s\n' tables step "sleet ms" "(sleet CPU ms)" "drizzle-kit ms" ratio "sleet MiB"
declare -A label=([first]=first [incr]=incremental [noop]="no-op" [cold]="no-op computed")
for N in "${sizes[@]}"; do
  for step in first incr noop cold; do
    s=${T[sleet,$step,$N]}; d=${T[drizzle,$step,$N]:-}
    printf '%7s  %-15s %10s %14s %14s %8s %10s\n' "$N" "${label[$step]}" "$(ms "$s")" "($(ms "${C[$step,$N]}"))" \
      "$([ -n "$d" ] && ms "$d" || echo -)" "$([ -n "$d" ] && echo "$(div "$d" "$s")x" || echo -)" \
      "$(awk -v k="${M[$step,$N]}" 'BEGIN{printf "%.1f", k/1024}')"
  done
done

missed=0
target() { # name, met (1/0), detail
  printf '  %-50s %-6s %s\n' "$1" "$([ "$2" = 1 ] && echo met || echo MISSED)" "$3"
  [ "$2" = 1 ] || missed=1
}
ge() { awk -v a="$1" -v b="$2" 'BEGIN{print (a+0 >= b+0) ? 1 : 0}'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN{print (a+0 < b+0) ? 1 : 0}'; }
first_n=${sizes[0]}; last_n=${sizes[${#sizes[@]}-1]}
if [ "$last_n" != "$first_n" ]; then
  scale=$(div "$last_n" "$first_n")
  echo "growth $first_n -> $last_n tables (${scale}x the tables):"
  for step in first incr noop cold; do
    g=$(div "${T[sleet,$step,$last_n]}" "${T[sleet,$step,$first_n]}")
    dg=-; [ -n "${T[drizzle,$step,$last_n]:-}" ] && dg=$(div "${T[drizzle,$step,$last_n]}" "${T[drizzle,$step,$first_n]}")
    printf '  %-15s sleet %5sx   drizzle-kit %5sx   sleet peak RSS %sx\n' "${label[$step]}" "$g" "$dg" \
      "$(div "${M[$step,$last_n]}" "${M[$step,$first_n]}")"
  done
fi

echo "targets:"
if [ -n "${T[sleet,first,1000]:-}" ] && [ -n "${T[drizzle,first,1000]:-}" ]; then
  for step in first incr; do
    r=$(div "${T[drizzle,$step,1000]}" "${T[sleet,$step,1000]}")
    target "${label[$step]} at 1,000 tables >= 30x drizzle-kit" "$(ge "$r" 30)" "${r}x"
  done
  r=$(div "${T[drizzle,noop,1000]}" "${T[sleet,noop,1000]}")
  target "no-op at 1,000 tables >= 100x drizzle-kit" "$(ge "$r" 100)" "${r}x (computed, --no-cache: $(div "${T[drizzle,noop,1000]}" "${T[sleet,cold,1000]}")x)"
else
  echo "  (speed targets need N=1000 and drizzle-kit)"
fi
if [ "$last_n" != "$first_n" ]; then
  for step in first incr noop cold; do
    g=$(awk -v a="${T[sleet,$step,$last_n]}" -v b="${T[sleet,$step,$first_n]}" -v n="$last_n" -v m="$first_n" \
      'BEGIN{printf "%.2f", (a/b)/(n/m)}')
    target "${label[$step]}: linear growth" "$(lt "$g" 1.5)" "time per table ${g}x from $first_n to $last_n"
  done
fi
peak=$(for k in "${!M[@]}"; do echo "${M[$k]}"; done | maxof)
target "peak RSS < 64 MiB (all runs)" "$(lt "$peak" 65536)" "$(awk -v k="$peak" 'BEGIN{printf "%.1f MiB", k/1024}')"
exit $((missed ? 3 : 0))
