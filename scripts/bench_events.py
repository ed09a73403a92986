#!/usr/bin/env python3
"""The back office's change feed and webhook fan-out, measured (issue 14).

Run it through scripts/bench-events.sh, which builds the release server first; see that
script's header (and "Benchmarks" in docs/architecture.md) for what is printed and why.

Per engine: a fresh empty database and `target/release/rental-portal serve` (set up as
scripts/bench_load.py does: create-dealer, create-admin, password through the setup link,
an API client with every scope). Then:

1. Fan-out: three receivers (threaded HTTP servers on loopback) verify every delivery's
   Standard Webhooks signature (HMAC-SHA256 over `id.timestamp.body` with the endpoint's
   `whsec_` secret) and count the distinct `webhook-id`s; three endpoints are registered
   through the admin API; `--fanout` events are committed in one transaction, and the clock
   runs until every receiver holds all of them. events/s = receivers x events / seconds.
2. Feed: the endpoints are deleted (so a million events are not delivered), `--events`
   events are written in transactions of 1,000 (PostgreSQL: each its own txid, as real
   writes are), and `--reads` pages of 100 are read from random cursors through
   GET /api/v1/integrations/events, with and without a `types=` filter.

Events are written straight into `integration_events`: the API writes one per customer
action and the benchmark needs a million quickly; the feed reads them as any other.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import http.server
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_load import BINARY, PASSWORD, Client, Tokens, free_port, log, run_cli, wait_ready  # noqa: E402

FEED_P99_MS = 50
RECEIVERS = 3
PAGE = 100

# A call-off as the feed carries it: the size and shape of a real `request.created`.
PAYLOAD = json.dumps(
    {
        "request_id": "0193a1f0-7c1e-7d3a-9f00-5b1c2d3e4f50",
        "number": "CO-7K3M-9QX2",
        "kind": "call_off",
        "status": "requested",
        "previous_status": None,
        "actor": "customer",
        "note": None,
        "customer": {"id": "0193a1f0-0000-7000-8000-000000000001", "external_id": "C-10442",
                     "number": "10442", "name": "Ridgeline Builders LLC"},
        "location": {"external_id": "LOC-07", "name": "Denver North"},
        "contract": None,
        "lines": [
            {"contract_id": "0193a1f0-0000-7000-8000-00000000c001", "contract_external_id": "K-204311",
             "contract_number": "204311", "line_id": "0193a1f0-0000-7000-8000-0000000l0001",
             "line_external_id": "K-204311-3", "item_code": "SL-1930",
             "description": "19' Electric scissor lift", "quantity": 1},
            {"contract_id": "0193a1f0-0000-7000-8000-00000000c001", "contract_external_id": "K-204311",
             "contract_number": "204311", "line_id": "0193a1f0-0000-7000-8000-0000000l0002",
             "line_external_id": "K-204311-4", "item_code": "GEN-56",
             "description": "Generator 56 kW towable", "quantity": 1},
        ],
        "pickup_date": "2026-12-08",
        "pickup_window": "morning",
        "billing_stop_date": "2026-12-07",
        "scheduled_date": None,
        "requested_date": None,
        "requested_end_date": None,
        "service_kind": None,
        "description": None,
        "site_address": "1450 Wynkoop St, Denver, CO 80202",
        "contact": {"name": "Dana Ortiz", "phone": "+1 303 555 0142", "email": "dana@ridgeline.example"},
        "notes": "Gate code 4471; lift is behind the trailer.",
        "cancel_reason": None,
        "created_at": "2026-12-06T14:05:00Z",
    },
    separators=(",", ":"),
)
TYPES = ("request.created", "request.status_changed")


# --------------------------------------------------------------------------------------
# Receivers: verify each delivery's signature, count distinct webhook-ids
# --------------------------------------------------------------------------------------


class Receiver:
    def __init__(self) -> None:
        self.secret = b""
        self.ids: set[str] = set()
        self.bad = 0
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.want = 0
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                msg_id = self.headers.get("webhook-id", "")
                stamp = self.headers.get("webhook-timestamp", "")
                signed = f"{msg_id}.{stamp}.".encode() + body
                expected = base64.b64encode(hmac.new(receiver.secret, signed, hashlib.sha256).digest()).decode()
                given = [s.split(",", 1)[1] for s in self.headers.get("webhook-signature", "").split() if "," in s]
                ok = any(hmac.compare_digest(expected, g) for g in given)
                with receiver.lock:
                    if ok:
                        receiver.ids.add(msg_id)
                        if receiver.want and len(receiver.ids) >= receiver.want:
                            receiver.done.set()
                    else:
                        receiver.bad += 1
                self.send_response(204 if ok else 400)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def expect(self, secret: str, count: int) -> None:
        with self.lock:
            self.secret = base64.b64decode(secret.removeprefix("whsec_"))
            self.ids.clear()
            self.bad = 0
            self.want = count
            self.done.clear()

    def close(self) -> None:
        self.server.shutdown()


# --------------------------------------------------------------------------------------
# A dealer's server on a fresh database, and SQL straight into it
# --------------------------------------------------------------------------------------


class Engine:
    def __init__(self, name: str, db_url: str) -> None:
        self.name, self.db_url = name, db_url

    def sql(self, statement: str) -> str:
        if self.name == "postgres":
            out = subprocess.run(["psql", self.db_url, "-Atqc", statement], check=True, capture_output=True, text=True)
            return out.stdout.strip()
        with sqlite3.connect(self.db_url, timeout=30) as conn:
            rows = conn.execute(statement).fetchall()
        return "\n".join("|".join(str(v) for v in row) for row in rows)

    def insert_events(self, dealer: str, count: int, per_tx: int = 1_000) -> None:
        """`count` events for `dealer`, `per_tx` to a transaction, occurring over the last hour."""
        payload = PAYLOAD.replace("'", "''")
        if self.name == "postgres":
            batches = (count + per_tx - 1) // per_tx
            self.sql(
                "DO $$ BEGIN FOR b IN 0.." + str(batches - 1) + " LOOP "
                "INSERT INTO integration_events (id, dealer_id, type, version, occurred_at, customer_id, payload) "
                f"SELECT gen_random_uuid(), '{dealer}', "
                "CASE WHEN g % 4 = 0 THEN 'request.status_changed' ELSE 'request.created' END, 1, "
                f"now() - interval '1 hour' + (b * {per_tx} + g) * interval '1 ms', NULL, '{payload}' "
                f"FROM generate_series(1, LEAST({per_tx}, {count} - b * {per_tx})) g; COMMIT; END LOOP; END $$"
            )
            self.sql("ANALYZE integration_events")
            return
        dealer_blob = uuid.UUID(dealer).bytes
        start = datetime.now(timezone.utc) - timedelta(hours=1)
        with sqlite3.connect(self.db_url, timeout=30) as conn:
            for first in range(0, count, per_tx):
                rows = [
                    (
                        uuid.uuid4().bytes,
                        dealer_blob,
                        "request.status_changed" if g % 4 == 0 else "request.created",
                        (start + timedelta(milliseconds=g)).isoformat(),
                        PAYLOAD,
                    )
                    for g in range(first, min(first + per_tx, count))
                ]
                conn.executemany(
                    "INSERT INTO integration_events (id, dealer_id, type, version, occurred_at, customer_id, payload) "
                    "VALUES (?, ?, ?, 1, ?, NULL, ?)",
                    rows,
                )
                conn.commit()
            conn.execute("ANALYZE")

    def positions(self, dealer: str, sample: int) -> list[tuple[int, int]]:
        """`sample` random (txid, seq) positions of the dealer's events."""
        rows = self.sql(
            f"SELECT txid, seq FROM integration_events WHERE dealer_id = {self.dealer_literal(dealer)} "
            f"ORDER BY random() LIMIT {sample}"
        )
        return [tuple(int(v) for v in line.split("|")) for line in rows.splitlines() if line]

    def dealer_literal(self, dealer: str) -> str:
        return f"'{dealer}'" if self.name == "postgres" else f"X'{uuid.UUID(dealer).hex}'"


