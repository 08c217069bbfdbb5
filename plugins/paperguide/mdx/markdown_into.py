"""Rendering a Markdown string into an element, mid-document, with the page's own extensions.

Embedded components (a note's unknown on a deep-dive page) carry Markdown from YAML. Block
processors alone would skip what preprocessors do (fenced code, raw HTML blocks), so the text is
first run through the document's preprocessors, sharing its HTML stash, then parsed into place.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown

from ._compat import MKDOCS_RAW_HTML

#: Preprocessors that keep page-wide state and must see only the whole page.
#: MkDocs 1.6's ``mkdocs_raw_html`` replaces its list of anchor ids on every run; ``pg-page``
#: (see ``page_scope.py``) restarts the page's count of citations; ``pg-check-anchors``
#: (``checks.py``) forgets the check anchors given so far.
CHECK_ANCHORS = "pg-check-anchors"
PAGE_WIDE_PREPROCESSORS = (MKDOCS_RAW_HTML, "pg-page", CHECK_ANCHORS)


def render_markdown_into(md: Markdown, parent: etree.Element, text: str) -> None:
    """Parse ``text`` as Markdown blocks and append the result to ``parent``."""
    skip = [md.preprocessors[name] for name in PAGE_WIDE_PREPROCESSORS if name in md.preprocessors]
    lines = text.split("\n")
    for preprocessor in md.preprocessors:
        if preprocessor not in skip:
            lines = preprocessor.run(lines)
    md.parser.parseChunk(parent, "\n".join(lines))
