"""Helpers for browser tests: serve a built site on 127.0.0.1, drive Debian's Chromium offline.

Kept out of ``conftest.py`` on purpose (other browser tests have their own fixtures); test
modules build their fixtures from these helpers. Every request that does not go to 127.0.0.1 is
aborted and recorded, so a test can assert that the pages need nothing from outside.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.helpers import REPO, BuildResult, build_site

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts" / "browser"


def build_example(root: Path) -> BuildResult:
    """A strict build of the repository's example site, from a copy, into ``root/site``."""
    for name in ("mkdocs.yml", "content", "overrides"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    (root / "plugins").symlink_to(REPO / "plugins")
    result = build_site(root, config_file=root / "mkdocs.yml")
    assert result.ok, "\n".join(result.warnings()) or result.error
    return result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a background thread; yields the URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Browser:
    """One Chromium for a test module; pages record the outside requests they tried."""

    browser: Any
    blocked: list[str] = field(default_factory=list)

    def page(self, *, color_scheme: str = "light", javascript: bool = True, width: int = 1200):
        context = self.browser.new_context(
            color_scheme=color_scheme,
            java_script_enabled=javascript,
            viewport={"width": width, "height": 900},
        )

        def route(route: Any) -> None:
            url = route.request.url
            if urlsplit(url).hostname == "127.0.0.1":
                route.continue_()
            else:
                self.blocked.append(url)
                route.abort()

        context.route("**/*", route)
        return context.new_page()


def artifact(name: str) -> Path:
    """Where to save a screenshot (``test-artifacts/`` is ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
