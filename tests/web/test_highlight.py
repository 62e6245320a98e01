"""Highlighting builds markup from offsets, escaping every piece of article text."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from racecard.store import Store
from racecard.web import Settings, create_app
from racecard.web.document import DocFact, DocMention
from racecard.web.highlight import highlight

TEXT = 'Amgen <script>alert("x")</script> licensed KHK4083. Kyowa <img src=x onerror=alert(1)> agreed & signed.'


def _fact(fid: int, start: int, end: int) -> DocFact:
    return DocFact(fid, "license", "happened", None, "", (), {}, start, end, TEXT[start:end], None)


def _strip(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_text_survives_exactly_and_is_escaped() -> None:
    first = TEXT.index(".") + 1
    mentions = [DocMention(0, 5, "Amgen", "company", "Amgen"), DocMention(43, 50, "KHK4083", "drug", "rocatinlimab")]
    facts = [_fact(1, 0, first), _fact(2, 0, first), _fact(3, first + 1, len(TEXT))]
    out = str(highlight(TEXT, mentions, facts))
    assert _strip(out) == TEXT
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert out.count('id="fact-1"') == 1 and out.count('id="fact-3"') == 1
    assert 'data-facts="1 2"' in out  # two facts on one sentence
    covered = re.findall(r'<span class="fact" data-facts="3">(.*?)</span>', out)
    assert _strip("".join(covered)) == TEXT[first + 1 :]
    assert re.search(r'<mark class="mention k-drug" title="drug: rocatinlimab">KHK4083</mark>', out)


def test_hostile_entity_names_are_escaped_in_attributes() -> None:
    out = str(highlight("abc", [DocMention(0, 3, "abc", 'x" onmouseover="bad', '"><script>')], []))
    assert "<script>" not in out and 'onmouseover="' not in out


def test_hostile_ingested_article_is_shown_as_text(web_store: Store) -> None:
    client = TestClient(create_app(Settings(database=web_store.url)))
    home = client.get("/api/v1/home").json()
    hostile = next(f["document_id"] for f in home["latest"] if "Hostile" in (f["title"] or ""))
    page = client.get(f"/documents/{hostile}").text
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert all('src="/static/' in s or 'src="/vendor/' in s or 'type="application/json"' in s for s in scripts)
    assert "<img" not in page and "<svg" not in page and "&lt;img src=x onerror=" in page
    assert "&lt;script&gt;window.__pwned = 1" in page
    assert "&lt;script&gt;window.__pwned = 3&lt;/script&gt;Hostile &lt;b&gt;title&lt;/b&gt;" in page
    for url in ("/", "/assets/rocatinlimab", "/digest?since=2026-01-01", "/companies/Amgen"):
        body = client.get(url).text
        assert "<script>window" not in body and "<img src=x" not in body, url
