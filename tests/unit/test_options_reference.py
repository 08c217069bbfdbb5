"""The options reference page is generated from the config classes and kept current."""

from __future__ import annotations

import pytest
from mkdocs.config import base
from mkdocs.config import config_options as c

from paperguide.adapter import options_reference
from paperguide.adapter.config import PaperguideConfig
from tests.helpers import REPO

PAGE = REPO / "content" / "guides" / "options.md"


def test_the_published_page_matches_the_config_classes():
    text = PAGE.read_text("utf-8")
    assert options_reference.with_table(text) == text, (
        "content/guides/options.md is out of date: run "
        "python -m paperguide.adapter.options_reference content/guides/options.md"
    )


def test_every_option_has_a_row():
    table = options_reference.options_table()
    names = [name for name, _ in PaperguideConfig._schema]
    assert len(names) > 15
    for name in names:
        assert f"| `{name}` |" in table
    for name in ("page", "cited_only", "download", "style"):
        assert f"| `bibliography.{name}` |" in table


def test_an_option_without_a_docstring_fails(monkeypatch):
    class Documented(base.Config):
        kept = c.Type(bool, default=True)
        """Has its docstring."""

        forgotten = c.Type(str, default="x")

    with pytest.raises(options_reference.UndocumentedOption, match="forgotten"):
        options_reference._rows(Documented)
