#!/usr/bin/env python3
"""The dealer-scale benchmark suite (issue 16, item 5): the release server against raw SQL,
side by side, on SQLite and PostgreSQL, printed as one table.

Run it through scripts/bench.sh, which builds the release server (honouring
CARGO_TARGET_DIR) and installs wrk first; see that script's header for the options, the
targets and the optional Directus recipe.

Per engine it starts `<target>/release/rental-portal serve` on a free port with a fresh
empty database (SQLite: a file in a temporary directory; PostgreSQL: a new database named
`bench_suite_*` on --postgres-url, dropped afterwards), sets the admin's password and creates
an API client over HTTP (bench_load's way; the invoice upserts below use it), and seeds the
issue's data set: 50,000 customers and 204,143 contracts with 1,031,203 lines, of which the
heaviest customer holds 2,000 contracts with 19,795 lines, spread over the whole table;
about one contract in ten has a "Mini excavator" line, so a search for `excavator` finds
rows (all counts times --scale). By default (--seed copy) scripts/bench_seed.py writes it
straight into the database, COPY through psql on PostgreSQL and executemany on SQLite: the
rows the HTTP loader would have stored, with their audit events and sync status, and the
derived rows (admin customer list, contract search text) made by the schema's own SQL
once per customer and contract. On the 2-core reference machine that took 11 s (SQLite)
and 20 s (PostgreSQL) at --scale 0.2, 61 s and 102 s at full scale, against 34 s and 78 s
at --scale 0.2 for --seed http, which sends the same records through the integration API
with the loader of scripts/bench_load.py (imported, not copied) in the spec's largest
batches. PostgreSQL is then VACUUM ANALYZEd (this machine runs with autovacuum off; a
production one vacuums and analyzes a freshly loaded table within a minute). The dealer admin invites the
heavy customer's contact; the invitation link from the development mailbox is accepted with
a password, so the benchmark signs in as that portal user like a person would.

Then, back to back for each measurement:
  * list, filtered list, search: wrk (--connections, 2 threads, --duration, --runs,
    medians) on GET /api/v1/accounts/{id}/contracts, then the same two statements the
    server runs for that page (membership check; page with its total; taken from
    api/src/auth/extract.rs -> db::accounts::grant and api/src/db/contracts.rs) run raw:
    pgbench -M prepared with as many clients, or for SQLite a harness of processes, each with
    its own connection to the same WAL file, looping over the two statements;
  * CSV: contracts.csv and rentals.csv of the heavy customer, rows/s and the server's RSS
    growth (VmRSS sampled every 20 ms), against one pass of the list's query without
    LIMIT (psql COPY to /dev/null; Python's sqlite3 stepping through every row);
  * invoice upsert: PUT /api/v1/integrations/invoices in batches of 500 invoices (5 lines
    each), lines/s, against the same rows written raw by multi-row INSERT ... ON CONFLICT
    (psql) or executemany (sqlite3), one transaction per batch of 500.
The raw SQLite baselines run on the server's own SQLite: the amalgamation libsqlite3-sys
bundles (its version from Cargo.lock, its sources in the cargo registry) is compiled once into
the target directory and loaded by Python's sqlite3 through LD_LIBRARY_PATH (the script
re-executes itself with it); the system's libsqlite3 plans some of these statements
differently. Without a C compiler or those sources it falls back to the system library and
says so in the header.
Python stdlib only; wrk (Debian), pgbench and psql on the PATH.
"""

from __future__ import annotations

import argparse
import csv
import glob
import http.client
import io
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_load as bl  # noqa: E402  (the tested loader: server start, API client, data)
import bench_seed  # noqa: E402  (the same data written straight into the database)

ROOT = bl.ROOT
TARGET_DIR = os.path.join(ROOT, os.environ.get("CARGO_TARGET_DIR") or "target")
# bench_load's helpers (run_cli) read its module-level BINARY: point it at our target dir.
bl.BINARY = os.path.join(TARGET_DIR, "release", "rental-portal")

# The data set of issue 16; --scale multiplies every count.
FULL = {
    "customers": 50_000,
    "contracts": 204_143,
    "lines": 1_031_203,
    "heavy_contracts": 2_000,
    "heavy_lines": 19_795,
    "invoices": 20_000,  # for the upsert measurement (5 lines each)
}
INVOICE_BATCH = 500
INVOICE_LINES = 5
HEAVY = 0  # customer C-0 is the heavy one
CUSTOMER_PASSWORD = "Bench-suite-Pa55word-4471"
EXCAVATOR = '"Mini excavator 8,000 lb"'

# The targets of issue 16 ("Deliver", items 1-4).
TARGETS = {
    "list_ratio": 0.8,
    "list_p99_ms": {"postgres": 20.0, "sqlite": 50.0},
    "search_p99_ms": 50.0,
    "csv_ratio": 0.8,
    "csv_rss_mb": 20.0,
    "upsert_ratio": 0.5,
}

log = bl.log


# --------------------------------------------------------------------------------------
# The data set: bench_load's contracts, re-assigned so that one customer is heavy
# --------------------------------------------------------------------------------------


