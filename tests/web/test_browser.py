"""Browser tests: Debian's chromium driven by Playwright against a real uvicorn
server on 127.0.0.1. Screenshots go to tests/web/artifacts/ (gitignored).

Skipped, saying why, only when chromium or the playwright package is absent;
`make test` installs chromium. Playwright never downloads a browser here.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(`apt-get install -y chromium`; `make test` does it)")
playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_db):
    """uvicorn serving the demo store in a thread; yields the base URL."""
    import uvicorn

    from hudhud.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(demo_db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with playwright_api.sync_playwright() as p:
        # A persistent context on a fresh folder: the user-data dir is ours and empty.
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
            args=ARGS, headless=True, viewport={"width": 1400, "height": 1000})
        yield context
        context.close()


@pytest.fixture
def page(browser, server):
    """A tab that records console errors (CSP violations show up there) and failed requests."""
    tab = browser.new_page()
    tab.set_default_timeout(10_000)
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    tab.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    tab.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    tab.problems = problems  # type: ignore[attr-defined]
    tab.base = server  # type: ignore[attr-defined]
    yield tab
    tab.close()
    assert problems == [], problems


def shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_overview_search_and_actor_page(page):
    page.goto(page.base + "/")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator("ul.counts li").count() == 6
    assert page.locator("svg.chart rect").count() > 0
    shot(page, "01-overview")
    page.fill("header input[name=q]", "Kataib")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Kataib")
    shot(page, "02-search")
    page.get_by_role("link", name="Kataib Hezbollah", exact=True).first.click()
    page.wait_for_url("**/actors/*")
    assert page.locator("h1").inner_text().startswith("Kataib Hezbollah")
    page.wait_for_selector("#graph[data-ready=true]")
    assert page.evaluate("hudhudGraph.nodes().length") >= 2
    shot(page, "03-actor")


def test_network_click_through_to_another_actor(page, kataib):
    page.goto(page.base + "/network")
    page.wait_for_selector("#graph[data-ready=true]")
    shot(page, "04-network")
    page.goto(page.base + f"/actors/{kataib['id']}")
    page.wait_for_selector("#graph[data-ready=true]")
    # A neighbour in the ego network, clicked where cytoscape drew it.
    target = page.evaluate("""() => {
        const n = hudhudGraph.nodes().filter(x => !x.data('centre'))[0];
        const p = n.renderedPosition();
        return {id: n.id(), name: n.data('label'), x: p.x, y: p.y};
    }""")
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + target["x"], box["y"] + target["y"])
    page.wait_for_timeout(100)
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    page.wait_for_url(f"**/actors/{target['id']}")
    assert page.locator("h1").inner_text().startswith(target["name"])
    shot(page, "05-neighbour")


def test_network_edge_shows_evidence(page):
    page.goto(page.base + "/network?layer=affiliations")
    page.wait_for_selector("#graph[data-ready=true]")
    # The longest edge, clicked at its midpoint, where no node sits.
    mid = page.evaluate("""() => {
        const len = e => Math.hypot(e.source().renderedPosition().x - e.target().renderedPosition().x,
                                    e.source().renderedPosition().y - e.target().renderedPosition().y);
        const edge = hudhudGraph.edges().sort((a, b) => len(b) - len(a))[0];
        return edge.renderedMidpoint();
    }""")
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + mid["x"], box["y"] + mid["y"])
    items = page.locator("#panel ul.evidence li a")
    assert items.count() >= 1
    href = items.first.get_attribute("href")
    assert href.startswith("/documents/") and "focus=" in href
    items.first.click()
    page.wait_for_selector(".doctext .focus")
    shot(page, "06-edge-evidence")


def test_event_page_highlights_the_evidence(page):
    page.goto(page.base + "/events?type=ASSAULT")
    page.locator("a.more").first.click()
    page.wait_for_url("**/events/*")
    evidence = page.locator("blockquote.evidence-quote").inner_text().strip("“”")
    focus = page.locator(".doctext .focus")
    assert focus.count() >= 1 and focus.first.is_visible()
    assert "".join(focus.all_inner_texts()).strip() == evidence.strip()
    background = focus.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    shot(page, "07-event")


def test_map_filters_by_date(page):
    page.goto(page.base + "/map")
    page.wait_for_selector("#map[data-ready=true]")
    slider = page.locator("#slider")
    before = int(slider.get_attribute("data-events"))
    assert before > 0 and page.locator(".leaflet-marker-icon").count() > 0
    shot(page, "08-map")
    # Move "from" to the middle of the range: only the later events stay.
    page.evaluate("""() => {
        const from = document.getElementById('from');
        from.value = String(Math.round(Number(from.max) * 0.75));
        from.dispatchEvent(new Event('input'));
    }""")
    after = int(slider.get_attribute("data-events"))
    assert 0 < after < before
    assert "since=" in page.locator("a.export").first.get_attribute("href")
    shot(page, "09-map-filtered")
    # Click an event marker; a cluster of events zooms in (or fans out) first.
    for _ in range(8):
        point = page.evaluate("""() => {
            const box = document.getElementById('map').getBoundingClientRect();
            const icons = [...document.querySelectorAll('.leaflet-marker-icon.pt:not(.place)'),
                           ...document.querySelectorAll('.leaflet-marker-icon.cluster:not(.place)')];
            for (const icon of icons) {
                const r = icon.getBoundingClientRect();
                const x = r.x + r.width / 2, y = r.y + r.height / 2;
                if (x > box.left && x < box.right && y > box.top && y < box.bottom
                    && document.elementFromPoint(x, y) === icon) return {x, y};
            }
            return null;
        }""")
        if point:
            page.mouse.click(point["x"], point["y"])
        page.wait_for_timeout(500)
        if page.locator(".leaflet-popup a").count():
            break
    page.locator(".leaflet-popup a").first.click()
    page.wait_for_url("**/events/*")
    assert page.locator(".doctext .focus").count() >= 1


def test_actor_page_pages_a_list_and_links_the_timeline(page, kataib):
    page.goto(page.base + f"/actors/{kataib['id']}?limit=1")
    section = page.locator("section#events_as_target")
    assert section.locator("table.events tbody tr").count() == 1
    first = section.locator("td.evidence a").first.get_attribute("href")
    assert section.locator("p.pager").inner_text().startswith("1–1 of ")
    section.get_by_role("link", name="older →").click()
    page.wait_for_url("**events_as_target_offset=1*")
    section = page.locator("section#events_as_target")
    assert section.locator("p.pager").inner_text().startswith("2–2 of ")
    assert section.locator("td.evidence a").first.get_attribute("href") != first
    shot(page, "10-actor-page-2")
    # A bar of the timeline opens the events it counts.
    bar = page.locator("section#timeline svg a").first
    label = bar.locator("title").text_content()
    bar.click()
    page.wait_for_url("**/events?*")
    assert f"actor={kataib['id']}" in page.url and "since=" in page.url
    count = int(label.split(": ")[1].split()[0])
    assert page.locator("table.events tbody tr").count() >= count
