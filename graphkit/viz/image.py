"""A static picture of a map page for a report: the page opened in headless Chromium, then a PNG.

Uses Playwright with the system Chromium (GRAPHKIT_CHROMIUM, default /usr/bin/chromium), offline:
every request other than the page file itself is refused, as the map needs nothing else.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from graphkit.errors import GraphkitError

__all__ = ["CHROMIUM_ARGS", "chromium_path", "render_image"]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    """The Chromium binary to drive (GRAPHKIT_CHROMIUM, else Debian's /usr/bin/chromium)."""
    return os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium")


def render_image(page: str | Path, image: str | Path, *, width: int = 1400, height: int = 900,
                 timeout_ms: int = 120_000) -> Path:
    """Open the map `page` at width x height and save what a reader sees first as a PNG at `image`."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise GraphkitError("--png needs Playwright: pip install 'graphkit[image]'") from exc
    binary = chromium_path()
    if not Path(binary).exists():
        raise GraphkitError(f"--png needs Chromium at {binary} (apt-get install chromium, or set GRAPHKIT_CHROMIUM)")
    out = Path(image)
    out.parent.mkdir(parents=True, exist_ok=True)
    url = Path(page).resolve().as_uri()

    def draw() -> None:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=binary, args=CHROMIUM_ARGS, headless=True)
            try:
                context = browser.new_context(offline=True, viewport={"width": width, "height": height})
                context.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
                tab = context.new_page()
                tab.goto(url)
                tab.wait_for_function("window.graphkitReady === true", timeout=timeout_ms)
                tab.screenshot(path=str(out))
            finally:
                browser.close()

    # Playwright's sync API refuses a thread with a running event loop (Jupyter's, or another Playwright)
    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            pool.submit(draw).result()
        except PlaywrightError as exc:
            raise GraphkitError(f"could not draw {page} in Chromium: {str(exc).splitlines()[0]}") from exc
    return out
