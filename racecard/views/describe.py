"""One-line plain descriptions of facts, and money in short form ("$400m")."""

from __future__ import annotations

from typing import Any

from racecard.views.facts import Fact

__all__ = ["describe", "money"]


def money(value: Any) -> str | None:
    """US dollars in short form: 400000000 → "$400m", 4.8e9 → "$4.8bn"."""
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return None
    if amount >= 1e9:
        return f"${amount / 1e9:.3g}bn"
    if amount >= 1e6:
        return f"${amount / 1e6:.4g}m"
    return f"${amount:,.0f}"


def _join(*parts: str | None) -> str:
    return ", ".join(p for p in parts if p)


def describe(f: Fact) -> str:
    """What a fact says, in a few words (the drug is left out: the row names it)."""
    t = f.text
    one = f.one
    if f.type == "license":
        terms = _join(
            f"{money(t('upfront_usd'))} upfront" if money(t("upfront_usd")) else None,
            f"up to {money(t('milestones_usd'))} in milestones" if money(t("milestones_usd")) else None,
            f"{money(t('total_usd'))} in total" if money(t("total_usd")) else None,
        )
        return _join(f"licence {one('licensor') or '?'} → {one('licensee') or '?'}", one("territory"), terms)
    if f.type == "rights_return":
        return _join(f"rights returned {one('from') or '?'} → {one('to') or '?'}", one("territory"))
    if f.type == "acquisition":
        return _join(f"{one('acquirer') or '?'} acquires {one('acquired') or '?'}", money(t("value_usd")))
    if f.type in ("trial_start", "trial_readout"):
        phase = f"phase {t('phase')}" if t("phase") else None
        verb = "trial start" if f.type == "trial_start" else f"readout: {t('outcome') or 'reported'}"
        return _join(verb, one("trial"), phase, one("indication"), one("territory"))
    if f.type in ("regulatory_submission", "approval", "rejection", "advisory_opinion", "designation"):
        label = {"regulatory_submission": "filing", "advisory_opinion": f"advisory: {t('outcome') or '?'}",
                 "designation": f"designation: {t('designation') or '?'}"}.get(f.type, f.type)
        return _join(label, one("agency"), one("territory"), one("indication"))
    if f.type == "discontinuation":
        return _join("discontinued", one("company"), one("indication"), one("territory"), t("reason"))
    if f.type == "safety_signal":
        return _join("safety signal", t("finding"), one("trial"))
    if f.type == "forecast":
        return _join(f"forecast {t('metric') or ''}".strip(), money(t("value_usd")), t("year"), t("source"))
    return f.type
