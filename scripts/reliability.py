#!/usr/bin/env python3
"""Reliability figures (issue 12): kill -9 during payments, a PostgreSQL outage, a soak.

Run it through scripts/reliability.sh, which builds the release server first; see that
script's header (and "Reliability" in docs/architecture.md) for the scenarios and targets.
Not a test: it prints figures with PASS / FAIL against the targets and exits 1 when any
target was missed.

Every scenario starts `target/release/rental-portal serve` on a free port with a fresh
database seeded with the demo data (APP_DEMO__SEED_WHEN_EMPTY=true), the dev mailbox on
loopback, a fixed JWT secret (so a restarted server still accepts the tokens) and the
per-person API budget off (APP_RATE_LIMIT__USER_PER_MINUTE=0: one person sends hundreds of
requests at once here, which the default budget, 600/min burst 120, would answer with 429).
PostgreSQL runs are on a throwaway PostgreSQL 15 cluster of this script's own (initdb in a
temporary directory, a free port, removed at the end), never on a shared server: the
outage scenario stops it. Python 3 standard library only; psql for the PostgreSQL queries.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from datetime import date, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "rental-portal")
PG_BIN = os.environ.get("RELIABILITY_PG_BIN", "/usr/lib/postgresql/15/bin")

DEMO_LOGIN = "demo@customer.example"
DEMO_PASSWORD = "demo-pass-123"
JWT_SECRET = "reliability-script-jwt-secret-0123456789abcdef"
# The reconciler settles payments `processing` for over RECONCILE_AFTER (2 min), looking every
# 30 s (services::payments); so everything a kill leaves is settled within ~2.5 min of it.
RECONCILE_AFTER_S = 120
RECONCILE_EVERY_S = 30

T0 = time.monotonic()


def log(msg: str) -> None:
    print(f"[{time.monotonic() - T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


# --------------------------------------------------------------------------------------
# A throwaway PostgreSQL 15 cluster
# --------------------------------------------------------------------------------------


class PgCluster:
    """initdb in a temporary directory, on a free port, unix socket in that directory.

    As root, PostgreSQL refuses to run: the commands run as the `postgres` user (runuser),
    and the directory is handed to it."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="reliability-pg-")
        self.data = os.path.join(self.dir, "data")
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self.run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        self.start()
        subprocess.run(["psql", self.admin_url(), "-qc", "CREATE DATABASE reliability"], check=True,
                       capture_output=True)

    def cmd(self, tool: str, *args: str) -> list[str]:
        argv = [os.path.join(PG_BIN, tool), *args]
        return ["runuser", "-u", "postgres", "--", *argv] if self.as_root else argv

    def run(self, tool: str, *args: str) -> None:
        out = subprocess.run(self.cmd(tool, *args), capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"{tool} {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")

    def start(self) -> None:
        self.run("pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "postgres.log"), "-w",
                 "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=on", "start")

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def admin_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/reliability"

    def remove(self) -> None:
        try:
            if os.path.exists(os.path.join(self.data, "postmaster.pid")):
                self.stop("immediate")
        except RuntimeError as e:
            log(f"stopping the throwaway cluster: {e}")
        shutil.rmtree(self.dir, ignore_errors=True)


# --------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------


