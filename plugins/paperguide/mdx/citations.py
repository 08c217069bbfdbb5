"""Citations in Markdown: ``[@key]``, ``[see @a, p. 3; -@b]`` and narrative ``@key``.

Two inline processors read the grammar of :mod:`paperguide.core.cite.grammar` at the position of a
``[`` or ``@`` in text that Markdown has not consumed yet, so code spans, math, autolinks, raw
HTML and link text never reach them:

- groups run at priority 155, after links (160) and reference links (170) had their chance and
  before images (150) and short references (130);
- narrative citations run at 85, after autolinks (120), e-mail links (110) and inline HTML (90),
  and before emphasis, so ``*@key*`` is an emphasised citation.

Each cited key becomes a link (our guide page when the paper has a note, else its bibliography
entry) plus a hidden card (``role="tooltip"``, referenced by ``aria-describedby``) that CSS shows
on hover and keyboard focus. Cards are ``<pg-card>`` elements (a valid custom-element name that
behaves like a ``<span>``) for two reasons: citations inside a card's text (a summary citing
another paper) are recognised by that ancestor tag and rendered as plain text, without links or
nested cards; and Material's search, which honours ``data-search-exclude`` but matches nested
elements by tag, needs a tag that never occurs inside the card to leave its text out of the
index. What a card holds is converted once per build for each paper and filled in after the
page's conversion (``citation_cards.py``). (One processor per syntax, not a linking and a plain
twin: every inline pattern is tried on every piece of text of every page, so each one costs
build time.)
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from ..core.cite.grammar import CiteGroup, CiteItem, is_citation, parse_group, parse_narrative
from ..core.library.references import References
from ._compat import inline_ancestors, inline_stashed_node, inline_tail_owner
from .citation_cards import CARD_FILLER, CARD_KEY, CardFiller
from .citation_reports import CitationReports
from .citation_state import CARD_TAG, CitationState, PageCitations
from .citation_tree import CardTreeprocessor, LinkRecorder, ReferenceListTreeprocessor
from .context import RenderContext
from .page_scope import RestorePage


class _CitationProcessor(InlineProcessor):
    """Shared rendering of cited items; subclasses decide what syntax they read."""

    ANCESTOR_EXCLUDES = ("a",)

    def __init__(
        self,
        pattern: str,
        md: Markdown,
        context: RenderContext,
        state: CitationState,
        page: PageCitations,
    ) -> None:
        super().__init__(pattern, md)
        self.context = context
        self.state = state
        self.page = page
        self.reports = CitationReports(context, page)
        #: Set per match: inside a card, citations are plain text (no links, no nested cards).
        self.plain = False

    def inside_card(self) -> bool:
        """Whether the text being matched belongs to a card (its tag is among the ancestors)."""
        return CARD_TAG in inline_ancestors(self.md)

    # -- the pieces ---------------------------------------------------------------------------

    def references(self) -> References | None:
        return self.state.references_for(self.context.library)

    def item(self, item: CiteItem, *, narrative: bool) -> etree.Element:
        """One cited key: link + card, or a marked-up unknown key."""
        refs = self.references()
        label = refs.label(item.key) if refs else None
        if label is None:
            return self.missing(item)
        if narrative:
            text = label.narrative(item.suffix)
        else:
            text = label.parenthetical(suppress_author=item.suppress_author)
        node = etree.Element("span", {"class": "pg-cite__item", "data-key": item.key})
        if self.plain:
            node.text = AtomicString(text)
            return node
        assert refs is not None
        page = self.context.page_src_uri
        href = refs.href(item.key, page)
        link = etree.SubElement(node, "a" if href else "span", {"class": "pg-cite__link"})
        if href:
            link.set("href", href)
        else:
            link.set("tabindex", "0")  # keyboard users still reach the card
        link.text = AtomicString(text)
        self.page.keys.setdefault(item.key, None)
        if self.state.collector is not None and page is not None:
            self.state.collector.record_citation(page, item.key)
        if self.state.cards:
            self.page.cards += 1
            card_id = f"pg-cite-card-{self.page.cards}"
            link.set("aria-describedby", card_id)
            self.card(node, item.key, card_id)
        return node

    def card(self, parent: etree.Element, key: str, card_id: str) -> None:
        """An empty card, filled in once the page is converted (``citation_cards.py``)."""
        etree.SubElement(
            parent,
            CARD_TAG,
            {
                "class": "pg-card",
                "id": card_id,
                "role": "tooltip",
                # Material's search would otherwise index every card on every citing page.
                "data-search-exclude": "",
                CARD_KEY: key,
            },
        )

    def missing(self, item: CiteItem) -> etree.Element:
        node = etree.Element(
            "span", {"class": "pg-cite__item pg-cite__item--missing", "data-key": item.key}
        )
        node.text = AtomicString(f"@{item.key}")
        if not self.plain:
            self.reports.missing(item.key)
        return node

    def group_element(self, group: CiteGroup) -> etree.Element:
        """The rendered citation: ``(see A, 2015, p. 3; B, 2016)`` or ``A (2015)``."""
        if group.narrative:
            node = self.item(group.items[0], narrative=True)
            node.set("class", node.get("class", "") + " pg-cite pg-cite--narrative")
            return node
        node = etree.Element("span", {"class": "pg-cite pg-cite--group"})
        node.text = "("
        last: etree.Element | None = None
        for index, item in enumerate(group.items):
            before = "; " if index else ""
            if item.prefix:
                before += item.prefix + " "
            if last is None:
                node.text += before
            else:
                last.tail = (last.tail or "") + before
            last = self.item(item, narrative=False)
            node.append(last)
            if item.suffix:
                separator = "" if item.suffix.startswith((",", ";", ":")) else ", "
                last.tail = separator + item.suffix
        assert last is not None
        last.tail = (last.tail or "") + ")"
        return node


class GroupProcessor(_CitationProcessor):
    """``[@key]``, ``[see @a, p. 3; -@b]``."""

    def handleMatch(  # type: ignore[override]
        self, m: Any, data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        start = m.start(0)
        self.plain = self.inside_card()
        group = parse_group(data, start)
        if group is None:
            return None, None, None
        inner = data[start + 1 : group.end - 1]
        # "[@key]" defined as a reference ("[@key]: url") stays a link.
        if inner.lower() in self.md.references:  # type: ignore[attr-defined]
            return None, None, None
        return self.group_element(group), group.start, group.end


class NarrativeProcessor(_CitationProcessor):
    """``@key`` and ``@key [p. 3]`` in running text; a bare ``@word`` only for a known key."""

    def cites(self, group: CiteGroup) -> bool:
        """Whether a narrative match is a citation; a bare unknown word stays text (a
        decorator, a handle, or a mention left for ``magiclink``, whose patterns run after)."""
        item = group.items[0]
        refs = self.references()
        if is_citation(item, refs.library.bibliography.entries if refs else ()):
            return True
        if not self.plain:
            self.reports.typo(item.key)
        return False

    def handleMatch(  # type: ignore[override]
        self, m: Any, data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        at = m.start(0)
        self.plain = self.inside_card()
        if self._after_line_break(data, at):
            # A hard line break ("  \n") is already a placeholder here; it is whitespace to
            # the reader, so the citation starts a word like after any other line end.
            group = parse_narrative(data[at:], 0)
            if group is None or not self.cites(group):
                return None, None, None
            return self.group_element(group), at, at + group.end
        if at == 0 and self._glued_to_element(data):
            return None, None, None
        group = parse_narrative(data, at)
        if group is None or not self.cites(group):
            return None, None, None
        return self.group_element(group), group.start, group.end

    def _glued_to_element(self, data: str) -> bool:
        """Whether ``data`` is the tail of an inline element (a code or math span inside
        emphasis, say): an "@" at its start is glued to that element, as it is everywhere else
        ("$x$@key" is text, as the scanner reads it)."""
        owner = inline_tail_owner(self.md, data)
        return isinstance(owner, etree.Element) and owner.tag != "br"

    def _after_line_break(self, data: str, at: int) -> bool:
        if at == 0 or data[at - 1] != util.ETX:
            return False
        start = data.rfind(util.STX, 0, at)
        if start == -1:
            return False
        ident = data[start : at - 1].removeprefix(util.INLINE_PLACEHOLDER_PREFIX)
        node = inline_stashed_node(self.md, ident)
        return isinstance(node, etree.Element) and node.tag == "br"


class CitationsExtension(Extension):
    """Registers the citation syntax, card clean-up, reference lists and link recording."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "context": [RenderContext(), "RenderContext shared with other paperguide extensions"],
            "state": [CitationState(), "CitationState shared with the host (MkDocs adapter)"],
        }
        super().__init__(**kwargs)
        self.page = PageCitations()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        if "@" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("@")  # "\@" is a literal at sign
        context: RenderContext = self.getConfig("context")
        state: CitationState = self.getConfig("state")
        # MkDocs makes a new Markdown instance per page with the same extension object: the
        # per-page record is replaced here so card ids restart at 1 on every page.
        self.page = page = PageCitations()
        args = (md, context, state, page)
        restore = RestorePage(md, context, page)
        md.preprocessors.register(restore, "pg-page", 1000)
        # "(?<!!)": "![...](...)" is an image, handled after us (150).
        md.inlinePatterns.register(GroupProcessor(r"(?<!!)\[", *args), "pg-cite-group", 155)
        md.inlinePatterns.register(NarrativeProcessor(r"@", *args), "pg-cite-narrative", 85)
        # After inline processing (20), before MkDocs' link rewriting (0) and the TOC (5).
        references = ReferenceListTreeprocessor(md, context, state, page)
        md.treeprocessors.register(references, "pg-references", 14)
        md.treeprocessors.register(CardTreeprocessor(md), "pg-cards", 13)
        md.treeprocessors.register(LinkRecorder(md, context, state), "pg-links", 12)

        def fill(text: str, page_md: Markdown) -> str:
            if state.defer_cards:
                return text
            return state.book.fill(text, state.references_for(context.library), page_md)

        # Last: the cards' own HTML is final (their math already out of the stash).
        md.postprocessors.register(CardFiller(md, fill), CARD_FILLER, 1)

    def reset(self) -> None:
        self.page.reset()


def makeExtension(**kwargs: Any) -> CitationsExtension:
    return CitationsExtension(**kwargs)
