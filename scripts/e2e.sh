#!/usr/bin/env bash
# Browser journeys (e2e/tests/*.test.mjs) in headless Chromium from Debian, driven by
# playwright-core from npm (never a downloaded browser). Starts, on free ports, two servers
# with fresh SQLite databases (seeded with the demo data) and an SMTP server (aiosmtpd):
#   E2E_BASE_URL       the journeys; emails stay in the development mailbox
#   E2E_MAIL_BASE_URL  the mail flows (password reset); SMTP to aiosmtpd, which writes each
#                      message into the maildir E2E_MAILDIR (e2e/artifacts/mail/new/)
#   E2E_DB_PATH        the journey server's SQLite database, for specs that look up seeded
#                      records (read with the sqlite3 command-line tool)
#   E2E_MAIL_DB_PATH   the mail-flow server's SQLite database, likewise
# runs `node --test`, and always stops all three. Builds web/dist and the server first only
# when they are missing.
# Artifacts: e2e/artifacts/{server.log,server-mail.log,smtp.log,mail/,screenshots/,downloads/}.
# Environment: E2E_BASE_URL to test a server you already run (no server is started then; the
# mail flows run only if E2E_MAIL_BASE_URL and E2E_MAILDIR are set too);
# E2E_TIMEOUT_MS for each wait (default 15000).
# Arguments: spec names to run only those, e.g. `scripts/e2e.sh calloff journey`
# (default: every e2e/tests/*.test.mjs). E2E_RUN_SCRIPT=<file.mjs> runs that script instead.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

E2E="$ROOT/e2e"
ARTIFACTS="$E2E/artifacts"
CHROMIUM="${E2E_CHROMIUM:-/usr/bin/chromium}"
SERVER_BIN="$ROOT/target/debug/rental-portal"
AIOSMTPD_VERSION="1.4.6"

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

# sqlite3, for specs that read the journey server's database (Debian package).
if ! command -v sqlite3 > /dev/null; then
  log "Installing sqlite3 (apt)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends sqlite3; then
    apt-get update
    apt-get install -y --no-install-recommends sqlite3
  fi
fi

# pdftotext, for the specs that read a downloaded invoice or contract PDF (Debian's
# poppler-utils; scripts/test.sh installs it too, this keeps `scripts/e2e.sh pay` standalone).
if ! command -v pdftotext > /dev/null; then
  log "Installing poppler-utils (apt)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends poppler-utils; then
    apt-get update
    apt-get install -y --no-install-recommends poppler-utils
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

rm -rf "$ARTIFACTS/screenshots" "$ARTIFACTS/downloads" "$ARTIFACTS/mail"
mkdir -p "$ARTIFACTS/screenshots" "$ARTIFACTS/downloads"

PIDS=()
TMP_DIR=""
stop() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do
    stop "$pid"
  done
  [[ -n "$TMP_DIR" ]] && rm -rf "$TMP_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free port (the kernel picks one; the window until the server binds is tiny).
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# start_server NAME PORT [VAR=value...]: the server on PORT with its own fresh demo database,
# logging to $ARTIFACTS/NAME.log. Sets SERVER_PID. The servers trust X-Forwarded-For as if
# behind a proxy, so a spec can be its own client for the per-IP rate limits (openJourney's
# `clientIp`); specs that send none share 127.0.0.1's budget.
start_server() {
  local name=$1 port=$2
  shift 2
  env "$@" \
    APP_DATABASE__URL="$TMP_DIR/$name.db" \
    APP_SERVER__PORT="$port" \
    APP_WEB__DIST_DIR="$ROOT/web/dist" \
    APP_EMAIL__POLL_INTERVAL_MS=200 \
    APP_SERVER__TRUST_FORWARDED_FOR=true \
    APP_WEBHOOKS__ALLOW_HTTP=true \
    APP_WEBHOOKS__ALLOW_PRIVATE_TARGETS=true \
    APP_LOG__FORMAT="${APP_LOG__FORMAT:-json}" \
    "$SERVER_BIN" serve > "$ARTIFACTS/$name.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
}

# wait_healthy URL PID LOG: until /healthz answers, or fail with the log's tail.
wait_healthy() {
  local url=$1 pid=$2 log_file=$3
  for _ in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "error: the server exited during start-up; its log ($log_file):" >&2
      tail -n 40 "$log_file" >&2
      exit 1
    fi
    if [[ "$(curl -fsS --max-time 2 "$url/healthz" 2>/dev/null || true)" == "ok" ]]; then
      return 0
    fi
    sleep 0.1
  done
  echo "error: the server at $url did not answer /healthz within 30 s; its log:" >&2
  tail -n 40 "$log_file" >&2
  exit 1
}