class DataSet:
    """Counts at a scale and, per contract number `n`, its customer and its number of lines.

    The heavy customer's contracts are every `step`-th contract (spread over the whole
    table, as a long-standing customer's would be); the others go round-robin over the
    remaining customers. Lines are spread so that the totals match exactly."""

    def __init__(self, scale: float):
        s = lambda k, lo=1: max(lo, round(FULL[k] * scale))  # noqa: E731
        self.customers = s("customers", 2)
        self.contracts = s("contracts", 2)
        self.heavy = min(s("heavy_contracts"), self.contracts - 1)
        self.heavy_lines = max(2 * self.heavy, s("heavy_lines"))
        self.lines = max(self.heavy_lines + 2 * (self.contracts - self.heavy), s("lines"))
        self.invoices = s("invoices", INVOICE_BATCH)
        self.step = max(1, self.contracts // self.heavy)
        others = self.contracts - self.heavy
        self.h_base, self.h_extra = divmod(self.heavy_lines, self.heavy)
        self.o_base, self.o_extra = divmod(self.lines - self.heavy_lines, others)

    def heavy_index(self, n: int) -> int | None:
        """The index of contract `n` among the heavy customer's, or None."""
        if n % self.step == 0 and n // self.step < self.heavy:
            return n // self.step
        return None

    def customer(self, n: int) -> int:
        if self.heavy_index(n) is not None:
            return HEAVY
        return 1 + n % (self.customers - 1)

    def lines_of(self, n: int) -> int:
        h = self.heavy_index(n)
        if h is not None:
            return self.h_base + (1 if h < self.h_extra else 0)
        before = min(self.heavy, (n + self.step - 1) // self.step)  # heavy contracts below n
        o = n - before
        # The extra lines go to every k-th other contract, not to the first ones.
        every = max(1, (self.contracts - self.heavy) // max(self.o_extra, 1))
        extra = 1 if self.o_extra and o % every == 0 and o // every < self.o_extra else 0
        return self.o_base + extra

    def has_excavator(self, n: int) -> bool:
        return (n * 2654435761 >> 7) % 10 == 0

    def contract_json(self, n: int) -> str:
        """bench_load's contract, moved to its customer here; a tenth get an excavator line."""
        lines = self.lines_of(n)
        c0 = n % self.customers
        c = self.customer(n)
        s = bl.contract_json(n, lines, self.customers)
        s = s.replace(f'"customer_external_id":"C-{c0}"', f'"customer_external_id":"C-{c}"', 1)
        s = s.replace(f'"job_number":"J{c0}-0"', f'"job_number":"J{c}-0"', 1)
        if self.has_excavator(n):
            s = s.replace(f'"description":{bl.ITEMS_JSON[n % len(bl.ITEMS_JSON)][1]}', f'"description":{EXCAVATOR}', 1)
        return s

    def invoice(self, n: int) -> dict:
        """The values of invoice `n` (both the HTTP body and the raw insert are made from it)."""
        k = (n * 7919) % self.contracts
        total = (k % 97 + 1) * 10000
        return {
            "k": k,
            "customer": self.customer(k),
            "status": "paid" if n % 3 == 0 else "open",
            "invoice_date": bl.date(k % 300 + 7),
            "due_date": bl.date(k % 300 + 37),
            "po": f"PO-{k}",
            "subtotal": total,
            "tax": total // 10,
            "total": total + total // 10,
            "balance": 0 if n % 3 == 0 else total + total // 10,
            "lines": [(f"RENT-{j}", f"Rental charges, part {j + 1}", 1, total // INVOICE_LINES,
                       total // INVOICE_LINES) for j in range(INVOICE_LINES)],
        }

    def invoice_json(self, n: int) -> str:
        v = self.invoice(n)
        lines = ",".join(
            f'{{"item_code":"{code}","description":"{desc}","quantity":{q},"unit_price_minor":{u},'
            f'"amount_minor":{a}}}'
            for code, desc, q, u, a in v["lines"]
        )
        return (
            f'{{"external_id":"INV-{n}","customer_external_id":"C-{v["customer"]}","number":"{900000 + n}",'
            f'"kind":"invoice","status":"{v["status"]}","location_external_id":null,'
            f'"contract_external_id":"K-{v["k"]}","invoice_date":"{v["invoice_date"]}",'
            f'"due_date":"{v["due_date"]}","po_number":"{v["po"]}","job_number":null,'
            f'"subtotal_minor":{v["subtotal"]},"tax_minor":{v["tax"]},"total_minor":{v["total"]},'
            f'"balance_minor":{v["balance"]},"lines":[{lines}]}}'
        )


# --------------------------------------------------------------------------------------
# The statements the server runs for one page: the membership check
# (api/src/db/accounts.rs::grant) and the page with its list's total in one statement
# (api/src/db/contracts.rs::list through sql::push_counted_page). The issue measured three
# round trips (membership, page, count); the raw baseline is what the server runs now, so
# the ratio compares like with like. Named parameters (:uid, :cid, :pat) read the same in
# pgbench scripts and Python's sqlite3.
# --------------------------------------------------------------------------------------

GRANT_SQL = (
    "SELECT c.id AS customer_id, c.dealer_id, d.currency, d.time_zone, m.role, m.can_view, m.can_pay, "
    "m.can_call_off, m.can_order FROM memberships m JOIN customers c ON c.id = m.customer_id "
    "JOIN dealers d ON d.id = c.dealer_id JOIN users u ON u.id = m.user_id "
    "WHERE m.user_id = :uid AND m.customer_id = :cid AND c.portal_enabled = TRUE "
    "AND u.is_active = TRUE AND m.deactivated_at IS NULL AND c.portal_deactivated_at IS NULL"
)
SUMMARY_SQL = (
    "SELECT c.id, c.external_id, c.number, c.status, c.location_id, l.external_id AS location_external_id, "
    "l.name AS location_name, c.job_number, c.po_number, c.job_site, c.start_date, c.close_date, "
    "c.amount_minor, c.amount_due_minor FROM contracts c JOIN locations l ON l.id = c.location_id"
)
COUNT_SQL = "SELECT CAST(COUNT(*) AS BIGINT) FROM contracts c"
# The search as the server writes it since b173066: one lower-cased text per contract
# (number, job, PO, site and every line's description, serial and item code; migration 0026).
SEARCH_WHERE = " AND c.search_text LIKE :pat ESCAPE '\\'"
# Every key in the chosen direction (api/src/db/contracts.rs::order_by), so the indexes of
# migration 0027 serve the page either way.
DEFAULT_ORDER = " ORDER BY c.start_date DESC, c.number DESC, c.id DESC"

# What each HTTP page is (its list, query and kind), and its (where, order) for the raw
# statements.
SCENARIOS = [
    ("list", "contracts", "per_page=50", "", DEFAULT_ORDER),
    ("filtered list", "contracts", "status=open&sort=amount&dir=asc&per_page=50", " AND c.status = 'open'",
     " ORDER BY c.amount_minor ASC, c.number ASC, c.id ASC"),
    ("search", "contracts", "q=excavator&per_page=50", SEARCH_WHERE, DEFAULT_ORDER),
    ("search", "rentals", "q=excavator&per_page=50", None, None),
]


def page_statements(engine: str, resource: str, where: str | None, order: str | None) -> list[str]:
    """The membership check and the counted page of one list page, as the server runs them."""
    if resource == "rentals":
        return [GRANT_SQL, RENTAL_SEARCH_PAGE]
    base = " WHERE c.customer_id = :cid" + where
    page = ("SELECT (" + COUNT_SQL + base + ") AS list_total, " + SUMMARY_SQL.removeprefix("SELECT ")
            + base + order + " LIMIT 50 OFFSET 0")
    return [GRANT_SQL, page]


# The CSV exports: the list query of api/src/db/contracts.rs and rentals.rs, default sort,
# no filter, without LIMIT/OFFSET: what one pass over the rows costs.
RENTAL_SELECT = (
    "SELECT cl.id AS line_id, cl.external_id AS line_external_id, cl.contract_id, "
    "c.external_id AS contract_external_id, c.number AS contract_number, c.status AS contract_status, "
    "cl.description, cl.item_code, cl.serial_number, cl.quantity, cl.status, cl.start_date, "
    "cl.expected_return, cl.returned_on, cl.daily_rate_minor, cl.weekly_rate_minor, cl.monthly_rate_minor, "
    "c.location_id, l.external_id AS location_external_id, l.name AS location_name, c.job_number, "
    "c.po_number, c.job_site, r.id AS request_id, r.number AS request_number, r.kind AS request_kind, "
    "r.status AS request_status FROM contract_lines cl JOIN contracts c ON c.id = cl.contract_id "
    "JOIN locations l ON l.id = c.location_id LEFT JOIN customer_requests r ON r.id = ("
    "SELECT rq.id FROM request_lines rl JOIN customer_requests rq ON rq.id = rl.request_id "
    "WHERE rl.line_id = cl.id AND rq.customer_id = c.customer_id "
    "AND rq.status NOT IN ('completed', 'cancelled') ORDER BY rq.created_at DESC, rq.id DESC LIMIT 1)"
)
RENTAL_WHERE = " WHERE c.customer_id = :cid AND cl.kind = 'rental' AND c.status <> 'quote'"
RENTAL_ORDER = (
    " ORDER BY CASE WHEN cl.start_date IS NULL THEN 1 ELSE 0 END, cl.start_date DESC, c.number DESC, "
    "cl.line_no, cl.id"
)
RENTAL_SQL = RENTAL_SELECT + RENTAL_WHERE + RENTAL_ORDER
# A rentals search (api/src/db/rentals.rs): the contracts whose text matches, then the line's
# own fields.
RENTAL_SEARCH_WHERE = RENTAL_WHERE + SEARCH_WHERE + " AND (" + " OR ".join(
    f"LOWER({col}) LIKE :pat ESCAPE '\\'"
    for col in ("cl.description", "cl.item_code", "cl.serial_number", "c.number", "c.job_site")) + ")"
RENTAL_SEARCH_PAGE = (
    "SELECT (SELECT CAST(COUNT(*) AS BIGINT) FROM contract_lines cl JOIN contracts c ON c.id = cl.contract_id"
    + RENTAL_SEARCH_WHERE + ") AS list_total, " + RENTAL_SELECT.removeprefix("SELECT ")
    + RENTAL_SEARCH_WHERE + RENTAL_ORDER + " LIMIT 50 OFFSET 0"
)
EXPORTS = [
    ("contracts.csv", SUMMARY_SQL + " WHERE c.customer_id = :cid" + DEFAULT_ORDER),
    ("rentals.csv", RENTAL_SQL),
]


def literal(sql: str, engine: str, params: dict) -> str:
    """`sql` with its named parameters as literals (for psql and the sqlite3 CLI)."""
    def lit(v):
        if isinstance(v, bytes):
            return f"X'{v.hex()}'"
        if engine == "postgres" and isinstance(v, str) and re.fullmatch(r"[0-9a-f-]{36}", v):
            return f"'{v}'::uuid"
        return "'" + str(v).replace("'", "''") + "'"
    return re.sub(r":(uid|cid|pat)\b", lambda m: lit(params[m.group(1)]), sql)


# --------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def percentile(sorted_xs: list, q: float):
    if not sorted_xs:
        return None
    return sorted_xs[min(len(sorted_xs) - 1, int(q * len(sorted_xs)))]


def wrk_ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not m:
        raise ValueError(f"wrk latency {text!r}")
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[m.group(2)]


def run_wrk(url: str, token: str, args) -> dict:
    """One wrk run: req/s, p50, p99 (ms), and how many answers were not 2xx/3xx."""
    out = subprocess.run(
        ["wrk", "-t", str(args.wrk_threads), "-c", str(args.connections), "-d", f"{args.duration}s",
         "--latency", "--timeout", "10s", "-H", f"Authorization: Bearer {token}", "-H",
         "Accept: application/json", url],
        capture_output=True, text=True, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = wrk_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = wrk_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {"rps": rps, "p50": p50, "p99": p99, "bad": int(bad.group(1)) if bad else 0,
            "socket_errors": errors.group(0) if errors else ""}


def run_pgbench(db_url: str, statements: list[str], params: dict, args, tmp: str) -> dict:
    """pgbench -M prepared, one transaction = the page's statements; p50/p99 from its log."""
    script = os.path.join(tmp, "page.sql")
    with open(script, "w") as f:
        f.write("".join(s + ";\n" for s in statements))
    logdir = tempfile.mkdtemp(prefix="pgbench-", dir=tmp)
    cmd = ["pgbench", "-n", "-c", str(args.connections), "-j", str(args.wrk_threads), "-T", str(args.duration),
           "-M", "prepared", "-f", script, "-l", "--log-prefix", os.path.join(logdir, "tx")]
    for k, v in params.items():
        cmd += ["-D", f"{k}={v}"]
    out = subprocess.run(cmd + [db_url], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"pgbench failed:\n{out.stdout}\n{out.stderr}")
    tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out.stdout).group(1))
    lat = []
    for name in os.listdir(logdir):
        with open(os.path.join(logdir, name)) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3:
                    lat.append(int(parts[2]) / 1000.0)
    shutil.rmtree(logdir, ignore_errors=True)
    lat.sort()
    return {"rps": tps, "p50": percentile(lat, 0.5), "p99": percentile(lat, 0.99)}


def _sqlite_worker(path: str, statements: list[str], params: dict, threads: int, seconds: float, ready, q) -> None:
    """One process of the SQLite harness: `threads` connections (Python's sqlite3 releases
    the GIL inside sqlite3_step), each looping over the page's statements for `seconds` once
    every process of the harness has opened its connections (`ready`, a barrier)."""
    lat: list[float] = []
    lock = threading.Lock()
    opened = threading.Barrier(threads + 1)
    go = threading.Event()
    clock = {}

    def loop():
        conn = sqlite3.connect(path, timeout=10, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute(statements[0], params).fetchone()  # the schema read, before the clock
        opened.wait()
        go.wait()
        mine = []
        deadline = clock["deadline"]
        while True:
            t0 = time.monotonic()
            if t0 >= deadline:
                break
            for statement in statements:
                conn.execute(statement, params).fetchall()
            mine.append((time.monotonic() - t0) * 1000)
        conn.close()
        with lock:
            lat.extend(mine)

    ts = [threading.Thread(target=loop) for _ in range(threads)]
    for t in ts:
        t.start()
    opened.wait()
    ready.wait()
    clock["deadline"] = time.monotonic() + seconds
    go.set()
    for t in ts:
        t.join()
    q.put(lat)


def run_sqlite_raw(path: str, statements: list[str], params: dict, args) -> dict:
    """The page's statements on the same SQLite file with --connections connections, spread
    over --sqlite-procs processes (0: one process per connection), all started together."""
    procs = min(args.connections, args.sqlite_procs or args.connections)
    threads = max(1, args.connections // procs)
    ctx = multiprocessing.get_context("spawn")
    q = ctx.Queue()
    ready = ctx.Barrier(procs)
    ps = [ctx.Process(target=_sqlite_worker, args=(path, statements, params, threads, args.duration, ready, q))
          for _ in range(procs)]
    for p in ps:
        p.start()
    lat: list[float] = []
    for _ in ps:
        lat.extend(q.get())
    for p in ps:
        p.join()
    lat.sort()
    return {"rps": len(lat) / args.duration, "p50": percentile(lat, 0.5), "p99": percentile(lat, 0.99)}


class FastRss(threading.Thread):
    """VmRSS of `pid` every 20 ms while running; `max_kb` the highest seen."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.reader = bl.RssSampler(pid)
        self.max_kb = self.reader.read_kb()
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            self.max_kb = max(self.max_kb, self.reader.read_kb())
            self.stopped.wait(0.02)

    def stop(self) -> int:
        self.stopped.set()
        self.join()
        return max(self.max_kb, self.reader.read_kb())


def http_export(port: int, path: str, token: str, pid: int) -> dict:
    """One CSV download, read to the end: seconds, rows, RSS growth (KB) over the download."""
    base_kb = bl.RssSampler(pid).read_kb()
    rss = FastRss(pid)
    rss.start()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    t0 = time.perf_counter()
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}", "Accept": "text/csv"})
    resp = conn.getresponse()
    body = resp.read()
    secs = time.perf_counter() - t0
    max_kb = rss.stop()
    conn.close()
    if resp.status != 200:
        raise bl.HttpError(resp.status, body, f"GET {path}")
    rows = sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8-sig")))) - 1  # less the header
    return {"seconds": secs, "rows": rows, "rss_growth_kb": max(0, max_kb - base_kb), "bytes": len(body)}


def raw_exports(engine: str, db: str, sql: str, params: dict, runs: int) -> list[float]:
    """Seconds of `runs` single passes of the export's query, every row read, timed inside one
    client session (neither the client's start nor its connection counted): psql
    `COPY (...) TO STDOUT` to /dev/null with \\timing; on SQLite, Python's sqlite3 (linked to
    the server's SQLite, see `bundled_sqlite`) stepping through every row of the query."""
    if engine == "postgres":
        text = literal(sql, engine, params)
        script = "\\timing on\n\\o /dev/null\n" + f"COPY ({text}) TO STDOUT WITH (FORMAT csv);\n" * runs
        out = subprocess.run(["psql", db, "-q", "-v", "ON_ERROR_STOP=1"], input=script, capture_output=True,
                             text=True, check=True).stdout
        return [float(ms) / 1000 for ms in re.findall(r"^Time: ([\d.]+) ms", out, re.M)]
    conn = sqlite3.connect(db, timeout=30)
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _row in conn.execute(sql, params):
            pass
        out.append(time.perf_counter() - t0)
    conn.close()
    return out


def count_rows(engine: str, db: str, sql: str, params: dict) -> int:
    return int(sql_query(engine, db, f"SELECT COUNT(*) FROM ({sql}) x", params)[0][0])


def sql_query(engine: str, db: str, text: str, params: dict | None = None) -> list[list[str]]:
    """Rows of a small query as text: psql (parameters as literals), or Python's sqlite3."""
    if engine == "postgres":
        text = literal(text, engine, params or {})
        out = subprocess.run(["psql", db, "-qAtc", text], capture_output=True, text=True, check=True).stdout
        return [line.split("|") for line in out.splitlines() if line]
    conn = sqlite3.connect(db, timeout=30)
    try:
        return [[str(v) for v in row] for row in conn.execute(text, params or {})]
    finally:
        conn.close()


# --------------------------------------------------------------------------------------
# The raw invoice upsert: the same rows, written set-based, one transaction per batch
# --------------------------------------------------------------------------------------

INVOICE_COLUMNS = (
    "id, dealer_id, customer_id, location_id, contract_id, external_id, number, kind, status, invoice_date, "
    "due_date, po_number, job_number, subtotal_minor, tax_minor, total_minor, balance_minor, pending_minor, "
    "created_at, updated_at, balance_received_at"
)
INVOICE_CONFLICT = (
    " ON CONFLICT (dealer_id, external_id) DO UPDATE SET customer_id = excluded.customer_id, "
    "location_id = excluded.location_id, contract_id = excluded.contract_id, number = excluded.number, "
    "kind = excluded.kind, status = excluded.status, invoice_date = excluded.invoice_date, "
    "due_date = excluded.due_date, po_number = excluded.po_number, job_number = excluded.job_number, "
    "subtotal_minor = excluded.subtotal_minor, tax_minor = excluded.tax_minor, total_minor = excluded.total_minor, "
    "balance_minor = excluded.balance_minor, updated_at = excluded.updated_at, "
    "balance_received_at = excluded.balance_received_at"
)
LINE_COLUMNS = "invoice_id, line_no, item_code, description, quantity, unit_price_minor, amount_minor"


def raw_invoice_rows(engine: str, db: str, data: DataSet, n: int):
    """(invoice rows, line rows) for `n` invoices named RAW-*, with the ids the server would
    resolve (looked up here, before the clock starts)."""
    keys = sorted({data.invoice(i)["k"] for i in range(n)})
    contracts = {}
    hexid = "lower(hex(id))" if engine == "sqlite" else "id"
    for start in range(0, len(keys), 5000):
        chunk = ",".join(f"'K-{k}'" for k in keys[start:start + 5000])
        cols = (f"external_id, {hexid}, {hexid.replace('id', 'customer_id')}, {hexid.replace('id', 'location_id')}, "
                f"{hexid.replace('id', 'dealer_id')}")
        for ext, cid, cust, loc, dealer in sql_query(engine, db, f"SELECT {cols} FROM contracts WHERE external_id IN ({chunk})"):
            contracts[ext] = (cid, cust, loc, dealer)
    now = sql_query(engine, db, "SELECT created_at FROM contracts LIMIT 1")[0][0]
    invoices, lines = [], []
    for i in range(n):
        v = data.invoice(i)
        cid, cust, loc, dealer = contracts[f"K-{v['k']}"]
        iid = uuid.uuid4()
        invoices.append((iid, dealer, cust, loc, cid, f"RAW-{i}", f"R{900000 + i}", "invoice", v["status"],
                         v["invoice_date"], v["due_date"], v["po"], None, v["subtotal"], v["tax"], v["total"],
                         v["balance"], 0, now, now, now))
        for j, (code, desc, q, u, a) in enumerate(v["lines"]):
            lines.append((iid, j + 1, code, desc, q, u, a))
    return invoices, lines


def raw_upsert(engine: str, db: str, data: DataSet, n: int, tmp: str) -> dict:
    invoices, lines = raw_invoice_rows(engine, db, data, n)
    if engine == "postgres":
        def val(v):
            if v is None:
                return "NULL"
            if isinstance(v, int):
                return str(v)
            return "'" + str(v).replace("'", "''") + "'"
        path = os.path.join(tmp, "raw-upsert.sql")
        with open(path, "w") as f:
            for start in range(0, n, INVOICE_BATCH):
                inv = invoices[start:start + INVOICE_BATCH]
                ids = {r[0] for r in inv}
                f.write("BEGIN;\n")
                f.write(f"INSERT INTO invoices ({INVOICE_COLUMNS}) VALUES "
                        + ",".join("(" + ",".join(val(x) for x in r) + ")" for r in inv) + INVOICE_CONFLICT + ";\n")
                f.write(f"INSERT INTO invoice_lines ({LINE_COLUMNS}) VALUES "
                        + ",".join("(" + ",".join(val(x) for x in r) + ")" for r in lines if r[0] in ids) + ";\n")
                f.write("COMMIT;\n")
        t0 = time.perf_counter()
        subprocess.run(["psql", db, "-q", "-v", "ON_ERROR_STOP=1", "-f", path], check=True, stdout=subprocess.DEVNULL)
        secs = time.perf_counter() - t0
    else:
        # Blob ids, as the server stores a Uuid on SQLite.
        b = lambda h: bytes.fromhex(h) if isinstance(h, str) else h.bytes  # noqa: E731
        inv_rows = [(b(r[0]), b(r[1]), b(r[2]), b(r[3]), b(r[4])) + r[5:] for r in invoices]
        line_rows = [(b(r[0]),) + r[1:] for r in lines]
        conn = sqlite3.connect(db, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA synchronous = NORMAL")
        ph = lambda k: "(" + ",".join("?" * k) + ")"  # noqa: E731
        t0 = time.perf_counter()
        for start in range(0, n, INVOICE_BATCH):
            inv = inv_rows[start:start + INVOICE_BATCH]
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(f"INSERT INTO invoices ({INVOICE_COLUMNS}) VALUES {ph(21)}{INVOICE_CONFLICT}", inv)
            conn.executemany(f"INSERT INTO invoice_lines ({LINE_COLUMNS}) VALUES {ph(7)}",
                             line_rows[start * INVOICE_LINES:(start + len(inv)) * INVOICE_LINES])
            conn.execute("COMMIT")
        secs = time.perf_counter() - t0
        conn.close()
    return {"seconds": secs, "lines": len(lines)}


# --------------------------------------------------------------------------------------
# One engine
# --------------------------------------------------------------------------------------


def start_engine(engine: str, args, tmp: str):
    """A fresh database and the release server on it: (db, db_url, db_name, env, port)."""
    db_name = None
    if engine == "sqlite":
        db = db_url = os.path.join(tmp, "bench.db")
    else:
        db_name = f"bench_suite_{os.getpid()}_{random.randrange(1 << 30)}"
        subprocess.run(["psql", args.postgres_url, "-qc", f"CREATE DATABASE {db_name}"], check=True)
        parsed = urllib.parse.urlsplit(args.postgres_url)
        db = db_url = urllib.parse.urlunsplit(parsed._replace(path=f"/{db_name}"))
    port = bl.free_port()
    env = dict(os.environ)
    env.update({
        "APP_DATABASE__URL": db_url,
        "APP_SERVER__PORT": str(port),
        "APP_SERVER__PUBLIC_URL": f"http://127.0.0.1:{port}",
        "APP_DEMO__SEED_WHEN_EMPTY": "false",
        "APP_EMAIL__TRANSPORT": "dev_mailbox",  # the invitation link is read from the mailbox
        "APP_LOG__FILTER": env.get("APP_LOG__FILTER", "warn"),
        "APP_LOG__FORMAT": "json",
        # One user at thousands of requests a second: the budgets would answer 429 after the
        # first few hundred; what is measured is the page, so they are raised (not disabled).
        "APP_RATE_LIMIT__USER_PER_MINUTE": "100000000",
        "APP_RATE_LIMIT__USER_BURST": "10000000",
        "APP_RATE_LIMIT__CLIENT_PER_MINUTE": "100000000",
        "APP_RATE_LIMIT__CLIENT_BURST": "10000000",
        "APP_RATE_LIMIT__LOGIN_PER_MINUTE": "1000",
        "APP_RATE_LIMIT__LOGIN_BURST": "100",
        "APP_RATE_LIMIT__SENSITIVE_PER_HOUR": "1000",
        "APP_RATE_LIMIT__SENSITIVE_BURST": "100",
    })
    return db, db_url, db_name, env, port


def create_dealer(env: dict) -> str:
    """The dealer and its admin by the CLI (as bench_load does): the admin's setup token."""
    bl.run_cli(env, "create-dealer", "--slug", "bench", "--name", "Bench Equipment Rental", "--country", "US",
               "--currency", "USD", "--time-zone", "America/Denver", "--locale", "en-US")
    out = bl.run_cli(env, "create-admin", "--dealer", "bench", "--email", "admin@bench.example", "--name", "Bench Admin")
    setup = urllib.parse.unquote(re.search(r"[?&]token=([^\s&]+)", out).group(1))
    return setup


def load(engine: str, port: int, setup_token: str, data: DataSet, rss, seed: str, db: str, tmp: str) -> dict:
    """The admin's password and an API client with every scope (bench_load's way), then the
    data set: written straight into the database by scripts/bench_seed.py (`seed` "copy":
    COPY on PostgreSQL, executemany on SQLite, the same rows), or through the integration
    API in the spec's largest batches ("http")."""
    c = bl.Client(port)
    c.json("POST", "/api/v1/auth/password/reset", {"token": setup_token, "new_password": bl.PASSWORD}, expect=(200, 204))
    admin = c.json("POST", "/api/v1/auth/login", {"login": "admin@bench.example", "password": bl.PASSWORD})["access_token"]
    limits = bl.spec_limits(c)
    created = c.json("POST", "/api/v1/admin/api-clients", {"name": "Benchmark suite", "scopes": limits["scopes"]},
                     token=admin)
    tokens = bl.Tokens(port, created["client"]["client_id"], created["client_secret"])
    c.close()
    size = {k: limits.get(k) or 500 for k in ("locations", "customers", "contracts", "invoices")}
    t0 = time.perf_counter()
    if seed == "copy":
        # `size`: the batches the HTTP loader would have sent, for their audit events and sync status.
        done = bench_seed.seed(engine, db, data, json.loads(EXCAVATOR), size, tmp)
        log(f"[{engine}] seeded {', '.join(f'{t} {n:,}' for t, n in done['rows'].items())} in "
            f"{done['seconds']:.1f} s ({', '.join(f'{p} {s:.1f} s' for p, s in done['phases'].items())})")
    else:
        for name, key, n, make, rows_of in [
            ("locations", "locations", bl.LOCATIONS, bl.location_json, lambda i: 1),
            ("customers", "customers", data.customers, lambda i: bl.customer_json(i, 1, 1), lambda i: 3),
            ("contracts", "contracts", data.contracts, data.contract_json, lambda n: 1 + data.lines_of(n)),
        ]:
            p = bl.run_phase(port, tokens, rss, bl.Phase(name), f"/api/v1/integrations/{key}", key,
                             bl.batches_of(n, size[key], key, make, rows_of), 1)
            log(f"[{engine}] {name}: {p.rows:,} rows in {p.seconds:.1f} s ({p.rows / max(p.seconds, 1e-9):,.0f} rows/s)")
    return {"tokens": tokens, "admin": admin, "seconds": time.perf_counter() - t0, "invoice_batch": size["invoices"]}


def portal_user(port: int, admin: str) -> dict:
    """The heavy customer's first contact, invited by the admin and accepted through the
    emailed link, as a person would: {customer_id, user_id, email}."""
    c = bl.Client(port)
    page = c.json("GET", f"/api/v1/admin/customers?q={100000 + HEAVY}", token=admin)
    row = next(r for r in page["items"] if r["account_number"] == str(100000 + HEAVY))
    email = f"c0.{HEAVY}@cust.example"
    c.json("POST", f"/api/v1/admin/customers/{row['customer_id']}/invitations", {"email": email}, token=admin)
    mails = c.json("GET", "/api/v1/dev/mailbox")
    mail = next(m for m in mails if m["to"] == email)
    token = urllib.parse.unquote(re.search(r"invitation\?token=([^\s&\"<]+)", mail["body_text"]).group(1))
    session = c.json("POST", "/api/v1/invitations/accept",
                     {"token": token, "new_password": CUSTOMER_PASSWORD, "display_name": "Heavy Customer"})
    c.close()
    return {"customer_id": row["customer_id"], "user_id": session["user"]["id"], "email": email}


def customer_token(port: int, email: str) -> str:
    """A fresh access token (they last 15 minutes; a full run per engine takes longer)."""
    c = bl.Client(port)
    token = c.json("POST", "/api/v1/auth/login", {"login": email, "password": CUSTOMER_PASSWORD})["access_token"]
    c.close()
    return token


def bench_engine(engine: str, args, data: DataSet) -> dict:
    tmp = tempfile.mkdtemp(prefix=f"bench-suite-{engine}-")
    db, db_url, db_name, env, port = start_engine(engine, args, tmp)
    server = None
    server_log = open(os.path.join(tmp, "server.log"), "w")
    rows: list[dict] = []
    info: dict = {"engine": engine, "rows": rows}
    try:
        setup = create_dealer(env)
        server = subprocess.Popen([bl.BINARY, "serve"], env=env, stdout=server_log, stderr=subprocess.STDOUT)
        bl.wait_ready(port, server)
        rss = bl.RssSampler(server.pid)
        rss.start()
        loaded = load(engine, port, setup, data, rss, args.seed, db, tmp)
        info["load_seconds"] = loaded["seconds"]
        info["seed"] = args.seed
        if engine == "postgres":
            # This machine's PostgreSQL runs with autovacuum off: vacuum and analyze as it
            # would have after a load (since PostgreSQL 13 inserts alone trigger a vacuum).
            # The vacuum sets the visibility map, so a page's total is an index-only scan:
            # without it the heavy customer's count read 2,000 heap pages (the page took 1.7 ms
            # instead of 44 ms cold).
            subprocess.run(["psql", db_url, "-qc", "VACUUM ANALYZE"], check=True)
        else:
            stat = sql_query(engine, db, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            info["sqlite_stat1"] = stat[0][0] != "0"
        user = portal_user(port, loaded["admin"])
        cid, uid = user["customer_id"], user["user_id"]
        info["heavy"] = sql_query(
            engine, db, "SELECT COUNT(DISTINCT c.id), COUNT(cl.contract_id) FROM contracts c "
            "LEFT JOIN contract_lines cl ON cl.contract_id = c.id WHERE c.customer_id = :cid",
            {"cid": uuid.UUID(cid).bytes if engine == "sqlite" else cid})[0]
        totals = sql_query(engine, db, "SELECT (SELECT COUNT(*) FROM contracts), (SELECT COUNT(*) FROM contract_lines)")
        info["totals"] = totals[0]
        log(f"[{engine}] loaded in {loaded['seconds']:.1f} s: contracts/lines {info['totals']}; heavy customer {cid} "
            f"holds {info['heavy'][0]} contracts / {info['heavy'][1]} lines; portal user {user['email']}")
        # Parameters of the raw statements, typed as the server binds them.
        params = ({"uid": uuid.UUID(uid).bytes, "cid": uuid.UUID(cid).bytes} if engine == "sqlite"
                  else {"uid": uid, "cid": cid})

        # 1-3, 6: the pages over HTTP, then the same statements raw, back to back.
        for name, resource, query, where, order in SCENARIOS:
            path = f"/api/v1/accounts/{cid}/{resource}?{query}"
            token = customer_token(port, user["email"])
            c = bl.Client(port)
            first = c.json("GET", path, token=token)
            c.close()
            statements = page_statements(engine, resource, where, order)
            p = dict(params, pat="%excavator%") if ":pat" in statements[1] else params
            http_runs, raw_runs = [], []
            for r in range(args.runs):
                token = customer_token(port, user["email"])
                http_runs.append(run_wrk(f"http://127.0.0.1:{port}{path}", token, args))
                if engine == "postgres":
                    raw_runs.append(run_pgbench(db_url, statements, p, args, tmp))
                else:
                    raw_runs.append(run_sqlite_raw(db, statements, p, args))
                log(f"[{engine}] {name} run {r + 1}: HTTP {http_runs[-1]['rps']:,.0f} req/s p99 "
                    f"{http_runs[-1]['p99']:.1f} ms (non-2xx {http_runs[-1]['bad']}); raw "
                    f"{raw_runs[-1]['rps']:,.0f}/s p99 {raw_runs[-1]['p99']:.1f} ms; load {os.getloadavg()[0]:.2f}")
            rows.append({
                "metric": f"{resource} {name} (50 of {first['total']:,})", "kind": name, "unit": "req/s",
                "value": median([x["rps"] for x in http_runs]), "p50": median([x["p50"] for x in http_runs]),
                "p99": median([x["p99"] for x in http_runs]), "raw": median([x["rps"] for x in raw_runs]),
                "raw_p50": median([x["p50"] for x in raw_runs]), "raw_p99": median([x["p99"] for x in raw_runs]),
                "bad": sum(x["bad"] for x in http_runs),
                "socket_errors": "; ".join(x["socket_errors"] for x in http_runs if x["socket_errors"]),
            })

        # 4: CSV exports of the heavy customer, then one raw pass each.
        for name, sql in EXPORTS:
            path = f"/api/v1/accounts/{cid}/{name}"
            token = customer_token(port, user["email"])
            expected = count_rows(engine, db, sql, params)
            http_runs = [http_export(port, path, token, server.pid) for _ in range(args.runs)]
            raw_runs = [{"seconds": x} for x in raw_exports(engine, db, sql, params, args.runs)]
            n = http_runs[0]["rows"]
            ms = lambda runs: ", ".join(format(x["seconds"] * 1000, ".0f") for x in runs)  # noqa: E731
            if n != expected:
                log(f"[{engine}] WARNING {name}: {n} rows over HTTP, {expected} from the query")
            log(f"[{engine}] {name}: {n:,} rows; HTTP "
                f"{ms(http_runs)} ms, raw {ms(raw_runs)} ms; RSS growth "
                f"{', '.join(format(x['rss_growth_kb'] / 1024, '.1f') for x in http_runs)} MB")
            rows.append({
                "metric": f"{name} ({n:,} rows)", "kind": "csv", "unit": "rows/s",
                "value": n / median([x["seconds"] for x in http_runs]),
                "p50": median([x["seconds"] * 1000 for x in http_runs]), "p99": None,
                "raw": expected / median([x["seconds"] for x in raw_runs]),
                "raw_p50": median([x["seconds"] * 1000 for x in raw_runs]), "raw_p99": None,
                # The first export is the one that grows the heap (the issue: +37 MB).
                "rss_mb": max(x["rss_growth_kb"] for x in http_runs) / 1024,
                "rss_first_mb": http_runs[0]["rss_growth_kb"] / 1024,
            })

        # 5: invoice upserts through the integration API, then the same rows raw.
        rows_of = lambda i: INVOICE_LINES  # noqa: E731  (Phase.rows counts invoice lines)
        batch = min(INVOICE_BATCH, loaded["invoice_batch"])
        p = bl.run_phase(port, loaded["tokens"], rss, bl.Phase("invoices"), "/api/v1/integrations/invoices",
                         "invoices", bl.batches_of(data.invoices, batch, "invoices", data.invoice_json, rows_of), 1)
        per_batch = sorted((t1 - t0) * 1000 for (_, t0), (_, t1) in zip([(0, 0.0)] + p.marks, p.marks))
        raw = raw_upsert(engine, db if engine == "sqlite" else db_url, data, data.invoices, tmp)
        log(f"[{engine}] invoices: {p.rows:,} lines in {p.seconds:.1f} s over HTTP; raw {raw['lines']:,} in "
            f"{raw['seconds']:.1f} s")
        rows.append({
            "metric": f"invoice upsert ({data.invoices:,} x {INVOICE_LINES} lines, {batch}/batch)", "kind": "upsert",
            "unit": "lines/s", "value": p.rows / p.seconds, "p50": percentile(per_batch, 0.5),
            "p99": percentile(per_batch, 0.99), "raw": raw["lines"] / raw["seconds"],
            "raw_p50": raw["seconds"] * 1000 / max(1, len(per_batch)), "raw_p99": None,
        })
        rss.stopped.set()
        info["max_rss_mb"] = rss.max_kb / 1024
        return info
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        server_log.close()
        if db_name and args.keep:
            log(f"[{engine}] kept database {db_url}")
        elif db_name:
            subprocess.run(["psql", args.postgres_url, "-qc", f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"],
                           check=False)
        if args.keep:
            log(f"[{engine}] kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------


def verdicts(engine: str, row: dict) -> list[tuple[str, bool]]:
    """(target text, met) for one row of the table, per the issue's targets."""
    out = []
    ratio = row["value"] / row["raw"] if row["raw"] else 0
    kind = row["kind"]
    if kind in ("list", "filtered list"):
        out.append((f">= {TARGETS['list_ratio']} of raw", ratio >= TARGETS["list_ratio"]))
        limit = TARGETS["list_p99_ms"][engine]
        out.append((f"p99 < {limit:g} ms", row["p99"] < limit))
    elif kind == "search":
        out.append((f"p99 < {TARGETS['search_p99_ms']:g} ms", row["p99"] < TARGETS["search_p99_ms"]))
    elif kind == "csv":
        out.append((f">= {TARGETS['csv_ratio']} of raw", ratio >= TARGETS["csv_ratio"]))
        out.append((f"RSS +{row['rss_mb']:.1f} MB < {TARGETS['csv_rss_mb']:g} MB", row["rss_mb"] < TARGETS["csv_rss_mb"]))
    elif kind == "upsert":
        out.append((f">= {TARGETS['upsert_ratio']} of raw", ratio >= TARGETS["upsert_ratio"]))
    return out


def fmt(v, spec=",.0f", none="-"):
    return none if v is None else format(v, spec)


def report(results: list[dict], args, header: str) -> list[str]:
    out = [header]
    for info in results:
        e = info["engine"]
        extra = "" if e == "postgres" else f"; sqlite_stat1 {'present' if info.get('sqlite_stat1') else 'absent'}"
        out.append(f"{e}: loaded {int(info['totals'][0]):,} contracts / {int(info['totals'][1]):,} lines in "
                   f"{info['load_seconds']:.1f} s (--seed {info['seed']}); heavy customer {int(info['heavy'][0]):,} "
                   f"contracts / {int(info['heavy'][1]):,} lines; server max RSS {info['max_rss_mb']:.0f} MB{extra}")
    out.append("")
    w = 52
    out.append(f"{'metric':<{w}}{'engine':<10}{'value':>10} {'unit':<8}{'p50 ms':>9}{'p99 ms':>9}"
               f"{'raw':>10}{'raw p50':>9}{'raw p99':>9}{'ratio':>7}  targets")
    for info in results:
        e = info["engine"]
        for row in info["rows"]:
            ratio = row["value"] / row["raw"] if row["raw"] else None
            marks = "; ".join(f"{'MET' if ok else 'MISSED'} {text}" for text, ok in verdicts(e, row))
            if row.get("bad"):
                marks += f"; {row['bad']} non-2xx answers!"
            if row.get("socket_errors"):
                marks += f"; wrk {row['socket_errors']}"
            out.append(f"{row['metric']:<{w}}{e:<10}{fmt(row['value']):>10} {row['unit']:<8}"
                       f"{fmt(row['p50'], '.1f'):>9}{fmt(row['p99'], '.1f'):>9}{fmt(row['raw']):>10}"
                       f"{fmt(row['raw_p50'], '.1f'):>9}{fmt(row['raw_p99'], '.1f'):>9}"
                       f"{fmt(ratio, '.2f'):>7}  {marks}")
    out.append("")
    out.append("value/raw: req/s (list rows: wrk vs pgbench / the SQLite harness running the page's two "
               "statements: membership, counted page), rows/s (CSV: whole download vs one raw pass; p50 = median ms per export), lines/s "
               "(upsert; p50/p99 = ms per batch request, raw p50 = ms per raw batch).")
    return out


def bundled_sqlite() -> tuple[str | None, str]:
    """The SQLite the server runs, for the raw SQLite baselines: libsqlite3-sys (the version in
    Cargo.lock) bundles an amalgamation that differs from the system's libsqlite3, and the two
    plan the same statement differently (3.40 vs 3.51 chose different indexes for the contract
    list), so the system library would not be a baseline of the same engine. Compiled once with
    libsqlite3-sys's own flags into <target>/bench-sqlite/<version>/libsqlite3.so.0, which
    Python's sqlite3 then loads through LD_LIBRARY_PATH. (directory or None, what it is)."""
    lock = open(os.path.join(ROOT, "Cargo.lock")).read()
    m = re.search(r'name = "libsqlite3-sys"\nversion = "([^"]+)"', lock)
    if not m:
        return None, "no libsqlite3-sys in Cargo.lock"
    version = m.group(1)
    out_dir = os.path.join(TARGET_DIR, "bench-sqlite", version)
    lib = os.path.join(out_dir, "libsqlite3.so.0")
    if os.path.exists(lib):
        return out_dir, f"libsqlite3-sys {version}"
    cargo_home = os.environ.get("CARGO_HOME") or os.path.join(os.path.expanduser("~"), ".cargo")
    sources = glob.glob(os.path.join(cargo_home, "registry", "src", "*", f"libsqlite3-sys-{version}", "sqlite3", "sqlite3.c"))
    cc = shutil.which("cc") or shutil.which("gcc")
    if not sources or not cc:
        return None, f"libsqlite3-sys {version} sources or a C compiler not found"
    os.makedirs(out_dir, exist_ok=True)
    log(f"compiling the server's SQLite (libsqlite3-sys {version}) for the raw baselines, once")
    flags = ["-DSQLITE_CORE", "-DSQLITE_DEFAULT_FOREIGN_KEYS=1", "-DSQLITE_ENABLE_API_ARMOR",
             "-DSQLITE_ENABLE_COLUMN_METADATA", "-DSQLITE_ENABLE_DBSTAT_VTAB", "-DSQLITE_ENABLE_FTS3",
             "-DSQLITE_ENABLE_FTS3_PARENTHESIS", "-DSQLITE_ENABLE_FTS5", "-DSQLITE_ENABLE_JSON1",
             "-DSQLITE_ENABLE_LOAD_EXTENSION=1", "-DSQLITE_ENABLE_MEMORY_MANAGEMENT", "-DSQLITE_ENABLE_RTREE",
             "-DSQLITE_ENABLE_STAT4", "-DSQLITE_SOUNDEX", "-DSQLITE_THREADSAFE=1", "-DSQLITE_USE_URI",
             "-DSQLITE_ENABLE_UNLOCK_NOTIFY", "-DHAVE_USLEEP=1"]
    subprocess.run([cc, "-O2", "-fPIC", "-shared", *flags, "-o", lib + ".tmp", sources[0], "-lpthread", "-ldl", "-lm"],
                   check=True)
    os.replace(lib + ".tmp", lib)
    return out_dir, f"libsqlite3-sys {version}"


def main() -> int:
    # SIGTERM as SIGINT: the `finally` blocks still stop the server and drop the database.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the issue's data set (default 1.0)")
    ap.add_argument("--engines", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk / pgbench / harness run (default 10)")
    ap.add_argument("--connections", type=int, default=64, help="concurrent connections (default 64)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each measurement; medians are printed (default 3)")
    ap.add_argument("--wrk-threads", type=int, default=2, help="wrk threads and pgbench -j (default 2)")
    ap.add_argument("--sqlite-procs", type=int, default=8,
                    help="processes of the SQLite harness, sharing --connections between them (default 8; "
                         "0: one process per connection). On 2 cores 2, 8 or 64 processes gave the same "
                         "throughput within noise; fewer threads per process mean fewer GIL waits in p99")
    ap.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL",
                                                             "postgres://postgres@127.0.0.1:5432/postgres"))
    ap.add_argument("--seed", choices=("copy", "http"), default="copy",
                    help="how the data set gets in, the same rows either way: copy (default) writes it straight "
                         "into the database, COPY on PostgreSQL and executemany on SQLite (scripts/bench_seed.py, "
                         "3-4x faster); http sends it through the integration API with scripts/bench_load.py's loader")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory and the PostgreSQL database")
    args = ap.parse_args()

    if not os.path.exists(bl.BINARY):
        log(f"{bl.BINARY} is missing: run scripts/bench.sh (it builds it)")
        return 2
    for tool in ["wrk"] + (["pgbench", "psql"] if "postgres" in args.engines else []):
        if shutil.which(tool) is None:
            log(f"{tool} is missing (scripts/bench.sh installs wrk; pgbench and psql: postgresql-client)")
            return 2
    sqlite_note = f"SQLite of the raw baselines: {sqlite3.sqlite_version}"
    if "sqlite" in args.engines:
        if os.environ.get("BENCH_SQLITE_LIB") is None:
            lib_dir, what = bundled_sqlite()
            if lib_dir:
                # Start again with the server's SQLite loaded by Python's sqlite3 (and by the
                # harness processes, which inherit the environment).
                env = dict(os.environ, BENCH_SQLITE_LIB=what,
                           LD_LIBRARY_PATH=os.pathsep.join(filter(None, [lib_dir, os.environ.get("LD_LIBRARY_PATH")])))
                os.execve(sys.executable, [sys.executable, *sys.argv], env)
            log(f"WARNING: {what}; the raw SQLite baselines use the system's SQLite {sqlite3.sqlite_version}, "
                "not the server's: their plans may differ")
            sqlite_note += f" (system library, NOT the server's: {what})"
        else:
            sqlite_note += f" (the server's, {os.environ['BENCH_SQLITE_LIB']})"
    data = DataSet(args.scale)
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    header = (f"bench suite (issue 16): scale {args.scale}: {data.customers:,} customers, {data.contracts:,} contracts, "
              f"{data.lines:,} lines, heavy customer {data.heavy:,} / {data.heavy_lines:,}; wrk -c {args.connections} "
              f"-t {args.wrk_threads} -d {args.duration}s, medians of {args.runs}; {os.cpu_count()} CPUs; commit "
              f"{commit.stdout.strip() or '?'}{' + uncommitted changes' if dirty else ''}; load average before "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}\n{sqlite_note}")
    log(header)
    results = []
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        if engine not in ("sqlite", "postgres"):
            log(f"unknown engine {engine}")
            return 2
        results.append(bench_engine(engine, args, data))
        log(f"load average after {engine}: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    lines = report(results, args, header)
    lines.append(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\n".join(lines), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
