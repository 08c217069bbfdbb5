"""Browser fixtures: Debian's Chromium driven by Playwright, over a site served on 127.0.0.1.

Reusable by any browser test: ``browser`` (one Chromium per session), ``serve`` (a static
server for a built site, in a background thread), ``page`` (a fresh page whose requests to
anything but 127.0.0.1 are blocked and recorded in ``page.external_requests``; ``new_page`` and
``guarded_page`` make more of them), and ``artifacts`` (the folder for screenshots,
``test-artifacts/``, not committed).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers import REPO, BuildResult, build_example

CHROMIUM = "/usr/bin/chromium"
#: The flags from the project brief: headless, and nothing that phones home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"
#: Where a test kept screenshots worth looking at; printed at the end of the run.
SCREENSHOTS_KEY = pytest.StashKey[Path]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    folder = config.stash.get(SCREENSHOTS_KEY, None)
    if folder is not None:
        terminalreporter.write_line(f"browser screenshots: {folder}")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"{CHROMIUM} is missing; CI must run the browser tests (apt-get install chromium)"
            )
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium to run browser tests)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """``serve(site_dir)`` -> base URL (``http://127.0.0.1:<port>/``) of a static server."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(root: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def guarded_page(
    browser,
    *,
    width: int = 1200,
    height: int = 900,
    color_scheme: str = "light",
    javascript: bool = True,
):
    """``(page, blocked)``: a page in a fresh context; the caller closes ``page.context``.

    Every request that leaves 127.0.0.1 is aborted and its URL appended to ``blocked`` (also
    ``page.external_requests``), so a test can assert the site needs nothing from outside.
    """
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme=color_scheme,
        java_script_enabled=javascript,
    )
    blocked: list[str] = []

    def guard(route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    created = context.new_page()
    created.external_requests = blocked
    return created, blocked


@pytest.fixture
def new_page(browser):
    """``new_page(width=, height=, color_scheme=, javascript=)`` -> ``(page, blocked)``.

    Each page gets a fresh context from ``guarded_page`` (requests that leave 127.0.0.1 are
    aborted and listed in ``blocked``). Contexts are closed when the test ends.
    """
    contexts = []

    def make(**options):
        created, blocked = guarded_page(browser, **options)
        contexts.append(created.context)
        return created, blocked

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A 1200×900 page in a fresh context (see ``new_page``)."""
    created, _blocked = new_page()
    return created


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@dataclass
class ServedSite:
    build: BuildResult
    url: str  # where it is served, e.g. http://127.0.0.1:40123/


@pytest.fixture(scope="session")
def example_site(tmp_path_factory, serve) -> ServedSite:
    """The repository's example site, built strictly from a copy and served on 127.0.0.1.

    It is built for the address it is served at, as ``mkdocs serve`` does: Material's instant
    navigation only takes over links found in sitemap.xml, whose URLs it rewrites with the
    page's protocol and host name but not its port.
    """
    root = tmp_path_factory.mktemp("example-browser")
    url = serve(root / "site")
    result = build_example(root, site_url=url)
    return ServedSite(result, url)
