"""Checks on the demo corpus shipped in racecard/demo/articles.

The corpus is hand-written for the project: each article is ``NNN.txt`` (headline,
blank line, body) with a sidecar ``NNN.meta.json``. These tests keep it well formed
and make sure it still covers the assets the demo is meant to show.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "racecard" / "demo" / "articles"
SHARED_CORPUS = REPO.parent / "shared" / "corpus" / "dev"

META_KEYS = {"url", "title", "published", "source"}
SOURCE = "Racecard demo (written for the project)"
URL_PREFIX = "https://demo.racecard.invalid/"
MIN_BODY_WORDS = 120
MAX_BODY_WORDS = 350

# Every asset of the two demo stories, with the names and codes it may appear under.
ASSETS: dict[str, tuple[str, ...]] = {
    "sotorasib": ("sotorasib", "AMG 510", "Lumakras", "Lumykras"),
    "adagrasib": ("adagrasib", "MRTX849", "Krazati"),
    "fulzerasib": ("fulzerasib", "GFH925", "IBI351", "Dupert"),
    "glecirasib": ("glecirasib", "JAB-21822"),
    "garsorasib": ("garsorasib", "D-1553"),
    "rocatinlimab": ("rocatinlimab", "KHK4083", "AMG 451"),
    "amlitelimab": ("amlitelimab", "KY1005"),
    "telazorlimab": ("telazorlimab", "ISB 830"),
}


def _stems() -> list[str]:
    return sorted(p.stem for p in ARTICLES.glob("*.txt"))


def _read_text(stem: str) -> str:
    raw = (ARTICLES / f"{stem}.txt").read_bytes()
    return raw.decode("utf-8")  # strict: fails on invalid UTF-8


def _read_meta(stem: str) -> dict[str, object]:
    data = json.loads((ARTICLES / f"{stem}.meta.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{stem}.meta.json: top level must be an object"
    return data


def _headline_and_body(stem: str) -> tuple[str, str]:
    text = _read_text(stem)
    headline, sep, rest = text.partition("\n")
    assert sep, f"{stem}.txt: no line break after the headline"
    blank, sep, body = rest.partition("\n")
    assert sep and blank == "", f"{stem}.txt: line 2 must be blank"
    return headline, body


def test_corpus_has_enough_articles() -> None:
    assert len(_stems()) >= 12, f"only {len(_stems())} articles in {ARTICLES}"


def test_files_come_in_pairs_with_three_digit_ids() -> None:
    names = {p.name for p in ARTICLES.iterdir() if p.is_file()}
    for name in names:
        assert re.fullmatch(r"\d{3}\.(txt|meta\.json)", name), f"unexpected file {name}"
    for stem in _stems():
        assert f"{stem}.meta.json" in names, f"{stem}.txt has no {stem}.meta.json"
    for name in names:
        if name.endswith(".meta.json"):
            stem = name.removesuffix(".meta.json")
            assert f"{stem}.txt" in names, f"{name} has no {stem}.txt"


@pytest.mark.parametrize("stem", _stems())
def test_meta_is_valid(stem: str) -> None:
    meta = _read_meta(stem)
    assert set(meta) == META_KEYS, f"{stem}.meta.json: keys {sorted(meta)}"
    assert meta["url"] == f"{URL_PREFIX}{stem}", f"{stem}.meta.json: url {meta['url']!r}"
    assert meta["source"] == SOURCE, f"{stem}.meta.json: source {meta['source']!r}"
    published = meta["published"]
    assert isinstance(published, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published), (
        f"{stem}.meta.json: published {published!r} is not YYYY-MM-DD"
    )
    day = dt.date.fromisoformat(published)
    assert dt.date(2015, 1, 1) <= day <= dt.date(2030, 12, 31), f"{stem}: odd date {day}"


@pytest.mark.parametrize("stem", _stems())
def test_text_is_clean_utf8_with_headline(stem: str) -> None:
    text = _read_text(stem)
    assert not text.startswith("\ufeff"), f"{stem}.txt: starts with a BOM"
    assert "\r" not in text, f"{stem}.txt: contains carriage returns"
    headline, body = _headline_and_body(stem)
    assert headline.strip() == headline and 20 <= len(headline) <= 160, f"{stem}.txt: headline {headline!r}"
    assert _read_meta(stem)["title"] == headline, f"{stem}: meta title differs from headline"
    words = len(body.split())
    assert MIN_BODY_WORDS <= words <= MAX_BODY_WORDS, f"{stem}.txt: body has {words} words"


def test_ids_titles_and_urls_are_unique() -> None:
    metas = [_read_meta(s) for s in _stems()]
    for key in ("url", "title"):
        values = [m[key] for m in metas]
        dupes = {v for v in values if values.count(v) > 1}
        assert not dupes, f"duplicate {key}: {dupes}"


def test_articles_cover_every_demo_asset() -> None:
    corpus = "\n".join(_read_text(s) for s in _stems())
    missing = [
        asset
        for asset, names in ASSETS.items()
        if not any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", corpus, re.I) for n in names)
    ]
    assert not missing, f"no article mentions {missing}"


# 15 words: longer than standard label wording such as an indication statement.
def _shingles(text: str, size: int = 15) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus/dev not present")
def test_no_text_copied_from_the_evaluation_corpus() -> None:
    shared: set[tuple[str, ...]] = set()
    for path in SHARED_CORPUS.glob("*.txt"):
        shared |= _shingles(path.read_text(encoding="utf-8", errors="replace"))
    for stem in _stems():
        common = _shingles(_read_text(stem)) & shared
        assert not common, f"{stem}.txt shares wording with the dev corpus: {sorted(common)[:3]}"


def test_readme_summarises_every_article() -> None:
    readme = (ARTICLES.parent / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d{3}) \| (\d{4}-\d{2}-\d{2}) \|", readme, re.M))
    assert sorted(rows) == _stems(), "README table ids differ from the article files"
    for stem, published in rows.items():
        assert _read_meta(stem)["published"] == published, f"README date for {stem} is stale"
