"""The notebooks run top to bottom (stored without outputs) and show what a reader looks for.

Cells are tagged with what they must show: `plot` an image, `map` the map page inline, `table` a
non-empty table.
"""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = [pytest.mark.notebook, pytest.mark.model]

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_notebooks_exist():
    assert {"explore.ipynb", "allegations.ipynb"} <= {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in nb.cells if c.cell_type == "code")


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _shown(cell, mime: str) -> list[str]:
    return [o["data"][mime] for o in cell.get("outputs", []) if mime in o.get("data", {})]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_run_and_show_their_plots_maps_and_tables(path):
    nb = nbformat.read(path, as_version=4)
    tagged = {tag: [c for c in nb.cells if tag in _tags(c)] for tag in ("plot", "map", "table")}
    assert all(tagged.values()), f"{path.name} should have a plot, a map and a table cell"
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    for cell in tagged["plot"]:
        assert _shown(cell, "image/png"), cell.source
    for cell in tagged["map"]:
        pages = _shown(cell, "text/html")
        assert pages and "<iframe" in pages[0] and "graphkitReady" in pages[0], cell.source
    for cell in tagged["table"]:
        tables = _shown(cell, "text/html")
        assert tables and "<table" in tables[0] and "<td>" in tables[0], cell.source
