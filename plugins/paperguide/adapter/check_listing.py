"""The checks written on pages, on the site-wide "Check yourself" page: what MkDocs must say.

The fill step (``core/crossrefs/page_checks.py``) lists them by page in navigation order and
adds headings for them once every page has rendered; MkDocs' table of contents was made before.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from mkdocs.structure.toc import AnchorLink

from ..core.crossrefs.page_checks import SECTION_ANCHOR, CheckGroup
from ..core.notes import labels

if TYPE_CHECKING:
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page


def nav_order(pages: dict[str, File]) -> list[str]:
    """The pages in navigation order, from the previous/next links MkDocs gives nav pages."""
    page = next(
        (
            f.page
            for f in pages.values()
            if f.page and f.page.previous_page is None and f.page.next_page is not None
        ),
        None,
    )
    order = []
    while page is not None:
        order.append(page.file.src_uri)
        page = page.next_page
    return order


def add_to_toc(page: Page, groups: list[CheckGroup]) -> None:
    """The checks page's table of contents gains the section and groups the fill adds."""
    if not groups:
        return
    section = AnchorLink(html.escape(labels.PAGE_CHECKS_HEADING), SECTION_ANCHOR, 2)
    section.children = [AnchorLink(html.escape(g.title), g.anchor, 3) for g in groups]
    items = page.toc.items
    # Under the page's one h1, beside the papers' groups, as Markdown headings would be.
    (items[0].children if len(items) == 1 and items[0].level == 1 else items).append(section)
