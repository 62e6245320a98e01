"""How many read requests per second the web API sustains on loopback, and its p95 latency.

    .venv/bin/python benchmarks/web.py [--docs 2000] [--seconds 10] [--connections 16] [--workers 1]

Builds a SQLite store from its own generator (drugs on a few targets, companies with
countries, one short document per fact: licences, filings, approvals, trial starts,
with evidence) through the store's write API, starts ``racecard serve``'s app under
uvicorn on 127.0.0.1, and drives a mix of read requests (race boards by market and
as-of date, dossiers, company pages, deals, documents, home, search) from keep-alive
connections for a fixed time. Prints requests/s, p50/p95/p99 latency and the error
count. The baseline, in the same process, answers the same requests by calling the
view functions directly (no HTTP, no JSON); the ratio says what serving costs.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from racecard.model import Document, Entity, EntityKind, Event, Evidence, Mention, Reading, Status
from racecard.store import DocumentRecord, Store

TARGETS = ["KRAS G12C", "OX40", "HER2", "CLDN18.2", "TROP2", "GLP-1R"]
MARKETS = ["China", "US", "Japan", "EU"]
AGENCIES = {"China": "NMPA", "US": "FDA", "Japan": "PMDA", "EU": "EMA"}
COUNTRIES = ["US", "CN", "JP", "DE", "GB", "KR"]


def generate(n_docs: int, seed: int = 11) -> list[Reading]:
    """``n_docs`` one-fact documents about 8 drugs per target, from 40 companies."""
    rnd = random.Random(seed)
    companies = [f"Benchco {i}" for i in range(40)]
    country = {c: COUNTRIES[i % len(COUNTRIES)] for i, c in enumerate(companies)}
    drugs = {f"bench{t.lower().replace(' ', '').replace('.', '').replace('-', '')}{i}mab": (t, rnd.choice(companies))
             for t in TARGETS for i in range(8)}
    names = list(drugs)
    out = []
    for n in range(n_docs):
        drug = rnd.choice(names)
        target, origin = drugs[drug]
        market = rnd.choice(MARKETS)
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(0, 4000))
        kind = rnd.choice(["license", "regulatory_submission", "approval", "trial_start", "trial_start"])
        partner = rnd.choice(companies)
        if kind == "license":
            text = f"{origin} licensed {drug} to {partner} for {market} on {day.isoformat()}, for $20 million upfront."
            fields = {"drug": drug, "licensor": origin, "licensee": partner, "territory": market,
                      "upfront_usd": 20_000_000 + 1_000_000 * rnd.randrange(100), "date": day.isoformat()}
        elif kind == "trial_start":
            text = f"{origin} started a phase {rnd.choice('123')} trial of {drug} in {market} on {day.isoformat()}."
            fields = {"drug": drug, "phase": text.split("phase ")[1][0], "territory": market, "date": day.isoformat()}
        else:
            verb = "accepted a filing for" if kind == "regulatory_submission" else "approved"
            text = f"The {AGENCIES[market]} {verb} {drug} from {origin} on {day.isoformat()}."
            fields = {"drug": drug, "agency": AGENCIES[market], "territory": market, "date": day.isoformat()}
        doc = Document(text=text, id=f"bench-{n:06d}", title=text[:70], url=f"https://bench.invalid/{n}",
                       published=day + dt.timedelta(days=1), source="benchmark")
        mentions = [Mention(text.index(drug), text.index(drug) + len(drug), drug, EntityKind.DRUG, drug)]
        ents = [Entity(EntityKind.DRUG, drug, (), {"targets": [target], "originator": origin}),
                Entity(EntityKind.TARGET, target), *[Entity(EntityKind.COMPANY, c, (), {"country": country[c]})
                                                     for c in {origin, partner}]]
        event = Event(kind, Status.HAPPENED, fields, Evidence(doc.id, 0, len(text), text, "bench-1"))
        out.append(Reading(doc, mentions=tuple(mentions), entities=tuple(ents), events=(event,)))
    return out


def build(path: Path, n_docs: int) -> str:
    url = f"sqlite:///{path}"
    with Store(url) as store:
        readings = generate(n_docs)
        for i in range(0, len(readings), 500):
            with store.begin() as conn:
                store.writer.add(conn, [DocumentRecord(r.document, "text", origin="benchmark", reading=r,
                                                       extractor="bench-1") for r in readings[i : i + 500]])
    return url


def requests(n: int, seed: int = 5) -> list[str]:
    """A mix of read requests, as paths."""
    rnd = random.Random(seed)
    drugs = sorted({e.name for r in generate(60) for e in r.entities if e.kind == EntityKind.DRUG})
    out = []
    for _ in range(n):
        as_of = rnd.choice([None, "2019-06-30", "2021-12-31", "2024-06-30"])
        pick = rnd.random()
        if pick < 0.35:
            q = {"target": rnd.choice(TARGETS), "market": rnd.choice([*MARKETS, None]), "as_of": as_of}
            out.append("/api/v1/race?" + urlencode({k: v for k, v in q.items() if v}))
        elif pick < 0.55:
            out.append(f"/api/v1/assets/{rnd.choice(drugs)}" + (f"?as_of={as_of}" if as_of else ""))
        elif pick < 0.65:
            out.append(f"/api/v1/companies/Benchco%20{rnd.randrange(40)}")
        elif pick < 0.75:
            out.append("/api/v1/deals?" + urlencode({"territory": rnd.choice(MARKETS), "since": "2020-01-01"}))
        elif pick < 0.9:
            out.append(f"/api/v1/documents/bench-{rnd.randrange(200):06d}")
        elif pick < 0.95:
            out.append("/api/v1/home")
        else:
            out.append(f"/api/v1/search?q=bench{rnd.choice(['kras', 'her2', 'ox40'])}")
    return out


def direct(url: str, paths: list[str], seconds: float) -> float:
    """Baseline: the same requests answered by the view functions in this process; requests/s."""
    from urllib.parse import parse_qs, unquote, urlsplit

    from racecard.views.asset import asset
    from racecard.views.deals import deals
    from racecard.views.race import race
    from racecard.web.company import company_page
    from racecard.web.document import document_page
    from racecard.web.home import latest, search

    store = Store(url)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for p in paths:
            parts = urlsplit(p)
            q = {k: v[0] for k, v in parse_qs(parts.query).items()}
            day = dt.date.fromisoformat(q["as_of"]) if "as_of" in q else None
            with store.engine.connect() as conn:
                if parts.path == "/api/v1/race":
                    race(conn=conn, target=q["target"], market=q.get("market"), as_of=day)
                elif parts.path.startswith("/api/v1/assets/"):
                    asset(conn=conn, name=unquote(parts.path.rsplit("/", 1)[1]), as_of=day)
                elif parts.path.startswith("/api/v1/companies/"):
                    company_page(conn, unquote(parts.path.rsplit("/", 1)[1]))
                elif parts.path == "/api/v1/deals":
                    deals(conn=conn, territory=q["territory"], since=dt.date.fromisoformat(q["since"]))
                elif parts.path.startswith("/api/v1/documents/"):
                    document_page(conn, parts.path.rsplit("/", 1)[1])
                elif parts.path == "/api/v1/home":
                    latest(conn)
                else:
                    search(conn, q["q"])
            done += 1
            if time.perf_counter() - start >= seconds:
                break
    store.close()
    return done / (time.perf_counter() - start)


async def _client(port: int, paths: list[str], until: float, lat: list[float], errors: list[str], offset: int,
                  once: bool = False) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = offset
    try:
        while (i - offset < len(paths)) if once else time.perf_counter() < until:
            path = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            await reader.readexactly(length)
            lat.append(time.perf_counter() - t0)
            if status != 200:
                errors.append(f"{status} {path}")
    finally:
        writer.close()


async def drive(port: int, paths: list[str], seconds: float, connections: int, once: bool = False
                ) -> tuple[list[float], list[str], float]:
    lat: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    until = start + seconds
    await asyncio.gather(*(_client(port, paths, until, lat, errors, k * 37, once) for k in range(connections)))
    return lat, errors, time.perf_counter() - start


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        url = build(Path(tmp) / "bench.db", args.docs)
        print(f"store: {args.docs} documents in {time.perf_counter() - t0:.1f}s")
        paths = requests(500)
        port = _port()
        env = {**os.environ, "RACECARD_DB": url, "RACECARD_CASES": ""}
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "racecard.web.app:create_app", "--factory", "--host", "127.0.0.1",
             "--port", str(port), "--workers", str(args.workers), "--log-level", "warning", "--no-access-log"],
            env=env)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("the server did not start") from None
                    time.sleep(0.1)
            t1 = time.perf_counter()
            distinct = sorted(set(paths))
            asyncio.run(drive(port, distinct, 0.0, 1, once=True))  # warm-up: every distinct request once
            warm = time.perf_counter() - t1
            print(f"warm-up: {len(distinct)} distinct requests in {warm:.1f}s (cold: {len(distinct) / warm:.1f}/s)")
            if args.workers > 1:  # each worker keeps its own cache: warm them all over many connections
                asyncio.run(drive(port, distinct, 0.0, 4 * args.workers, once=True))
            lat, errors, elapsed = asyncio.run(drive(port, paths, args.seconds, args.connections))
        finally:
            server.terminate()
            server.wait(10)
        base = direct(url, paths, min(args.seconds, 5.0))
    rps = len(lat) / elapsed
    q = statistics.quantiles(lat, n=100)
    result = {"requests": len(lat), "seconds": round(elapsed, 2), "requests_per_s": round(rps, 1),
              "p50_ms": round(q[49] * 1000, 2), "p95_ms": round(q[94] * 1000, 2), "p99_ms": round(q[98] * 1000, 2),
              "errors": len(errors), "workers": args.workers, "connections": args.connections,
              "baseline_direct_calls_per_s": round(base, 1), "ratio_http_vs_direct": round(rps / base, 3)}
    print(json.dumps(result, indent=1))
    for e in sorted(set(errors))[:10]:
        print("error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
