#!/usr/bin/env bash
# The generated-client check (issue 11, item 6): a Python client generated from the
# committed openapi/openapi.json by a pinned openapi-python-client, with no hand edits, runs
# the back office's journey (e2e/client/journey.py) against a live server with the demo data.
#
#   1. openapi-python-client (PyPI, pinned) into .tools/venv, once;
#   2. the client generated into target/generated-client/src/ (the bare package, used
#      from there through PYTHONPATH); any generator warning (an operation or response it
#      skipped) fails the check;
#   3. the server (target/debug/rental-portal, built by cargo when stale) on a free port
#      with a fresh SQLite database seeded with the demo data, the journey, the server
#      stopped; then the same on a fresh PostgreSQL database (created, dropped after) when
#      TEST_POSTGRES_URL names a server (an admin connection, as for the API tests).
#
# Server logs: target/generated-client/server-<engine>.log.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

GENERATOR_VERSION="0.29.1"
VENV="$ROOT/.tools/venv"
PY="$VENV/bin/python"
OUT="$ROOT/target/generated-client"
SERVER_BIN="$ROOT/target/debug/rental-portal"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
started=$SECONDS

# 1. The generator, pinned. `python -m pip`, not bin/pip, so a copied venv installs into itself.
if ! "$PY" -c "import importlib.metadata as m, sys; sys.exit(m.version('openapi-python-client') != '$GENERATOR_VERSION')" 2>/dev/null; then
  log "Installing openapi-python-client $GENERATOR_VERSION into .tools/venv"
  python3 -m venv "$VENV"
  "$PY" -m pip install --quiet --disable-pip-version-check "openapi-python-client==$GENERATOR_VERSION"
fi

# 2. Generate from the committed document, exactly as an integrator would. The generator's
#    post-hooks run ruff, which lives in the venv's bin/.
log "Generating the Python client from openapi/openapi.json (openapi-python-client $GENERATOR_VERSION)"
PACKAGE="rental_portal_api_client" # the generator's name for the document's title, "Rental Portal API"
rm -rf "$OUT/src"
mkdir -p "$OUT/src"
set +e
PATH="$VENV/bin:$PATH" "$PY" -m openapi_python_client generate \
  --path openapi/openapi.json --output-path "$OUT/src/$PACKAGE" --meta none > "$OUT/generate.log" 2>&1
status=$?
set -e
if (( status != 0 )) || grep -qiE 'warning|error|skipping' "$OUT/generate.log"; then
  cat "$OUT/generate.log" >&2
  echo "error: openapi-python-client did not generate a complete client from openapi/openapi.json" \
    "(exit $status; warnings above). Fix the document at its source (utoipa annotations in" \
    "api/src/routes/, the modifiers in api/src/routes/openapi.rs), not the client." >&2
  exit 1
fi
# Used from where it was generated (PYTHONPATH for the journey only): nothing to build, and
# the venv keeps no stale copy of an older document's client.
export PYTHONPATH="$OUT/src${PYTHONPATH:+:$PYTHONPATH}"
"$PY" -c "import $PACKAGE" || { echo "error: the generated package $PACKAGE does not import" >&2; exit 1; }
echo "generated $PACKAGE ($(find "$OUT/src/$PACKAGE/api" -name '*.py' ! -name '__init__.py' | wc -l) operations), no warnings"

# 3. The server, always asked of cargo: a no-op when fresh, never a stale server under test.
cargo build --quiet -p api

SERVER_PID=""
TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/rental-portal-client.XXXXXX")"
PG_ADMIN_URL=""
PG_DB=""
stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
drop_pg_db() {
  [[ -n "$PG_DB" ]] || return 0
  psql "$PG_ADMIN_URL" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" > /dev/null || true
  PG_DB=""
}
cleanup() {
  local rc=$?
  stop_server
  drop_pg_db
  rm -rf "$TMP_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  "$PY" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()"
}

# run_journey ENGINE DATABASE_URL: a server on a fresh database with the demo data, the journey.
run_journey() {
  local engine=$1 db_url=$2 port url log_file
  port="$(free_port)"
  url="http://127.0.0.1:$port"
  log_file="$OUT/server-$engine.log"
  log "Generated-client journey on $engine ($url)"
  APP_DATABASE__URL="$db_url" \
    APP_SERVER__PORT="$port" \
    APP_SERVER__PUBLIC_URL="$url" \
    APP_DEMO__SEED_WHEN_EMPTY=true \
    APP_EMAIL__TRANSPORT=dev_mailbox \
    "$SERVER_BIN" serve > "$log_file" 2>&1 &
  SERVER_PID=$!
  local ready=""
  for _ in $(seq 1 600); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "error: the server exited during start-up; its log ($log_file):" >&2
      tail -n 40 "$log_file" >&2
      exit 1
    fi
    if [[ "$(curl -fsS --max-time 2 "$url/healthz" 2>/dev/null || true)" == "ok" ]]; then
      ready=1
      break
    fi
    sleep 0.1
  done
  if [[ -z "$ready" ]]; then
    echo "error: the server at $url did not answer /healthz within 60 s; its log ($log_file):" >&2
    tail -n 40 "$log_file" >&2
    exit 1
  fi
  if ! "$PY" e2e/client/journey.py "$url"; then
    echo "error: the generated-client journey failed on $engine; the server's log: ${log_file#"$ROOT"/}" >&2
    exit 1
  fi
  stop_server
}

run_journey sqlite "$TMP_DIR/portal.db"

if [[ -n "${TEST_POSTGRES_URL:-}" ]]; then
  if ! command -v psql > /dev/null; then
    log "Installing postgresql-client (apt), to create the journey's database"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y --no-install-recommends postgresql-client; then
      apt-get update
      apt-get install -y --no-install-recommends postgresql-client
    fi
  fi
  PG_ADMIN_URL="$TEST_POSTGRES_URL"
  PG_DB="client_journey_$(date +%s)_$$"
  psql "$PG_ADMIN_URL" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$PG_DB\"" > /dev/null
  # The admin URL with its database name replaced (query string kept).
  base="${PG_ADMIN_URL%%\?*}"
  query=""
  [[ "$PG_ADMIN_URL" == *\?* ]] && query="?${PG_ADMIN_URL#*\?}"
  if [[ "${base#*://}" == */* ]]; then base="${base%/*}"; fi
  run_journey postgres "$base/$PG_DB$query"
  drop_pg_db
else
  echo "TEST_POSTGRES_URL is unset: the journey ran on SQLite only."
fi

log "Generated-client journey passed in $((SECONDS - started)) s"
