#!/usr/bin/env bash
# Lighthouse figures for the web app (issue 15): performance, accessibility and best
# practices at Lighthouse's mobile settings on the login, home and rentals pages, and the time
# to a usable login form on slow 3G, cold and warm. Prints figures; fails only if it cannot
# run. Lighthouse is pinned and installed from npm into .tools/lighthouse (it drives the
# Debian Chromium the browser tests use; nothing is downloaded at run time). The server,
# web build and browser come from scripts/e2e.sh, which this runs with E2E_RUN_SCRIPT.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

LIGHTHOUSE_VERSION="12.8.2"
export LIGHTHOUSE_DIR="$ROOT/.tools/lighthouse"

installed="$(node -p "require('$LIGHTHOUSE_DIR/node_modules/lighthouse/package.json').version" 2>/dev/null || true)"
if [[ "$installed" != "$LIGHTHOUSE_VERSION" ]]; then
  printf '\033[1m==> Installing lighthouse %s into .tools/lighthouse\033[0m\n' "$LIGHTHOUSE_VERSION"
  mkdir -p "$LIGHTHOUSE_DIR"
  npm install --prefix "$LIGHTHOUSE_DIR" --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION"
fi

E2E_RUN_SCRIPT="$ROOT/e2e/perf/lighthouse.mjs" exec bash scripts/e2e.sh
