"""A document that carries script cannot run it in the workbench: Debian's
chromium (Playwright) loads every page that shows the hostile document and
checks that no payload ran (a window flag, a DOM marker, a dialog, a console
line) and that no markup reached the page as elements (a Content-Security-Policy
violation would mean escaping failed and only the CSP stopped it).

Skipped, saying why, only when chromium or the playwright package is absent.
"""

from __future__ import annotations

import shutil
import threading
import time
from urllib.parse import quote

import pytest
import reliability_helpers as rel

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(`apt-get install -y chromium`; `make test` does it)")
playwright_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

#: Each payload, if it ran, sets window.__pwned (and tells the console and the DOM).
RUN = "window.__pwned=1;console.log('PWNED');document.documentElement.dataset.pwned=1"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f'<img src=x onerror="{RUN}">',
    f'<svg onload="{RUN}"></svg>',
    f'"><script>{RUN}</script>',
    f"'><img src=/ onerror={RUN}>",
    f'<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    f'<a href="javascript:{RUN}" id="jslink">click</a>',
    f"</textarea></title><script>{RUN}</script>",
    "{{ 7 * 7 }}{% raw %}",
]
NAME = f'<script>{RUN}</script> Brigade'


def hostile_store(path):
    from hudhud.model import Actor, Document, DocumentAnalysis, Event, Evidence, Place, Quote
    from hudhud.resolve import resolve
    from hudhud.store import Store

    text = f"{NAME} attacked Qaryat on Monday. " + " ".join(
        f"Line {i}: {p}." for i, p in enumerate(PAYLOADS)) + f' "{PAYLOADS[1]} will pay," a commander said.'

    def span(part: str, sentence: int = 0) -> Evidence:
        start = text.index(part)
        return Evidence(sentence, start, start + len(part), part)

    quote_text = f"{PAYLOADS[1]} will pay"
    doc = Document(id="evil\"'<1>", text=text, title=f"<script>{RUN}</script> news",
                   url=f"javascript:{RUN}", published="2021-05-04")
    analysis = DocumentAnalysis(
        doc_id=doc.id, published=doc.published, version="test", sentences=[(0, len(text))],
        actors=[Actor("brigade", NAME, "militia", "IRQ", aliases=[PAYLOADS[1]], mentions=[span(NAME)]),
                Actor("village", PAYLOADS[2], "group")],
        events=[Event("brigade", "ASSAULT", "190", "village", span(f"{NAME} attacked Qaryat"),
                      date="2021-05-03", place=PAYLOADS[0])],
        quotes=[Quote("brigade", quote_text, span(quote_text))],
        places=[Place(PAYLOADS[3], 33.3, 44.4, "IQ", mentions=[span("Qaryat")])],
    )
    with Store(path) as store:
        assert store.write(doc, analysis)
        resolve(store)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from hudhud.web import create_app

    db = tmp_path_factory.mktemp("xss") / "hostile.duckdb"
    hostile_store(db)
    app = create_app(db)
    port = rel.free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app
    srv.should_exit = True
    thread.join(timeout=10)
    app.state.store.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
            args=ARGS, headless=True)
        yield context
        context.close()


def hostile_urls(base: str, app) -> list[str]:
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        actors = client.get("/api/actors").json()["actors"]
        events = client.get("/api/events").json()["events"]
    doc = quote("evil\"'<1>", safe="")
    return [base + u for u in [
        "/", f"/documents/{doc}", f"/documents/{doc}?focus={quote(events[0]['id'])}",
        f"/events/{events[0]['id']}", *(f"/actors/{a['id']}" for a in actors),
        "/search?q=" + quote(PAYLOADS[0]), "/actors?q=" + quote(PAYLOADS[1]), "/events", "/network", "/map",
        "/nothing/" + quote(PAYLOADS[0]),
    ]]


def test_no_payload_runs_on_any_page(browser, server):
    base, app = server
    tab = browser.new_page()
    tab.set_default_timeout(10_000)
    console, dialogs, errors = [], [], []
    tab.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for url in hostile_urls(base, app):
            tab.goto(url)
            tab.wait_for_load_state("load")
            tab.wait_for_timeout(150)
            assert tab.evaluate("window.__pwned") is None, url
            assert tab.evaluate("document.documentElement.dataset.pwned") is None, url
            # Only our own scripts, from /static: no element came from the text.
            sources = tab.evaluate("[...document.scripts].map(s => s.src)")
            assert all(s.startswith(base + "/static/") for s in sources), (url, sources)
            assert tab.evaluate("document.querySelectorAll('iframe, svg[onload], img[onerror], #jslink').length") == 0, url
        tab.goto(base + "/documents/" + quote("evil\"'<1>", safe=""))
        text = tab.evaluate("document.body.innerText")
        assert "<script>" in text and "{{ 7 * 7 }}" in text, "the text is shown, as text"
        assert not tab.evaluate("[...document.querySelectorAll('a[href^=\"javascript\"]')].length")
    finally:
        tab.close()
    assert not dialogs, dialogs
    assert not [c for c in console if "PWNED" in c], console
    violations = [c for c in console if "Content Security Policy" in c]
    assert not violations, f"markup reached the page and only the CSP stopped it: {violations}"
    assert not errors, errors


def test_the_csp_would_stop_an_inline_script_anyway(browser, server):
    # The second wall, tested on its own: a page of ours that did contain inline
    # script would not run it (the header forbids it).
    base, _ = server
    tab = browser.new_page()
    console = []
    tab.on("console", lambda m: console.append(m.text))
    try:
        tab.goto(base + "/")
        tab.evaluate(f"""() => {{
            const s = document.createElement('script');
            s.textContent = "{RUN}";
            document.body.appendChild(s);
        }}""")
        tab.wait_for_timeout(150)
        assert tab.evaluate("window.__pwned") is None
    finally:
        tab.close()
    assert any("Content Security Policy" in c for c in console), console
