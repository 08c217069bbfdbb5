"""Front-matter text a theme prints as HTML, made text again.

Material writes ``page.meta.title`` unescaped into ``<title>``, the header, the navigation and
the search index, and ``page.meta.description`` into an attribute. A title is plain text in
every input kind (note, BibTeX, concept, page), so it is escaped once here, for every page,
generated or hand-written: the one place where front matter leaves the core for the theme.
"""

from __future__ import annotations

from typing import Any

from ..core.base.markdown_text import html_text

#: Front-matter keys Material prints raw.
TEXT_KEYS = ("title", "description")


def escape_meta(meta: dict[str, Any]) -> None:
    """Escape the theme-printed keys of ``meta`` in place (a page's meta is read once per build)."""
    for key in TEXT_KEYS:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = html_text(value)
