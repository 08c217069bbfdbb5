"""State shared by the citation extension's parts (per page) and with its host (per build)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.crossrefs.collector import Collector
from ..core.library.library import Library
from ..core.library.references import References

#: The tag cards have while inline processing runs (see the module docstring).
CARD_TAG = "pg-card"


@dataclass
class CitationState:
    """Per-build state shared with the host: references, the collector, the page's source text.

    ``references`` is set by the host once per build; without one, it is made from the context's
    library with the default options. ``page_text`` is the text of the file diagnostics name,
    used to give unknown keys a line and column; a host may set ``page_text_loader`` instead, so
    the file is read only when a page has an unknown key.
    """

    references: References | None = None
    collector: Collector | None = None
    page_text: str | None = None
    page_text_loader: Callable[[], str | None] | None = field(default=None, repr=False)
    cards: bool = True
    reference_list: bool = True
    _own: tuple[int, References] | None = field(default=None, repr=False)

    def set_page_text(self, loader: Callable[[], str | None]) -> None:
        self.page_text = None
        self.page_text_loader = loader

    def source_text(self) -> str:
        """The current page's source text (read on first use), or ``""``."""
        if self.page_text is None and self.page_text_loader is not None:
            self.page_text = self.page_text_loader()
            self.page_text_loader = None
        return self.page_text or ""

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
