"""A page paperguide adds to the site: its path, its Markdown and where to edit its source."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratedPage:
    """One page to add to the site."""

    src_uri: str  # where the page pretends to live in the content directory
    markdown: str
    edit_uri: str | None  # the source file to edit, relative to the content directory
    note_key: str | None = None
    # True: shown in an automatic navigation, but a site with an explicit `nav` need not list it
    # (so adding such pages never breaks a strict build with `omitted_files: warn`).
    nav_optional: bool = False
