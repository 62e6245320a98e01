"""Reading throughput: racecard.read against spaCy's blank English tokenizer, same texts.

    python benchmarks/read_throughput.py [--corpus DIR] [--rounds N]

Reads ../shared/corpus/dev when present (else the packaged demo corpus), warms both
sides up (the lexicon automaton is built once per process and not timed), then times
``rounds`` passes over every text with each and prints articles/s, MB/s and the ratio
racecard / spaCy (above 1 means Racecard reads faster than spaCy merely tokenizes).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "dev"
DEMO_CORPUS = HERE.parent / "racecard" / "demo" / "articles"


def load_texts(corpus: Path) -> list[tuple[str, dict[str, str]]]:
    texts = []
    for path in sorted(corpus.glob("*.txt")):
        meta_path = path.with_name(path.stem + ".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        texts.append((path.read_text(encoding="utf-8"), {"published": meta.get("published") or None}))
    return texts


def timed(fn, rounds: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    corpus = args.corpus or (DEFAULT_CORPUS if DEFAULT_CORPUS.is_dir() else DEMO_CORPUS)
    texts = load_texts(corpus)
    if not texts:
        print(f"no .txt files in {corpus}", file=sys.stderr)
        return 1
    if corpus == DEMO_CORPUS:
        texts = texts * 5
    megabytes = sum(len(t.encode("utf-8")) for t, _ in texts) / 1e6

    import spacy

    import racecard

    nlp = spacy.blank("en")
    t0 = time.perf_counter()
    racecard.read(texts[0][0])  # builds the automaton once
    setup = time.perf_counter() - t0
    for text, _ in texts[:5]:  # warm spaCy up too
        nlp.tokenizer(text)

    def run_racecard() -> None:
        for text, meta in texts:
            racecard.read(text, **{k: v for k, v in meta.items() if v})

    def run_spacy() -> None:
        for text, _ in texts:
            nlp.tokenizer(text)

    from racecard.extract import pipeline

    def run_entities() -> None:  # the same pipeline without its last stage, the events
        stages = pipeline.STAGES
        pipeline.STAGES = tuple(s for s in stages if s[0] != "events")
        try:
            run_racecard()
        finally:
            pipeline.STAGES = stages

    ours = timed(run_racecard, args.rounds)
    theirs = timed(run_spacy, args.rounds)
    entities = timed(run_entities, args.rounds)
    n = len(texts)
    print(f"corpus            {corpus} ({n} texts, {megabytes:.2f} MB)")
    print(f"lexicon setup     {setup:.2f} s (once per process, not timed below)")
    print(f"racecard.read     {n / ours:9.1f} articles/s  {megabytes / ours:7.2f} MB/s")
    print(f"  entities only   {n / entities:9.1f} articles/s  {megabytes / entities:7.2f} MB/s  (no events stage)")
    print(f"spaCy tokenizer   {n / theirs:9.1f} articles/s  {megabytes / theirs:7.2f} MB/s")
    print(f"ratio             {theirs / ours:9.2f}x  (racecard.read speed / spaCy blank tokenizer speed)")
    print(f"  entities only   {theirs / entities:9.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
