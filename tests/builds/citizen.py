"""Probe sites for the good-citizen tests: the same site built with and without paperguide.

The probe pages live in ``tests/fixtures/citizen/``; they were written for these tests from
what other projects' documentation contains (decorators, handles, prices, shell variables,
Windows paths), and use no paperguide syntax.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from tests.helpers import REPO, BuildResult, build_site

FIXTURES = REPO / "tests" / "fixtures" / "citizen"

#: An ordinary Material site's extensions: no arithmatex, so "$" is no math to it.
PLAIN_EXTENSIONS: list[Any] = [
    "admonition",
    "attr_list",
    "tables",
    "footnotes",
    "toc",
    "pymdownx.superfences",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
]


def fixture_files(name: str, prefix: str = "content/") -> dict[str, str | bytes]:
    """The probe pages of one fixture folder, as ``build_site`` files."""
    folder = FIXTURES / name
    return {
        prefix + p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build_pair(
    root: Path,
    files: dict[str, str | bytes],
    config: dict[str, Any],
    paperguide: dict[str, Any] | None = None,
    extra_plugins: list[Any] | None = None,
) -> tuple[BuildResult, BuildResult]:
    """Strict builds of one site without and with the paperguide plugin."""
    results = []
    for with_plugin in (False, True):
        plugins: list[Any] = ["search", *copy.deepcopy(extra_plugins or [])]
        if with_plugin:
            plugins.append({"paperguide": paperguide} if paperguide else "paperguide")
        site_config = {**copy.deepcopy(config), "plugins": plugins}
        folder = root / ("with" if with_plugin else "without")
        results.append(build_site(folder, files, config=site_config))
    return results[0], results[1]


def pages(result: BuildResult) -> set[str]:
    """Every HTML page of the built site, relative to it."""
    return {p.relative_to(result.site).as_posix() for p in result.site.rglob("*.html")}


def article(result: BuildResult, page: str) -> str:
    """The page's article, parsed and serialised again (attribute order normalised)."""
    soup = BeautifulSoup((result.site / page).read_text("utf-8"), "html.parser")
    node = soup.select_one("article")
    assert node is not None, page
    return node.decode(formatter="html5")


def assert_same_articles(without: BuildResult, with_: BuildResult, skip: set[str]) -> int:
    """Every page of the plain build has the same article with paperguide; returns the count."""
    assert without.ok, without.error or without.warnings()
    assert with_.ok, with_.error or with_.warnings()
    compared = 0
    for page in sorted(pages(without) - {"404.html"} - skip):
        assert article(with_, page) == article(without, page), page
        compared += 1
    return compared
