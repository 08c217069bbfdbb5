"""Citation cards, rendered once per build for each cited paper and filled in after conversion.

A citation leaves an empty card, ``<pg-card … data-pg-card="key"></pg-card>``; once the page is
converted, :meth:`CardBook.fill` puts each paper's card inside. A card shows the formatted
reference, the first paragraph of the paper's summary and its note's status; its text is inline
Markdown (math, emphasis, citations shown as plain labels), so converting it at every citation
cost a page one inline pass per citation. It is the same on every page (links are unwrapped,
images become their alternative text: a tooltip has room for neither, and a relative address
would depend on the page), so the book converts it once per build.

It also keeps a page's HTML independent of what the cards of the papers it cites say. The
MkDocs adapter converts the pages it caches with :attr:`CitationState.defer_cards` set, stores
the HTML with empty cards, and fills in the current cards on every build once the search plugin
has read the page (cards are never indexed, so its stored search records still serve;
``page_cache.py``): a page whose cited paper's summary changed is restored, not converted
again. Any other host gets the cards filled in at the end of each conversion
(:class:`CardFiller`).

A card's text is parsed as note prose (inside :data:`~.gate.NOTE_TAG`), so ``$`` math reads the
same on the site's own pages as on generated ones.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Markdown
from markdown.postprocessors import Postprocessor
from markdown.util import AtomicString

from ..core.base.markdown_text import escape_text
from ..core.library.references import References
from ..core.notes import labels
from .gate import NOTE_TAG
from .math import MATH_TREEPROCESSOR, expect_math
from .standalone import as_plain_span

#: Cards' tag (see ``citations.py`` for why a custom element).
CARD_TAG = "pg-card"
#: The attribute an empty card names its paper with.
CARD_KEY = "data-pg-card"
#: Tree processors a card's text goes through: inline Markdown, math, and Python-Markdown's
#: un-escaping. The others work on whole pages (tables of contents, link checks, reference
#: lists) and have nothing to do in a card.
CARD_TREEPROCESSORS = ("inline", MATH_TREEPROCESSOR, "unescape")
#: The postprocessor that fills cards in (it must not run on a card itself).
CARD_FILLER = "pg-card-filler"

#: An empty card as Python-Markdown writes it (attributes sorted by name, values escaped),
#: and the attribute naming its paper.
_EMPTY = re.compile(r"<pg-card ([^>]*\b" + CARD_KEY + r'="[^"]*"[^>]*)></pg-card>')
_KEY = re.compile(r" ?\b" + CARD_KEY + r'="([^"]*)"')


def first_paragraph(markdown: str) -> str:
    """The first paragraph of a prose field, on one line (cards have no room for more)."""
    lines: list[str] = []
    for line in markdown.strip().splitlines():
        if not line.strip():
            break
        lines.append(line.strip())
    return " ".join(lines)


def card_tree(key: str, refs: References) -> etree.Element:
    """The card of ``key`` before inline processing: reference, summary, facts."""
    card = etree.Element(CARD_TAG)
    ref = etree.SubElement(card, "span", {"class": "pg-card__ref"})
    ref.text = refs.formatted(key)
    note = refs.library.note(key)
    if note is None:
        meta = etree.SubElement(card, "span", {"class": "pg-card__meta"})
        meta.text = AtomicString("No notes on this paper yet")
        return card
    if note.summary:
        summary = etree.SubElement(card, "span", {"class": "pg-card__summary"})
        summary.text = first_paragraph(note.summary)
    facts = []
    if note.status:
        facts.append(labels.STATUS.get(note.status, note.status))
    count = len(note.open_unknowns)
    facts.append(f"{count} open unknown{'s' * (count != 1)}")
    meta = etree.SubElement(card, "span", {"class": "pg-card__meta"})
    meta.text = escape_text(" · ".join(facts))
    return card


def render_card(md: Markdown, key: str, refs: References, card: etree.Element | None = None) -> str:
    """The inside of ``key``'s card as HTML, converted with ``md`` (its extensions, its stash),
    from ``card`` (:func:`card_tree`) when it is made already."""
    wrapper = etree.Element(NOTE_TAG)  # note prose: "$" math is read (gate.py)
    if card is None:
        card = card_tree(key, refs)
    wrapper.append(card)
    expect_math(md)
    for name in CARD_TREEPROCESSORS:
        if name in md.treeprocessors:
            md.treeprocessors[name].run(wrapper)
    for element in list(card.iter()):
        if element is not card and element.tag in ("a", "img"):  # nothing focusable, no image
            as_plain_span(element)
    text = md.serializer(card)
    for processor in md.postprocessors:
        if processor.__class__ is not CardFiller:
            text = processor.run(text)
    start = text.index(">") + 1
    end = text.rindex(f"</{CARD_TAG}>")
    return text[start:end]


def _source(key: str, card: etree.Element) -> tuple[object, ...]:
    """What a card is converted from: its parts' classes and texts."""
    return (key, *((part.get("class"), type(part.text).__name__, part.text) for part in card))


