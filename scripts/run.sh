#!/usr/bin/env bash
# Runs the whole product on http://127.0.0.1:8080: builds the web app and the server (both
# incremental, installing the few tools they need on first use), then serves the API and
# the web app from one process on an embedded SQLite database (data/rental-portal.db),
# seeding the demo data set on first start. Override any setting with APP_* variables
# (see README.md), e.g. APP_SERVER__PORT=9090 scripts/run.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/build-web.sh
cargo build -p api
exec ./target/debug/rental-portal serve
