"""The case file: a forecast's markets, funnel, products, prices, rules and scenarios.

A case is JSON or YAML in the ``racecard.forecast/v1`` shape, validated here with
``extra="forbid"`` so that a misspelt field is an error naming the field, not a
silently ignored line. Each number is a :class:`~racecard.forecast.params.Param`
(a bare number is an unsourced assumption). Per-market inputs are a mapping from
market id to Param, with ``"*"`` as the default for markets not listed; a single
Param means "the same in every market".
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from racecard.forecast.params import AnyDate, AnyParam, DateParam, Param

SCHEMA = "racecard.forecast/v1"


def _wrap_single(v: Any) -> Any:
    if isinstance(v, int | float) and not isinstance(v, bool):
        return {"*": v}
    if isinstance(v, dict) and "value" in v:
        return {"*": v}
    return v


MarketParams = Annotated[dict[str, AnyParam], BeforeValidator(_wrap_single)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Market(Strict):
    id: str
    name: str | None = None
    currency: str = "USD"
    fx: AnyParam = Field(default_factory=lambda: Param(value=1.0, unit="case currency per local unit"))


class Years(Strict):
    start: int
    end: int

    @model_validator(mode="after")
    def _order(self) -> Years:
        if not 1900 <= self.start <= self.end <= 2200:
            raise ValueError(f"need 1900 <= start <= end <= 2200, got {self.start}..{self.end}")
        return self


class Step(Strict):
    """One multiplicative funnel step (diagnosis, severity, biomarker, testing, line of therapy...)."""

    name: str
    kind: Literal["diagnosis", "severity", "biomarker", "testing", "line", "eligibility", "other"] = "other"
    value: MarketParams


class Segment(Strict):
    """A patient segment's funnel. The top is either a count per market or population x rate.

    ``split`` turns a regional total (``count`` under ``"*"``) into markets by normalised
    weights; each market's weight is the product of the Params listed for it.
    """

    id: str
    basis: Literal["prevalence", "incidence"] = "prevalence"
    base_year: int
    count: MarketParams | None = None
    population: MarketParams | None = None
    rate: MarketParams | None = None
    split: dict[str, list[AnyParam]] | None = None
    growth: AnyParam = Field(default_factory=lambda: Param(value=0.0, unit="per year"))
    steps: list[Step] = Field(default_factory=list)

    @model_validator(mode="after")
    def _top(self) -> Segment:
        if (self.count is None) == (self.population is None):
            raise ValueError("give the funnel top as either count, or population with rate")
        if self.population is not None and self.rate is None:
            raise ValueError("population needs a rate (prevalence or incidence)")
        if self.split is not None and (self.count is None or set(self.count) != {"*"}):
            raise ValueError("split needs a single regional count (one Param, not per market)")
        return self


class Ramp(Strict):
    """A rate that moves linearly from ``start`` (at ``start_year``) to ``end`` (at ``end_year``)."""

    start: MarketParams
    end: MarketParams | None = None
    start_year: int | None = None
    end_year: int | None = None

    @model_validator(mode="after")
    def _years(self) -> Ramp:
        if self.end is not None and (self.start_year is None or self.end_year is None):
            raise ValueError("a ramp with an end needs start_year and end_year")
        if self.start_year is not None and self.end_year is not None and self.end_year <= self.start_year:
            raise ValueError("end_year must come after start_year")
        return self


class Uptake(Strict):
    """Bass (p, q) or time-to-peak (smoothstep reaching 1 at ``years``)."""

    curve: Literal["bass", "time_to_peak"]
    p: AnyParam | None = None
    q: AnyParam | None = None
    years: AnyParam | None = None

    @model_validator(mode="after")
    def _params(self) -> Uptake:
        if self.curve == "bass" and (self.p is None or self.q is None):
            raise ValueError("a bass curve needs p and q")
        if self.curve == "time_to_peak" and self.years is None:
            raise ValueError("a time_to_peak curve needs years")
        return self


class Erosion(Strict):
    """Brand retention after LOE: floor + (1 - floor) * exp(-rate * years since LOE)."""

    floor: AnyParam
    rate: AnyParam


class Price(Strict):
    """List price per patient-year (chronic) or per month (time-limited), in ``currency``."""

    value: AnyParam
    currency: str | None = None
    year: int | None = None


class Product(Strict):
    id: str
    brand: str | None = None
    company: str | None = None
    therapy: Literal["chronic", "time_limited"] = "chronic"
    stage: Literal["marketed", "approved", "filed", "phase3", "phase2", "phase1"] = "marketed"
    pos: AnyParam | None = None
    launch: dict[str, AnyDate] = Field(default_factory=dict)
    launch_lag: dict[str, AnyParam] = Field(default_factory=dict)
    loe: dict[str, AnyDate] = Field(default_factory=dict)
    erosion: Erosion | None = None
    profile: dict[str, AnyParam] = Field(default_factory=dict)
    adjust: AnyParam = Field(default_factory=lambda: Param(value=1.0, unit="multiplier"))
    uptake: Uptake | None = None
    price: dict[str, Price] = Field(default_factory=dict)
    price_as: str | None = None
    compliance: AnyParam = Field(default_factory=lambda: Param(value=1.0, unit="fraction"))
    dot_months: AnyParam | None = None
    target: bool = False

    @model_validator(mode="after")
    def _check(self) -> Product:
        if self.therapy == "time_limited" and self.dot_months is None:
            raise ValueError("a time_limited product needs dot_months (mean months on drug)")
        if self.price_as is not None and self.price:
            raise ValueError("give either price or price_as (another product's price table), not both")
        for market in self.launch_lag:
            if market in self.launch:
                raise ValueError(f"market {market} has both a launch date and a launch_lag")
        return self


class ShareModel(Strict):
    oe_exponent: AnyParam = Field(default_factory=lambda: Param(value=0.5, unit="elasticity"))
    oe_weight: AnyParam = Field(default_factory=lambda: Param(value=0.5, unit="weight"))
    profile_elasticity: AnyParam = Field(default_factory=lambda: Param(value=1.0, unit="lambda"))
    attribute_weights: dict[str, AnyParam] = Field(default_factory=dict)


class PriceRule(Strict):
    """``cut``: a dated price cut (NHI re-pricing, NRDL listing, any other); ``nhi_expansion``:
    Japan's market-expansion re-pricing when yearly sales pass ``threshold`` (local currency)."""

    kind: Literal["cut", "nhi_expansion"]
    market: str
    products: list[str] | None = None
    date: AnyDate | None = None
    cut: AnyParam
    reason: Literal["nhi_repricing", "nrdl", "other"] = "other"
    volume_uplift: AnyParam | None = None
    threshold: AnyParam | None = None
    lag_months: int = 6
    every_years: int | None = None

    @model_validator(mode="after")
    def _check(self) -> PriceRule:
        if self.kind == "cut" and self.date is None:
            raise ValueError("a cut needs a date")
        if self.kind == "nhi_expansion" and self.threshold is None:
            raise ValueError("nhi_expansion needs a threshold (yearly sales, local currency)")
        if self.every_years is not None and (self.kind != "cut" or self.every_years < 1):
            raise ValueError("every_years (a repeating cut, e.g. biennial NHI re-pricing) needs kind cut and >= 1")
        if self.volume_uplift is not None and self.kind != "cut":
            raise ValueError("volume_uplift applies to a dated cut (an NRDL listing)")
        return self


