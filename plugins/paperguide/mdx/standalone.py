"""Markdown for HTML that leaves the site: no raw HTML, links only to the web, no images.

On the site, note prose is Markdown like any page, raw HTML included: notes are reviewed like
code and the page is the author's. An exported Anki card is different: it is imported into
someone else's collection, where card HTML runs scripts, relative links lead nowhere and a
remote image is a request made on every review. So here raw HTML is text (``<script>`` shows
as typed), a link keeps its ``href`` only for ``http``, ``https`` and ``mailto`` (otherwise it
becomes its text), and an image becomes its alt text.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any
from urllib.parse import urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

#: URL schemes a link keeps.
WEB_SCHEMES = frozenset({"http", "https", "mailto"})
#: Python-Markdown's raw-HTML handlers: the block preprocessor and the inline pattern.
RAW_HTML = (("preprocessors", "html_block"), ("inlinePatterns", "html"))


def is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc or parts.path)


def as_plain_span(element: etree.Element) -> None:
    """``element`` made a bare ``span``: a link keeps its text, an image becomes its
    alternative text (after inline processing)."""
    alt = element.get("alt", "") if element.tag == "img" else None
    element.tag = "span"
    element.attrib.clear()
    if alt is not None:
        element.text = AtomicString(alt)


class _WebLinksOnly(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "img" or (
                element.tag == "a" and not is_web_url(element.get("href", ""))
            ):
                as_plain_span(element)


class StandaloneExtension(Extension):
    """Raw HTML as text, web links only, images as their alt text (see the module)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        for registry, name in RAW_HTML:
            handlers = getattr(md, registry)
            if name in handlers:
                handlers.deregister(name)
        # After inline processing (20) and math (19), which stashes KaTeX's HTML untouched.
        md.treeprocessors.register(_WebLinksOnly(md), "pg-web-links-only", 8)


def makeExtension(**kwargs: Any) -> StandaloneExtension:
    return StandaloneExtension(**kwargs)
