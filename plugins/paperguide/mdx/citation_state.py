"""State of the citation extension: shared with its host (per build) and between its parts (per
page)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..core.crossrefs.collector import Collector
from ..core.library.library import Library
from ..core.library.references import References
from .citation_cards import CARD_TAG, CardBook

__all__ = ["CARD_TAG", "CitationState", "PageCitations"]


@dataclass
class CitationState:
    """Per-build state shared with the host: references, the collector, the options.

    ``references`` is set by the host once per build; without one, it is made from the context's
    library with the default options. What is per page lives in the render context's page.
    """

    references: References | None = None
    collector: Collector | None = None
    cards: bool = True
    reference_list: bool = True
    #: Leave cards empty at the end of a conversion: the host fills them in itself (a page
    #: cache stores the page without them, see ``citation_cards.py``).
    defer_cards: bool = False
    #: Each paper's card, converted once per build.
    book: CardBook = field(default_factory=CardBook)
    _own: tuple[int, References] | None = field(default=None, repr=False)

    @contextmanager
    def cards_deferred(self) -> Iterator[None]:
        """While converting a page whose host fills its cards in itself (:meth:`fill_cards`)."""
        self.defer_cards = True
        try:
            yield
        finally:
            self.defer_cards = False

    def fill_cards(self, html: str, library: Library | None) -> str:
        """``html`` (a page converted with cards deferred) with this build's cards filled in."""
        return self.book.fill(html, self.references_for(library))

    def references_for(self, library: Library | None) -> References | None:
        if self.references is not None and (library is None or self.references.library is library):
            return self.references
        if library is None:
            return None
        if self._own is None or self._own[0] != id(library):
            self._own = (id(library), References(library))
        return self._own[1]


class PageCitations:
    """What one page cites, in order (the reference list), and card numbering."""

    def __init__(self) -> None:
        self.keys: dict[str, None] = {}
        self.cards = 0
        self.reported: dict[str, int] = {}

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]
