"""How fast `racecard race` answers on a store of a million events.

    .venv/bin/python benchmarks/views.py [--events 1000000] [--queries 200] [--keep PATH]

Builds a SQLite store (the real schema, migrated by the store) in a temporary folder and
fills it with direct bulk inserts from its own generator: drugs on targets, companies
with countries, documents, and events with their roles (drug, territory, agency,
licensor/licensee …) spread over 2000–2026. Then it times the race board for random
targets × markets (half with an as-of date) and prints p50/p95. The baseline, in the
same process, is the same query with the index it relies on most (``roles.entity_id``)
dropped; the ratio says what that index buys.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from racecard.store import Store
from racecard.views.race import race

TYPES = [
    ("trial_start", 20), ("trial_readout", 20), ("regulatory_submission", 10), ("approval", 8), ("rejection", 2),
    ("designation", 8), ("license", 10), ("rights_return", 2), ("discontinuation", 5), ("safety_signal", 5),
    ("forecast", 5), ("acquisition", 1),
]
TERRITORIES = ["China", "US", "Japan", "EU", "Greater China", "worldwide", "mainland China", "ex-China"]
AGENCIES = {"China": "NMPA", "US": "FDA", "Japan": "PMDA", "EU": "EMA"}
COUNTRIES = ["US", "CN", "JP", "GB", "DE", "FR", "KR", "CH"]
MARKETS = ["China", "US", None]
EVENTS_PER_DOC = 10
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC).isoformat(sep=" ")


def _ids(n: int, start: int) -> range:
    return range(start, start + n)


def build(path: Path, n_events: int, seed: int = 7) -> dict[str, int]:
    """A migrated store at ``path`` filled with ``n_events`` events; returns row counts."""
    Store(f"sqlite:///{path}").close()  # create and migrate the schema
    rnd = random.Random(seed)
    n_drugs = max(50, n_events // 50)
    n_targets = max(5, n_drugs // 50)
    n_companies = max(20, n_drugs // 3)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    companies = _ids(n_companies, 1)
    targets = _ids(n_targets, companies.stop)
    territories = _ids(len(TERRITORIES), targets.stop)
    agencies = _ids(len(AGENCIES), territories.stop)
    drugs = _ids(n_drugs, agencies.stop)
    territory_id = dict(zip(TERRITORIES, territories, strict=True))
    agency_id = dict(zip(AGENCIES.values(), agencies, strict=True))
    rows = []
    names: dict[int, str] = {}
    for i in companies:
        names[i] = f"Company {i}"
        rows.append((i, "company", names[i], json.dumps({"country": rnd.choice(COUNTRIES)})))
    for n, i in enumerate(targets):
        names[i] = "KRAS G12C" if n == 0 else f"TGT{n}"
        rows.append((i, "target", names[i], "{}"))
    for t, i in territory_id.items():
        names[i] = t
        rows.append((i, "territory", t, "{}"))
    for a, i in agency_id.items():
        names[i] = a
        rows.append((i, "agency", a, "{}"))
    drug_target: dict[int, int] = {}
    for n, i in enumerate(drugs):
        names[i] = f"drugmab-{n}"
        drug_target[i] = rnd.choice(targets)
        attrs = {"targets": [names[drug_target[i]]], "originator": names[rnd.choice(companies)]}
        rows.append((i, "drug", names[i], json.dumps(attrs)))
    db.executemany("INSERT INTO entities (id, kind, name, attributes, created) VALUES (?, ?, ?, ?, '" + NOW + "')",
                   rows)
    db.executemany(
        "INSERT INTO aliases (entity_id, kind, alias, norm, how, created) VALUES (?, ?, ?, ?, 'bench', '" + NOW + "')",
        [(i, k, n, " ".join(n.casefold().split())) for i, k, n, _ in rows],
    )
    db.executemany("INSERT INTO entity_links (entity_id, relation, other_id) VALUES (?, 'target', ?)",
                   list(drug_target.items()))
    n_docs = max(1, n_events // EVENTS_PER_DOC)
    start = dt.date(2000, 1, 1).toordinal()
    span = dt.date(2026, 1, 1).toordinal() - start
    published = [dt.date.fromordinal(start + rnd.randrange(span)) for _ in range(n_docs)]
    db.executemany(
        "INSERT INTO documents (id, hash, kind, published, stored, text, cluster) VALUES (?, ?, 'text', ?, '"
        + NOW + "', 'Benchmark text.', ?)",
        ((f"d{n}", f"h{n}", published[n].isoformat(), f"d{n}") for n in range(n_docs)),
    )
    kinds, weights = zip(*TYPES, strict=True)
    pool = list(companies[len(companies) // 5 :])
    rnd.shuffle(pool)
    buyable = iter(pool)
    event_rows: list[tuple[object, ...]] = []
    role_rows: list[tuple[object, ...]] = []

    def flush() -> None:
        db.executemany(
            "INSERT INTO events (id, document_id, key, type, status, date, day, published, fields, extractor, "
            "origin, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', 'machine', '" + NOW + "')",
            event_rows,
        )
        db.executemany("INSERT INTO roles (event_id, role, entity_id, value) VALUES (?, ?, ?, ?)", role_rows)
        event_rows.clear()
        role_rows.clear()

    for e in range(1, n_events + 1):
        doc = (e - 1) // EVENTS_PER_DOC
        kind = rnd.choices(kinds, weights)[0]
        drug = rnd.choice(drugs)
        day = published[doc] - dt.timedelta(days=rnd.randrange(60))
        fields: dict[str, object] = {"drug": names[drug], "date": day.isoformat()}
        roles: list[tuple[str, int]] = [("drug", drug)]
        if kind in ("trial_start", "trial_readout"):
            fields["phase"] = rnd.choice(["1", "1/2", "2", "3"])
        elif kind in ("regulatory_submission", "approval", "rejection", "designation"):
            market = rnd.choice(list(AGENCIES))
            fields.update(territory=market, agency=AGENCIES[market])
            roles += [("territory", territory_id[market]), ("agency", agency_id[AGENCIES[market]])]
        elif kind in ("license", "rights_return"):
            where = rnd.choice(TERRITORIES)
            seller, buyer = rnd.sample(companies, 2)
            fields.update(territory=where, upfront_usd=rnd.randrange(1, 500) * 1_000_000)
            pair = ("licensor", "licensee") if kind == "license" else ("from", "to")
            fields.update({pair[0]: names[seller], pair[1]: names[buyer]})
            roles += [("territory", territory_id[where]), (pair[0], seller), (pair[1], buyer)]
        elif kind == "acquisition":  # a company is bought once, mostly a small one
            buyer, bought = rnd.choice(companies[: len(companies) // 5]), next(buyable, None) or rnd.choice(companies)
            fields = {"acquirer": names[buyer], "acquired": names[bought], "date": day.isoformat()}
            roles = [("acquirer", buyer), ("acquired", bought)]
        status = "planned" if rnd.random() < 0.05 else "happened"
        event_rows.append((e, f"d{doc}", f"k{e}", kind, status, day.isoformat(), day.isoformat(),
                           published[doc].isoformat(), json.dumps(fields)))
        role_rows.extend((e, r, i, names[i]) for r, i in roles)
        if len(event_rows) >= 50_000:
            flush()
    flush()
    db.commit()
    db.execute("ANALYZE")
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "events", "roles")}
    db.close()
    return counts


def _queries(rnd: random.Random, targets: list[str], n: int) -> Iterator[tuple[str, str | None, dt.date | None]]:
    for _ in range(n):
        as_of = dt.date(rnd.randrange(2015, 2026), 6, 30) if rnd.random() < 0.5 else None
        yield rnd.choice(targets), rnd.choice(MARKETS), as_of


def time_race(
    store: Store, queries: list[tuple[str, str | None, dt.date | None]]
) -> tuple[list[float], list[float], int]:
    """Wall-clock and CPU milliseconds per race board, and the rows they returned in all."""
    times, cpu, rows = [], [], 0
    with store.engine.connect() as conn:
        for target, market, as_of in queries:
            t0, c0 = time.perf_counter(), time.process_time()
            board = race(conn=conn, target=target, market=market, as_of=as_of)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            rows += len(board.rows)
    return times, cpu, rows


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--baseline-queries", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the store at this path instead of a temp file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="racecard-bench-") as tmp:
        path = args.keep or Path(tmp) / "views.db"
        if not path.exists():
            t0 = time.perf_counter()
            counts = build(path, args.events)
            print(f"built {path.name}: {counts} in {time.perf_counter() - t0:.0f}s", flush=True)
        store = Store(f"sqlite:///{path}")
        with store.engine.connect() as conn:
            targets = [r[0] for r in conn.exec_driver_sql("SELECT name FROM entities WHERE kind = 'target'")]
        rnd = random.Random(11)
        queries = list(_queries(rnd, targets, args.queries))
        time_race(store, queries[:3])  # warm up: the lexicon, the page cache
        times, cpu, rows = time_race(store, queries)
        p50, p95 = statistics.median(times), _pct(times, 0.95)
        print(f"race: {len(times)} boards, {rows / len(times):.0f} assets each on average; "
              f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms (wall clock)", flush=True)
        print(f"      CPU time of this process: p50 {statistics.median(cpu):.1f} ms, p95 {_pct(cpu, 0.95):.1f} ms "
              f"(the gap to wall clock is waiting: other processes, I/O)", flush=True)
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DROP INDEX ix_roles_entity_id")
        base, _, _ = time_race(store, queries[: args.baseline_queries])
        b50 = statistics.median(base)
        print(f"baseline without ix_roles_entity_id: p50 {b50:.1f} ms over {len(base)} boards; "
              f"the index makes race {b50 / p50:.0f}x faster", flush=True)
        if args.keep:
            with store.engine.begin() as conn:
                conn.exec_driver_sql("CREATE INDEX ix_roles_entity_id ON roles (entity_id, role, event_id)")
        store.close()
        print(f"target: p95 < 100 ms — {'met' if p95 < 100 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
