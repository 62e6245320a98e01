"""The dashboard in Debian's headless Chromium (Playwright drives it; no Playwright browser download).

Open the KRAS G12C × China race board, change the as-of date, open an asset, click a
fact and land on its highlighted sentence, submit a review with a token, and check that
an ingested article carrying script payloads shows them as text. Screenshots of the
race board, the dossier and the document go to tests/artifacts/.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from racecard.store import Store
from racecard.web import Settings, create_app
from racecard.web.tokens import create_token

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

if CHROMIUM is None:
    pytest.skip("chromium is not installed (apt-get install chromium); browser tests skipped", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app on 127.0.0.1 (only) in a thread; yields its base URL and a review token."""
    import uvicorn

    folder = tmp_path_factory.mktemp("browser")
    token = create_token(name="Browser Analyst", path=folder / "tokens.json").token
    app = create_app(Settings(database=web_store.url, tokens=folder / "tokens.json"))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", token
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, viewport={"width": 1400, "height": 1000}
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    tab = browser.new_page()
    tab.alerts = []
    tab.on("dialog", lambda d: (tab.alerts.append(d.message), d.dismiss()))
    yield tab
    tab.close()


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _charts_drawn(page: Any, count: int) -> None:
    page.wait_for_function(f"document.querySelectorAll('div.chart .main-svg').length >= {count}", timeout=20000)


def test_race_board_as_of_asset_fact_and_sentence(server: tuple[str, str], page: Any) -> None:
    base, _ = server
    page.goto(f"{base}/race?target=KRAS+G12C&market=China")
    rows = page.locator("#board tbody tr")
    assert rows.count() == 5
    assert rows.nth(0).locator("td.asset").inner_text() == "fulzerasib"
    assert "first approved" in rows.nth(0).inner_text()
    _charts_drawn(page, 2)
    _shot(page, "race_board.png")

    page.fill("#as-of", "2024-06-30")
    page.dispatch_event("#as-of", "change")
    page.wait_for_url("**as_of=2024-06-30**")
    assert "as of 2024-06-30" in page.locator("#board-title").inner_text()
    assert "first approved" not in page.locator("#board").inner_text()
    assert "filed" in page.locator("#board tbody tr").nth(0).inner_text()
    _charts_drawn(page, 2)
    _shot(page, "race_board_2024-06-30.png")

    page.click("#board tbody tr >> nth=0 >> td.asset a")
    page.wait_for_url("**/assets/fulzerasib**")
    assert page.locator("#asset-name").inner_text() == "fulzerasib"
    _charts_drawn(page, 2)
    _shot(page, "dossier.png")

    approval = page.locator("#events tbody tr", has_text="approval").first
    approval.locator("a.fact-link").first.click()
    page.wait_for_url("**/documents/kras-07#fact-*")
    current = page.locator(".article .fact.current")
    current.first.wait_for()
    assert "won approval from the NMPA" in " ".join(current.all_inner_texts())
    box = current.first.bounding_box()
    assert box is not None and 0 <= box["y"] <= 1000
    _shot(page, "document.png")


def test_review_with_a_token(server: tuple[str, str], page: Any) -> None:
    base, token = server
    page.goto(f"{base}/documents/kras-03")
    item = page.locator(".fact-list li").first
    item.locator("details.review summary").click()
    item.locator("input[value=reject]").check()
    item.locator("input[name=note]").fill("wrong territory")
    page.fill("#token", "rc_wrong")
    item.locator("button").click()
    page.wait_for_load_state()
    assert "Error 401" in page.content()  # no write without a valid token

    page.goto(f"{base}/documents/kras-03")
    item = page.locator(".fact-list li").first
    item.locator("details.review summary").click()
    item.locator("input[value=reject]").check()
    page.fill("#token", token)
    item.locator("button").click()
    page.wait_for_url("**/documents/kras-03?reviewed=*")
    assert "rejected by Browser Analyst" in page.locator(".fact-list li").first.inner_text()


def test_hostile_article_runs_no_script(server: tuple[str, str], page: Any) -> None:
    base, _ = server
    page.goto(f"{base}/")
    page.locator("a.fact-link", has_text="Hostile").first.click()
    page.wait_for_load_state()
    article = page.locator("#article").inner_text()
    assert "<script>window.__pwned = 1; document.title = 'pwned'</script>" in article
    assert '<img src=x onerror="window.__pwned = 2">' in article
    assert page.locator("#doc-title").inner_text() == "<script>window.__pwned = 3</script>Hostile <b>title</b>"
    for url in (page.url, f"{base}/", f"{base}/assets/rocatinlimab", f"{base}/digest?since=2026-01-01"):
        page.goto(url)
        page.wait_for_load_state()
        assert page.evaluate("typeof window.__pwned") == "undefined", url
        assert page.title() != "pwned"
        assert page.locator("img[src=x], svg[onload]").count() == 0
    assert page.alerts == []
