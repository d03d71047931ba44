"""The dashboard in headless Chromium: every view draws, an edge shows its evidence, filters
go into the URL, nothing is fetched from outside, and the report works from a file.

Uses the system's Chromium (Debian's `chromium` package) through Playwright; no browser is
downloaded. Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytest.importorskip("fastapi")
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from test_web import build_seed_store  # noqa: E402  (tests/ is on sys.path under pytest)

from eventwire.web import create_app, write_report  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def find_chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium") or "",
                      shutil.which("google-chrome") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerThread:
    """uvicorn in a thread of this process, on a free loopback port."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "ServerThread":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


@pytest.fixture(scope="module")
def browser():
    exe = find_chromium()
    if exe is None:
        pytest.skip("no Chromium found (apt-get install chromium); browser tests need one")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_seed_store(tmp_path_factory.mktemp("browser") / "seed.duckdb")


@pytest.fixture(scope="module")
def server(store_url: str) -> Iterator[ServerThread]:
    with ServerThread(create_app(store_url)) as s:
        yield s


@pytest.fixture()
def page(browser, server: ServerThread):
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000})
    pg = ctx.new_page()
    outside: list[str] = []
    errors: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(server.url)
    pg.wait_for_selector("html[data-drawn]", timeout=15_000)
    yield pg
    assert not outside, f"the page fetched from outside: {outside}"
    assert not errors, f"script errors: {errors}"
    ctx.close()


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_every_view_draws(page) -> None:
    assert page.locator("#network .edge").count() == 12  # the UN request names two targets
    assert page.locator("#network .node").count() == 12
    assert page.locator("#timeline .bars rect").count() >= 4
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map .cluster").count() >= 2
    assert page.locator("#table tbody tr").count() == 11
    assert page.locator("#table mark.ev-trigger").count() == 11
    shot(page, "dashboard.png")


def test_clicking_an_edge_shows_its_evidence(page) -> None:
    page.locator('#network .edge[data-source="Q43"][data-target="gna"] path.hit').click(force=True)
    page.wait_for_selector("#panel .evidence-item")
    item = page.locator("#panel .evidence-item")
    assert item.count() == 1
    assert "Turkey backs the GNA" in item.inner_text()
    assert item.locator("mark.ev-trigger").inner_text() == "backs"
    assert item.locator("mark.ev-source").inner_text() == "Turkey"
    assert item.locator("a.article").get_attribute("href") == "https://example.org/libya"
    shot(page, "edge-evidence.png")


def test_clicking_a_node_shows_the_actor_profile(page) -> None:
    page.locator('#network .node[data-key="Q43"] circle').click()
    page.wait_for_selector("#panel table.partners")
    text = page.locator("#panel").inner_text()
    for partner in ("France", "Egypt", "Greece", "Cyprus", "Government of National Accord"):
        assert partner in text
    shot(page, "actor-profile.png")


def test_filters_go_into_the_url_and_apply_everywhere(page) -> None:
    page.fill("#filters input[name=actor]", "Q43")
    page.click("#filters button[type=submit]")
    page.wait_for_function("document.documentElement.dataset.drawn === '2'")
    assert "actor=Q43" in page.url
    assert page.locator("#table tbody tr").count() == 5
    assert page.locator("#network .edge").count() == 5
    # The link alone restores the view.
    page.goto(page.url.replace("actor=Q43", "actor=lna"))
    page.reload()
    page.wait_for_selector("html[data-drawn]")
    assert page.locator("#table tbody tr").count() == 6
    assert page.input_value("#filters input[name=actor]") == "lna"


def test_timeline_brush_sets_the_period(page) -> None:
    box = page.locator("#timeline rect.overlay").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=5)
    page.mouse.up()
    page.wait_for_function("document.documentElement.dataset.drawn === '2'")
    assert "since=2020-01-05" in page.url and "until=2020-01-0" in page.url
    assert 0 < page.locator("#table tbody tr").count() < 11
    shot(page, "brushed.png")


def test_map_click_filters_by_country(page) -> None:
    page.locator('#map path.country[data-iso3="TUR"]').dispatch_event("click")
    page.wait_for_function("document.documentElement.dataset.drawn === '2'")
    assert "country=TUR" in page.url
    assert page.locator("#table tbody tr").count() == 4


def test_report_works_from_a_file(browser, store_url: str) -> None:
    out = write_report(store_url, ARTIFACTS / "report-libya.html", country="LBY", since=date(2020, 1, 1),
                       until=date(2020, 1, 31))
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000})
    pg = ctx.new_page()
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.goto(out.as_uri())
    pg.wait_for_selector("html[data-drawn]", timeout=15_000)
    assert [u for u in requests if not u.startswith("file:")] == []
    assert pg.locator("#table tbody tr").count() == 6
    assert pg.locator("#map path.country").count() > 150
    pg.locator('#network .edge[data-source="Q878"][data-target="lna"] path.hit').click(force=True)
    pg.wait_for_selector("#panel .evidence-item")
    assert "drones" in pg.locator("#panel").inner_text()
    shot(pg, "report.png")
    ctx.close()


def test_seed_article_network(browser, tmp_path: Path, seed_text: str) -> None:
    """The real coder over the seed article, drawn: the sides of the Libyan war show."""
    import eventwire.store as st
    from eventwire.pipeline import code_documents
    from eventwire.records import Document

    url = str(tmp_path / "seed.duckdb")
    with st.open(url) as store:
        store.add_many(code_documents([Document(id="seed", text=seed_text, published=date(2020, 1, 8),
                                                title="Turkey and Russia push for Libya ceasefire")]))
    with ServerThread(create_app(url)) as server:
        ctx = browser.new_context(viewport={"width": 1440, "height": 1000})
        pg = ctx.new_page()
        pg.goto(server.url)
        pg.wait_for_selector("html[data-drawn]", state="attached", timeout=15_000)
        titles = pg.locator("#network .edge title").all_text_contents()
        shot(pg, "seed-article.png")
        ctx.close()
    drawn = " | ".join(titles)
    assert "Turkey → Government of National Accord" in drawn
    for backer in ("United Arab Emirates", "Jordan", "Egypt"):
        assert f"{backer} → Libyan National Army" in drawn
    assert sum(t.endswith("→ Turkey") or "→ Turkey:" in t for t in titles) >= 4
