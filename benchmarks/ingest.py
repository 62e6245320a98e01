"""Ingest throughput: documents/s into SQLite and PostgreSQL.

Usage: .venv/bin/python benchmarks/ingest.py [--docs 1000] [--workers 2] [--repeat 30]
       [--reader racecard|none] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]

Three inputs, generated under a temporary folder from ../shared/corpus/dev:

- ``fresh``: ``--docs`` new articles, each a seeded draw of 12 sentences from all the dev
  articles (so each must be read and stored);
- ``repeated``: the dev corpus copied ``--repeat`` times (the first copy is read, the
  rest are recognised as already stored by content hash);
- ``rerun``: ``fresh`` ingested again into the same store (crash-recovery / idempotence).

Each backend runs a baseline with ``--workers 1`` on ``fresh`` first; every figure is
printed with its ratio to that baseline, measured in the same process.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import socket
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from racecard.ingest.run import Summary, ingest  # noqa: E402
from racecard.store import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def generate(folder: Path, docs: int, repeat: int) -> tuple[Path, Path]:
    """``fresh``: articles made of 12 sentences drawn from all dev articles; ``repeated``: copies."""
    articles = sorted(CORPUS.glob("*.txt"))
    if not articles:
        raise SystemExit(f"no articles in {CORPUS}")
    pool: list[tuple[str, str]] = []  # (sentence, published)
    for p in articles:
        meta_path = p.with_name(p.stem + ".meta.json")
        published = json.loads(meta_path.read_text()).get("published") if meta_path.exists() else None
        pool += [
            (x.strip(), published) for x in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8")) if len(x) > 40
        ]
    fresh, repeated = folder / "fresh", folder / "repeated"
    fresh.mkdir()
    repeated.mkdir()
    rng = random.Random(2026)
    for n in range(docs):
        picks = rng.sample(pool, 12)
        body = "\n\n".join(" ".join(s for s, _ in picks[i : i + 3]) for i in range(0, 12, 3))
        (fresh / f"{n:06d}.txt").write_text(f"Bulletin {n}\n\n{body}\n", encoding="utf-8")
        (fresh / f"{n:06d}.meta.json").write_text(json.dumps({"published": picks[0][1]}))
    for k in range(repeat):
        target = repeated / f"copy{k:03d}"
        target.mkdir()
        for p in articles:
            shutil.copy(p, target / p.name)
            sidecar = p.with_name(p.stem + ".meta.json")
            if sidecar.exists():
                shutil.copy(sidecar, target / sidecar.name)
    return fresh, repeated


def _cpu() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def run(store: Store, source: Path, workers: int, read: bool) -> tuple[Summary, float, float]:
    """One ingest: its summary, wall seconds and CPU seconds (this process and its workers)."""
    started, cpu = time.perf_counter(), _cpu()
    summary = ingest([source], store=store, workers=workers, read=read)
    return summary, time.perf_counter() - started, _cpu() - cpu


def postgres_reason(url: str) -> str | None:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return None
    except OSError as exc:
        return f"no PostgreSQL at 127.0.0.1:5432 ({exc})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--reader", choices=["racecard", "none"], default="racecard")
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args()
    read = args.reader == "racecard"
    if read:
        import racecard

        t = time.perf_counter()
        racecard.read("Warm-up.")
        print(f"lexicon loaded in {time.perf_counter() - t:.1f}s (once per process; not counted below)")
    with tempfile.TemporaryDirectory(prefix="racecard-bench-") as tmp:
        fresh, repeated = generate(Path(tmp), args.docs, args.repeat)
        n_repeated = len(list(repeated.rglob("*.txt")))
        print(
            f"inputs: fresh {args.docs} articles, repeated {n_repeated} files (dev corpus x{args.repeat}); "
            f"reader: {args.reader}"
        )
        backends: list[tuple[str, str, str | None]] = [("sqlite", f"sqlite:///{tmp}/bench-{{}}.db", None)]
        reason = None if not args.no_pg else "--no-pg"
        reason = reason or postgres_reason(args.pg)
        if reason is None:
            backends.append(("postgresql", args.pg, "bench_{}"))
        print(
            f"{'backend':<11} {'input':<9} {'workers':>7} {'docs':>6} {'stored':>6} {'dups':>6} {'failed':>6} "
            f"{'seconds':>8} {'docs/s':>8} {'ratio':>6} {'cpu ms/doc':>10}"
        )
        for name, url, schema in backends:
            tag = uuid.uuid4().hex[:8]
            stores: list[Store] = []

            def fresh_store(
                label: str, url: str = url, schema: str | None = schema, tag: str = tag, stores: list[Store] = stores
            ) -> Store:
                s = Store(url.format(f"{label}_{tag}"), schema=schema.format(f"{label}_{tag}") if schema else None)
                stores.append(s)
                return s

            base_store = fresh_store("base")
            summary, secs, cpu = run(base_store, fresh, 1, read)
            baseline = (summary.read + summary.duplicates) / secs
            rows = [("fresh", 1, args.docs, summary, secs, cpu)]
            main_store = fresh_store("main")
            rows.append(("fresh", args.workers, args.docs, *run(main_store, fresh, args.workers, read)))
            rows.append(("rerun", args.workers, args.docs, *run(main_store, fresh, args.workers, read)))
            rep_store = fresh_store("rep")
            rows.append(("repeated", args.workers, n_repeated, *run(rep_store, repeated, args.workers, read)))
            for label, workers, docs, s, secs, cpu in rows:
                rate = (s.read + s.duplicates) / secs
                print(
                    f"{name:<11} {label:<9} {workers:>7} {docs:>6} {s.read:>6} {s.duplicates:>6} "
                    f"{len(s.failed):>6} {secs:>8.2f} {rate:>8.0f} {rate / baseline:>6.2f} {cpu * 1000 / docs:>8.2f}"
                )
            for s in stores:
                s.drop()
                s.close()
        if reason is not None:
            print(f"postgresql: skipped ({reason})")


if __name__ == "__main__":
    main()
