"""Give the site search only what it indexes, so it does not tokenize what it would skip.

Material's search parses the HTML of every page, tag by tag, and skips the text of elements
marked ``data-search-exclude``. Formulas (hundreds of KaTeX elements each), citation cards and
drawn graphs are marked that way, yet still cost the parser every tag: at 500 papers that
doubled the time the search index took. Before the search plugin reads a page, the marked
paperguide elements are taken out of ``page.content``; right after, the full content is put
back for the page template. The index is the same either way (a test compares them).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .log import log

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

#: Our own excluded elements: formulas, citation cards and drawn graphs. None nests an element
#: of its own kind, so a lazy match is exact.
_EXCLUDED = re.compile(
    r"<(pg-math|pg-card)\b[^>]*\bdata-search-exclude\b[^>]*>.*?</\1>"
    r'|<figure class="pg-graph-figure" data-search-exclude>.*?</figure>',
    re.S,
)


def without_excluded(html: str) -> str:
    """``html`` without the paperguide elements that the search index skips anyway."""
    return _EXCLUDED.sub("", html)


class SearchView:
    """Hands the search plugin the lighter page, and the template the full one after it."""

    def __init__(self) -> None:
        self.full_content: dict[int, tuple[str, str]] = {}

    def hide(self, page: Page) -> None:
        if page.content and "data-search-exclude" in page.content:
            lighter = without_excluded(page.content)
            self.full_content[id(page)] = (page.content, lighter)
            page.content = lighter

    def restore(self, page: Page) -> None:
        saved = self.full_content.pop(id(page), None)
        if saved is None:
            return
        full, lighter = saved
        if page.content != lighter:
            # Another plugin rewrote the page in between: its change would be lost, or our
            # formulas would be. Say so rather than pick silently.
            log.warning(
                f"{page.file.src_uri}: another plugin changed the page while paperguide had "
                "formulas and cards out of it for the search index; the full page is restored "
                "and that plugin's change is dropped. Give that plugin's on_page_context a "
                "priority below -50.",
            )
        page.content = full