class CardBook:
    """Each paper's card, converted once per build (a new :class:`References` is a new build).

    The host gives each build the ``Markdown`` instance cards are converted with
    (:meth:`start`), so every card of a build comes from one converter (MkDocs: one made with
    the site's extensions); without one, a card is converted with the instance of the page
    that first shows it.

    With a ``settings`` text from the host (everything a card's conversion depends on beyond
    its own text: the extensions and their options, the math engine, the bibliography the
    labels inside it come from), the cards of the previous build are kept by what they were
    converted from, and an unchanged card is not converted again (``mkdocs serve`` rebuilds).
    """

    def __init__(self) -> None:
        self._md: Markdown | None = None
        self._cards: dict[str, str] = {}
        self._refs: References | None = None
        self._settings: str | None = None
        self._kept: dict[tuple[object, ...], str] = {}
        self._used: dict[tuple[object, ...], str] = {}

    def start(self, md: Markdown | None, settings: str | None = None) -> None:
        """A new build: no card converted yet; ``md`` converts them."""
        same = settings is not None and settings == self._settings
        self._kept = self._used if same else {}
        self._used, self._settings = {}, settings
        self._md, self._cards, self._refs = md, {}, None

    def card(self, key: str, refs: References, page_md: Markdown | None = None) -> str:
        """The inside of ``key``'s card, converted on first use in this build."""
        if refs is not self._refs:
            self._cards, self._refs = {}, refs
        found = self._cards.get(key)
        if found is None:
            md = self._md or page_md
            if md is None:
                raise RuntimeError("cards filled outside a conversion need CardBook.start(md)")
            tree = card_tree(key, refs)
            source = _source(key, tree) if self._settings is not None else None
            if source is not None and source in self._kept:
                found = self._kept[source]
            else:
                if md is self._md:
                    # The book's own converter: each card's stash is its own (the raw-HTML
                    # postprocessor reads the whole stash on every card otherwise).
                    md.htmlStash.reset()
                found = render_card(md, key, refs, tree)
            if source is not None:
                self._used[source] = found
            self._cards[key] = found
        return found

    def fill(self, text: str, refs: References | None, page_md: Markdown | None = None) -> str:
        """``text`` with every empty card filled in (left as it is without ``refs``)."""
        if refs is None or f"{CARD_KEY}=" not in text:
            return text

        def filled(match: re.Match[str]) -> str:
            attributes = match.group(1)
            key = _KEY.search(attributes)
            assert key is not None  # the pattern requires it
            inside = self.card(html.unescape(key.group(1)), refs, page_md)
            attributes = (attributes[: key.start()] + attributes[key.end() :]).strip()
            return f"<{CARD_TAG} {attributes}>{inside}</{CARD_TAG}>"

        return _EMPTY.sub(filled, text)


class CardFiller(Postprocessor):
    """Fills the page's cards in at the end of its conversion, unless the host defers it."""

    def __init__(self, md: Markdown, fill: Callable[[str, Markdown], str]) -> None:
        super().__init__(md)
        self._fill = fill

    def run(self, text: str) -> str:
        return self._fill(text, self.md)