@contextmanager
def dealer_server(engine: str, args):
    """A server on a fresh database with one dealer; yields (engine, port, admin token, tokens, dealer id)."""
    tmp = tempfile.mkdtemp(prefix=f"bench-events-{engine}-")
    db_name = None
    if engine == "sqlite":
        db_url = os.path.join(tmp, "bench.db")
    else:
        db_name = f"bench_events_{os.getpid()}_{random.randrange(1 << 30)}"
        subprocess.run(["psql", args.postgres_url, "-qc", f"CREATE DATABASE {db_name}"], check=True)
        db_url = urllib.parse.urlunsplit(urllib.parse.urlsplit(args.postgres_url)._replace(path=f"/{db_name}"))
    port = free_port()
    env = dict(os.environ)
    env.update(
        {
            "APP_DATABASE__URL": db_url,
            "APP_SERVER__PORT": str(port),
            "APP_SERVER__PUBLIC_URL": f"http://127.0.0.1:{port}",
            "APP_DEMO__SEED_WHEN_EMPTY": "false",
            "APP_EMAIL__TRANSPORT": "dev_mailbox",
            "APP_LOG__FILTER": env.get("APP_LOG__FILTER", "warn"),
            "APP_LOG__FORMAT": "json",
            # The receivers listen on loopback over plain http.
            "APP_WEBHOOKS__ALLOW_HTTP": "true",
            "APP_WEBHOOKS__ALLOW_PRIVATE_TARGETS": "true",
            # Thousands of feed reads from one client in seconds: what is measured is the
            # read, not the per-client budget.
            "APP_RATE_LIMIT__CLIENT_PER_MINUTE": "1000000",
            "APP_RATE_LIMIT__CLIENT_BURST": "100000",
        }
    )
    server = None
    server_log = open(os.path.join(tmp, "server.log"), "w")
    try:
        run_cli(env, "create-dealer", "--slug", "bench", "--name", "Bench Equipment Rental", "--country", "US",
                "--currency", "USD", "--time-zone", "America/Denver", "--locale", "en-US")
        out = run_cli(env, "create-admin", "--dealer", "bench", "--email", "admin@bench.example",
                      "--name", "Bench Admin")
        match = re.search(r"[?&]token=([^\s&]+)", out)
        if not match:
            raise RuntimeError(f"no setup link in create-admin's output:\n{out}")
        server = subprocess.Popen([BINARY, "serve"], env=env, stdout=server_log, stderr=subprocess.STDOUT)
        wait_ready(port, server)
        c = Client(port)
        c.json("POST", "/api/v1/auth/password/reset",
               {"token": urllib.parse.unquote(match.group(1)), "new_password": PASSWORD}, expect=(200, 204))
        session = c.json("POST", "/api/v1/auth/login", {"login": "admin@bench.example", "password": PASSWORD})
        created = c.json("POST", "/api/v1/admin/api-clients", {"name": "Benchmark reader", "scopes": ["events:read"]},
                         token=session["access_token"])
        c.close()
        tokens = Tokens(port, created["client"]["client_id"], created["client_secret"])
        db = Engine(engine, db_url)
        raw = db.sql("SELECT id FROM dealers WHERE slug = 'bench'" if engine == "postgres"
                     else "SELECT lower(hex(id)) FROM dealers WHERE slug = 'bench'")
        dealer = str(uuid.UUID(raw.strip()))
        log(f"[{engine}] server pid {server.pid} on port {port}; db {db_url}")
        yield db, port, session["access_token"], tokens, dealer
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        server_log.close()
        if db_name and not args.keep:
            subprocess.run(["psql", args.postgres_url, "-qc", f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"],
                           check=False)
        if args.keep:
            log(f"[{engine}] kept {tmp}" + (f" and database {db_name}" if db_name else ""))
        else:
            shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------------------
# The two measurements
# --------------------------------------------------------------------------------------


def fan_out(db: Engine, port: int, admin_token: str, dealer: str, count: int, timeout: float) -> dict:
    receivers = [Receiver() for _ in range(RECEIVERS)]
    c = Client(port)
    endpoints = []
    try:
        for i, r in enumerate(receivers):
            made = c.json("POST", "/api/v1/admin/webhooks",
                          {"url": f"http://127.0.0.1:{r.port}/hooks", "description": f"Benchmark receiver {i + 1}"},
                          token=admin_token)
            endpoints.append(made["endpoint"]["id"])
            r.expect(made["secret"], count)
        started = time.monotonic()
        db.insert_events(dealer, count, per_tx=count)
        committed = time.monotonic()
        finished = []
        for r in receivers:
            left = timeout - (time.monotonic() - committed)
            if not r.done.wait(max(left, 0)):
                raise RuntimeError(f"a receiver got {len(r.ids)} of {count} events in {timeout:.0f} s")
            finished.append(time.monotonic() - committed)
        seconds = max(finished)
        return {
            "events": count,
            "insert_s": committed - started,
            "seconds": seconds,
            "per_s": RECEIVERS * count / seconds,
            "bad_signatures": sum(r.bad for r in receivers),
        }
    finally:
        for endpoint in endpoints:
            c.json("DELETE", f"/api/v1/admin/webhooks/{endpoint}", token=admin_token, expect=(200, 204))
        c.close()
        for r in receivers:
            r.close()


def cursor(txid: int, seq: int) -> str:
    """The feed's cursor for a position (opaque to clients; the benchmark knows its form)."""
    return base64.urlsafe_b64encode(f"v1.{txid}.{seq}".encode()).decode().rstrip("=")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def feed_reads(db: Engine, port: int, tokens: Tokens, dealer: str, reads: int) -> list[dict]:
    positions = db.positions(dealer, reads)
    c = Client(port)
    results = []
    try:
        for label, extra in (("all types", ""), ("types=request.status_changed", "&types=request.status_changed")):
            timings, returned = [], 0
            for txid, seq in positions:
                path = f"/api/v1/integrations/events?after={cursor(txid, seq)}&limit={PAGE}{extra}"
                t0 = time.perf_counter()
                page = c.json("GET", path, token=tokens.get())
                timings.append((time.perf_counter() - t0) * 1000)
                returned += len(page["events"])
            results.append({
                "label": label,
                "reads": len(timings),
                "p50": percentile(timings, 50),
                "p99": percentile(timings, 99),
                "max": max(timings),
                "events_per_page": returned / max(len(timings), 1),
            })
    finally:
        c.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engines", default="sqlite,postgres", help="sqlite, postgres or both, comma-separated")
    parser.add_argument("--events", type=int, default=1_000_000, help="events stored for the feed reads")
    parser.add_argument("--fanout", type=int, default=3_000, help="events fanned out to the 3 receivers")
    parser.add_argument("--reads", type=int, default=2_000, help="pages read from random cursors, per variant")
    parser.add_argument("--fanout-timeout", type=float, default=600, help="seconds the receivers may take")
    parser.add_argument("--postgres-url", default=os.environ.get(
        "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--keep", action="store_true", help="keep the databases and server logs")
    args = parser.parse_args()
    if not os.path.exists(BINARY):
        log(f"{BINARY} is missing: run scripts/bench-events.sh (it builds it)")
        return 2
    lines = []
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        with dealer_server(engine, args) as (db, port, admin_token, tokens, dealer):
            fan = fan_out(db, port, admin_token, dealer, args.fanout, args.fanout_timeout)
            log(f"[{engine}] fan-out: {fan['events']:,} events to {RECEIVERS} receivers in {fan['seconds']:.2f} s")
            t0 = time.monotonic()
            db.insert_events(dealer, args.events)
            log(f"[{engine}] stored {args.events:,} events in {time.monotonic() - t0:.1f} s")
            reads = feed_reads(db, port, tokens, dealer, args.reads)
        lines.append(
            f"{engine:<9} fan-out   {fan['per_s']:>9,.0f} events/s delivered ({fan['events']:,} events x "
            f"{RECEIVERS} receivers in {fan['seconds']:.2f} s; bad signatures: {fan['bad_signatures']})"
        )
        for r in reads:
            verdict = "MET" if r["p99"] < FEED_P99_MS else "MISSED"
            lines.append(
                f"{engine:<9} feed      {r['label']:<30} p50 {r['p50']:6.1f} ms  p99 {r['p99']:6.1f} ms  "
                f"max {r['max']:6.1f} ms  ({r['reads']:,} pages, {r['events_per_page']:.0f} events each, "
                f"{args.events:,} stored)  p99 < {FEED_P99_MS} ms: {verdict}"
            )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
