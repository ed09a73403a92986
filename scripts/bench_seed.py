#!/usr/bin/env python3
"""Seeds the benchmark suite's data set straight into the database, not through the HTTP API.

scripts/bench_suite.py calls `seed()` (its default, `--seed copy`) once the server has
migrated its fresh database, the CLI has created the dealer and its admin, and the admin
has created the API client over HTTP. It writes what the HTTP loader's integration calls
would have stored (`--seed http`: bench_load's `location_json`, `customer_json(i, 1, 1)` and
bench_suite's `DataSet.contract_json`, in batches of the spec's `maxItems`), row for row:
the same tables, columns and values as api/src/db/record_upserts.rs and contract_upserts.rs
write them (UUID v7 ids, on SQLite as 16-byte blobs; timestamps as sqlx stores a
`DateTime<Utc>` there, RFC 3339 with `+00:00`; dates as YYYY-MM-DD; booleans 0/1; phones
normalised as shared::phone does; a line's return date kept only when it is returned), each
contract with its search text already filled in as the feed writes it (migration 0028),
and the bookkeeping of each batch the loader would have sent: its `*.upserted` audit event
as the API client from 127.0.0.1, and the sync status row (`integration_sync`) of its last
call. The derived data is made by the schema's own SQL, as under the API, but once per
customer and contract instead of once per row and batch: the triggers that rebuild
`admin_customer_rows` (migrations 0015, 0025) and SQLite's `contracts.search_text` (0026,
0028) are lifted in the seed's transaction and back in place when it commits, and every
seeded row is rebuilt once by the function or dirty-table trigger they call (see
PG_DEFERRED, DEFERRED). An HTTP-seeded and a copy-seeded database of one scale hold the
same rows in every table, ids and times aside (checked with --keep at --scale 0.01).

  PostgreSQL: one psql session and one transaction, one COPY ... FROM STDIN per table with
    the rows streamed to psql's stdin as they are made (Python makes the next rows while the
    server stores the previous ones). The lines are made with their contracts and wait in a
    file of the run's directory until the contracts are in, then go in by one \\copy, so
    the lines' statement trigger checks each contract's text once. After the commit the
    customers' admin rows are rebuilt by several sessions at once.
  SQLite: Python's sqlite3 on the server's file (WAL; the server is idle meanwhile), one
    transaction, executemany per table, contracts and their lines a chunk at a time. Then a
    checkpoint, so the reads that follow do not go through a WAL as large as the database.

Before anything is written a sample of the rows (the first, the heavy customer's, random
ones) is compared with what the loader's JSON says they are, through the server's rules
(`check`), and the PostgreSQL COPY text of each is parsed back: a change to the loader's
data fails here instead of making the two seeds differ. Python standard library only.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import tempfile
import time
from datetime import datetime, timezone

import bench_load as bl

# Contacts and jobs per customer, as bench_suite.load sends them (customer_json(i, 1, 1)).
CONTACTS = 1
JOBS = 1
# Contracts per executemany on SQLite (then their lines): only how many rows are held at once.
SQLITE_CHUNK = 1000
# Contracts per COPY chunk written to psql: only how much text is built at once.
PG_CHUNK = 2000

COLUMNS = {
    "locations": "id, dealer_id, external_id, code, name, phone, email, address, created_at, updated_at",
    "customers": "id, dealer_id, external_id, account_number, name, kind, portal_enabled, phone, phone_normalized, "
                 "mobile_phone, email, address, shipping_address, postal_code, credit_limit_minor, "
                 "home_location_id, created_at, updated_at",
    "contacts": "id, dealer_id, customer_id, external_id, name, email, phone, is_primary, created_at, updated_at",
    "jobs": "id, dealer_id, customer_id, external_id, number, name, address, active, created_at, updated_at",
    "contracts": "id, dealer_id, customer_id, location_id, external_id, number, status, job_number, po_number, "
                 "job_site, ordered_by, notes, start_date, close_date, amount_minor, amount_due_minor, "
                 "created_at, updated_at, search_text",
    "contract_lines": "id, contract_id, external_id, line_no, kind, item_code, description, serial_number, "
                      "category, quantity, status, daily_rate_minor, weekly_rate_minor, monthly_rate_minor, "
                      "start_date, expected_return, returned_on, amount_minor",
}
AUDIT_COLUMNS = ("id, occurred_at, actor_user_id, actor_client_id, dealer_id, customer_id, action, ip, user_agent, "
                 "details, target_user_id")
SYNC_COLUMNS = "dealer_id, kind, last_arrived_at, last_records"
# As db::integration_sync::record_arrival! writes it (the row may exist: a refusal, say).
SYNC_CONFLICT = (" ON CONFLICT (dealer_id, kind) DO UPDATE SET last_arrived_at = excluded.last_arrived_at, "
                 "last_records = excluded.last_records")

log = bl.log


# --------------------------------------------------------------------------------------
# Values as the server stores them
# --------------------------------------------------------------------------------------


class Ids:
    """UUID v7 ids (RFC 9562) as the server makes them with `Uuid::now_v7`: 48 bits of Unix
    time in ms, the version, then random bits and a counter, so ids made later sort after.
    Only the low 48 bits count up, so each id is a fixed prefix and a counter: text for
    PostgreSQL's COPY, 16 bytes for SQLite (how sqlx binds a `Uuid` there)."""

    def __init__(self, engine: str):
        ms = time.time_ns() // 1_000_000
        head = (ms << 80) | (0x7 << 76) | (random.getrandbits(12) << 64) | (0b10 << 62) | (random.getrandbits(14) << 48)
        self.next = random.getrandbits(40)  # room for 2^48 - 2^40 ids before the prefix would change
        if engine == "sqlite":
            prefix = head.to_bytes(16, "big")[:10]
            self.make = lambda k: prefix + k.to_bytes(6, "big")
        else:
            h = f"{head:032x}"
            prefix = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-"
            self.make = lambda k: f"{prefix}{k:012x}"

    def new(self):
        k = self.next
        self.next += 1
        return self.make(k)


