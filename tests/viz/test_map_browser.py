"""The map opened in real headless Chromium from disk, with the network off."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from graphkit.types import Entity, GraphData
from graphkit.viz import render_map
from tests.test_graph import tiny_graph

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run tools/install-browser (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def open_map(browser, path: Path):
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    start = time.perf_counter()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.graphkitReady === true", timeout=120_000)
    return page, errors, dialogs, time.perf_counter() - start


def test_map_renders_offline_with_all_nodes_and_no_errors(browser, tmp_path):
    path = render_map(tiny_graph(), tmp_path / "map.html")
    page, errors, dialogs, _ = open_map(browser, path)
    size = page.evaluate("(() => { const c = document.querySelector('#map canvas'); return [c.width, c.height]; })()")
    assert size[0] > 0 and size[1] > 0
    assert page.evaluate("nodes.length") == 5
    assert errors == [] and dialogs == []


def test_map_runs_no_code_from_names_or_sentences(browser, tmp_path):
    g = tiny_graph()
    g.entities.append(Entity("evil", "<img src=x onerror=alert(1)>", "Person", docs=["d1"]))
    g.events[0].perpetrators.append("evil")  # linked, so the map draws it
    g.events[0].prov = type(g.events[0].prov)("d1", "A sentence with <script>alert(2)</script> inside.", 0, 5)
    path = render_map(g, tmp_path / "evil.html")
    page, errors, dialogs, _ = open_map(browser, path)
    page.fill("#search", "<img src=x onerror=alert(1)>")
    page.dispatch_event("#search", "change")
    assert "<img src=x onerror=alert(1)>" in page.text_content("#selected")
    titles = page.evaluate("nodes.get().map((n) => n.title).join('\\n')")
    assert "<script>alert(2)</script>" in titles
    page.wait_for_timeout(300)
    assert dialogs == [] and errors == []
    assert page.evaluate("document.querySelectorAll('img').length") == 0


def test_map_of_seeds_and_of_5000_nodes_render(browser, seeds_run, tmp_path):
    outputs, out = seeds_run
    page, errors, _, seconds = open_map(browser, out / "map.html")
    assert errors == []
    assert page.evaluate("nodes.length") == len(outputs.graph.entities) + len(outputs.graph.events)
    shot = Path(os.environ.get("GRAPHKIT_SCREENSHOT", tmp_path / "seeds-map.png"))
    page.screenshot(path=str(shot))
    print(f"\nseeds map: {seconds:.2f} s to stabilise")
    big = GraphData(entities=[Entity(f"e{i}", f"Entity {i}", "Person", docs=["d"]) for i in range(5000)])
    path = render_map(big, tmp_path / "big.html", max_nodes=5000)
    page, errors, _, seconds = open_map(browser, path)
    assert page.evaluate("nodes.length") == 5000 and errors == []
    print(f"5,000-node map: {seconds:.2f} s to stabilise")
