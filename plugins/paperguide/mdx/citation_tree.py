"""Tree processors that run once a page's inline Markdown is done (see :mod:`.citations`).

- :class:`ReferenceListTreeprocessor` appends "References": every key the page cites, formatted,
  with links to our notes, the bibliography entry and the paper itself.
- :class:`CardTreeprocessor` drops cards from headings (the table of contents would read them).
- :class:`LinkRecorder` records every link to another page, for "linked from" lists.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..core.crossrefs.collector import resolve_link
from .citation_state import CARD_TAG, CitationState, PageCitations
from .context import RenderContext

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Links made by citations and reference lists are recorded as citations, not as mentions.
CITATION_LINK_CLASSES = frozenset({"pg-cite__link", "pg-ref__link"})
REFERENCES_ID = "references"


class ReferenceListTreeprocessor(Treeprocessor):
    """Appends the page's reference list (runs after inline processing)."""

    def __init__(
        self, md: Markdown, context: RenderContext, state: CitationState, page: PageCitations
    ) -> None:
        super().__init__(md)
        self.context = context
        self.state = state
        self.page = page

    def run(self, root: etree.Element) -> None:
        refs = self.state.references_for(self.context.library)
        if not (self.state.reference_list and refs and self.page.keys):
            return
        keys = refs.sorted(self.page.keys)
        if not keys:
            return
        used = {el.get("id") for el in root.iter() if el.get("id")}
        anchor = REFERENCES_ID
        suffix = 2
        while anchor in used:
            anchor = f"{REFERENCES_ID}-{suffix}"
            suffix += 1
        wrapper = etree.Element("div")
        heading = etree.SubElement(wrapper, "h2", {"id": anchor, "class": "pg-references-title"})
        heading.text = AtomicString("References")
        listing = etree.SubElement(wrapper, "ul", {"class": "pg-reflist"})
        page = self.context.page_src_uri
        for key in keys:
            item = etree.SubElement(listing, "li", {"class": "pg-ref", "data-key": key})
            text = etree.SubElement(item, "span", {"class": "pg-ref__text"})
            text.text = refs.formatted(key)
            links: list[tuple[str, str]] = []
            if refs.has_note(key):
                target = refs.library.paper_src_uri(key)
                if target != page:
                    links.append(("Our notes", self.context.link(target)))
            bib_target = refs.bibliography_target(key)
            if bib_target and bib_target.partition("#")[0] != page:
                links.append(("Bibliography", self.context.link(bib_target)))
            entry = refs.entry(key)
            links.extend(entry.links() if entry else [])
            if links:
                span = etree.SubElement(item, "span", {"class": "pg-ref__links"})
                for index, (label, href) in enumerate(links):
                    link = etree.SubElement(span, "a", {"class": "pg-ref__link", "href": href})
                    link.text = AtomicString(label)
                    link.tail = " · " if index < len(links) - 1 else None
        # The entries are Markdown (escaped data, math, CSL's <i>): run the inline pass on them.
        self.md.treeprocessors["inline"].run(wrapper)
        root.extend(list(wrapper))


class CardTreeprocessor(Treeprocessor):
    """No cards in headings (the table of contents would read them); what a card holds is
    rendered apart, with nothing focusable in it (``citation_cards.py``)."""

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for heading in [el for el in root.iter() if el.tag in HEADINGS]:
            for card in list(heading.iter(CARD_TAG)):
                owner = parents[card]
                for link in owner.iter():
                    if link.get("aria-describedby") == card.get("id"):
                        del link.attrib["aria-describedby"]
                _remove_keep_tail(owner, card)


def _remove_keep_tail(parent: etree.Element, child: etree.Element) -> None:
    if child.tail:
        index = list(parent).index(child)
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


class LinkRecorder(Treeprocessor):
    """Records links to other pages of the site (before MkDocs rewrites ``.md`` hrefs)."""

    def __init__(self, md: Markdown, context: RenderContext, state: CitationState) -> None:
        super().__init__(md)
        self.context = context
        self.state = state

    def run(self, root: etree.Element) -> None:
        collector = self.state.collector
        page = self.context.page_src_uri
        if collector is None or page is None:
            return
        for link in root.iter("a"):
            href = link.get("href")
            classes = set((link.get("class") or "").split())
            if not href or classes & CITATION_LINK_CLASSES:
                continue
            target = resolve_link(href, page)
            if target is not None:
                collector.record_link(page, target)