def timestamp() -> str:
    """Now, truncated to microseconds as the API does (`trunc_subsecs(6)`), written as sqlx
    writes a `DateTime<Utc>` on SQLite (chrono's RFC 3339, `SecondsFormat::AutoSi`: no
    fraction, or 3 or 6 digits, whichever is exact; `+00:00`). PostgreSQL reads the same."""
    now = datetime.now(timezone.utc)
    us = now.microsecond
    frac = "" if us == 0 else f".{us // 1000:03d}" if us % 1000 == 0 else f".{us:06d}"
    return now.strftime("%Y-%m-%dT%H:%M:%S") + frac + "+00:00"


def normalize_phone(text: str) -> str | None:
    """shared::phone::normalize_phone: national digits, or None when it cannot be a phone."""
    trimmed = text.strip()
    if not trimmed or not all(c.isascii() and c.isdigit() or c in " +-().\u00a0/" for c in trimmed):
        return None
    digits = "".join(c for c in trimmed if c.isdigit())
    if digits.startswith("00"):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    elif digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    elif digits.startswith("61") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits if 7 <= len(digits) <= 15 else None


# --------------------------------------------------------------------------------------
# The rows: bench_load's records as the upserts store them
# --------------------------------------------------------------------------------------
#
# `nl` is the line break inside a value as the engine's input wants it: a newline for
# sqlite3's parameters, the escape `\n` for COPY's text format (the only character of this
# data that format escapes; `check` proves it). Ids, the dealer and `now` come ready-made.


def location_row(i: int, nl: str) -> tuple:
    """(external_id, code, name, phone, email, address) of bench_load.location_json(i)."""
    return (f"BR-{i:03d}", f"S{i:03d}", f"Store {i}", f"(303) 555-{i:04d}", f"store{i}@bench.example",
            f"{100 + i} Main St{nl}Denver CO 80216")


def customer_row(i: int, nl: str) -> tuple:
    """(external_id, account_number, name, kind, portal_enabled, phone, phone_normalized,
    mobile_phone, email, address, shipping_address, postal_code, credit_limit_minor) of
    bench_load.customer_json(i, ...); the home location is `i % LOCATIONS`."""
    phone = bl.customer_phone(i)
    return (f"C-{i}", str(100000 + i), f"Customer {i} Construction LLC", "cash" if i % 10 == 9 else "account", True,
            phone, normalize_phone(phone), None, f"ap{i}@cust.example", f"{i} Billing Ave{nl}Denver CO 80202", None,
            f"80{i % 1000:03d}", (i % 50 + 1) * 100000)


def contact_row(i: int, k: int) -> tuple:
    """(external_id, name, email, phone, is_primary) of customer i's contact k."""
    return (f"CT-{i}-{k}", f"Contact {k} of {i}", f"c{k}.{i}@cust.example",
            f"(720) {600 + 10 * k + i // 10000}-{i % 10000:04d}", k == 0)


