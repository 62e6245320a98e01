"""Sourced inputs: a value with its unit, kind, source and optional uncertainty.

Every number a forecast reads is a :class:`Param`. A bare number in a case file is
accepted and becomes an unsourced assumption, so the audit trail shows it as such.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator

Kind = Literal["fact", "derived", "assumption", "forecast", "gap"]
FloatArray = NDArray[np.float64]


class Dist(BaseModel):
    """An uncertainty distribution around a Param's point value.

    ``triangular``/``pert``/``uniform`` take ``low`` and ``high`` (the mode is the
    point value unless given); ``normal`` takes ``sd``; ``lognormal`` takes ``sigma``
    (the sd of the log) with the point value as median; ``beta`` takes ``low`` and
    ``high`` as its P10/P90 approximately via a PERT shape on [0, 1] bounds.
    """

    model_config = ConfigDict(extra="forbid")

    type: Literal["triangular", "pert", "uniform", "normal", "lognormal"]
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    sd: float | None = None
    sigma: float | None = None

    @model_validator(mode="after")
    def _check(self) -> Dist:
        if self.type in ("triangular", "pert", "uniform"):
            if self.low is None or self.high is None:
                raise ValueError(f"a {self.type} distribution needs both low and high")
            if self.low > self.high:
                raise ValueError(f"low ({self.low}) is above high ({self.high})")
        if self.type == "normal" and (self.sd is None or self.sd < 0):
            raise ValueError("a normal distribution needs sd >= 0")
        if self.type == "lognormal" and (self.sigma is None or self.sigma < 0):
            raise ValueError("a lognormal distribution needs sigma >= 0")
        return self


class Param(BaseModel):
    """One input: point value, unit, kind (fact/derived/assumption/forecast/gap) and source URL."""

    model_config = ConfigDict(extra="forbid")

    value: float
    unit: str = ""
    kind: Kind = "assumption"
    source: str | None = None
    note: str | None = None
    as_of: str | None = None
    dist: Dist | None = None

    @model_validator(mode="after")
    def _check_dist(self) -> Param:
        d = self.dist
        if d is not None and d.type in ("triangular", "pert", "uniform"):
            assert d.low is not None and d.high is not None
            mode = self.value if d.mode is None else d.mode
            if not d.low <= mode <= d.high:
                raise ValueError(f"value {mode} lies outside the distribution's [{d.low}, {d.high}]")
        if d is not None and d.type == "lognormal" and self.value <= 0:
            raise ValueError("a lognormal distribution needs a positive value (its median)")
        return self


def _number_to_param(v: Any) -> Any:
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float):
        return {"value": float(v)}
    return v


AnyParam = Annotated[Param, BeforeValidator(_number_to_param)]


class DateParam(BaseModel):
    """A dated input (launch, LOE, price cut): ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    model_config = ConfigDict(extra="forbid")

    value: str
    unit: str = "date"
    kind: Kind = "assumption"
    source: str | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _year_as_text(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("value"), int) and not isinstance(data["value"], bool):
            return {**data, "value": str(data["value"])}
        return data

    @model_validator(mode="after")
    def _check_date(self) -> DateParam:
        to_month(self.value)
        return self


def _str_to_date(v: Any) -> Any:
    if isinstance(v, int) and not isinstance(v, bool):
        return {"value": str(v)}
    if isinstance(v, str):
        return {"value": v}
    return v


AnyDate = Annotated[DateParam, BeforeValidator(_str_to_date)]


def to_month(text: str) -> float:
    """Years as a float at month resolution: '2021-05-28' -> 2021 + 4/12 + 27/365."""
    parts = text.strip().split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
    except (ValueError, IndexError):
        raise ValueError(f"date {text!r} is not ISO YYYY, YYYY-MM or YYYY-MM-DD") from None
    if not (1900 <= year <= 2200 and 1 <= month <= 12 and 1 <= day <= 31) or len(parts) > 3:
        raise ValueError(f"date {text!r} is not ISO YYYY, YYYY-MM or YYYY-MM-DD")
    return year + (month - 1) / 12.0 + (day - 1) / 365.0


def sample(param: Param, n: int, rng: np.random.Generator) -> FloatArray:
    """Draw ``n`` values of ``param`` (its point value repeated when it has no distribution)."""
    d = param.dist
    v = param.value
    if d is None:
        return np.full(n, v)
    if d.type == "uniform":
        assert d.low is not None and d.high is not None
        return rng.uniform(d.low, d.high, n)
    if d.type == "triangular":
        assert d.low is not None and d.high is not None
        if d.low == d.high:
            return np.full(n, d.low)
        return rng.triangular(d.low, v if d.mode is None else d.mode, d.high, n)
    if d.type == "pert":
        assert d.low is not None and d.high is not None
        lo, hi = d.low, d.high
        if lo == hi:
            return np.full(n, lo)
        mode = v if d.mode is None else d.mode
        alpha = 1.0 + 4.0 * (mode - lo) / (hi - lo)
        beta = 1.0 + 4.0 * (hi - mode) / (hi - lo)
        return lo + (hi - lo) * rng.beta(alpha, beta, n)
    if d.type == "normal":
        assert d.sd is not None
        return rng.normal(v, d.sd, n)
    assert d.sigma is not None
    return v * np.exp(rng.normal(0.0, d.sigma, n))


def swing(param: Param) -> tuple[float, float]:
    """The tornado's low and high for ``param``: its distribution's P10 and P90."""
    d = param.dist
    if d is None:
        return param.value, param.value
    if d.type == "uniform":
        assert d.low is not None and d.high is not None
        return d.low + 0.1 * (d.high - d.low), d.low + 0.9 * (d.high - d.low)
    if d.type == "normal":
        assert d.sd is not None
        return param.value - 1.2816 * d.sd, param.value + 1.2816 * d.sd
    if d.type == "lognormal":
        assert d.sigma is not None
        return param.value * float(np.exp(-1.2816 * d.sigma)), param.value * float(np.exp(1.2816 * d.sigma))
    draws = sample(param, 20001, np.random.default_rng(0))
    lo, hi = np.quantile(draws, [0.1, 0.9])
    return float(lo), float(hi)
