"""The company page's data: portfolio (own and in-licensed), deals in and out, hand-backs.

The views have no company view; this one is composed from them: the deal table
filtered by the company (:func:`racecard.views.deals.deals`), the store's originator
links, and the hand-back facts naming the company.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from racecard.model import EntityKind
from racecard.store.schema import entity_links
from racecard.views.deals import Deal, deals
from racecard.views.facts import Names, facts_for, members_of
from racecard.views.profile import companies

__all__ = ["CompanyPage", "HandBack", "Holding", "company_page"]


@dataclass(frozen=True, slots=True)
class Holding:
    """An asset in the portfolio: how the company came to hold it, where and since when."""

    asset: str
    how: str
    partner: str | None
    territory: str | None
    since: dt.date | None


@dataclass(frozen=True, slots=True)
class HandBack:
    date: dt.date | None
    asset: str | None
    returned_by: str | None
    returned_to: str | None
    territory: str | None
    document_id: str


@dataclass(frozen=True, slots=True)
class CompanyPage:
    name: str
    country: str | None
    parent: str | None
    as_of: dt.date | None
    own: tuple[Holding, ...]
    in_licensed: tuple[Holding, ...]
    deals_in: tuple[Deal, ...]
    deals_out: tuple[Deal, ...]
    hand_backs: tuple[HandBack, ...]


def company_page(conn: Connection, name: str, as_of: dt.date | None = None) -> CompanyPage:
    """Everything a company holds and traded, as of a date (NotFoundError when unknown)."""
    canonical, ids = members_of(conn, str(EntityKind.COMPANY), name)
    names = Names(conn)
    table = deals(conn=conn, party=canonical, as_of=as_of)
    deals_in = tuple(d for d in table.deals if d.buyer == canonical)
    deals_out = tuple(d for d in table.deals if d.seller == canonical)
    own: dict[str, Holding] = {}
    linked = conn.execute(
        select(entity_links.c.entity_id).where(entity_links.c.relation == "originator",
                                               entity_links.c.other_id.in_(list(ids)))
    ).all()
    names.prime(r[0] for r in linked)
    for (drug_id,) in linked:
        drug = names.name(drug_id)
        own.setdefault(drug, Holding(drug, "originated", None, None, None))
    for d in deals_out:
        if d.asset and d.type == "license":
            own.setdefault(d.asset, Holding(d.asset, "originated", None, None, None))
    backs = facts_for(conn, entity_ids=ids, roles_of=("from", "to"), types=("rights_return",), as_of=as_of,
                      names=names)
    hand_backs = tuple(
        HandBack(f.when, f.one("drug"), f.one("from"), f.one("to"), f.one("territory"), f.document_id)
        for f in backs if f.status == "happened"
    )
    returned = {(h.asset, h.returned_by) for h in hand_backs}
    in_licensed: dict[str, Holding] = {}
    for d in deals_in:
        if d.asset and d.type == "license" and (d.asset, canonical) not in returned:
            in_licensed.setdefault(d.asset, Holding(d.asset, "in-licensed", d.seller, d.territory, d.date))
    for h in hand_backs:
        if h.asset and h.returned_to == canonical and h.asset not in own:
            own[h.asset] = Holding(h.asset, "regained", h.returned_by, h.territory, h.date)
    firm = companies(conn, [canonical]).get(canonical)
    return CompanyPage(
        canonical, firm.country if firm else None, firm.parent if firm else None, as_of,
        tuple(sorted(own.values(), key=lambda h: h.asset)), tuple(sorted(in_licensed.values(), key=lambda h: h.asset)),
        deals_in, deals_out, hand_backs,
    )
