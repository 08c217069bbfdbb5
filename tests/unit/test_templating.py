"""Template environments: override templates are checked once per build, not on every render."""

from __future__ import annotations

import os
from pathlib import Path

from paperguide.core.crossrefs.fragments import render_html
from paperguide.core.pages.templating import refresh_templates, render


def write(path: Path, text: str, mtime: int) -> None:
    """Write ``text`` with a modification time of its own (file systems keep coarse times)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, (mtime, mtime))


def test_an_edited_override_is_used_from_the_next_refresh(tmp_path):
    page = tmp_path / "probe.md.j2"
    fragment = tmp_path / "fragments" / "probe.html.j2"
    write(page, "first {{ n }}\n", 1_000_000)
    write(fragment, "<b>first {{ n }}</b>", 1_000_000)
    assert render("probe.md.j2", tmp_path, n=1) == "first 1\n"
    assert render_html("probe.html.j2", tmp_path, n=1) == "<b>first 1</b>"

    write(page, "second {{ n }}\n", 2_000_000)  # as an author does while `mkdocs serve` runs
    write(fragment, "<b>second {{ n }}</b>", 2_000_000)
    refresh_templates()  # what the next build starts with

    assert render("probe.md.j2", tmp_path, n=1) == "second 1\n"
    assert render_html("probe.html.j2", tmp_path, n=1) == "<b>second 1</b>"


def test_an_override_added_for_a_packaged_template_is_used_from_the_next_refresh(tmp_path):
    pages = [("Home", "index.html")]
    assert "Cited on" in render_html("cited_on.html.j2", tmp_path, pages=pages)
    write(tmp_path / "fragments" / "cited_on.html.j2", "<i>{{ pages | length }}</i>", 1_000_000)
    refresh_templates()
    assert render_html("cited_on.html.j2", tmp_path, pages=pages) == "<i>1</i>"


def test_a_removed_override_gives_the_packaged_template_back(tmp_path):
    override = tmp_path / "fragments" / "cited_on.html.j2"
    write(override, "<i>mine</i>", 1_000_000)
    assert render_html("cited_on.html.j2", tmp_path, pages=[]) == "<i>mine</i>"
    override.unlink()
    refresh_templates()
    assert render_html("cited_on.html.j2", tmp_path, pages=[]) == ""


def test_rendering_does_not_look_at_template_files_between_refreshes(tmp_path, monkeypatch):
    write(tmp_path / "probe.md.j2", "{{ n }}\n", 1_000_000)
    render("probe.md.j2", tmp_path, n=0)
    render_html("cited_on.html.j2", tmp_path, pages=[])
    looked: list[str] = []
    getmtime = os.path.getmtime

    def spy(path: str) -> float:
        looked.append(path)
        return getmtime(path)

    monkeypatch.setattr(os.path, "getmtime", spy)
    for n in range(20):
        assert render("probe.md.j2", tmp_path, n=n) == f"{n}\n"
        assert render_html("cited_on.html.j2", tmp_path, pages=[]) == ""
    assert looked == []
