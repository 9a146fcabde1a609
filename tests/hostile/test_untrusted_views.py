"""Untrusted names and sentences in the map (real Chromium) and in a notebook: shown as text, never run."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from graphkit.viz import render_map
from tests.hostile.strings import HOSTILE, hostile_graph
from tests.viz.test_map_browser import browser, open_map  # noqa: F401 - the browser fixture

ROOT = Path(__file__).resolve().parents[2]
INJECTED = "window.__graphkitInjected"  # what a script in a name would have to set to be noticed


@pytest.mark.browser
def test_the_map_shows_hostile_names_and_sentences_as_text(browser, tmp_path):  # noqa: F811
    path = render_map(hostile_graph(), tmp_path / "hostile.html")
    page, errors, dialogs, _ = open_map(browser, path)
    labels = page.evaluate("nodes.get().map((n) => n.label)")
    for s in HOSTILE:
        assert s in labels
    titles = page.evaluate("nodes.get().map((n) => n.title).join('\\n') + edges.get().map((e) => e.title).join('\\n')")
    for s in HOSTILE:
        assert s.replace("\x00", "") in titles.replace("\x00", "")
    for s in (HOSTILE[0], HOSTILE[4], HOSTILE[10], HOSTILE[11]):  # an input field holds no newline
        page.fill("#search", s)
        page.dispatch_event("#search", "change")
        assert s in page.text_content("#selected")
    page.wait_for_timeout(300)
    assert dialogs == [] and errors == []
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate(f"typeof {INJECTED}") == "undefined"


NOTEBOOK_CELLS = [
    "from tests.hostile.strings import HOSTILE, hostile_graph\n"
    "from graphkit import render_map, run_query\n"
    "graph = hostile_graph()",
    "run_query('agencies-allegations', graph)",
    "run_query('actor', graph, name=HOSTILE[11])",
    "import html, tempfile, pathlib\n"
    "from IPython.display import HTML\n"
    "page = render_map(graph, pathlib.Path(tempfile.mkdtemp()) / 'm.html').read_text(encoding='utf-8')\n"
    "HTML(f'<iframe srcdoc=\"{html.escape(page)}\" style=\"width:100%;height:600px;border:0\"></iframe>')",
]


@pytest.mark.notebook
@pytest.mark.browser
def test_a_notebook_shows_hostile_names_as_text(browser, tmp_path):  # noqa: F811
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in NOTEBOOK_CELLS])
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    tables = [o["data"]["text/html"] for o in outputs[:2] if "text/html" in o.get("data", {})]
    assert len(tables) == 2
    frame = outputs[-1]["data"]["text/html"]
    context = browser.new_context(offline=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for html_text in [*tables, frame]:
        assert "<script>alert('x')</script>" not in html_text and "<img src=x" not in html_text
        page.set_content(html_text)
        page.wait_for_timeout(500)
        assert page.evaluate("document.querySelectorAll('img').length") == 0
    page.set_content(tables[0])
    shown = page.text_content("table") or ""
    assert any(s[:40] in shown for s in HOSTILE[1::4])  # the Organization perpetrators, as text
    page.set_content(tables[1])
    assert "<script>alert('x')</script>" in (page.text_content("table") or "")
    assert dialogs == []
    context.close()
