"""Competition as a plain typed input, and from the race board.

A :class:`Competitor` says that a product is (or will be) in a market: its stage there,
its launch date (or an expected one) and optionally a profile score. :func:`apply`
merges competitors into a raw case before validation: known products get the launch
dates and stages the race board shows; new ones are added with PoS by stage, the price
table of the case's first priced product and the mean profile of the case's products
(both labelled ``gap``); dropped ones get PoS 0. :func:`from_race_rows` turns race-board
rows (``racecard.views.race.RaceRow``) into competitors; :func:`from_store` reads the
boards for the case's indication and markets from the store.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from racecard.errors import ConfigError

BIO_URL = "https://go.bio.org/rs/490-EHZ-999/images/ClinicalDevelopmentSuccessRates2011_2020.pdf"
# BIO/Informa/QLS 2011-2020, likelihood of approval from each stage (METHOD.md s.2.8).
POS_BY_STAGE = {"filed": 0.906, "phase3": 0.524, "phase2": 0.151, "phase1": 0.079}
# Years from reaching a stage to launch, when the board has no launch: an assumption
# (filing to approval about a year; BIO's mean of 10.5 years from Phase 1 spread by phase).
YEARS_TO_LAUNCH = {"filed": 1.0, "phase3": 3.0, "phase2": 5.5, "phase1": 8.0}
STAGES = {"approved": "marketed", "filed": "filed", "phase 3": "phase3", "phase 2/3": "phase3",
          "phase 2": "phase2", "phase 1/2": "phase1", "phase 1": "phase1"}


@dataclass(frozen=True)
class Competitor:
    """A product in a market: stage, launch (actual) or expected launch, profile score."""

    product: str
    market: str
    stage: str
    launch: str | None = None
    expected_launch: str | None = None
    profile_score: float | None = None
    dropped: bool = False
    source: str = ""


class BoardRow(Protocol):
    """The fields of a race-board row that competition needs."""

    @property
    def asset(self) -> str: ...
    @property
    def stage(self) -> str: ...
    @property
    def stage_date(self) -> dt.date | None: ...
    @property
    def marks(self) -> tuple[str, ...]: ...
    @property
    def facts(self) -> int: ...


def from_race_rows(rows: Iterable[BoardRow], *, market: str, label: str = "race board") -> list[Competitor]:
    """Competitors from race-board rows for one market; preclinical rows are left out."""
    out = []
    for r in rows:
        stage = STAGES.get(r.stage)
        if stage is None:
            continue
        dropped = any(m.startswith(("discontinued", "withdrawn")) for m in r.marks) or (
            stage != "marketed" and any(m.startswith("rejected") for m in r.marks))
        day = r.stage_date.isoformat() if r.stage_date else None
        launch = day if stage == "marketed" else None
        expected = None
        if stage != "marketed" and r.stage_date is not None:
            expected = f"{r.stage_date.year + round(YEARS_TO_LAUNCH[stage])}-{r.stage_date.month:02d}"
        out.append(Competitor(r.asset.lower(), market, stage, launch, expected, None, dropped,
                              f"{label}, {market}: {r.stage} {day or 'undated'} ({r.facts} facts)"))
    return out


def apply(raw: dict[str, Any], competitors: Sequence[Competitor]) -> dict[str, Any]:
    """A copy of the raw case with the competitors merged in (see the module docstring)."""
    case = copy.deepcopy(raw)
    products: list[dict[str, Any]] = case.setdefault("products", [])
    markets = {m.get("id") for m in case.get("markets", []) if isinstance(m, dict)}
    by_id = {str(p.get("id")).lower(): p for p in products if isinstance(p, dict)}
    priced = next((p for p in products if p.get("price")), None)
    for c in competitors:
        if c.market not in markets:
            raise ConfigError(f"competitor {c.product} is in market {c.market!r}, which the case does not have",
                              field="competitors")
        p = by_id.get(c.product)
        if p is None:
            if priced is None:
                raise ConfigError("the case has no priced product to take a new competitor's price from",
                                  field="products")
            p = _new_product(case, c, priced)
            products.append(p)
            by_id[c.product] = p
        _place(case, p, c)
    return case


def _new_product(case: dict[str, Any], c: Competitor, priced: dict[str, Any]) -> dict[str, Any]:
    p: dict[str, Any] = {"id": c.product, "stage": c.stage, "price_as": priced["id"],
                         "therapy": priced.get("therapy", "chronic")}
    for key in ("dot_months", "compliance"):
        if key in priced:
            p[key] = copy.deepcopy(priced[key])
    weights = (case.get("share") or {}).get("attribute_weights") or {}
    for attr in weights:
        vals = [_num(q.get("profile", {}).get(attr)) for q in case["products"]]
        known = [v for v in vals if v is not None]
        value = c.profile_score if c.profile_score is not None else (sum(known) / len(known) if known else 1.0)
        p.setdefault("profile", {})[attr] = {
            "value": value, "kind": "gap" if c.profile_score is None else "assumption",
            "note": f"added from the race board ({c.source}); mean profile of the case's products"}
    return p


def _place(case: dict[str, Any], p: dict[str, Any], c: Competitor) -> None:
    if c.dropped:
        p["pos"] = {"value": 0.0, "unit": "probability", "kind": "fact", "note": f"dropped: {c.source}"}
        return
    if c.stage == "marketed":
        p["stage"] = "marketed"
        p.pop("pos", None)
    elif p.get("stage") != "marketed":
        p["stage"] = c.stage
        table = case.setdefault("pos_by_stage", {})
        if c.stage not in table:
            table[c.stage] = {"value": POS_BY_STAGE[c.stage], "unit": "probability", "kind": "fact",
                              "source": BIO_URL, "note": f"likelihood of approval from {c.stage}"}
    when = c.launch or c.expected_launch
    if when is None:
        return
    launch = p.setdefault("launch", {})
    launch[c.market] = {"value": when, "kind": "fact" if c.launch else "assumption", "source": c.source or None,
                        "note": "from the race board" if c.launch else
                        f"expected: {YEARS_TO_LAUNCH.get(c.stage, 0):g} years after reaching {c.stage}"}
    if "launch_lag" in p:
        p["launch_lag"].pop(c.market, None)


def _num(x: Any) -> float | None:
    if isinstance(x, int | float) and not isinstance(x, bool):
        return float(x)
    if isinstance(x, dict) and isinstance(x.get("value"), int | float):
        return float(x["value"])
    return None


def from_store(targets: Sequence[str], *, indication: str | None, markets: Sequence[str],
               as_of: dt.date | None = None, url: str | None = None) -> list[Competitor]:
    """Read the race boards (each target x market) from the store and turn them into competitors."""
    from racecard.store import Store
    from racecard.views.race import race

    out: list[Competitor] = []
    with Store(url) as store, store.begin() as conn:
        for target in targets:
            for market in markets:
                board = race(conn=conn, target=target, indication=indication, market=market, as_of=as_of)
                label = f"race board {board.target}" + (f" as of {as_of.isoformat()}" if as_of else "")
                out.extend(from_race_rows(board.rows, market=market, label=label))
    return out