class Server:
    """target/release/rental-portal serve on a free port; restartable on the same database."""

    def __init__(self, db_url: str, workdir: str, name: str):
        self.port = free_port()
        self.workdir = workdir
        self.name = name
        self.env = dict(os.environ)
        self.env.update(
            {
                "APP_DATABASE__URL": db_url,
                "APP_SERVER__HOST": "127.0.0.1",
                "APP_SERVER__PORT": str(self.port),
                "APP_SERVER__PUBLIC_URL": f"http://127.0.0.1:{self.port}",
                "APP_DEMO__SEED_WHEN_EMPTY": "true",
                "APP_EMAIL__TRANSPORT": "dev_mailbox",
                "APP_AUTH__JWT_SECRET": JWT_SECRET,
                "APP_RATE_LIMIT__USER_PER_MINUTE": "0",
                "APP_LOG__FORMAT": "json",
                "APP_LOG__FILTER": os.environ.get("APP_LOG__FILTER", "info,sqlx=warn"),
                "APP_WEB__DIST_DIR": os.path.join(ROOT, "web", "dist"),
            }
        )
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        self.logs: list[str] = []

    def start(self, ready_secs: float = 600) -> float:
        """Starts it and waits for /readyz 200; answers the seconds that took."""
        self.starts += 1
        path = os.path.join(self.workdir, f"{self.name}-server-{self.starts}.log")
        self.logs.append(path)
        out = open(path, "w")
        t = time.monotonic()
        self.proc = subprocess.Popen([BINARY, "serve"], env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                     cwd=ROOT)
        out.close()
        deadline = t + ready_secs
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}; see {path}:\n"
                                   + open(path).read()[-3000:])
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", "/readyz")
                status = c.getresponse().status
                c.close()
                if status == 200:
                    return time.monotonic() - t
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not become ready")

    def kill9(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def panics(self) -> int:
        n = 0
        for path in self.logs:
            with open(path, errors="replace") as f:
                n += sum(1 for line in f if "panicked" in line)
        return n


# --------------------------------------------------------------------------------------
# HTTP: one request per call, no retries (a retry would hide exactly what is measured)
# --------------------------------------------------------------------------------------


def call(port: int, method: str, path: str, body=None, token: str | None = None, headers: dict | None = None,
         timeout: float = 60, conn: http.client.HTTPConnection | None = None):
    """(status, body bytes) or raises OSError / http.client exceptions. Never retries."""
    h = {"Accept": "application/json"}
    if body is not None:
        h["Content-Type"] = "application/json"
    if token:
        h["Authorization"] = f"Bearer {token}"
    h.update(headers or {})
    own = conn is None
    c = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request(method, path, body=None if body is None else json.dumps(body).encode(), headers=h)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        if own:
            c.close()


def login(port: int) -> tuple[str, dict]:
    """The demo customer's token and its Summit account (card payments enabled there)."""
    status, data = call(port, "POST", "/api/v1/auth/login", {"login": DEMO_LOGIN, "password": DEMO_PASSWORD})
    if status != 200:
        raise RuntimeError(f"login: HTTP {status}: {data[:500]!r}")
    session = json.loads(data)
    accounts = [a for a in session["accounts"] if a["dealer"]["slug"] == "summit" and a["permissions"]["pay"]]
    if not accounts:
        raise RuntimeError(f"no Summit account the demo customer may pay on: {session['accounts']}")
    return session["access_token"], accounts[0]


def card_token() -> str:
    """An approving sandbox Visa token, as SandboxToken::for_card("4242424242424242", ...)
    encodes it: sandbox:<method>:<brand>:<last4>:<outcome>:<nonce of letters>."""
    nonce = "".join(chr(ord("a") + b % 26) for b in uuid.uuid4().bytes)
    return f"sandbox:card:visa:4242:approve:{nonce}"


def payment_body(amount_minor: int) -> dict:
    return {
        "allocations": [],
        "on_account_minor": amount_minor,
        "method": "card",
        "token": card_token(),
        "receipt_email": "ap@builder.example",
    }


def check_card_enabled(port: int, token: str, account: dict) -> None:
    status, data = call(port, "GET", f"/api/v1/accounts/{account['id']}/payment-options", token=token)
    opts = json.loads(data) if status == 200 else {}
    methods = [m.get("method") for m in opts.get("methods", [])]
    if status != 200 or "card" not in methods:
        raise RuntimeError(f"card payments are not enabled for {account['dealer']['slug']}: HTTP {status} {data[:300]!r}")


# --------------------------------------------------------------------------------------
# Database reads (directly, not through the API)
# --------------------------------------------------------------------------------------


class DbReader:
    def __init__(self, engine: str, url: str):
        self.engine, self.url = engine, url

    def rows(self, sql: str) -> list[tuple]:
        if self.engine == "sqlite":
            con = sqlite3.connect(f"file:{self.url}?mode=ro", uri=True, timeout=30)
            try:
                return [tuple(None if v is None else str(v) for v in r) for r in con.execute(sql)]
            finally:
                con.close()
        out = subprocess.run(["psql", self.url, "-XAt", "-F", "\t", "-c", sql], capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"psql: {out.stderr}")
        return [tuple(v if v != "" else None for v in line.split("\t")) for line in out.stdout.splitlines() if line]

    def id_hex(self, col: str) -> str:
        return f"lower(hex({col}))" if self.engine == "sqlite" else f"replace({col}::text, '-', '')"

    def payments(self, key_prefix: str) -> list[dict]:
        """Each payment of this run with its sandbox charges (the gateway's ledger is keyed by
        idempotency_key = the payment id)."""
        pid = self.id_hex("p.id")
        sql = (
            f"SELECT p.idempotency_key, p.status, COALESCE(p.failure_code, ''), "
            f"(SELECT count(*) FROM sandbox_charges s WHERE replace(s.idempotency_key, '-', '') = {pid}), "
            f"(SELECT min(s.outcome) FROM sandbox_charges s WHERE replace(s.idempotency_key, '-', '') = {pid}), "
            f"{pid} FROM payments p WHERE p.idempotency_key LIKE '{key_prefix}%'"
        )
        return [
            {"key": k, "status": st, "failure_code": fc, "charges": int(n), "outcome": oc, "id": i}
            for k, st, fc, n, oc, i in self.rows(sql)
        ]

    def orphan_charges(self) -> int:
        """Sandbox charges whose key names no payment."""
        pid = self.id_hex("p.id")
        sql = (f"SELECT count(*) FROM sandbox_charges s WHERE NOT EXISTS (SELECT 1 FROM payments p "
               f"WHERE replace(s.idempotency_key, '-', '') = {pid})")
        return int(self.rows(sql)[0][0])

    def processing(self, key_prefix: str) -> int:
        return int(self.rows(f"SELECT count(*) FROM payments WHERE status = 'processing' "
                             f"AND idempotency_key LIKE '{key_prefix}%'")[0][0])


def new_database(engine: str, tmp: str, cluster: PgCluster | None) -> str:
    if engine == "sqlite":
        return os.path.join(tmp, "reliability.db")
    assert cluster is not None
    return cluster.url()


# --------------------------------------------------------------------------------------
# Scenario 1: kill -9 during payments
# --------------------------------------------------------------------------------------


def scenario_kill(engine: str, args) -> tuple[list[str], bool]:
    tmp = tempfile.mkdtemp(prefix=f"reliability-kill-{engine}-")
    cluster = PgCluster() if engine == "postgres" else None
    server = None
    out = [f"== kill -9 during payments ({engine}) =="]
    try:
        db_url = new_database(engine, tmp, cluster)
        server = Server(db_url, tmp, f"kill-{engine}")
        secs = server.start()
        log(f"[kill/{engine}] server pid {server.proc.pid} on port {server.port}, ready (demo seeded) in {secs:.1f} s")
        token, account = login(server.port)
        check_card_enabled(server.port, token, account)
        db = DbReader(engine, db_url)
        prefix = f"rel-{uuid.uuid4().hex[:8]}-"
        n, workers = args.payments, args.concurrency
        kill_after = max(1, int(n * args.kill_at))
        path = f"/api/v1/accounts/{account['id']}/payments"

        results: dict[int, str] = {}
        lock = threading.Lock()
        done = threading.Condition(lock)
        next_i = [0]

        def worker():
            while True:
                with lock:
                    i = next_i[0]
                    if i >= n:
                        return
                    next_i[0] += 1
                key = f"{prefix}{i:05d}"
                try:
                    status, _ = call(server.port, "POST", path, payment_body(1000 + i), token=token,
                                     headers={"Idempotency-Key": key}, timeout=120)
                    r = str(status)
                except ConnectionRefusedError:
                    r = "refused"  # never reached the server
                except (http.client.HTTPException, OSError):
                    r = "no answer"  # sent; the connection died before an answer
                with done:
                    results[i] = r
                    done.notify_all()

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
        t_fire = time.monotonic()
        for t in threads:
            t.start()
        with done:
            done.wait_for(lambda: len(results) >= kill_after, timeout=600)
            answered_before_kill = len(results)
            in_flight = next_i[0] - len(results)
        server.kill9()
        t_kill = time.monotonic()
        log(f"[kill/{engine}] kill -9 after {answered_before_kill} answers ({t_kill - t_fire:.1f} s), "
            f"{in_flight} requests in flight")
        for t in threads:
            t.join()
        client = Counter(results.values())
        left_processing = db.processing(prefix)
        rows_at_kill = len(db.payments(prefix))
        log(f"[kill/{engine}] client saw {dict(client)}; {rows_at_kill} payments in the database, "
            f"{left_processing} left processing")

        restart_secs = server.start()
        log(f"[kill/{engine}] restarted (pid {server.proc.pid}) in {restart_secs:.1f} s; waiting for the reconciler "
            f"(up to {args.settle_timeout} s)")
        deadline = time.monotonic() + args.settle_timeout
        remaining = left_processing
        settled_at = None if left_processing else 0.0
        while remaining and time.monotonic() < deadline:
            time.sleep(5)
            remaining = db.processing(prefix)
            if remaining == 0:
                settled_at = time.monotonic() - t_kill
            else:
                log(f"[kill/{engine}]   {remaining} still processing, {time.monotonic() - t_kill:.0f} s after the kill")

        payments = db.payments(prefix)
        by_key = {p["key"]: p for p in payments}
        statuses = Counter(p["status"] for p in payments)
        charges = sum(p["charges"] for p in payments)
        multi = [p for p in payments if p["charges"] > 1]
        succeeded_bad = [p for p in payments if p["status"] == "succeeded"
                         and (p["charges"] != 1 or p["outcome"] != "approve")]
        failed_charged = [p for p in payments if p["status"] == "failed" and p["outcome"] == "approve"]
        acked_bad = [i for i, r in results.items() if r == "201"
                     and by_key.get(f"{prefix}{i:05d}", {}).get("status") != "succeeded"]
        refused_written = [i for i, r in results.items() if r == "refused" and f"{prefix}{i:05d}" in by_key]
        orphans = db.orphan_charges()
        failure_codes = Counter(p["failure_code"] for p in payments if p["status"] == "failed")
        reconciled = 0
        with open(server.logs[-1], errors="replace") as f:
            reconciled = sum(1 for line in f if "reconciler settled a payment" in line)
        alive = server.proc.poll() is None

        out.append(f"  payments fired: {n} ({workers} at once, no retries); kill -9 after {answered_before_kill} "
                   f"answers, {t_kill - t_fire:.1f} s in, {in_flight} in flight")
        out.append("  client saw: " + ", ".join(f"{k} x{v}" for k, v in sorted(client.items())))
        out.append(f"  in the database after the kill: {rows_at_kill} payments, {left_processing} left processing")
        out.append(f"  restart to ready: {restart_secs:.1f} s; reconciler settled {reconciled} "
                   f"(log of the restarted server)"
                   + (f"; none left processing {settled_at:.0f} s after the kill" if settled_at else ""))
        out.append("  payments: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
                   + f" (total {len(payments)}); failed by code: {dict(failure_codes)}")
        out.append(f"  sandbox charges: {charges} for {len(payments)} payments; orphan charges (no payment): {orphans}")
        checks = [
            (f"still processing: {remaining} (target 0)", remaining == 0),
            (f"payments with more than one charge: {len(multi)} (target 0; max per payment "
             f"{max((p['charges'] for p in payments), default=0)})", not multi),
            (f"succeeded payments without exactly one approved charge: {len(succeeded_bad)} (target 0)",
             not succeeded_bad),
            (f"failed payments whose charge was approved (money taken, payment failed): {len(failed_charged)} "
             f"(target 0)", not failed_charged),
            (f"answered 201 but not succeeded in the database: {len(acked_bad)} (target 0)", not acked_bad),
            (f"refused connections that wrote a payment: {len(refused_written)} (target 0)", not refused_written),
            (f"charges with no payment: {orphans} (target 0)", orphans == 0),
            (f"the kill left payments processing, so the reconciler was exercised: {left_processing} "
             f"(target > 0)", left_processing > 0),
            (f"restarted server alive, no panic: alive={alive}, panics={server.panics()}",
             alive and server.panics() == 0),
        ]
        ok = True
        for text, good in checks:
            out.append(f"  [{verdict(good)}] {text}")
            ok &= good
        return out, ok
    finally:
        if server:
            server.stop()
        if cluster:
            cluster.remove()
        if args.keep:
            log(f"[kill/{engine}] kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------------------
# Scenario 2: PostgreSQL outage
# --------------------------------------------------------------------------------------


def scenario_outage(args) -> tuple[list[str], bool]:
    tmp = tempfile.mkdtemp(prefix="reliability-outage-")
    cluster = PgCluster()
    server = None
    out = [f"== PostgreSQL outage ({args.outage_seconds:g} s, own cluster on port {cluster.port}) =="]
    stop_probe = threading.Event()
    try:
        server = Server(cluster.url(), tmp, "outage")
        secs = server.start()
        pid = server.proc.pid
        log(f"[outage] server pid {pid} on port {server.port}, ready (demo seeded on PostgreSQL) in {secs:.1f} s")
        token, account = login(server.port)
        probes: list[tuple[float, float, str]] = []  # (sent at, seconds, status or error)
        loads: list[tuple[float, float, str]] = []

        def probe():
            while not stop_probe.is_set():
                t = time.monotonic()
                try:
                    status, _ = call(server.port, "GET", "/readyz", timeout=10)
                    r = str(status)
                except (http.client.HTTPException, OSError) as e:
                    r = type(e).__name__
                probes.append((t, time.monotonic() - t, r))
                stop_probe.wait(max(0.0, 0.1 - (time.monotonic() - t)))

        def load():
            paths = [f"/api/v1/accounts/{account['id']}/contracts?per_page=20",
                     f"/api/v1/accounts/{account['id']}/invoices?per_page=20",
                     f"/api/v1/accounts/{account['id']}/rentals?view=on_rent", "/api/v1/me"]
            k = 0
            while not stop_probe.is_set():
                t = time.monotonic()
                try:
                    status, _ = call(server.port, "GET", paths[k % len(paths)], token=token, timeout=30)
                    r = str(status)
                except (http.client.HTTPException, OSError) as e:
                    r = type(e).__name__
                loads.append((t, time.monotonic() - t, r))
                k += 1
                stop_probe.wait(max(0.0, 0.2 - (time.monotonic() - t)))

        threads = [threading.Thread(target=probe, daemon=True), threading.Thread(target=load, daemon=True)]
        for t in threads:
            t.start()
        time.sleep(5)
        t_stop0 = time.monotonic()
        cluster.stop("fast")
        t_down = time.monotonic()
        log(f"[outage] PostgreSQL stopped ({t_down - t_stop0:.2f} s); down for {args.outage_seconds:g} s")
        time.sleep(args.outage_seconds)
        t_start0 = time.monotonic()
        cluster.start()
        t_up = time.monotonic()
        log(f"[outage] PostgreSQL started ({t_up - t_start0:.2f} s, pg_ctl -w returned)")
        deadline = time.monotonic() + 60
        t_ready = None
        while time.monotonic() < deadline and t_ready is None:
            time.sleep(0.05)
            t_ready = next((t + d for t, d, r in list(probes) if t >= t_up and r == "200"), None)
        time.sleep(10)  # the load runs on after recovery
        stop_probe.set()
        for t in threads:
            t.join()

        down = [(t, d, r) for t, d, r in probes if t >= t_down and t + d <= t_start0]
        down_status = Counter(r for _, _, r in down)
        down_max = max((d for _, d, _ in down), default=float("nan"))
        first_503 = next((t + d - t_down for t, d, r in down if r == "503"), None)
        recover_from_up = (t_ready - t_up) if t_ready else None
        recover_from_start = (t_ready - t_start0) if t_ready else None
        load_before = Counter(r for t, _, r in loads if t < t_stop0)
        load_down = Counter(r for t, _, r in loads if t_down <= t < t_up)
        load_down_max = max((d for t, d, _ in loads if t_down <= t < t_up), default=float("nan"))
        after = t_ready or t_up
        load_after = Counter(r for t, _, r in loads if t >= after + 1)
        first_load_ok = next((t + d - t_up for t, d, r in loads if t >= t_up and r == "200"), None)
        alive = server.proc.poll() is None
        same_pid = alive and server.proc.pid == pid
        panics = server.panics()

        out.append(f"  /readyz probed every 0.1 s ({len(probes)} probes); light load: a GET every 0.2 s "
                   f"({len(loads)} requests: contracts, invoices, rentals, me)")
        out.append(f"  before: load {dict(load_before)}")
        out.append(f"  while down: /readyz {dict(down_status)}, slowest answer {down_max * 1000:.0f} ms, "
                   f"first 503 {first_503 if first_503 is None else round(first_503 * 1000)} ms after the stop; "
                   f"load {dict(load_down)}, slowest {load_down_max:.2f} s")
        out.append(f"  PostgreSQL start: pg_ctl -w took {t_up - t_start0:.2f} s; /readyz 200 "
                   + (f"{recover_from_up:.2f} s after it returned ({recover_from_start:.2f} s after the start "
                      f"command)" if t_ready else "never within 60 s")
                   + (f"; first load GET 200 {first_load_ok:.2f} s after" if first_load_ok is not None else ""))
        out.append(f"  after recovery (+1 s on): load {dict(load_after)}")
        checks = [
            (f"/readyz while down: every answer 503 within 1 s ({len(down)} probes, "
             f"max {down_max * 1000:.0f} ms)",
             bool(down) and set(down_status) == {"503"} and down_max < 1.0),
            ("/readyz 200 within 2 s of PostgreSQL accepting again: "
             + (f"{recover_from_up:.2f} s" if t_ready else "never"),
             recover_from_up is not None and recover_from_up < 2.0),
            (f"load answered 200 after recovery: {dict(load_after)}",
             bool(load_after) and set(load_after) == {"200"}),
            (f"no panic in the server log: {panics}", panics == 0),
            (f"same server process throughout: pid {pid} -> "
             f"{server.proc.pid if alive else 'exited ' + str(server.proc.returncode)}", same_pid),
        ]
        ok = True
        for text, good in checks:
            out.append(f"  [{verdict(good)}] {text}")
            ok &= good
        return out, ok
    finally:
        stop_probe.set()
        if server:
            server.stop()
        cluster.remove()
        if args.keep:
            log(f"[outage] kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------------------
# Scenario 3: soak
# --------------------------------------------------------------------------------------

# Answers that are the business saying no, not a failure: a call-off of an item another
# worker (or an earlier call-off) already called off, or one returned meanwhile, is a 422.
EXPECTED = {("call-off", 422)}


def scenario_soak(args) -> tuple[list[str], bool]:
    engine = args.soak_engine
    tmp = tempfile.mkdtemp(prefix="reliability-soak-")
    cluster = PgCluster() if engine == "postgres" else None
    server = None
    stop = threading.Event()
    out = [f"== soak ({engine}, {args.soak_seconds:g} s, {args.soak_workers} workers) =="]
    try:
        server = Server(new_database(engine, tmp, cluster), tmp, "soak")
        secs = server.start()
        pid = server.proc.pid
        log(f"[soak] server pid {pid} on port {server.port}, ready in {secs:.1f} s; running {args.soak_seconds:g} s")
        token, account = login(server.port)
        check_card_enabled(server.port, token, account)
        acc = f"/api/v1/accounts/{account['id']}"
        session = {"token": token}
        session_lock = threading.Lock()
        stats = defaultdict(list)  # kind -> [seconds]
        answers = Counter()  # (kind, status)
        problems = Counter()  # (kind, status, code)
        relogins = [0]
        rss: list[tuple[float, int]] = []
        out_lines: list[str] = []
        out_lock = threading.Lock()
        last_call_off = [0.0]

        def refresh_out_lines(conn):
            status, data = call(server.port, "GET", f"{acc}/rentals?view=on_rent&per_page=200",
                                token=session["token"], conn=conn)
            if status == 200:
                items = json.loads(data)["items"]
                with out_lock:
                    out_lines[:] = [i["line_id"] for i in items if i["status"] == "out"]

        def act(conn, kind, tok):
            if kind == "contracts":
                return call(server.port, "GET", f"{acc}/contracts?page={random.randint(1, 3)}&per_page=50",
                            token=tok, conn=conn)
            if kind == "invoices":
                return call(server.port, "GET", f"{acc}/invoices?per_page=50&page={random.randint(1, 2)}",
                            token=tok, conn=conn)
            if kind == "rentals":
                return call(server.port, "GET", f"{acc}/rentals?view=on_rent&per_page=50", token=tok, conn=conn)
            if kind == "csv":
                return call(server.port, "GET", f"{acc}/contracts", token=tok, conn=conn,
                            headers={"Accept": "text/csv"})
            if kind == "payment":
                return call(server.port, "POST", f"{acc}/payments", payment_body(random.randint(100, 5000)),
                            token=tok, conn=conn, headers={"Idempotency-Key": f"soak-{uuid.uuid4()}"})
            if kind == "call-off":
                with out_lock:
                    line = random.choice(out_lines) if out_lines else None
                if line is None:
                    return None
                body = {
                    "line_ids": [line],
                    "pickup_date": (date.today() + timedelta(days=2)).isoformat(),
                    "pickup_window": "7-9am",
                    "site_address": "1450 Wynkoop St, Denver CO",
                    "contact": {"name": "Pat Site", "phone": "303-555-0188", "email": "pat.site@builder.example"},
                    "notes": "reliability soak",
                }
                r = call(server.port, "POST", f"{acc}/call-offs", body, token=tok, conn=conn,
                         headers={"Idempotency-Key": f"soak-{uuid.uuid4()}"})
                if r[0] == 201:
                    with out_lock:
                        if line in out_lines:
                            out_lines.remove(line)
                return r
            raise AssertionError(kind)

        mix = (["contracts"] * 4 + ["invoices"] * 3 + ["rentals"] * 2 + ["csv"] + ["payment"] * 2)

        def worker(w: int):
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            refresh_out_lines(conn)
            k = w
            while not stop.is_set():
                kind = mix[k % len(mix)]
                k += 1
                now = time.monotonic()
                with out_lock:
                    if now - last_call_off[0] >= args.call_off_every:
                        last_call_off[0] = now
                        kind = "call-off"
                t = time.monotonic()
                tok = session["token"]
                try:
                    r = act(conn, kind, tok)
                    if r is None:
                        continue
                    status, data = r
                except (http.client.HTTPException, OSError) as e:
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
                    answers[(kind, type(e).__name__)] += 1
                    problems[(kind, type(e).__name__, "")] += 1
                    continue
                stats[kind].append(time.monotonic() - t)
                if status == 401:  # the access token ran out (15 min): sign in again, not an error
                    with session_lock:
                        if session["token"] == tok:
                            session["token"], _ = login(server.port)
                            relogins[0] += 1
                    continue
                answers[(kind, status)] += 1
                if status >= 400:
                    code = ""
                    try:
                        code = json.loads(data).get("code", "")
                    except ValueError:
                        pass
                    problems[(kind, status, code)] += 1
                    if kind == "call-off":
                        refresh_out_lines(conn)
                if kind == "csv" and status == 200 and not data.lstrip(b"\xef\xbb\xbf").startswith(b"Contract"):
                    # A CSV that is not one: counted as an error.
                    problems[(kind, 200, "not csv: " + data[:40].decode(errors="replace"))] += 1
                if args.think > 0:
                    stop.wait(args.think)
            conn.close()

        def sampler():
            while not stop.is_set():
                rss.append((time.monotonic(), rss_kb(pid)))
                stop.wait(args.rss_every)

        threads = [threading.Thread(target=sampler, daemon=True)]
        threads += [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(args.soak_workers)]
        t_begin = time.monotonic()
        for t in threads:
            t.start()
        next_report = t_begin + 60
        while time.monotonic() - t_begin < args.soak_seconds:
            time.sleep(1)
            if time.monotonic() >= next_report:
                next_report += 60
                log(f"[soak] {time.monotonic() - t_begin:.0f} s: {sum(answers.values())} requests, "
                    f"RSS {rss[-1][1] / 1024:.0f} MB")
        stop.set()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t_begin
        rss.append((time.monotonic(), rss_kb(pid)))

        total = sum(answers.values())
        expected = sum(v for (kind, st, _), v in problems.items() if (kind, st) in EXPECTED)
        errors = sum(v for (kind, st, _), v in problems.items() if (kind, st) not in EXPECTED)
        warm = t_begin + args.soak_seconds * args.warmup
        post = [kb for t, kb in rss if t >= warm]
        base = statistics.mean(post[:3]) if post else 0
        end = statistics.mean(post[-3:]) if post else 0
        peak = max(post, default=0)
        drift = (end - base) / base if base else float("nan")
        spread = (peak - base) / base if base else float("nan")
        alive = server.proc.poll() is None and server.proc.pid == pid
        panics = server.panics()

        out.append(f"  {total} requests in {elapsed:.0f} s ({total / elapsed:.1f}/s); re-logins {relogins[0]}")
        out.append(f"  {'kind':<10}{'count':>7}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}  answers")
        for kind in ["contracts", "invoices", "rentals", "csv", "payment", "call-off"]:
            d = sorted(stats.get(kind, []))
            by = ", ".join(f"{st} x{v}" for (k, st), v in sorted(answers.items(), key=str) if k == kind)
            if d:
                out.append(f"  {kind:<10}{len(d):>7}{d[len(d) // 2] * 1000:>8.0f}"
                           f"{d[min(len(d) - 1, int(len(d) * 0.95))] * 1000:>8.0f}{d[-1] * 1000:>8.0f}  {by}")
            else:
                out.append(f"  {kind:<10}{0:>7}  {by}")
        for (kind, st, code), v in sorted(problems.items(), key=str):
            why = ("expected: the item was called off meanwhile (another call-off got there first)"
                   if (kind, st) in EXPECTED else "ERROR")
            out.append(f"    {kind} {st} {code} x{v}: {why}")
        mb = [kb / 1024 for _, kb in rss]
        out.append(f"  RSS samples every {args.rss_every:g} s: {len(rss)}; start {mb[0]:.0f} MB, "
                   f"max {max(mb):.0f} MB, end {mb[-1]:.0f} MB; after warm-up ({args.warmup:.0%} of the run): "
                   f"first {base / 1024:.0f} MB, peak {peak / 1024:.0f} MB, last {end / 1024:.0f} MB")
        step = max(1, len(mb) // 12)
        out.append("  RSS MB over time: " + " ".join(f"{m:.0f}" for m in mb[::step]))
        checks = [
            (f"errors: {errors} (target 0; expected business answers counted apart: {expected})", errors == 0),
            (f"RSS flat after warm-up: last {drift:+.1%}, peak {spread:+.1%} vs the first post-warm-up samples "
             f"(target within 10%)", abs(drift) <= 0.10 and spread <= 0.10),
            (f"same server process, no panic: alive={alive}, panics={panics}", alive and panics == 0),
        ]
        ok = True
        for text, good in checks:
            out.append(f"  [{verdict(good)}] {text}")
            ok &= good
        return out, ok
    finally:
        stop.set()
        if server:
            server.stop()
        if cluster:
            cluster.remove()
        if args.keep:
            log(f"[soak] kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------------------


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    env = os.environ.get
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenarios", nargs="*", default=["all"], help="kill, outage, soak or all (default all)")
    ap.add_argument("--payments", type=int, default=int(env("PAYMENTS", "300")),
                    help="kill: card payments fired (default 300, env PAYMENTS)")
    ap.add_argument("--concurrency", type=int, default=int(env("CONCURRENCY", "24")),
                    help="kill: payments in flight at once (default 24)")
    ap.add_argument("--kill-at", type=float, default=0.5,
                    help="kill: kill -9 once this fraction of the payments has been answered (default 0.5)")
    ap.add_argument("--kill-engines", default=env("KILL_ENGINES", "sqlite,postgres"),
                    help="kill: sqlite, postgres or both (default both; PostgreSQL on a throwaway cluster)")
    ap.add_argument("--settle-timeout", type=float, default=240,
                    help="kill: seconds after the restart to wait for the reconciler (default 240)")
    ap.add_argument("--outage-seconds", type=float, default=float(env("OUTAGE_SECONDS", "20")),
                    help="outage: how long PostgreSQL stays down (default 20)")
    ap.add_argument("--soak-seconds", type=float, default=float(env("SOAK_SECONDS", "600")),
                    help="soak: duration (default 600, env SOAK_SECONDS)")
    ap.add_argument("--soak-engine", default=env("SOAK_ENGINE", "sqlite"), choices=["sqlite", "postgres"])
    ap.add_argument("--soak-workers", type=int, default=4, help="soak: concurrent clients (default 4)")
    ap.add_argument("--think", type=float, default=0.02, help="soak: pause per client between requests (s)")
    ap.add_argument("--call-off-every", type=float, default=10,
                    help="soak: one call-off (of one item) every this many seconds (default 10)")
    ap.add_argument("--rss-every", type=float, default=2, help="soak: RSS sample interval (default 2 s)")
    ap.add_argument("--warmup", type=float, default=0.2, help="soak: warm-up fraction of the run (default 0.2)")
    ap.add_argument("--keep", action="store_true", help="keep temporary directories (server logs, SQLite files)")
    args = ap.parse_args()

    chosen = []
    for s in args.scenarios:
        chosen += ["kill", "outage", "soak"] if s == "all" else [s]
    if any(s not in ("kill", "outage", "soak") for s in chosen):
        ap.error(f"unknown scenario in {args.scenarios}")
    if not os.path.exists(BINARY):
        log(f"{BINARY} is missing: run scripts/reliability.sh (it builds it) or cargo build --release -p api")
        return 2
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    lines = [f"reliability: {' '.join(chosen)}; commit {commit.stdout.strip() or '?'}, {os.cpu_count()} CPUs, "
             f"load average {os.getloadavg()[0]:.2f}"]
    ok = True
    for s in chosen:
        if s == "kill":
            for engine in [e.strip() for e in args.kill_engines.split(",") if e.strip()]:
                part, good = scenario_kill(engine, args)
                lines += part
                ok &= good
                print("\n".join(part), flush=True)
        elif s == "outage":
            part, good = scenario_outage(args)
            lines += part
            ok &= good
            print("\n".join(part), flush=True)
        else:
            part, good = scenario_soak(args)
            lines += part
            ok &= good
            print("\n".join(part), flush=True)
    lines.append(f"overall: {verdict(ok)}")
    print("\n=== summary ===\n" + "\n".join(lines), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
