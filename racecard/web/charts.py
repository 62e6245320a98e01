"""Plotly figures (plain JSON specs) built from view results; ``static/app.js`` draws them.

The figures are data, never markup: the page carries them in a
``<script type="application/json">`` block (Jinja's ``tojson`` escapes ``<``, ``>``
and ``&``), and Plotly sets every label as text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from racecard.views.asset import Dossier
from racecard.views.deals import DealTable
from racecard.views.markets import label
from racecard.views.race import RaceBoard
from racecard.views.stages import Stage

__all__ = ["deals_chart", "dossier_chart", "forecast_charts", "race_chart"]

Figure = dict[str, Any]
_STAGES = {s.label: int(s) for s in Stage}
_LAYOUT: Mapping[str, Any] = {"margin": {"l": 150, "r": 20, "t": 40, "b": 50}, "font": {"size": 12},
                              "paper_bgcolor": "white", "plot_bgcolor": "#fafafa"}


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def race_chart(board: RaceBoard) -> Figure:
    """Each asset as a bar to its furthest stage, the date reached in the hover text."""
    rows = list(reversed(board.rows))
    colours = ["#2e7d32" if r.first_approved else "#9e9e9e" if r.marks else "#1565c0" for r in rows]
    bar = {
        "type": "bar", "orientation": "h", "y": [f"{r.rank}. {r.asset}" for r in rows],
        "x": [max(_STAGES.get(r.stage, 0), 2) for r in rows],
        "text": [f"{r.stage} {_day(r.stage_date) or ''}".strip() for r in rows], "textposition": "auto",
        "hovertext": [f"{r.asset}: {r.stage} {_day(r.stage_date) or ''}; holder {r.holder or '?'}" for r in rows],
        "hoverinfo": "text", "marker": {"color": colours},
    }
    ticks = [s for s in Stage]
    layout = {**_LAYOUT, "title": {"text": "Furthest stage reached"}, "height": 120 + 32 * max(1, len(rows)),
              "xaxis": {"tickvals": [int(s) for s in ticks], "ticktext": [s.label for s in ticks],
                        "range": [0, int(Stage.APPROVED) + 3]}}
    timeline = {
        "type": "scatter", "mode": "markers+text", "x": [_day(r.stage_date) for r in rows if r.stage_date],
        "y": [f"{r.rank}. {r.asset}" for r in rows if r.stage_date],
        "text": [r.stage for r in rows if r.stage_date], "textposition": "top center", "cliponaxis": False,
        "marker": {"size": 11, "color": [c for r, c in zip(rows, colours, strict=True) if r.stage_date]},
    }
    timeline_layout = {**_LAYOUT, "title": {"text": "When each reached it"},
                       "height": 120 + 32 * max(1, len(rows)), "xaxis": {"type": "date"}}
    return {"stages": {"data": [bar], "layout": layout}, "timeline": {"data": [timeline], "layout": timeline_layout}}


def dossier_chart(dossier: Dossier) -> Figure:
    """The events on a timeline by type, and the rights moves by territory."""
    dated = [e for e in dossier.events if e.date]
    types = sorted({e.type for e in dated})
    events = [{"type": "scatter", "mode": "markers", "name": t, "x": [_day(e.date) for e in dated if e.type == t],
               "y": [t] * sum(1 for e in dated if e.type == t),
               "hovertext": [f"{_day(e.date)}: {e.summary}" for e in dated if e.type == t], "hoverinfo": "text",
               "marker": {"size": 12}} for t in types]
    rights = _rights_bars(dossier)
    territories = {b["y"][0] for b in rights}
    base = {**_LAYOUT, "xaxis": {"type": "date"}, "showlegend": False}
    return {
        "events": {"data": events, "layout": {**base, "title": {"text": "Events"}, "height": 140 + 30 * len(types)}},
        "rights": {"data": rights, "layout": {**base, "title": {"text": "Rights by territory"},
                                              "barmode": "overlay", "height": 160 + 40 * len(territories)}},
    }


def _rights_bars(dossier: Dossier) -> list[dict[str, Any]]:
    """A Gantt of who held each territory: one bar per holder, from its move to the next (or to the date)."""
    end = dossier.as_of or dt.date.today()
    by_territory: dict[str, list[tuple[dt.date, str]]] = {}
    for m in dossier.rights:
        if m.date is not None:
            by_territory.setdefault(m.territory, []).append((m.date, m.holder or "?"))
    bars = []
    for territory, moves in sorted(by_territory.items()):
        moves.sort()
        for i, (start, holder) in enumerate(moves):
            stop = moves[i + 1][0] if i + 1 < len(moves) else max(end, start + dt.timedelta(days=30))
            days = max((stop - start).days, 1)
            bars.append({"type": "bar", "orientation": "h", "y": [territory], "base": [start.isoformat()],
                         "x": [days * 86_400_000], "text": [holder], "textposition": "inside",
                         "insidetextanchor": "middle", "name": holder,
                         "hovertext": [f"{territory}: {holder} from {start.isoformat()}"], "hoverinfo": "text"})
    return bars


def deals_chart(table: DealTable) -> Figure:
    """Deal value (total, else upfront) by year, one bar series per territory."""
    sums: dict[str, dict[int, float]] = {}
    for d in table.deals:
        value = d.total_usd or d.upfront_usd
        if d.date is None or value is None:
            continue
        where = label(d.territory) if d.territory else "unstated"
        sums.setdefault(where, {}).setdefault(d.date.year, 0.0)
        sums[where][d.date.year] += value / 1e6
    years = sorted({y for by in sums.values() for y in by})
    data = [{"type": "bar", "name": t, "x": [str(y) for y in years], "y": [round(by.get(y, 0.0), 1) for y in years]}
            for t, by in sorted(sums.items())]
    layout = {**_LAYOUT, "barmode": "stack", "title": {"text": "Deal value by year and territory (USD m)"},
              "margin": {**_LAYOUT["margin"], "l": 60}, "height": 380, "xaxis": {"type": "category"}}
    return {"by_year": {"data": data, "layout": layout}}


def forecast_charts(report: Mapping[str, Any]) -> Figure:
    """Revenue by product and year, and the tornado of the reported product."""
    years = [str(y) for y in report["years"]]
    lines = []
    for product, by_market in report["revenue"].items():
        totals = [sum(series[k] for series in by_market.values()) / 1e6 for k in range(len(years))]
        lines.append({"type": "scatter", "mode": "lines+markers", "name": product, "x": years,
                      "y": [round(v, 2) for v in totals]})
    bars: Sequence[Mapping[str, Any]] = report.get("tornado", [])
    ordered = sorted(bars, key=lambda b: abs(b["high"] - b["low"]))
    base = ordered[0]["base"] if ordered else 0.0
    tornado = [
        {"type": "bar", "orientation": "h", "name": "input at P10", "y": [b["name"] or b["path"] for b in ordered],
         "x": [(b["low"] - base) / 1e6 for b in ordered], "marker": {"color": "#c62828"}},
        {"type": "bar", "orientation": "h", "name": "input at P90", "y": [b["name"] or b["path"] for b in ordered],
         "x": [(b["high"] - base) / 1e6 for b in ordered], "marker": {"color": "#2e7d32"}},
    ]
    cur = report.get("currency", "")
    return {
        "revenue": {"data": lines, "layout": {**_LAYOUT, "title": {"text": f"Revenue by product ({cur} m)"},
                                              "margin": {**_LAYOUT["margin"], "l": 60}, "height": 380,
                                              "xaxis": {"type": "category"}}},
        "tornado": {"data": tornado, "layout": {**_LAYOUT, "barmode": "overlay", "height": 140 + 28 * len(ordered),
                                                "margin": {**_LAYOUT["margin"], "l": 260},
                                                "title": {"text": f"Tornado, {report.get('report_year')} "
                                                                  f"(change vs base, {cur} m)"}}},
    }
