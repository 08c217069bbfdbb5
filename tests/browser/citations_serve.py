"""Helpers for the citation/graph browser tests: build, serve on 127.0.0.1, drive Chromium.

Chromium is Debian's (/usr/bin/chromium), driven through Playwright without downloading a
browser. Every request that does not go to the local server is blocked and recorded, so a test
also proves that the pages make no external requests.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO, BuildResult, build_site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    """Skip without Chromium locally; under CI=true a missing browser is a failure."""
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing; CI must run the browser tests")
    pytest.skip(f"{CHROMIUM} is not installed")


def build_example(root: Path) -> BuildResult:
    """A strict build of a copy of the repository's example site."""
    for name in ("mkdocs.yml", "content", "overrides"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    (root / "plugins").symlink_to(REPO / "plugins")
    result = build_site(root, config_file=root / "mkdocs.yml")
    assert result.ok, result.error or result.warnings()
    return result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on an ephemeral 127.0.0.1 port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium_page(width: int = 1200, height: int = 900) -> Iterator[tuple[Any, list[str]]]:
    """A Playwright page in Debian's Chromium; yields it with the list of blocked requests."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            context.route("**/*", route)
            yield context.new_page(), blocked
        finally:
            browser.close()
