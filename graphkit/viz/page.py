"""Fill a page template from graphkit/viz/assets: vis-network inlined, data embedded safely.

Names and sentences are untrusted. The data goes in as JSON with <, > and & escaped (so no text can
close the script element), every other value is HTML-escaped by the caller, and the placeholders
are filled in one pass so that text put in is never scanned again for a placeholder.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from typing import Any

__all__ = ["fill_page", "legend_html", "safe_json"]


def safe_json(value: object) -> str:
    """JSON that can sit inside a <script> element whatever strings it holds."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _vis_asset(name: str) -> str:
    return (resources.files("pyvis") / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def legend_html(items: list[tuple[str, str]]) -> str:
    """<li> rows of a colour legend (label, colour)."""
    return "".join(
        f'<li><span class="swatch" style="background:{html.escape(c)}"></span>{html.escape(t)}</li>' for t, c in items
    )


def fill_page(template: str, *, title: str, data: Any, note: str = "", legend: str = "") -> str:
    """The page `template` (a file in viz/assets) with vis-network, the data, the title and the note."""
    page = (resources.files("graphkit") / "viz" / "assets" / template).read_text(encoding="utf-8")
    values = {"DATA": safe_json(data), "VIS_JS": _vis_asset("vis-network.min.js"),
              "VIS_CSS": _vis_asset("vis-network.css"), "LEGEND": legend, "NOTE": html.escape(note),
              "TITLE": html.escape(title)}
    return re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], page)
