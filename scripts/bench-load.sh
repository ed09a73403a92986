#!/usr/bin/env bash
# Benchmark: loads a whole dealer through the HTTP API, on SQLite and on PostgreSQL, and
# prints rows/s and the time per phase (issue 11, item 4). Not a test: run it by hand.
#
#   scripts/bench-load.sh                     # full scale: 50,000 customers (each with a contact
#                                             # and a job), 200,000 contracts, 1,000,000 lines
#   scripts/bench-load.sh --scale 0.1         # a tenth, in well under a minute
#   scripts/bench-load.sh --engines sqlite    # one engine (sqlite, postgres or both, comma-separated)
#   scripts/bench-load.sh --invoices 50000    # also 50,000 invoices (scaled by --scale)
#   scripts/bench-load.sh --check-limits      # first: maxItems + 1 -> 422, 17 MiB -> 413
#   scripts/bench-load.sh --workers 2         # two batches in flight (default one)
#   scripts/bench-load.sh --help              # every option (workers, batch cap, resend, ...)
#
# Targets (printed as MET / MISSED): 100,000 lines in under 10 s, the whole dealer in under
# 5 minutes, the server's RSS under 300 MB throughout (VmRSS sampled every 0.5 s).
#
# What it does: `cargo build --release -p api` (the normal target/ directory), then
# scripts/bench_load.py (Python 3 standard library only) which, per engine, starts
# target/release/rental-portal on a free port with a fresh empty database
# (APP_DEMO__SEED_WHEN_EMPTY=false; SQLite: a file in a temporary directory; PostgreSQL: a
# new database on $BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres,
# dropped afterwards), runs `create-dealer` and `create-admin`, sets the admin's password
# through the printed setup link, signs in, creates an API client with every scope the spec
# declares, takes client-credentials tokens (renewed every 10 minutes, and on a 401), and
# loads locations -> customers -> contracts with lines (-> invoices) with the largest batch
# the spec allows (`maxItems`). Rate limits stay at their defaults (an API client may send
# 1,200 requests a minute, bursts of 300); a full load is 300-400 requests over tens of
# seconds, and a 429 would be paced by its Retry-After and counted in the "429s" column.
# Needs python3, psql (PostgreSQL runs) and /proc (Linux) for the RSS samples.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ " $* " != *" --help "* && " $* " != *" -h "* ]]; then
  cargo build --release -p api
fi
exec python3 scripts/bench_load.py "$@"
