"""schemathesis against the OpenAPI spec: generated requests to every operation, and no server error.

Also checks that responses match their documented schema and that every error body is
the envelope. The number of examples per operation is kept small so the test stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install schemathesis)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

from racecard.store import Store  # noqa: E402
from racecard.web import Settings, create_app  # noqa: E402
from racecard.web.settings import parse_case  # noqa: E402

CASE = Path(__file__).parent / "data" / "webcase.yaml"


@pytest.fixture(scope="module")
def api_schema(web_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Any:
    tokens = tmp_path_factory.mktemp("fuzz") / "tokens.json"
    app = create_app(Settings(database=web_store.url, tokens=tokens, cases=dict([parse_case(str(CASE))])))
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


def _check(case: Any) -> None:
    response = case.call()
    case.validate_response(response, checks=(not_a_server_error, response_schema_conformance))
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"ok", "error", "errors", "status"} and body["status"] == response.status_code


def test_no_server_error(api_schema: Any) -> None:
    """Every operation, a few dozen generated requests each (schemathesis's pytest plugin is driven by hand)."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def run(case: Any) -> None:
            _check(case)

        run()


def test_known_names_with_generated_options_never_fail(api_schema: Any, web_store: Store) -> None:
    """The fuzzer rarely guesses a stored name; here the names are real and the other options generated."""
    import datetime as dt

    from fastapi.testclient import TestClient
    from hypothesis import strategies as st

    client = TestClient(create_app(Settings(database=web_store.url)), raise_server_exceptions=False)
    days = st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
    words = st.none() | st.sampled_from(["China", "US", "Japan", "EU", "Greater China", "7MM", "Mars"]) | st.text(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=12)

    @given(target=st.sampled_from(["KRAS G12C", "OX40", "kras g12c"]), market=words, as_of=days,
           name=st.sampled_from(["fulzerasib", "KHK4083", "rocatinlimab", "Amgen", "Kyowa Kirin"]), since=days)
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)
    def run(target: str, market: str | None, as_of: dt.date | None, name: str, since: dt.date | None) -> None:
        race = {"target": target, "market": market, "as_of": as_of and as_of.isoformat()}
        urls = [("/api/v1/race", race), (f"/api/v1/assets/{name}", {"as_of": race["as_of"]}),
                (f"/api/v1/companies/{name}", {"as_of": race["as_of"]}),
                ("/api/v1/deals", {"territory": market, "since": since and since.isoformat(), "as_of": race["as_of"]}),
                ("/api/v1/digest", {"since": since and since.isoformat(), "as_of": race["as_of"], "market": market,
                                    "target": target})]
        for url, params in urls:
            got = client.get(url, params={k: v for k, v in params.items() if v is not None})
            assert got.status_code < 500, (url, params, got.text[:300])
            if got.status_code >= 400:
                assert set(got.json()) == {"ok", "error", "errors", "status"}

    run()