class Pricing(Strict):
    gtn: MarketParams = Field(default_factory=lambda: {"*": Param(value=0.0, unit="fraction")})
    annual_change: MarketParams = Field(default_factory=lambda: {"*": Param(value=0.0, unit="per year")})
    rules: list[PriceRule] = Field(default_factory=list)


class Actual(Strict):
    product: str
    year: int
    value: AnyParam
    scope: str = ""


class Backtest(Strict):
    product: str
    years: list[int]
    scenario: str | None = None
    sales_fraction: AnyParam | None = None
    note: str | None = None


class Published(Strict):
    subject: str
    metric: Literal["sales", "market_size"]
    year: int
    value: float
    currency: str = "USD"
    scope: str = ""
    markets: list[str] | None = None
    by: str = ""
    kind: str = ""
    published: str | None = None
    source: str | None = None
    note: str | None = None


class Scenario(Strict):
    description: str = ""
    set: dict[str, Any] = Field(default_factory=dict)


class Case(Strict):
    schema_: str = Field(alias="schema")
    id: str
    title: str = ""
    indication: str = ""
    currency: str = "USD"
    years: Years
    report_year: int | None = None
    markets: list[Market]
    segments: list[Segment]
    treatment_rate: Ramp
    products: list[Product]
    share: ShareModel = Field(default_factory=ShareModel)
    uptake: Uptake = Field(
        default_factory=lambda: Uptake(curve="bass", p=Param(value=0.05), q=Param(value=0.45))
    )
    pricing: Pricing = Field(default_factory=Pricing)
    erosion: Erosion = Field(
        default_factory=lambda: Erosion(floor=Param(value=0.2), rate=Param(value=1.0))
    )
    pos_by_stage: dict[str, AnyParam] = Field(default_factory=dict)
    scenarios: dict[str, Scenario] = Field(default_factory=dict)
    actuals: list[Actual] = Field(default_factory=list)
    backtest: Backtest | None = None
    published: list[Published] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> Case:
        if self.schema_ != SCHEMA:
            raise ValueError(f"schema must be {SCHEMA!r}, got {self.schema_!r}")
        ids = [m.id for m in self.markets]
        known = set(ids) | {"*"}
        if len(set(ids)) != len(ids):
            raise ValueError(f"market ids repeat: {ids}")
        pids = [p.id for p in self.products]
        if len(set(pids)) != len(pids):
            raise ValueError(f"product ids repeat: {pids}")
        for p in self.products:
            for field, keys in (("launch", p.launch), ("launch_lag", p.launch_lag), ("loe", p.loe),
                                ("price", p.price)):
                bad = set(keys) - known
                if bad:
                    raise ValueError(f"products[{p.id}].{field}: unknown market(s) {sorted(bad)}")
            if p.price_as is not None and p.price_as not in pids:
                raise ValueError(f"products[{p.id}].price_as: unknown product {p.price_as!r}")
            if p.pos is None and p.stage not in ("marketed", "approved") and p.stage not in self.pos_by_stage:
                raise ValueError(f"products[{p.id}]: stage {p.stage} needs pos or pos_by_stage.{p.stage}")
        for r in self.pricing.rules:
            if r.market not in known:
                raise ValueError(f"pricing.rules: unknown market {r.market!r}")
            for pid in r.products or []:
                if pid not in pids:
                    raise ValueError(f"pricing.rules: unknown product {pid!r}")
        for a in self.actuals:
            if a.product not in pids:
                raise ValueError(f"actuals: unknown product {a.product!r}")
        if self.backtest is not None:
            if self.backtest.product not in pids:
                raise ValueError(f"backtest.product: unknown product {self.backtest.product!r}")
            if self.backtest.scenario is not None and self.backtest.scenario not in self.scenarios:
                raise ValueError(f"backtest.scenario: unknown scenario {self.backtest.scenario!r}")
        return self

    def target_products(self) -> list[str]:
        return [p.id for p in self.products if p.target]


