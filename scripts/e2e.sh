#!/usr/bin/env bash
# Browser journeys (e2e/tests/*.test.mjs) in headless Chromium from Debian, driven by
# playwright-core from npm (never a downloaded browser). Starts the server on a free port
# with a fresh SQLite database (seeded with the demo data), runs `node --test`, and always
# stops the server. Builds web/dist and the server first only when they are missing.
# Artifacts: e2e/artifacts/{server.log,screenshots/,downloads/}.
# Environment: E2E_BASE_URL to test a server you already run (no server is started then);
# E2E_TIMEOUT_MS for each wait (default 15000).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

E2E="$ROOT/e2e"
ARTIFACTS="$E2E/artifacts"
CHROMIUM="${E2E_CHROMIUM:-/usr/bin/chromium}"
SERVER_BIN="$ROOT/target/debug/rental-portal"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
started=$SECONDS

# 1. Chromium from Debian (we are root on every machine of this project).
if ! [[ -x "$CHROMIUM" ]]; then
  log "Installing chromium (apt)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends chromium; then
    apt-get update
    apt-get install -y --no-install-recommends chromium
  fi
fi

# 2. Node 20+ (its built-in test runner), then playwright-core at the locked version;
#    npm ci is skipped while node_modules matches the lock file.
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if (( node_major < 20 )); then
  echo "error: the browser tests need Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
STAMP="$E2E/node_modules/.e2e-lock.sha256"
lock_sum="$(sha256sum "$E2E/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$lock_sum" || ! -d "$E2E/node_modules/playwright-core" ]]; then
  log "npm ci (e2e)"
  (cd "$E2E" && npm ci --no-audit --no-fund --loglevel=error)
  printf '%s\n' "$lock_sum" > "$STAMP"
fi

rm -rf "$ARTIFACTS/screenshots" "$ARTIFACTS/downloads"
mkdir -p "$ARTIFACTS/screenshots" "$ARTIFACTS/downloads"

SERVER_PID=""
TMP_DIR=""
cleanup() {
  local rc=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [[ -n "$TMP_DIR" ]] && rm -rf "$TMP_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z "${E2E_BASE_URL:-}" ]]; then
  # 3. What the server needs: the built web app and the server binary.
  if ! [[ -f "$ROOT/web/dist/index.html" ]]; then
    log "web/dist missing: building the web app"
    bash "$ROOT/scripts/build-web.sh"
  fi
  if ! [[ -x "$SERVER_BIN" ]]; then
    log "server binary missing: cargo build -p api"
    cargo build -p api
  fi

  # 4. A free port (the kernel picks one; the window until the server binds is tiny).
  PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/rental-portal-e2e.XXXXXX")"
  export E2E_BASE_URL="http://127.0.0.1:$PORT"

  log "Starting the server on $E2E_BASE_URL (fresh demo database)"
  APP_DATABASE__URL="$TMP_DIR/e2e.db" \
    APP_SERVER__PORT="$PORT" \
    APP_WEB__DIST_DIR="$ROOT/web/dist" \
    APP_LOG__FORMAT="${APP_LOG__FORMAT:-json}" \
    "$SERVER_BIN" serve > "$ARTIFACTS/server.log" 2>&1 &
  SERVER_PID=$!

  ready=""
  for _ in $(seq 1 300); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "error: the server exited during start-up; its log ($ARTIFACTS/server.log):" >&2
      tail -n 40 "$ARTIFACTS/server.log" >&2
      exit 1
    fi
    if [[ "$(curl -fsS --max-time 2 "$E2E_BASE_URL/healthz" 2>/dev/null || true)" == "ok" ]]; then
      ready=1
      break
    fi
    sleep 0.1
  done
  if [[ -z "$ready" ]]; then
    echo "error: the server did not answer /healthz within 30 s; its log:" >&2
    tail -n 40 "$ARTIFACTS/server.log" >&2
    exit 1
  fi
fi

# 5. The journeys, one file at a time, with node's own test runner.
log "Browser journeys against $E2E_BASE_URL"
specs=("$E2E"/tests/*.test.mjs)
set +e
(cd "$E2E" && node --test --test-reporter=spec --test-concurrency=1 "${specs[@]}")
status=$?
set -e

log "Screenshots: ${ARTIFACTS#"$ROOT"/}/screenshots ($(find "$ARTIFACTS/screenshots" -name '*.png' | wc -l) files); e2e took $((SECONDS - started)) s"
exit "$status"
