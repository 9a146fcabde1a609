"""The maps opened in real headless Chromium from disk, with the network off."""

from __future__ import annotations

import os
import struct
import time
from pathlib import Path

import pytest

from graphkit.query import run_query
from graphkit.types import Entity, Event, GraphData, Provenance, Relation
from graphkit.viz import render_image, render_map
from graphkit.viz.render import select
from tests.test_graph import tiny_graph

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
EVIL_NAME = "<img src=x onerror=alert(1)>"
EVIL_SENTENCE = "A sentence with <script>alert(2)</script> inside."
# every piece of text the page draws on a canvas, with where it lands on the canvas
RECORD_TEXT = """
window.__drawn = [];
const fillText = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
  const p = this.getTransform().transformPoint(new DOMPoint(x, y));
  window.__drawn.push({text: String(text), x: p.x, y: p.y, w: this.canvas.width, h: this.canvas.height});
  return fillText.call(this, text, x, y, ...rest);
};
"""
REDRAW = """new Promise((done) => {
  window.__drawn = []; network.once("afterDrawing", () => done(window.__drawn)); network.redraw(); })"""


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run tools/install-browser (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def open_map(browser, path: Path, width: int = 1400, height: int = 900):
    context = browser.new_context(offline=True, viewport={"width": width, "height": height})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    context.add_init_script(RECORD_TEXT)
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


def node_on_screen(page, node_id: str) -> tuple[float, float]:
    """Page coordinates of a node's centre."""
    xy = page.evaluate("(id) => network.canvasToDOM(network.getPosition(id))", node_id)
    box = page.locator("#map").bounding_box()
    return box["x"] + xy["x"], box["y"] + xy["y"]


def evil_graph() -> GraphData:
    g = tiny_graph()
    g.entities.append(Entity("evil", EVIL_NAME, "Organization", docs=["d1"]))
    g.events[0].perpetrators.append("evil")  # linked, so both views draw it
    g.events[0].sources.append("evil")
    g.events[0].prov = Provenance("d1", EVIL_SENTENCE, 0, 5)
    return g


def test_map_renders_offline_with_all_nodes_and_no_errors(browser, tmp_path):
    path = render_map(tiny_graph(), tmp_path / "map.html")
    page, errors, dialogs, _ = open_map(browser, path)
    size = page.evaluate("(() => { const c = document.querySelector('#map canvas'); return [c.width, c.height]; })()")
    assert size[0] > 0 and size[1] > 0
    assert page.evaluate("nodes.length") == 5
    assert errors == [] and dialogs == []


def test_map_runs_no_code_from_names_or_sentences(browser, tmp_path):
    path = render_map(evil_graph(), tmp_path / "evil.html")
    page, errors, dialogs, _ = open_map(browser, path)
    page.fill("#search", EVIL_NAME)
    page.dispatch_event("#search", "change")
    assert EVIL_NAME in page.text_content("#selected")
    titles = page.evaluate("nodes.get().map((n) => n.title).join('\\n')")
    assert "<script>alert(2)</script>" in titles
    page.mouse.move(*node_on_screen(page, "evil"))
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert EVIL_NAME in page.text_content("div.vis-tooltip")
    page.mouse.move(*node_on_screen(page, "d1:ev1"))
    page.wait_for_function("document.querySelector('div.vis-tooltip').textContent.includes('alert(2)')")
    assert "<script>alert(2)</script>" in page.text_content("div.vis-tooltip")
    page.wait_for_timeout(300)
    assert dialogs == [] and errors == []
    assert page.evaluate("document.querySelectorAll('img, #side script, .vis-tooltip *:not(br)').length") == 0


def test_allegations_view_runs_no_code_from_names_or_sentences(browser, tmp_path):
    path = render_map(evil_graph(), tmp_path / "evil-allegations.html", view="allegations", sources=True)
    page, errors, dialogs, _ = open_map(browser, path)
    drawn = [t["text"] for t in page.evaluate(REDRAW)]
    assert EVIL_NAME in drawn  # drawn literally on the canvas
    page.mouse.click(*node_on_screen(page, "actor:evil"))
    assert EVIL_NAME in page.text_content("#selected")
    edge_title = page.evaluate("edges.get('actor:evil|torture').title")
    assert EVIL_SENTENCE in edge_title
    page.evaluate("network.selectEdges(['actor:evil|torture'])")
    page.mouse.move(*node_on_screen(page, "source:evil"))
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert EVIL_NAME in page.text_content("div.vis-tooltip")
    page.wait_for_timeout(300)
    assert dialogs == [] and errors == []
    assert page.evaluate("document.querySelectorAll('img, #side script, .vis-tooltip *:not(br)').length") == 0


def test_seeds_map_names_the_most_connected_at_first_sight(browser, seeds_run, tmp_path):
    outputs, out = seeds_run
    page, errors, _, seconds = open_map(browser, out / "map.html")
    assert errors == []
    g = select(outputs.graph).graph
    entities = [n for n, a in g.nodes(data=True) if a["kind"] == "entity"]
    ten = sorted(entities, key=lambda n: (-g.degree(n), str(n)))[:10]
    # vis-network draws a label when its font size times the view scale reaches the threshold (read from the
    # options in force on the drawn node)
    scale = page.evaluate("network.getScale()")
    for node_id in ten:
        font, threshold = page.evaluate(
            "(id) => { const o = network.body.nodes[id].options;"
            " return [o.font.size, o.scaling.label.drawThreshold]; }", node_id)
        assert font * scale >= threshold - 1, g.nodes[node_id]["name"]
    # and it did draw them, inside the canvas
    drawn = page.evaluate(REDRAW)
    on_canvas = {t["text"] for t in drawn if 0 <= t["x"] <= t["w"] and 0 <= t["y"] <= t["h"]}
    names = [g.nodes[n]["name"] for n in ten]
    assert set(names) <= on_canvas, set(names) - on_canvas
    # edge labels wait for a hover or a close zoom; the other names appear when zooming in
    edge_labels = set(page.evaluate("edges.get().map((e) => e.label)"))
    # a node may bear an edge label's word as its name (an unnamed group called "source"): its label is no edge's
    node_labels = set(page.evaluate("nodes.get().map((n) => n.label)"))
    assert not ((edge_labels - node_labels) & {t["text"] for t in drawn}) - set(names)
    hub = ten[0]
    zoomed = page.evaluate("(id) => new Promise((done) => { window.__drawn = [];"
                           " network.once('afterDrawing', () => done(window.__drawn));"
                           " network.moveTo({position: network.getPosition(id), scale: 3 * network.getScale()}); })",
                           hub)
    texts = {t["text"] for t in zoomed if 0 <= t["x"] <= t["w"] and 0 <= t["y"] <= t["h"]}
    assert texts & edge_labels
    minor = set(page.evaluate("nodes.get().filter((n) => n.tier === 'minor').map((n) => n.label)"))
    assert texts & minor
    print(f"\nseeds map: {seconds:.2f} s to first drawing; {len(on_canvas)} labels drawn at first sight")
    shot = Path(os.environ.get("GRAPHKIT_SCREENSHOT", tmp_path / "map-network.png"))
    page.screenshot(path=str(shot))


def test_seeds_map_has_no_isolated_node_by_default(browser, seeds_run):
    outputs, out = seeds_run
    page, _, _, _ = open_map(browser, out / "map.html")
    ids = set(page.evaluate("nodes.getIds()"))
    linked = set(page.evaluate("edges.get().flatMap((e) => [e.from, e.to])"))
    assert ids and ids <= linked
    assert len(ids) == select(outputs.graph).graph.number_of_nodes()
    assert select(outputs.graph).isolated > 0  # the seeds do have unlinked entities: they were left out
    assert "left out" in page.text_content("#note")


def test_seeds_allegations_view_has_one_edge_per_query_row(browser, seeds_run):
    outputs, out = seeds_run
    page, errors, _, _ = open_map(browser, out / "allegations.html")
    assert errors == []
    frame = run_query("agencies-allegations", outputs.graph)
    expected = {(f"actor:{r.actor_id}", f"allegation:{r.allegation}", int(r.events)) for r in frame.itertuples()}
    edges = page.evaluate("edges.get().filter((e) => e.side === 'actor').map((e) => [e.from, e.to, e.events])")
    assert len(edges) == len(frame) and {tuple(e) for e in edges} == expected
    # the sources column is off at first, and shows the who-alleges rows when switched on
    assert page.evaluate("edges.get().filter((e) => e.side === 'source' && !e.hidden).length") == 0
    page.check("#sources")
    who = run_query("who-alleges", outputs.graph)
    shown = page.evaluate(
        "edges.get().filter((e) => e.side === 'source' && !e.hidden).map((e) => [e.from, e.to, e.events])")
    assert {tuple(e) for e in shown} == {(f"source:{r.source_id}", f"allegation:{r.allegation}", int(r.events))
                                          for r in who.itertuples()}
    drawn_words = {w for t in page.evaluate(REDRAW) for w in t["text"].split()}  # long names wrap over lines
    assert all(set(name.split()) <= drawn_words for name in frame["actor"])


def test_png_of_a_map_is_the_first_view(tmp_path):
    path = render_map(tiny_graph(), tmp_path / "map.html", view="allegations")
    png = render_image(path, tmp_path / "map.png", width=1000, height=700)
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (1000, 700)


def linked_graph(n: int) -> GraphData:
    """n entities in chains of ten, one event per chain: every node linked, like a corpus of small stories."""
    prov = Provenance("d", "s", 0, 1)
    entities = [Entity(f"e{i}", f"Entity {i}", "Person", docs=["d"]) for i in range(n)]
    relations = [Relation(f"e{i}", "MEMBER_OF", f"e{i + 1}", prov) for i in range(n - 1) if i % 10 != 9]
    events = [Event(f"ev{i}", "torture", "d", "t", prov, perpetrators=[f"e{i}"]) for i in range(0, n, 10)]
    return GraphData(entities=entities, relations=relations, events=events)


def test_map_of_5000_nodes_opens(browser, tmp_path):
    path = render_map(linked_graph(4500), tmp_path / "big.html", max_nodes=5000)
    page, errors, _, seconds = open_map(browser, path)
    assert page.evaluate("nodes.length") == 4950 and errors == []
    print(f"\n4,950-node map: {seconds:.2f} s to first drawing (benchmarks/map_render.py measures)")


def test_cli_map_png_writes_a_picture(runner, tmp_path):
    from graphkit.cli import cli
    from graphkit.graph import save_graph

    graph = save_graph(tiny_graph(), tmp_path / "graph.json")
    result = runner.invoke(cli, ["map", "--graph", str(graph), "-o", str(tmp_path / "m.html"),
                                 "--png", str(tmp_path / "m.png")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
