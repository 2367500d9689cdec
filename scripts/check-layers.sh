#!/usr/bin/env bash
# Fails when an #include breaks the layering table of ARCHITECTURE.md 9.3, or when a C library header is
# included outside the one file allowed to include it (9.1.5). Run by ctest (label "unit").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/src"
status=0

allowed() {  # module -> modules it may include (besides itself and core)
  case "$1" in
    core) echo "" ;;
    schema) echo "" ;;
    sql) echo "schema" ;;
    diff) echo "schema" ;;
    plan) echo "diff schema" ;;
    snapshot) echo "schema" ;;
    dialect) echo "schema diff sql" ;;
    dialect/postgres | dialect/sqlite) echo "dialect schema diff sql" ;;
    migrate) echo "dialect plan diff snapshot sql schema" ;;
    app) echo "migrate dialect dialect/postgres dialect/sqlite snapshot plan diff schema sql" ;;
    cli | ui) echo "app" ;;
    *) echo "" ;;
  esac
}

module_of() {  # src-relative path -> module name
  case "$1" in
    dialect/postgres/*) echo "dialect/postgres" ;;
    dialect/sqlite/*) echo "dialect/sqlite" ;;
    dialect/*) echo "dialect" ;;
    *) echo "${1%%/*}" ;;
  esac
}

while IFS= read -r file; do
  case "$file" in *_test.cpp | *_test_support.hpp) continue ;; esac
  from=$(module_of "$file")
  ok=" $from core $(allowed "$from") "
  while IFS= read -r inc; do
    to=$(module_of "$inc")
    if [[ "$ok" != *" $to "* ]]; then
      echo "layering: src/$file includes \"$inc\" ($from may not include $to)"
      status=1
    fi
  done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file")
done < <(find . -name '*.cpp' -o -name '*.hpp' | sed 's|^\./||' | sort)

only() {  # header pattern, then the files allowed to include it
  local header=$1; shift
  while IFS= read -r file; do
    local permitted=0
    for allowed_file in "$@"; do
      [[ "$file" == $allowed_file ]] && permitted=1
    done
    if [ "$permitted" = 0 ]; then
      echo "C library: src/$file includes <$header> (only $* may)"
      status=1
    fi
  done < <(grep -rlE "^#include <$header" --include='*.cpp' --include='*.hpp' . | sed 's|^\./||' | grep -v '_test\.cpp$' || true)
}
only "pg_query.h" "dialect/postgres/pg_query_api.cpp"
only "libpq-fe.h" "dialect/postgres/connection.cpp"
only "sqlite3.h" "dialect/sqlite/connection.cpp"
only "nlohmann/" "snapshot/*" "ui/*"
only "httplib.h" "ui/server.cpp"
only "CLI/" "cli/*"
only "toml\\+\\+/" "app/config.cpp"
only "openssl/" "core/sha256.cpp"

[ "$status" = 0 ] && echo "layering: ok"
exit $status