def job_row(i: int, k: int, nl: str) -> tuple:
    """(external_id, number, name, address, active) of customer i's job k."""
    return (f"JB-{i}-{k}", f"J{i}-{k}", f"Site {k} of customer {i}", f"{k + 1} Site Rd{nl}Aurora CO 80010", True)


class Contracts:
    """Contract `n` of a DataSet as bench_load.contract_json makes it and DataSet.contract_json
    moves it (its customer, its number of lines, the excavator of one in ten), as stored."""

    def __init__(self, data, excavator: str, nl: str):
        self.data, self.excavator, self.nl = data, excavator, nl
        self.dates = [bl.date(d) for d in range(300 + 15)]  # every date a contract uses

    def row(self, n: int) -> tuple[int, int, tuple, list[tuple]]:
        """(customer index, location index, contract values, lines). The values are
        (external_id, number, status, job_number, po_number, job_site, ordered_by, notes,
        start_date, close_date, amount_minor, amount_due_minor, search_text); each line is
        (external_id, line_no, kind, item_code, description, serial_number, category,
        quantity, status, daily, weekly, monthly rate, start_date, expected_return,
        returned_on, amount_minor)."""
        data, nl, dates = self.data, self.nl, self.dates
        status = bl.STATUSES[n % len(bl.STATUSES)]
        start = n % 300
        customer = data.customer(n)
        count = data.lines_of(n)
        number = str(500000 + n)
        job, po, site = f"J{customer}-0", f"PO-{n}", f"{n % 900 + 1} Site Rd{nl}Aurora CO 80010"
        lines, text = [], [number, job, po, site]
        for j in range(count):
            if j == count - 1 and count > 1:
                lines.append((str(j + 1), j + 1, "fee", "DEL", "Delivery and pickup", None, None, 1, None, None,
                              None, None, dates[start], None, None, 15000))
                text.append(f"Delivery and pickup{nl}DEL")
                continue
            code, desc, dr, wr, mr = bl.ITEMS[(n + j) % len(bl.ITEMS)]
            cat = bl.CATEGORIES[(n + j) % len(bl.CATEGORIES)]
            if j == 0 and data.has_excavator(n):
                desc = self.excavator
            if status == "closed":
                line_status, returned = "returned", dates[start + 10]
            elif status == "open":
                line_status, returned = ("returned", dates[start + 5]) if j == 0 and n % 4 == 0 else ("out", None)
            else:
                line_status, returned = "reserved", None
            serial = f"SN{n}-{j}"
            lines.append((str(j + 1), j + 1, "rental", code, desc, serial, cat, 1, line_status, dr, wr, mr,
                          dates[start], dates[start + 14], returned, wr * (1 + j % 3)))
            text.append(f"{desc}{nl}{serial}{nl}{code}")
        values = (f"K-{n}", number, status, job, po, site, "Contact 0", None, dates[start],
                  dates[start + 12] if status == "closed" else None, (n % 97 + 1) * 10000, (n % 13) * 1000,
                  nl.join(text).lower())
        return customer, n % bl.LOCATIONS, values, lines


# --------------------------------------------------------------------------------------
# The sample check: these rows are what the loader's JSON says, by the server's rules
# --------------------------------------------------------------------------------------


def _text(value):
    """domain::records::text: a trimmed value, None when empty."""
    value = (value or "").strip()
    return value or None


def _expected_contract(o: dict) -> tuple:
    """A contract of the loader's JSON as db::contract_upserts stores it (no ids)."""
    lines = []
    texts = []
    for line in sorted(o["lines"], key=lambda x: x["line_no"]):
        status = line["status"]
        lines.append((line["external_id"].strip(), line["line_no"], line["kind"], _text(line["item_code"]),
                      line["description"].strip(), _text(line["serial_number"]), _text(line["category"]),
                      line["quantity"], status, line["daily_rate_minor"], line["weekly_rate_minor"],
                      line["monthly_rate_minor"], line["start_date"], line["expected_return"],
                      line["returned_on"] if status == "returned" else None, line["amount_minor"]))
        texts.append("\n".join(x for x in (lines[-1][4], lines[-1][5], lines[-1][3]) if x is not None))
    head = [o["number"].strip()] + [x for x in (_text(o["job_number"]), _text(o["po_number"]), _text(o["job_site"]))
                                    if x is not None]
    values = (o["external_id"].strip(), o["number"].strip(), o["status"], _text(o["job_number"]),
              _text(o["po_number"]), _text(o["job_site"]), _text(o["ordered_by"]), _text(o["notes"]),
              o["start_date"], o["close_date"], o["amount_minor"], o["amount_due_minor"],
              "\n".join(head + texts).lower())
    return o["customer_external_id"].strip(), o["location_external_id"].strip(), values, lines