if [[ -z "${E2E_BASE_URL:-}" ]]; then
  # 3. What the servers need: the built web app, the server binary, and aiosmtpd (the
  #    SMTP server the mail flows send to; Python venv in .tools/, as scripts/test.sh).
  if ! [[ -f "$ROOT/web/dist/index.html" ]]; then
    log "web/dist missing: building the web app"
    bash "$ROOT/scripts/build-web.sh"
  fi
  # Always ask cargo: a no-op when fresh, and never a stale server under test.
  cargo build --quiet -p api
  SMTPD_PY="$ROOT/.tools/venv/bin/python"
  if ! "$SMTPD_PY" -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" 2>/dev/null; then
    log "Installing aiosmtpd $AIOSMTPD_VERSION into .tools/venv"
    python3 -m venv "$ROOT/.tools/venv"
    "$SMTPD_PY" -m pip install --quiet --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION"
  fi

  TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/rental-portal-e2e.XXXXXX")"

  # 4. An SMTP server writing each message into a maildir (new/), then two servers, each
  #    with its own fresh demo database: one for the journeys (development mailbox, chosen
  #    explicitly: there is no default transport) and one for the mail flows, which change the demo user's password
  #    and send real SMTP to aiosmtpd.
  SMTP_PORT="$(free_port)"
  export E2E_MAILDIR="$ARTIFACTS/mail"
  "$SMTPD_PY" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$E2E_MAILDIR" \
    > "$ARTIFACTS/smtp.log" 2>&1 &
  SMTP_PID=$!
  PIDS+=("$SMTP_PID")

  PORT="$(free_port)"
  export E2E_BASE_URL="http://127.0.0.1:$PORT"
  log "Starting the journey server on $E2E_BASE_URL (fresh demo database, dev mailbox)"
  start_server server "$PORT" APP_EMAIL__TRANSPORT=dev_mailbox APP_SERVER__PUBLIC_URL="$E2E_BASE_URL"
  export E2E_DB_PATH="$TMP_DIR/server.db"
  JOURNEY_PID=$SERVER_PID

  MAIL_PORT="$(free_port)"
  export E2E_MAIL_BASE_URL="http://127.0.0.1:$MAIL_PORT"
  log "Starting the mail-flow server on $E2E_MAIL_BASE_URL (fresh demo database, SMTP to :$SMTP_PORT)"
  start_server server-mail "$MAIL_PORT" \
    APP_EMAIL__TRANSPORT=smtp APP_SMTP__HOST=127.0.0.1 APP_SMTP__PORT="$SMTP_PORT" \
    APP_SERVER__PUBLIC_URL="$E2E_MAIL_BASE_URL"
  MAIL_PID=$SERVER_PID
  export E2E_MAIL_DB_PATH="$TMP_DIR/server-mail.db"

  wait_healthy "$E2E_BASE_URL" "$JOURNEY_PID" "$ARTIFACTS/server.log"
  wait_healthy "$E2E_MAIL_BASE_URL" "$MAIL_PID" "$ARTIFACTS/server-mail.log"
  if ! kill -0 "$SMTP_PID" 2>/dev/null; then
    echo "error: aiosmtpd exited; its log ($ARTIFACTS/smtp.log):" >&2
    tail -n 20 "$ARTIFACTS/smtp.log" >&2
    exit 1
  fi
fi

# 5. The journeys, one file at a time, with node's own test runner; or, with E2E_RUN_SCRIPT,
#    that one script against the same servers (scripts/lighthouse.sh's figures).
if [[ -n "${E2E_RUN_SCRIPT:-}" ]]; then
  log "node $E2E_RUN_SCRIPT against $E2E_BASE_URL"
  node "$E2E_RUN_SCRIPT"
  exit 0
fi
log "Browser journeys against $E2E_BASE_URL"
if [[ $# -gt 0 ]]; then
  specs=()
  for name in "$@"; do
    spec="$E2E/tests/${name%.test.mjs}.test.mjs"
    [[ -f "$spec" ]] || { echo "error: no spec $spec" >&2; exit 2; }
    specs+=("$spec")
  done
else
  specs=("$E2E"/tests/*.test.mjs)
fi
set +e
(cd "$E2E" && node --test --test-reporter=spec --test-concurrency=1 "${specs[@]}")
status=$?
set -e

log "Screenshots: ${ARTIFACTS#"$ROOT"/}/screenshots ($(find "$ARTIFACTS/screenshots" -name '*.png' | wc -l) files); e2e took $((SECONDS - started)) s"
exit "$status"
