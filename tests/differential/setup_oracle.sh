#!/usr/bin/env bash
# Installs the differential test's oracle (drizzle-kit 0.31.11, with npm, through ../shared/bench/setup-drizzle.sh)
# into the folder given as $1, unless it is already there, and checks that it can be loaded. Exits non-zero with
# a message saying what is missing; the differential test then does not run and ctest reports the failure.
set -uo pipefail
lab=$1
setup=$2
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "differential_setup: node and npm are needed to install drizzle-kit (the differential test's oracle)" >&2
  exit 1
fi
# Reuse the shared bench lab (../shared/bench/setup-drizzle.sh's default place) when it has the same version.
cached=${HOME:-/root}/.cache/drizzle-lab/node_modules
if [ ! -e "$lab/node_modules" ] && [ -f "$cached/drizzle-kit/package.json" ] &&
   grep -q '"version": "0.31.11"' "$cached/drizzle-kit/package.json"; then
  mkdir -p "$lab" && ln -s "$cached" "$lab/node_modules"
fi
if [ ! -f "$lab/node_modules/drizzle-kit/api.js" ]; then
  if [ ! -f "$setup" ]; then
    echo "differential_setup: $setup is missing (the shared checkout beside the repository)" >&2
    exit 1
  fi
  if ! DRIZZLE_LAB="$lab" bash "$setup"; then
    echo "differential_setup: 'npm install drizzle-kit@0.31.11' into $lab failed (no registry access?);" \
         "the differential test cannot run without it" >&2
    exit 1
  fi
fi
if ! (cd "$lab" && node -e "require('drizzle-kit/api')" >/dev/null 2>&1); then
  echo "differential_setup: drizzle-kit in $lab does not load (node -e \"require('drizzle-kit/api')\" failed)" >&2
  exit 1
fi
echo "differential_setup: drizzle-kit $(cd "$lab" && node -p "JSON.parse(require('fs').readFileSync('node_modules/drizzle-kit/package.json')).version") in $lab"
