"""Related stories: shared entities weighted by rarity, shared facts, copies left out."""

from __future__ import annotations

from datetime import date

import pytest

from racecard.errors import NotFoundError
from racecard.model import EntityKind, Mention, Reading
from racecard.store import Store
from racecard.views.related import related

from .conftest import add, fact


def _with_mentions(r: Reading, *names: tuple[str, EntityKind]) -> Reading:
    found = []
    for text, kind in names:
        start = r.document.text.index(text)
        found.append(Mention(start, start + len(text), text, kind, text))
    return Reading(r.document, mentions=tuple(found), entities=r.entities, events=r.events)


def test_shared_facts_and_rare_entities_rank_first(store: Store) -> None:
    base = _with_mentions(
        fact("NMPA approves fulzerasib from Innovent in China.", "2024-08-21",
             ("approval", {"drug": "fulzerasib", "agency": "NMPA", "territory": "China"}), doc_id="a"),
        ("fulzerasib", EntityKind.DRUG), ("Innovent", EntityKind.COMPANY), ("China", EntityKind.TERRITORY),
    )
    same_fact = fact("China clears fulzerasib; NMPA approval for Innovent's drug.", "2024-08-22",
                     ("approval", {"drug": "fulzerasib", "agency": "NMPA", "territory": "China"}), doc_id="b")
    rare = _with_mentions(fact("Innovent reports fulzerasib data.", "2024-09-01", doc_id="c"),
                          ("Innovent", EntityKind.COMPANY), ("fulzerasib", EntityKind.DRUG))
    common = [
        _with_mentions(fact(f"China market note number {i}.", "2024-07-01", doc_id=f"n{i}"),
                       ("China", EntityKind.TERRITORY))
        for i in range(4)
    ]
    unrelated = fact("A story about nothing in particular.", "2024-07-02", doc_id="z")
    add(store, base, same_fact, rare, *common, unrelated)
    with store.begin() as conn:
        result = related(conn=conn, document="a")
        ids = [s.document_id for s in result.stories]
        assert ids[:2] == ["b", "c"] and "z" not in ids and "a" not in ids
        assert result.stories[0].shared_facts == 1
        assert result.stories[1].score > result.stories[2].score  # two rare names beat one common one
        earlier = [s.document_id for s in related(conn=conn, document="a", as_of=date(2024, 8, 31)).stories]
        assert earlier[0] == "b" and "c" not in earlier  # published in September
        assert len(related(conn=conn, document="a", limit=2).stories) == 2
        with pytest.raises(NotFoundError):
            related(conn=conn, document="missing")
