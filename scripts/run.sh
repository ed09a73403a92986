#!/usr/bin/env bash
# Runs the whole product on http://127.0.0.1:8080: builds the web app and the server (both
# incremental, installing the few tools they need on first use), then serves the API and
# the web app from one process on an embedded SQLite database (data/rental-portal.db),
# seeding the demo data set on first start. Override any setting with APP_* variables
# (see README.md), e.g. APP_SERVER__PORT=9090 scripts/run.sh
#
# Email stays in the app's development mailbox (/dev/mailbox) unless APP_EMAIL__TRANSPORT says
# otherwise: a local run on 127.0.0.1 is the one place that is allowed (the server refuses it
# on any other address).
set -euo pipefail
export APP_EMAIL__TRANSPORT="${APP_EMAIL__TRANSPORT:-dev_mailbox}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/build-web.sh
cargo build -p api
exec ./target/debug/rental-portal serve
