"""The JSON API: twins of the views, one error envelope, validated parameters, token-guarded reviews."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from racecard.store import Store
from racecard.views.asset import Dossier, asset
from racecard.views.deals import DealTable, deals
from racecard.views.race import RaceBoard, race
from racecard.web import Settings, create_app
from racecard.web.settings import parse_case
from racecard.web.tokens import create_token

HERE = Path(__file__).parent
ENVELOPE = {"ok", "error", "errors", "status"}


def _client(store: Store, tokens: Path | None = None) -> TestClient:
    cases = dict([parse_case(str(HERE / "data" / "webcase.yaml"))])
    settings = Settings(database=store.url, tokens=tokens, cases=cases)
    return TestClient(create_app(settings), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(web_store: Store) -> Iterator[TestClient]:
    with _client(web_store) as c:
        yield c


def assert_envelope(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == ENVELOPE
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list) and all(isinstance(e, str) for e in body["errors"]) and body["errors"]
    return dict(body)


@pytest.mark.parametrize(
    ("url", "status", "says"),
    [
        ("/api/v1/assets/no-such-drug", 404, "no-such-drug"),
        ("/api/v1/race?target=no-such-target", 404, "no-such-target"),
        ("/api/v1/race?target=KRAS%20G12C&as_of=2024-13-45", 422, "as_of"),
        ("/api/v1/race", 422, "target"),
        ("/api/v1/race?target=%00%01", 422, "target"),
        ("/api/v1/deals?phase=7", 422, "phase"),
        ("/api/v1/home?limit=0", 422, "limit"),
        ("/api/v1/documents/missing", 404, "missing"),
        ("/api/v1/forecast?case=unknown", 404, "webcase"),
        ("/api/v1/digest?since=2026-01-01&as_of=2025-01-01", 400, "as-of"),
        ("/api/v1/nothing-here", 404, "/api/v1/nothing-here"),
        ("/api/v1/facts/0/reviews", 422, "event_id"),
    ],
)
def test_every_json_error_is_the_envelope(client: TestClient, url: str, status: int, says: str) -> None:
    body = assert_envelope(client.get(url), status)
    assert says in " ".join([body["error"], *body["errors"]])


def test_method_not_allowed_is_the_envelope(client: TestClient) -> None:
    assert_envelope(client.delete("/api/v1/home"), 405)


def test_race_json_is_the_view(client: TestClient, web_store: Store) -> None:
    got = client.get("/api/v1/race", params={"target": "KRAS G12C", "market": "China", "as_of": "2024-06-30"})
    assert got.status_code == 200
    with web_store.begin() as conn:
        board = race(conn=conn, target="KRAS G12C", market="China", as_of=dt.date(2024, 6, 30))
    assert got.json() == TypeAdapter(RaceBoard).dump_python(board, mode="json")
    assert [r["asset"] for r in got.json()["rows"]][:2] == ["fulzerasib", "garsorasib"]
    assert not any(r["first_approved"] for r in got.json()["rows"])  # nothing approved yet in mid-2024
    now = client.get("/api/v1/race", params={"target": "KRAS G12C", "market": "China"}).json()
    assert now["rows"][0]["asset"] == "fulzerasib" and now["rows"][0]["first_approved"]


def test_asset_and_deals_json_are_the_views(client: TestClient, web_store: Store) -> None:
    with web_store.begin() as conn:
        dossier = asset(conn=conn, name="KHK4083")
        table = deals(conn=conn, territory="Greater China")
    assert client.get("/api/v1/assets/KHK4083").json() == TypeAdapter(Dossier).dump_python(dossier, mode="json")
    got = client.get("/api/v1/deals", params={"territory": "Greater China"}).json()
    assert got == TypeAdapter(DealTable).dump_python(table, mode="json")


def test_company_page_splits_portfolio_and_deals(client: TestClient) -> None:
    amgen = client.get("/api/v1/companies/Amgen").json()
    assert {d["asset"] for d in amgen["deals_in"]} == {"rocatinlimab"}
    assert {d["asset"] for d in amgen["deals_out"]} == {"sotorasib"}
    assert [(h["asset"], h["returned_to"]) for h in amgen["hand_backs"]] == [("rocatinlimab", "Kyowa Kirin")]
    assert "rocatinlimab" not in [h["asset"] for h in amgen["in_licensed"]]  # handed back
    kyowa = client.get("/api/v1/companies/Kyowa%20Kirin").json()
    assert "rocatinlimab" in [h["asset"] for h in kyowa["own"]]
    page = client.get("/companies/Amgen")
    assert page.status_code == 200 and "Hand-backs" in page.text


def test_search_finds_assets_by_code_and_companies(client: TestClient) -> None:
    hits = client.get("/api/v1/search", params={"q": "gfh9"}).json()["hits"]
    assert {"kind": "drug", "name": "fulzerasib", "matched": "GFH925"} in hits
    names = [h["name"] for h in client.get("/api/v1/search", params={"q": "kyowa"}).json()["hits"]]
    assert "Kyowa Kirin" in names
    assert client.get("/api/v1/search", params={"q": "%_"}).json()["hits"] == []  # LIKE wildcards are literal


def test_pages_render_and_link_their_json(client: TestClient) -> None:
    for url, twin in [("/", "/api/v1/home"), ("/race?target=KRAS+G12C&market=China", "/api/v1/race?target=KRAS"),
                      ("/assets/fulzerasib", "/api/v1/assets/fulzerasib"), ("/deals", "/api/v1/deals"),
                      ("/digest?since=2024-01-01", "/api/v1/digest?since=2024-01-01"),
                      ("/forecast", "/api/v1/forecast?case=webcase"), ("/documents/kras-07/related", "related"),
                      ("/api/docs", "/api/v1/openapi.json"), ("/companies/Amgen", "/api/v1/companies/Amgen")]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert twin in r.text, url
        assert "content-security-policy" in r.headers and "script-src 'self'" in r.headers["content-security-policy"]
        assert not re.search(r"<script[^>]+src=\"(https?:)?//", r.text)  # nothing from a CDN


def test_plotly_is_served_from_the_package(client: TestClient) -> None:
    r = client.get("/vendor/plotly.min.js")
    assert r.status_code == 200 and len(r.content) > 1_000_000 and b"plotly" in r.content[:2000].lower()
    assert 'src="/vendor/plotly.min.js"' in client.get("/race?target=KRAS+G12C&market=China").text


def test_forecast_json_has_chart_inputs(client: TestClient) -> None:
    r = client.get("/api/v1/forecast", params={"case": "webcase", "trials": 50})
    assert r.status_code == 200
    body = r.json()
    assert body["products"] == ["leader", "rival"] and body["tornado"] and body["monte_carlo"]["trials"] == 50
    assert client.get("/api/v1/forecast/cases").json() == ["webcase"]
    assert_envelope(client.get("/api/v1/forecast", params={"case": "webcase", "product": "nobody"}), 400)


def test_document_json_has_offsets_that_quote_the_text(client: TestClient) -> None:
    doc = client.get("/api/v1/documents/kras-07").json()
    assert doc["facts"] and doc["mentions"]
    for f in doc["facts"]:
        assert doc["text"][f["start"]:f["end"]] == f["quote"]
    for m in doc["mentions"]:
        assert doc["text"][m["start"]:m["end"]] == m["text"]


# --- reviews: a fresh store per test, since they write -------------------------------------------------------


@pytest.fixture
def writable(tmp_path: Path, fresh_store: Store) -> Iterator[tuple[TestClient, Store, str]]:
    token = create_token(name="Ana Lyst", path=tmp_path / "tokens.json").token
    with _client(fresh_store, tmp_path / "tokens.json") as c:
        yield c, fresh_store, token


def _fact_id(client: TestClient, doc: str) -> int:
    return int(client.get(f"/api/v1/documents/{doc}").json()["facts"][0]["id"])


def test_a_review_needs_a_valid_token(writable: tuple[TestClient, Store, str]) -> None:
    client, _, _ = writable
    fid = _fact_id(client, "kras-07")
    assert_envelope(client.post(f"/api/v1/facts/{fid}/reviews", json={"action": "confirm"}), 401)
    bad = {"Authorization": "Bearer rc_not-a-token"}
    assert_envelope(client.post(f"/api/v1/facts/{fid}/reviews", json={"action": "confirm"}, headers=bad), 401)
    form = client.post(f"/facts/{fid}/review", data={"action": "confirm", "token": "nope"}, follow_redirects=False)
    assert form.status_code == 401
    assert client.get(f"/api/v1/facts/{fid}/reviews").json() == []


def test_review_is_validated(writable: tuple[TestClient, Store, str]) -> None:
    client, _, token = writable
    fid = _fact_id(client, "kras-07")
    auth = {"Authorization": f"Bearer {token}"}
    assert_envelope(client.post(f"/api/v1/facts/{fid}/reviews", json={"action": "maybe"}, headers=auth), 422)
    assert_envelope(client.post(f"/api/v1/facts/{fid}/reviews", json={"action": "correct"}, headers=auth), 400)
    assert_envelope(client.post(f"/api/v1/facts/{fid}/reviews", json={"action": "confirm", "extra": 1},
                                headers=auth), 422)
    assert_envelope(client.post("/api/v1/facts/999999/reviews", json={"action": "confirm"}, headers=auth), 404)


def test_reviews_are_recorded_by_the_tokens_analyst_and_survive_rereading(
    writable: tuple[TestClient, Store, str], reread: Callable[[Store, list[str]], None]
) -> None:
    client, store, token = writable
    fid = _fact_id(client, "kras-07")
    auth = {"Authorization": f"Bearer {token}"}
    made = client.post(f"/api/v1/facts/{fid}/reviews", headers=auth,
                       json={"action": "correct", "fields": {"date": "2024-08-21"}, "note": "press release date"})
    assert made.status_code == 201, made.text
    assert made.json()["by"] == "Ana Lyst" and made.json()["fields"] == {"date": "2024-08-21"}
    other = _fact_id(client, "kras-08")
    form = client.post(f"/facts/{other}/review", data={"action": "reject", "token": token, "note": "<b>dup</b>"},
                       follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"].endswith(f"#fact-{other}")
    # re-read both documents with a newer extractor: machine facts are replaced, reviewed ones stay
    reread(store, ["kras-07", "kras-08"])
    assert client.get("/api/v1/documents/kras-07").json()["extractor"] == "web-fixture-2"
    for event_id, action in ((fid, "correct"), (other, "reject")):
        listed = client.get(f"/api/v1/facts/{event_id}/reviews").json()
        assert [r["action"] for r in listed] == [action]
    doc = client.get("/api/v1/documents/kras-07").json()
    assert any(f["id"] == fid and f["review"]["action"] == "correct" for f in doc["facts"])
    page = client.get("/documents/kras-08").text
    assert "rejected by Ana Lyst" in page


def test_token_create_command_prints_a_token_that_verifies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from racecard.cli import app
    from racecard.web.tokens import verify_token

    monkeypatch.setenv("RACECARD_TOKENS", str(tmp_path / "t.json"))
    result = CliRunner().invoke(app, ["token", "create", "Bo Analyst"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]
    assert verify_token(token) == "Bo Analyst"
    assert token not in (tmp_path / "t.json").read_text()  # only the hash is kept
    assert verify_token(token + "x") is None


def test_empty_form_fields_mean_not_given_on_pages_only(client: TestClient) -> None:
    page = client.get("/race?target=KRAS+G12C&indication=&market=China&as_of=")
    assert page.status_code == 200 and "fulzerasib" in page.text
    assert_envelope(client.get("/api/v1/race?target=KRAS+G12C&as_of="), 422)


def test_cached_views_follow_the_store(tmp_path: Path, fresh_store: Store) -> None:
    """A page served from the cache changes as soon as another process writes to the store."""
    from racecard.model import Document, Entity, EntityKind, Event, Evidence, Reading, Status
    from racecard.store import DocumentRecord

    with _client(fresh_store) as client:
        before = client.get("/api/v1/race", params={"target": "KRAS G12C", "market": "China"}).json()
        assert client.get("/api/v1/race", params={"target": "KRAS G12C", "market": "China"}).json() == before
        text = "China approves glecirasib."
        doc = Document(text=text, id="late", title=text, published=dt.date(2024, 9, 1))
        event = Event("approval", Status.HAPPENED, {"drug": "glecirasib", "agency": "NMPA", "territory": "China",
                                                     "date": "2024-05-01"}, Evidence("late", 0, len(text), text, "x"))
        reading = Reading(doc, entities=(Entity(EntityKind.DRUG, "glecirasib", (), {"targets": ["KRAS G12C"]}),),
                          events=(event,))
        other = Store(fresh_store.url)  # another writer, as `racecard ingest` would be
        with other.begin() as conn:
            other.writer.add(conn, [DocumentRecord(doc, "text", reading=reading, extractor="x")])
        other.close()
        after = client.get("/api/v1/race", params={"target": "KRAS G12C", "market": "China"}).json()
    assert after != before
    assert after["rows"][0]["asset"] == "glecirasib" and after["rows"][0]["first_approved"]


def test_digest_page_links_each_fact_to_its_sentence(client: TestClient) -> None:
    page = client.get("/digest", params={"since": "2024-08-01", "as_of": "2024-12-31"}).text
    links = set(re.findall(r'href="/documents/([^"#]+)#fact-(\d+)"', page))
    assert "kras-07" in {d for d, _ in links}
    for doc, fid in links:
        facts = client.get(f"/api/v1/documents/{doc}").json()["facts"]
        assert int(fid) in [f["id"] for f in facts]


def test_serve_rejects_bad_options() -> None:
    from typer.testing import CliRunner

    from racecard.cli import app
    from racecard.errors import ConfigError

    for args in (["serve", "--port", "70000"], ["serve", "--host", "not a host"]):
        result = CliRunner().invoke(app, args)
        assert isinstance(result.exception, ConfigError), (args, result.output)


def test_an_unexpected_failure_is_a_500_envelope_that_tells_nothing(web_store: Store) -> None:
    from racecard.web.settings import connection

    def broken() -> Iterator[Any]:
        raise RuntimeError("secret internals /etc/passwd")
        yield  # pragma: no cover

    app = create_app(Settings(database=web_store.url))
    app.dependency_overrides[connection] = broken
    client = TestClient(app, raise_server_exceptions=False)
    body = assert_envelope(client.get("/api/v1/race", params={"target": "KRAS G12C"}), 500)
    assert "secret" not in body["error"] and "passwd" not in client.get("/race?target=KRAS+G12C").text


def test_cache_generation_without_sqlite_data_version(fresh_store: Store) -> None:
    """The query used on PostgreSQL: the newest ids and the document count move with every write."""
    from racecard.web.cache import ViewCache

    cache = ViewCache(fresh_store.engine, enabled=True)
    cache.close()  # no PRAGMA probe: the portable query
    calls: list[int] = []
    assert cache.get("k", lambda: calls.append(1) or 1) == 1
    assert cache.get("k", lambda: calls.append(2) or 2) == 1
    with fresh_store.begin() as conn:
        from racecard.store.reviews import review

        review(conn, _first_event(fresh_store), "confirm", by="someone")
    assert cache.get("k", lambda: calls.append(3) or 3) == 3
    assert calls == [1, 3]


def _first_event(store: Store) -> int:
    from sqlalchemy import func, select

    from racecard.store.schema import events

    with store.engine.connect() as conn:
        return int(conn.execute(select(func.min(events.c.id))).scalar_one())
