"""Shared fixtures. Builds run for real (``mkdocs build --strict``) in ``tmp_path``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
# Builds in tmp_path are far from the repository's node_modules/: point them at its KaTeX.
os.environ.setdefault(
    "PAPERGUIDE_KATEX_DIR", str(Path(__file__).resolve().parent.parent / "node_modules/katex/dist")
)


@pytest.fixture
def site(tmp_path):
    """Build a site: ``site(files, config=..., strict=...)`` -> BuildResult."""
    from tests.helpers import build_site

    def run(files=None, **kwargs):
        return build_site(tmp_path, files, **kwargs)

    return run


@pytest.fixture(scope="session")
def example_build(tmp_path_factory):
    """The example site, built strictly once per session from a copy (read-only for tests)."""
    from tests.helpers import build_example

    return build_example(tmp_path_factory.mktemp("example"))


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The ``src_uri`` of every page MkDocs converted in this process, in order (counted by
    wrapping ``Page.render``, which the page cache calls on a miss; never by timing)."""
    from mkdocs.structure.pages import Page

    seen: list[str] = []
    real = Page.render

    def counting(self: Page, config, files) -> None:
        seen.append(self.file.src_uri)
        real(self, config, files)

    monkeypatch.setattr(Page, "render", counting)
    return seen


@pytest.fixture
def card_conversions(monkeypatch) -> list[str]:
    """The key of every citation card converted in this process, in order (``render_card``,
    which the per-build card book calls on a miss)."""
    from paperguide.mdx import citation_cards

    seen: list[str] = []
    real = citation_cards.render_card

    def counting(md, key, refs, *tree):
        seen.append(key)
        return real(md, key, refs, *tree)

    monkeypatch.setattr(citation_cards, "render_card", counting)
    return seen
