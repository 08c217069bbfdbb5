"""Citations as plain author–year text, for Markdown rendered away from the site (Anki cards).

The grammar is the site's (:mod:`paperguide.core.cite.grammar`) and so are the labels, but
nothing links: an exported card has no guide page or bibliography to open, and no hover card
to show. A key the bibliography does not have stays as written. Priorities as in
:mod:`.citations`: groups after links, narrative citations after inline HTML and autolinks.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from ..core.bib.entries import Bibliography
from ..core.bib.house_style import CitationLabels
from ..core.cite.grammar import CiteGroup, is_citation, parse_group, parse_narrative


def citation_text(group: CiteGroup, labels: CitationLabels) -> str:
    """``(see A, 2015, p. 3; B, 2016)`` or ``A (2015)``; unknown keys as ``@key``."""
    if group.narrative:
        item = group.items[0]
        label = labels.label(item.key)
        return label.narrative(item.suffix) if label else f"@{item.key}"
    parts = []
    for item in group.items:
        label = labels.label(item.key)
        text = label.parenthetical(suppress_author=item.suppress_author) if label else item.key
        if item.prefix:
            text = f"{item.prefix} {text}"
        if item.suffix:
            separator = "" if item.suffix.startswith((",", ";", ":")) else ", "
            text += separator + item.suffix
        parts.append(text)
    return "(" + "; ".join(parts) + ")"


class _PlainCitation(InlineProcessor):
    def __init__(self, pattern: str, md: Markdown, labels: CitationLabels, narrative: bool):
        super().__init__(pattern, md)
        self.labels = labels
        self.narrative = narrative

    def handleMatch(  # type: ignore[override]
        self, m: Any, data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        start = m.start(0)
        group = parse_narrative(data, start) if self.narrative else parse_group(data, start)
        if group is None:
            return None, None, None
        entries = self.labels.bibliography.entries
        if self.narrative and not is_citation(group.items[0], entries):
            return None, None, None  # "@property" and other words that cite nothing
        node = etree.Element("span", {"class": "pg-cite"})
        node.text = AtomicString(citation_text(group, self.labels))
        return node, group.start, group.end


class PlainCitationsExtension(Extension):
    """``[@key]`` and ``@key`` as author–year text, from the given bibliography."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"bibliography": [Bibliography(), "the entries citations are read from"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        if "@" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("@")  # "\@" is a literal at sign
        labels = CitationLabels(self.getConfig("bibliography"))
        group = _PlainCitation(r"(?<!!)\[", md, labels, narrative=False)
        md.inlinePatterns.register(group, "pg-plain-cite-group", 155)
        md.inlinePatterns.register(
            _PlainCitation(r"@", md, labels, narrative=True), "pg-plain-cite", 85
        )
