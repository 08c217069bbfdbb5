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