def launch_of(product: Product, market: str) -> DateParam | None:
    """The product's launch date in ``market`` (an explicit date or the ``"*"`` default)."""
    return product.launch.get(market) or product.launch.get("*")


def range_problems(case: Case) -> list[tuple[str, str]]:
    """Inputs outside their meaningful range, as (field path, problem); checked at load."""
    out: list[tuple[str, str]] = []

    def check(path: str, p: Param, lo: float | None, hi: float | None) -> None:
        vals = [p.value]
        if p.dist is not None:
            vals += [v for v in (p.dist.low, p.dist.high) if v is not None]
        for v in vals:
            if (lo is not None and v < lo) or (hi is not None and v > hi):
                out.append((path, f"{v:g} is outside [{'' if lo is None else f'{lo:g}'}, "
                                  f"{'' if hi is None else f'{hi:g}'}]"))
                return

    def each(path: str, mapping: dict[str, Param], lo: float | None, hi: float | None) -> None:
        for key, p in mapping.items():
            check(f"{path}.{key}", p, lo, hi)

    for s in case.segments:
        for name, top in (("count", s.count), ("population", s.population), ("rate", s.rate)):
            if top is not None:
                each(f"segments[{s.id}].{name}", top, 0.0, 1.0 if name == "rate" else None)
        for i, step in enumerate(s.steps):
            each(f"segments[{s.id}].steps[{i}].value", step.value, 0.0, 1.0)
    each("treatment_rate.start", case.treatment_rate.start, 0.0, 1.0)
    if case.treatment_rate.end is not None:
        each("treatment_rate.end", case.treatment_rate.end, 0.0, 1.0)
    each("pricing.gtn", case.pricing.gtn, 0.0, 1.0)
    each("pos_by_stage", case.pos_by_stage, 0.0, 1.0)
    check("share.oe_weight", case.share.oe_weight, 0.0, 1.0)
    for i, r in enumerate(case.pricing.rules):
        check(f"pricing.rules[{i}].cut", r.cut, None, 1.0)
    for p in case.products:
        if p.pos is not None:
            check(f"products[{p.id}].pos", p.pos, 0.0, 1.0)
        check(f"products[{p.id}].compliance", p.compliance, 0.0, None)
        for m, pr in p.price.items():
            check(f"products[{p.id}].price.{m}.value", pr.value, 0.0, None)
        if p.dot_months is not None:
            check(f"products[{p.id}].dot_months", p.dot_months, 0.0, None)
    return out
