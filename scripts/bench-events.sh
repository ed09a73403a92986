#!/usr/bin/env bash
# Benchmark of the back office's change feed and webhooks (issue 14), on SQLite and on
# PostgreSQL. Not a test: run it by hand; it prints figures.
#
#   scripts/bench-events.sh                      # 1,000,000 stored events, 3,000 fanned out
#   scripts/bench-events.sh --events 100000      # a smaller feed, in seconds
#   scripts/bench-events.sh --engines sqlite     # one engine (sqlite, postgres or both)
#   scripts/bench-events.sh --help               # every option
#
# Prints, per engine:
# - fan-out: events/s delivered (signed, verified, 2xx) to 3 local receivers, each its own
#   endpoint, from the moment the events commit until the last receiver has them all;
# - the feed's p50/p99 for a page of 100 read from random cursors over the stored events,
#   all types and with a `types=` filter (target: p99 < 50 ms at 1,000,000 events).
#
# What it does: `cargo build --release -p api`, then scripts/bench_events.py (Python 3
# standard library only), which starts target/release/rental-portal on a fresh empty
# database per engine (as scripts/bench-load.sh does), registers the receivers' endpoints
# through the admin API, writes the events straight into `integration_events` (the API
# writes one per customer action; the benchmark needs a million of them fast) and reads
# them back through the HTTP API with an API client's token.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ " $* " != *" --help "* && " $* " != *" -h "* ]]; then
  cargo build --release -p api
fi
exec python3 scripts/bench_events.py "$@"
