"""Guide pages' Markdown is made once per process for the same inputs (``mkdocs serve``
rebuilds): an unchanged note is not rendered through Jinja again, a changed one is, and so is
every page after an override template changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from paperguide.core.base.filecache import FileCache
from paperguide.core.library.loading import load_library
from paperguide.core.pages import guide
from paperguide.core.pages.templating import refresh_templates
from paperguide.core.site.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "library"


def _rendered(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = guide.render

    def counting(template, *args, **kwargs):
        if template == "paper.md.j2":
            seen.append(kwargs["note"].key)
        return real(template, *args, **kwargs)

    monkeypatch.setattr(guide, "render", counting)
    return seen


def test_an_unchanged_note_is_not_rendered_again(tmp_path, monkeypatch):
    content = tmp_path / "library"
    shutil.copytree(FIXTURE, content)
    settings = Settings(content, tmp_path)
    cache = FileCache()  # as the plugin keeps it across serve rebuilds
    first = {p.src_uri: p for p in guide.generate_pages(load_library(settings, cache))}
    seen = _rendered(monkeypatch)
    again = {p.src_uri: p for p in guide.generate_pages(load_library(settings, cache))}
    assert again == first
    assert seen == []
    # An edited note is rendered again; the others are not.
    note = content / "papers" / "kingma2015adam.md"
    note.write_text(note.read_text("utf-8") + "\n# edited\n", "utf-8")
    guide.generate_pages(load_library(settings, cache))
    assert seen == ["kingma2015adam"]
    # A template changed on disk: every page is rendered again.
    seen.clear()
    overrides = tmp_path / "templates"
    overrides.mkdir()
    packaged = Path(guide.__file__).resolve().parents[2] / "templates" / "paper.md.j2"
    (overrides / "paper.md.j2").write_text(packaged.read_text("utf-8") + "\nOverridden.\n")
    refresh_templates()
    pages = guide.generate_pages(load_library(settings, cache), overrides)
    assert len(seen) == 3 and all("Overridden." in p.markdown for p in pages if p.note_key)
    seen.clear()
    (overrides / "paper.md.j2").write_text(packaged.read_text("utf-8") + "\nAgain.\n")
    refresh_templates()
    pages = guide.generate_pages(load_library(settings, cache), overrides)
    assert len(seen) == 3 and all("Again." in p.markdown for p in pages if p.note_key)
