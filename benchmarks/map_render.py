"""How fast a big map opens in headless Chromium (a benchmark, not a test).

    python benchmarks/map_render.py [--nodes 5000 20000]

For each size, a synthetic corpus-like graph (events with a perpetrator, a victim and a place drawn
from a skewed pool of actors, plus membership relations) is written as a network map with the cap
raised to the graph's size, then opened at 1400x900 in Chromium (/usr/bin/chromium, offline).
Printed per size: seconds in Python (selection, layout, page), seconds from opening the page to its
first drawing (positions come from Python, physics off), and the seconds one redraw takes after a
zoom (what "interactive" feels like). For the first size it also times, as a baseline in the same
run, what the map did before: vis-network's own force layout stabilising the same nodes in the page.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from graphkit.types import Entity, Event, GraphData, Provenance, Relation
from graphkit.viz import render_map
from graphkit.viz.image import CHROMIUM_ARGS, chromium_path

TYPES = ("Person", "Organization", "Location", "Group")
EVENTS = ("torture", "killing", "detention", "repression", "extortion")
ZOOM = """new Promise((done) => { const t = performance.now();
  network.once("afterDrawing", () => done((performance.now() - t) / 1000));
  network.moveTo({scale: network.getScale() * 1.5}); })"""
STABILISE = """new Promise((done) => { const t = performance.now();
  network.once("stabilizationIterationsDone", () => done((performance.now() - t) / 1000));
  network.setOptions({physics: {enabled: true, stabilization: {enabled: true, iterations: 60}}});
  network.stabilize(60); })"""


def synthetic(nodes: int, seed: int = 7) -> GraphData:
    """About `nodes` nodes: a quarter events, the rest entities, most actors in few events, a few in many."""
    rnd = random.Random(seed)
    n_events = nodes // 4
    n_entities = nodes - n_events
    entities = [Entity(f"e{i}", f"Actor {i}", TYPES[i % 4], docs=[f"d{i % 997}"]) for i in range(n_entities)]

    def pick() -> str:
        return f"e{int(n_entities * rnd.random() ** 1.6)}"

    events = []
    for j in range(n_events):
        prov = Provenance(f"d{j // 3}", f"Sentence {j}.", 0, 10)
        events.append(Event(f"ev{j}", EVENTS[j % len(EVENTS)], prov.doc_id, "t", prov, perpetrators=[pick()],
                            victims=[f"e{rnd.randrange(n_entities)}"], locations=[pick()]))
    relations = [Relation(pick(), "MEMBER_OF", f"e{rnd.randrange(n_entities)}", Provenance("d0", "s", 0, 1))
                 for _ in range(n_entities // 3)]
    return GraphData(entities=entities, events=events, relations=relations)


def measure(browser: object, path: Path, baseline: bool) -> dict[str, float]:
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    start = time.perf_counter()
    page.goto(path.resolve().as_uri())
    page.wait_for_function("window.graphkitReady === true", timeout=600_000)
    out = {"open": time.perf_counter() - start, "nodes": page.evaluate("nodes.length"),
           "edges": page.evaluate("edges.length")}
    out["zoom"] = min(page.evaluate(ZOOM) for _ in range(3))
    if baseline:
        out["stabilise"] = page.evaluate(STABILISE)
    context.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[5000, 20000])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        for i, n in enumerate(args.nodes):
            graph = synthetic(n)
            start = time.perf_counter()
            path = render_map(graph, Path(tmp) / f"map{n}.html", max_nodes=n)
            python_s = time.perf_counter() - start
            r = measure(browser, path, baseline=i == 0)
            print(f"{n:>6} nodes asked, {r['nodes']:>6} drawn, {r['edges']:>6} edges: python {python_s:6.2f} s, "
                  f"open to first drawing {r['open']:6.2f} s, redraw after a zoom {r['zoom']:.3f} s")
            if "stabilise" in r:
                print(f"{'':>6} baseline (vis-network force layout, 60 rounds, same page): {r['stabilise']:.2f} s "
                      f"= {r['stabilise'] / r['open']:.1f}x the time to open with positions from Python")
        capped = render_map(synthetic(args.nodes[-1]), Path(tmp) / "capped.html")
        r = measure(browser, capped, baseline=False)
        print(f"default cap: {r['nodes']} nodes drawn of {args.nodes[-1]}, open {r['open']:.2f} s "
              "(the page says what the cap left out)")
        browser.close()


if __name__ == "__main__":
    main()
