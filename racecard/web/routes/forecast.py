"""The forecast page: a case the server offers, run with its inputs, revenue chart and tornado.

Cases are registered when the server starts (``racecard serve --case-file PATH``, or
``$RACECARD_CASES``); a request names one, never a path.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from racecard.errors import NotFoundError
from racecard.web.charts import forecast_charts
from racecard.web.errors import ERROR_RESPONSES
from racecard.web.routes._page import page
from racecard.web.settings import CaseRef, Settings, settings

router = APIRouter()
Conf = Annotated[Settings, Depends(settings)]
CaseName = Annotated[str, Query(min_length=1, max_length=100, pattern=r"^[\w.\-]+$", examples=["webcase"])]
Scenario = Annotated[str | None, Query(min_length=1, max_length=200, pattern=r"^[\w.\-+ ]+$")]
Product = Annotated[str | None, Query(min_length=1, max_length=100, pattern=r"^[\w.\- ]+$")]
Trials = Annotated[int, Query(ge=0, le=5000, description="Monte Carlo trials (0: point forecast).")]
Year = Annotated[int | None, Query(ge=1990, le=2100)]
Seed = Annotated[int, Query(ge=0, le=2**31)]


def _clean(x: Any) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {str(k): _clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    return x


@lru_cache(maxsize=64)
def _run(ref: CaseRef, scenario: str | None, trials: int, seed: int, product: str | None,
         year: int | None) -> dict[str, Any]:
    from racecard.forecast.api import forecast
    from racecard.forecast.report import to_dict

    rep = forecast(ref.path, case_id=ref.case_id, scenario=scenario, trials=trials, seed=seed, product=product,
                   year=year)
    out: dict[str, Any] = _clean(to_dict(rep))
    return out


def run_case(conf: Settings, case: str, scenario: str | None, trials: int, seed: int, product: str | None,
             year: int | None) -> dict[str, Any]:
    ref = conf.cases.get(case)
    if ref is None:
        known = ", ".join(sorted(conf.cases)) or "none (start the server with --case-file PATH)"
        raise NotFoundError(f"no forecast case {case!r}; the server offers: {known}")
    return _run(ref, scenario, trials, seed, product, year)


@router.get("/api/v1/forecast/cases", response_model=list[str], tags=["forecast"])
def cases_json(conf: Conf) -> list[str]:
    """The forecast cases this server offers."""
    return sorted(conf.cases)


@router.get("/api/v1/forecast", response_model=dict[str, Any], responses=ERROR_RESPONSES, tags=["forecast"])
def forecast_json(conf: Conf, case: CaseName, scenario: Scenario = None, trials: Trials = 0, seed: Seed = 0,
                  product: Product = None, year: Year = None) -> dict[str, Any]:
    """A patient-based forecast: revenue by product, market and year, inputs, scenarios and tornado."""
    return run_case(conf, case, scenario, trials, seed, product, year)


@router.get("/forecast", response_class=HTMLResponse, include_in_schema=False)
def forecast_page(request: Request, conf: Conf, case: Annotated[str | None, Query(max_length=100,
                  pattern=r"^[\w.\-]*$")] = None, scenario: Scenario = None, trials: Trials = 0, seed: Seed = 0,
                  product: Product = None, year: Year = None) -> HTMLResponse:
    chosen = case or (min(conf.cases) if conf.cases else None)
    report = run_case(conf, chosen, scenario, trials, seed, product, year) if chosen else None
    return page(request, "forecast.html", cases=sorted(conf.cases), case=chosen or "", report=report,
                chart=forecast_charts(report) if report else None, scenario=scenario or "", trials=trials,
                product=product or "", year=year)
