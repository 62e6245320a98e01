"""Extraction quality as a gate: F1 floors on the dev corpus, scored by ../shared/eval/score.py.

The floors live in eval_baseline.json beside this file with a digest of the gold files
they were set on. Raising a floor is free; lowering one means editing the file on
purpose. A changed corpus skips the gate with a note to re-pin it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from racecard.extract.files import extract_files, reading_json

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "corpus" / "dev"
SCORER = SHARED / "eval" / "score.py"
BASELINE = Path(__file__).with_name("eval_baseline.json")
EPSILON = 0.005

pytestmark = pytest.mark.skipif(not (GOLD.is_dir() and SCORER.exists()), reason="../shared/corpus/dev not present")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("racecard_dev_scorer", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _digest() -> str:
    h = hashlib.sha256()
    for path in sorted(GOLD.glob("*.json")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@pytest.fixture(scope="module")
def read() -> dict[str, tuple[str, dict[str, Any]]]:
    """Each dev article's text and its `racecard extract` output."""
    return {
        r.path.stem: (r.reading.document.text, reading_json(r.reading))
        for r in extract_files(sorted(GOLD.glob("*.txt")))
        if r.reading
    }


@pytest.fixture(scope="module")
def scores(read: dict[str, tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    score = _scorer()
    preds = {stem: data for stem, (_, data) in read.items()}
    tally: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    fields: dict[str, dict[str, int]] = defaultdict(lambda: {"right": 0, "wrong": 0})
    for path in sorted(GOLD.glob("[0-9]*.json")):
        if path.name.endswith(".meta.json"):
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        res = score.Resolver(gold)
        score.score_entities(gold, preds.get(path.stem, {}), res, tally)
        score.score_events(gold, preds.get(path.stem, {}), res, tally, fields, [])
    out: dict[str, Any] = {k: score.prf(v)[2] for k, v in tally.items() if not k.startswith("event:")}
    events = {"tp": 0, "fp": 0, "fn": 0}
    for k, v in tally.items():
        if k.startswith("event:"):
            for x in events:
                events[x] += v[x]
    out["events"] = score.prf(events)[2]
    right = sum(v["right"] for v in fields.values())
    total = right + sum(v["wrong"] for v in fields.values())
    out["event_fields"] = right / total if total else 0.0
    return out


def test_f1_floors_hold(scores: dict[str, Any]) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    if baseline["gold_digest"] != _digest():
        pytest.skip(f"the dev corpus changed (digest {_digest()}); re-pin {BASELINE.name}")
    below = {k: (round(scores.get(k, 0.0), 3), floor) for k, floor in baseline["floors"].items()
             if scores.get(k, 0.0) < floor - EPSILON}
    assert not below, f"below the pinned floors (got, floor): {below}"


def test_every_event_quotes_its_evidence_exactly(read: dict[str, tuple[str, dict[str, Any]]]) -> None:
    events = [(stem, text, e) for stem, (text, data) in read.items() for e in data["events"]]
    assert events, "no events read from the dev corpus"
    wrong = [(stem, e["type"]) for stem, text, e in events
             if "evidence" not in e or text[e["evidence"]["start"] : e["evidence"]["end"]] != e["evidence"]["quote"]]
    assert not wrong, wrong