def _expect(ok: bool, what: str) -> None:
    if not ok:
        raise RuntimeError(f"bench_seed: {what}")


def _copy_round_trip(row: tuple) -> tuple:
    """`row` (made with nl = "\\\\n") through COPY's text format and back, as PostgreSQL
    reads it: fails on a tab, carriage return or backslash of the data itself."""
    line = _copy_line(row)
    _expect(line.count("\n") == 1 and "\r" not in line, f"COPY text would break the row: {line!r}")
    out = []
    for field in line[:-1].split("\t"):
        if field == "\\N":
            out.append(None)
            continue
        _expect("\\" not in field.replace("\\n", ""), f"unexpected escape in {field!r}")
        out.append(field.replace("\\n", "\n"))
    return tuple(out)


def _as_copy_text(row: tuple) -> tuple:
    """`row` as COPY's text format reads it back: every value its text, None as is."""
    return tuple(None if v is None else str(v) for v in row)


def check(data, excavator: str, samples: int = 200) -> int:
    """Compares a sample of the rows made here with the loader's JSON for them (decoded, then
    stored by the server's rules: trimmed, empty as NULL, phones normalised, a return date
    only on a returned line, the search text); raises RuntimeError on the first
    difference. Returns how many records were compared."""
    rng = random.Random(16)
    made, copy = Contracts(data, excavator, "\n"), Contracts(data, excavator, "\\n")
    heavy = [n for n in range(0, data.contracts, data.step) if data.heavy_index(n) is not None][:samples // 4]
    picks = sorted(set(range(min(samples // 4, data.contracts))) | set(heavy)
                   | {rng.randrange(data.contracts) for _ in range(samples // 2)} | {data.contracts - 1})
    for n in picks:
        customer, location, values, lines = made.row(n)
        want = _expected_contract(json.loads(data.contract_json(n)))
        got = (f"C-{customer}", f"BR-{location:03d}", values, lines)
        _expect(got == want, f"contract {n}: seeded {got}\n  but the loader sends {want}")
        _, _, cvalues, clines = copy.row(n)
        _expect(_copy_round_trip(cvalues) == _as_copy_text(values), f"contract {n}: COPY text differs")
        for cline, line in zip(clines, lines):
            _expect(_copy_round_trip(cline) == _as_copy_text(line), f"contract {n}: COPY text of a line differs")
    customers = sorted({0, data.customers - 1} | {rng.randrange(data.customers) for _ in range(samples // 2)})
    for i in customers:
        o = json.loads(bl.customer_json(i, CONTACTS, JOBS))
        want = (o["external_id"], o["account_number"], o["name"], o["kind"], o["portal_enabled"], _text(o["phone"]),
                normalize_phone(o["phone"]), _text(o["mobile_phone"]), _text(o["email"]), _text(o["billing_address"]),
                _text(o["shipping_address"]), _text(o["postal_code"]), o["credit_limit_minor"])
        got = customer_row(i, "\n")
        _expect(got == want, f"customer {i}: seeded {got}, the loader sends {want}")
        _expect(o["home_location_external_id"] == f"BR-{i % bl.LOCATIONS:03d}", f"customer {i}: home location")
        _expect(_copy_round_trip(customer_row(i, "\\n")) == _as_copy_text(want), f"customer {i}: COPY text differs")
        contacts = [(k["external_id"], k["name"], _text(k["email"]), _text(k["phone"]), k["is_primary"])
                    for k in o["contacts"]]
        _expect([contact_row(i, k) for k in range(CONTACTS)] == contacts, f"customer {i}: contacts differ")
        jobs = [(j["external_id"], _text(j["number"]), j["name"], _text(j["address"]), j["active"]) for j in o["jobs"]]
        _expect([job_row(i, k, "\n") for k in range(JOBS)] == jobs, f"customer {i}: jobs differ")
        for k in range(JOBS):
            _expect(_copy_round_trip(job_row(i, k, "\\n")) == _as_copy_text(jobs[k]), f"customer {i}: job COPY text")
    for i in range(bl.LOCATIONS):
        o = json.loads(bl.location_json(i))
        want = tuple(_text(o[k]) for k in ("external_id", "code", "name", "phone", "email", "address"))
        got = location_row(i, "\n")
        _expect(got == want, f"location {i}: seeded {got}, the loader sends {want}")
        _expect(_copy_round_trip(location_row(i, "\\n")) == _as_copy_text(want), f"location {i}: COPY text differs")
    _expect(_text(excavator) == excavator and "\n" not in excavator, "the excavator's description")
    return len(picks) + len(customers) + bl.LOCATIONS


# --------------------------------------------------------------------------------------
# The bookkeeping of the batches the loader would have sent
# --------------------------------------------------------------------------------------


def batches(n: int, size: int) -> list[tuple[int, int]]:
    """(first, end) of each batch of `size` records of `n`, as bench_load.batches_of sends them."""
    return [(start, min(n, start + size)) for start in range(0, n, size)]


def bookkeeping(data, size: dict, ids: Ids, now: str, dealer, client) -> tuple[list[tuple], list[tuple]]:
    """(audit_events rows, integration_sync rows): what services::record_integrations and
    contract_integrations record for each batch the loader sends, every record of it
    created, as the API client from 127.0.0.1 (http.client sends no User-Agent); the sync
    status keeps each kind's last call. Details as serde_json writes them (compact, keys
    sorted)."""
    dump = lambda d: json.dumps(d, sort_keys=True, separators=(",", ":"))  # noqa: E731
    details, sync = [], []
    for kind, n in (("locations", bl.LOCATIONS), ("customers", data.customers)):
        parts = batches(n, size[kind])
        details += [(f"{kind}.upserted", dump({"created": end - start, "updated": 0, "unchanged": 0}))
                    for start, end in parts]
        sync.append((dealer, kind, now, parts[-1][1] - parts[-1][0]))
    parts = batches(data.contracts, size["contracts"])
    for start, end in parts:
        lines = sum(data.lines_of(n) for n in range(start, end))
        details.append(("contracts.upserted", dump({"contracts": end - start, "lines": lines, "created": end - start,
                                                    "updated": 0, "unchanged": 0, "call_offs_completed": []})))
    sync.append((dealer, "contracts", now, parts[-1][1] - parts[-1][0]))
    audit = [(ids.new(), now, None, client, dealer, None, action, "127.0.0.1", None, text, None)
             for action, text in details]
    return audit, sync


# --------------------------------------------------------------------------------------
# PostgreSQL: COPY through psql
# --------------------------------------------------------------------------------------


def _copy_line(row: tuple) -> str:
    """One row of COPY's text format. Values hold no tab, carriage return or backslash and
    their line breaks are already `\\n` (see `check`); True/False read as booleans."""
    return "\t".join(["\\N" if v is None else str(v) for v in row]) + "\n"


def _psql_rows(sql: str, db_url: str) -> list[list[str]]:
    out = subprocess.run(["psql", db_url, "-X", "-qAtc", sql], capture_output=True, text=True, check=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


def _values(rows: list[tuple]) -> str:
    """`rows` as the VALUES list of an INSERT: every value a quoted literal, or NULL."""
    return ", ".join("(" + ", ".join("NULL" if v is None else "'" + str(v).replace("'", "''") + "'" for v in row) + ")"
                     for row in rows)


# PostgreSQL's triggers that rebuild a customer's admin_customer_rows (migrations 0015,
# 0025) from the seeded tables: once per customer row, once per contact row and once per
# customer a contracts statement names, each rebuild ~1.2 ms on the reference machine (the
# heavy customer's 26 rows hold its 2,000 contract numbers), the floor of this seed. They are
# disabled for the seed's transaction (ALTER TABLE is transactional: a failed seed rolls
# back with them enabled) and enabled again before it commits; then every seeded customer
# is rebuilt once by the same function, in id order, the customers split into id ranges
# between REBUILD_SESSIONS psql sessions at once (1.5x faster on 2 cores than one session).
# Until they finish the new customers have no rows in the admin's list; the server is idle
# meanwhile. The search text's triggers (0026, 0028) stay: the contracts come with their
# text, and the lines' statement trigger checks each contract once.
PG_DEFERRED = ("admin_customer_rows_customer", "admin_customer_rows_contact", "admin_customer_rows_contract_insert")
REBUILD_SESSIONS = max(1, min(4, os.cpu_count() or 1))
# The tables the rebuild reads are analyzed before it (the suite analyzes everything after
# the seed anyway): never analyzed, their estimates were far off, every rebuild's plan cost
# more than jit_above_cost and was JIT-compiled, ~100 ms a customer (10,000 customers took
# over 14 minutes instead of 15 s). JIT is off in the seed's sessions for the same reason:
# it never pays for statements that each touch one customer's few rows.
PG_ANALYZE = "ANALYZE customers, contacts, contracts;\n"


def rebuild_admin_rows(db_url: str, customers: list[str], sessions: int) -> None:
    """admin_customer_rebuild(id) of every customer of `customers` (ascending ids), once, in
    id order within each of `sessions` contiguous id ranges rebuilt by a psql session each,
    at the same time (each range in a transaction of its own)."""
    sessions = max(1, min(sessions, len(customers)))
    procs = []
    for k in range(sessions):
        first, last = customers[k * len(customers) // sessions], customers[(k + 1) * len(customers) // sessions - 1]
        sql = ("SELECT count(admin_customer_rebuild(id)) FROM (SELECT id FROM customers "
               f"WHERE id BETWEEN '{first}' AND '{last}' ORDER BY id) c")
        procs.append(subprocess.Popen(["psql", db_url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "SET jit = off",
                                       "-c", sql], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
    failed = [(p.communicate()[1] or "").strip() for p in procs]
    failed = [err for p, err in zip(procs, failed) if p.returncode != 0]
    if failed:
        raise RuntimeError("psql failed while rebuilding admin_customer_rows:\n" + "\n".join(failed))


def seed_postgres(db_url: str, data, excavator: str, size: dict, tmp: str) -> dict:
    """The data set by COPY in one psql session and transaction, then the admin list's rows
    (see PG_DEFERRED); see the module's doc."""
    dealer, client = _psql_rows(
        "SELECT d.id, (SELECT a.id FROM api_clients a WHERE a.dealer_id = d.id ORDER BY a.created_at DESC, a.id DESC "
        "LIMIT 1) FROM dealers d WHERE d.slug = 'bench'", db_url)[0]
    names = ", ".join(f"'{name}'" for name in PG_DEFERRED)
    lifted = _psql_rows("SELECT tgrelid::regclass, tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'O' "
                        f"AND tgname IN ({names})", db_url)
    ids = Ids("postgres")
    contracts = Contracts(data, excavator, "\\n")
    lines_file = tempfile.NamedTemporaryFile("w", prefix="seed-lines-", suffix=".copy", dir=tmp, delete=False)
    psql = subprocess.Popen(["psql", db_url, "-X", "-q", "-v", "ON_ERROR_STOP=1"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1 << 20)
    rows: dict[str, int] = {}
    t0 = time.perf_counter()
    try:
        out = psql.stdin
        out.write("\\timing on\nBEGIN;\nSET LOCAL jit = off;\n")
        out.writelines(f"ALTER TABLE {table} DISABLE TRIGGER {name};\n" for table, name in lifted)

        def copy(table: str, lines) -> None:
            out.write(f"\\echo phase:{table}\nCOPY {table} ({COLUMNS[table]}) FROM STDIN;\n")
            count = 0
            for chunk in lines:
                out.write("".join(chunk))
                count += len(chunk)
            out.write("\\.\n")
            rows[table] = count

        now = timestamp()
        locations = [ids.new() for _ in range(bl.LOCATIONS)]
        copy("locations", [[_copy_line((locations[i], dealer) + location_row(i, "\\n") + (now, now))
                            for i in range(bl.LOCATIONS)]])
        now = timestamp()
        customers = [ids.new() for _ in range(data.customers)]
        step = 5000
        copy("customers", ([_copy_line((customers[i], dealer) + customer_row(i, "\\n")
                                       + (locations[i % bl.LOCATIONS], now, now))
                            for i in range(s, min(data.customers, s + step))] for s in range(0, data.customers, step)))
        copy("contacts", ([_copy_line((ids.new(), dealer, customers[i]) + contact_row(i, k) + (now, now))
                           for i in range(s, min(data.customers, s + step)) for k in range(CONTACTS)]
                          for s in range(0, data.customers, step)))
        copy("jobs", ([_copy_line((ids.new(), dealer, customers[i]) + job_row(i, k, "\\n") + (now, now))
                       for i in range(s, min(data.customers, s + step)) for k in range(JOBS)]
                      for s in range(0, data.customers, step)))

        # Contracts streamed; their lines to the file, for one \copy once the contracts are in.
        now = timestamp()
        line_count = 0

        def contract_chunks():
            nonlocal line_count
            for s in range(0, data.contracts, PG_CHUNK):
                chunk, line_text = [], []
                for n in range(s, min(data.contracts, s + PG_CHUNK)):
                    customer, location, values, lines = contracts.row(n)
                    cid = ids.new()
                    chunk.append(_copy_line((cid, dealer, customers[customer], locations[location]) + values[:12]
                                            + (now, now, values[12])))
                    line_text.extend(_copy_line((ids.new(), cid) + line) for line in lines)
                line_count += len(line_text)
                lines_file.write("".join(line_text))
                yield chunk

        copy("contracts", contract_chunks())
        lines_file.close()
        path = lines_file.name.replace("'", "''")
        out.write(f"\\echo phase:contract_lines\n\\copy contract_lines ({COLUMNS['contract_lines']}) FROM '{path}'\n")
        rows["contract_lines"] = line_count

        # What each batch of the loader would have left: its audit event, the sync status.
        audit, sync = bookkeeping(data, size, ids, now, dealer, client)
        out.write("\\echo phase:bookkeeping\n")
        out.write(f"INSERT INTO audit_events ({AUDIT_COLUMNS}) VALUES {_values(audit)};\n")
        out.write(f"INSERT INTO integration_sync ({SYNC_COLUMNS}) VALUES {_values(sync)}{SYNC_CONFLICT};\n")
        rows["audit_events"] = len(audit)
        if lifted:
            out.write(f"\\echo phase:analyze\n{PG_ANALYZE}")
            out.writelines(f"ALTER TABLE {table} ENABLE TRIGGER {name};\n" for table, name in lifted)
        out.write("\\echo phase:commit\nCOMMIT;\n")
    except BrokenPipeError:
        pass  # psql stopped on an error: reported below
    finally:
        # Ends psql's input (after an exception, before COMMIT: the transaction rolls back).
        stdout, stderr = psql.communicate()
        os.unlink(lines_file.name)
    if psql.returncode != 0:
        raise RuntimeError(f"psql failed while seeding ({psql.returncode}):\n{stderr.strip()}")
    # `\timing` prints each statement's time after it: add them up per phase.
    phases: dict[str, float] = {}
    phase = None
    for line in stdout.splitlines():
        if line.startswith("phase:"):
            phase = line[len("phase:"):]
        elif line.startswith("Time: ") and phase:
            phases[phase] = phases.get(phase, 0.0) + float(line.split()[1]) / 1000
    if lifted:
        t = time.perf_counter()
        rebuild_admin_rows(db_url, customers, REBUILD_SESSIONS)
        phases[f"admin_customer rebuild x{REBUILD_SESSIONS}"] = time.perf_counter() - t
    return {"seconds": time.perf_counter() - t0, "rows": rows, "phases": phases}


# --------------------------------------------------------------------------------------
# SQLite: executemany through Python's sqlite3
# --------------------------------------------------------------------------------------


def _insert(table: str) -> str:
    return f"INSERT INTO {table} ({COLUMNS[table]}) VALUES ({', '.join('?' * len(COLUMNS[table].split(',')))})"


# SQLite's row triggers on the seeded tables that only mark what a new row makes stale
# (migrations 0015, 0026, 0028), by the dirty table whose own trigger does the rebuild:
# (its column, the rows to mark, the triggers that feed it). Row by row they rebuild a
# customer's admin rows for each of its customer, contact and contract rows (the heavy
# customer's 2,000 times, each time over all of its contracts) and a contract's search text
# once per line: ~300 us a contract with its lines, minutes at full scale. The seed drops
# them in its transaction, marks every row once at the end instead, so the same rebuilds
# (the dirty tables' triggers, untouched) make the same derived rows, and creates them again
# from their SQL in sqlite_master before it commits (a failed seed rolls back with them in
# place). An INSERT trigger not named here fires as usual.
DEFERRED = {
    "admin_customer_dirty": ("customer_id", "SELECT id FROM customers ORDER BY rowid",
                             {"admin_customer_rows_customer_insert", "admin_customer_rows_contact_insert",
                              "admin_customer_rows_contract_insert"}),
    "contract_search_dirty": ("contract_id", "SELECT id FROM contracts ORDER BY rowid",
                              {"contract_search_text_insert", "contract_search_text_lines_insert"}),
}


def seed_sqlite(path: str, data, excavator: str, size: dict) -> dict:
    """The data set by executemany in one transaction; see the module's doc."""
    conn = sqlite3.connect(path, timeout=60, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 60000")
    conn.execute("PRAGMA foreign_keys = ON")  # as the server's connections: the rows are checked too
    conn.execute("PRAGMA cache_size = -1048576")  # 1 GiB: the full data set (~750 MB) stays in memory until COMMIT
    conn.execute("PRAGMA synchronous = OFF")  # no fsync: a database lost to a power cut is seeded again
    dealer, client = conn.execute(
        "SELECT d.id, (SELECT a.id FROM api_clients a WHERE a.dealer_id = d.id ORDER BY a.created_at DESC, a.id DESC "
        "LIMIT 1) FROM dealers d WHERE d.slug = 'bench'").fetchone()
    ids = Ids("sqlite")
    contracts = Contracts(data, excavator, "\n")
    rows: dict[str, int] = {}
    phases: dict[str, float] = {}
    t0 = time.perf_counter()

    def timed(name: str, table: str, run) -> None:
        t = time.perf_counter()
        rows[table] = rows.get(table, 0) + run()
        phases[name] = phases.get(name, 0.0) + time.perf_counter() - t

    def many(table: str, values: list) -> int:
        conn.executemany(_insert(table), values)
        return len(values)

    try:
        conn.execute("BEGIN IMMEDIATE")
        lifted = {name: sql for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
                  if any(name in names for _, _, names in DEFERRED.values())}
        for name in lifted:
            conn.execute(f"DROP TRIGGER {name}")
        now = timestamp()
        locations = [ids.new() for _ in range(bl.LOCATIONS)]
        timed("locations", "locations", lambda: many("locations", [
            (locations[i], dealer) + location_row(i, "\n") + (now, now) for i in range(bl.LOCATIONS)]))
        now = timestamp()
        customers = [ids.new() for _ in range(data.customers)]
        timed("customers", "customers", lambda: many("customers", [
            (customers[i], dealer) + customer_row(i, "\n") + (locations[i % bl.LOCATIONS], now, now)
            for i in range(data.customers)]))
        timed("contacts", "contacts", lambda: many("contacts", [
            (ids.new(), dealer, customers[i]) + contact_row(i, k) + (now, now)
            for i in range(data.customers) for k in range(CONTACTS)]))
        timed("jobs", "jobs", lambda: many("jobs", [
            (ids.new(), dealer, customers[i]) + job_row(i, k, "\n") + (now, now)
            for i in range(data.customers) for k in range(JOBS)]))
        now = timestamp()
        for s in range(0, data.contracts, SQLITE_CHUNK):
            chunk, line_rows = [], []
            for n in range(s, min(data.contracts, s + SQLITE_CHUNK)):
                customer, location, values, lines = contracts.row(n)
                cid = ids.new()
                chunk.append((cid, dealer, customers[customer], locations[location]) + values[:12]
                             + (now, now, values[12]))
                line_rows.extend((ids.new(), cid) + line for line in lines)
            timed("contracts", "contracts", lambda: many("contracts", chunk))
            timed("contract_lines", "contract_lines", lambda: many("contract_lines", line_rows))
        audit, sync = bookkeeping(data, size, ids, now, dealer, client)
        conn.executemany(f"INSERT INTO audit_events ({AUDIT_COLUMNS}) VALUES ({', '.join('?' * 11)})", audit)
        conn.executemany(f"INSERT INTO integration_sync ({SYNC_COLUMNS}) VALUES (?, ?, ?, ?){SYNC_CONFLICT}", sync)
        rows["audit_events"] = len(audit)
        # Every row marked once: the dirty tables' triggers rebuild the derived rows.
        for dirty, (column, marks, names) in DEFERRED.items():
            if names & lifted.keys():
                t = time.perf_counter()
                conn.execute(f"INSERT INTO {dirty} ({column}) {marks}")
                phases[dirty.replace("_dirty", " rebuild")] = time.perf_counter() - t
        for sql in lifted.values():
            conn.execute(sql)
        t = time.perf_counter()
        conn.execute("COMMIT")
        phases["commit"] = time.perf_counter() - t
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")  # the triggers come back with everything else
        raise
    finally:
        # The whole data set went into the WAL: fold it into the database, as the server's
        # automatic checkpoints would have during an HTTP load.
        t = time.perf_counter()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        phases["checkpoint"] = time.perf_counter() - t
        conn.close()
    return {"seconds": time.perf_counter() - t0, "rows": rows, "phases": phases}


# --------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------


def seed(engine: str, db: str, data, excavator: str, size: dict, tmp: str) -> dict:
    """Writes `data` (bench_suite.DataSet) into the fresh database `db` (a SQLite path or a
    PostgreSQL URL) as the HTTP loader would have, `size` being the batch size of each
    kind (the spec's maxItems) and `excavator` the description of one contract's first line
    in ten. {seconds, rows per table, seconds per phase}."""
    t = time.perf_counter()
    checked = check(data, excavator)
    log(f"[{engine}] seed: {checked} sampled records match the HTTP loader's ({time.perf_counter() - t:.2f} s)")
    if engine == "postgres":
        return seed_postgres(db, data, excavator, size, tmp)
    return seed_sqlite(db, data, excavator, size)
