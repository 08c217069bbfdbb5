"""What the citation extension reports: unknown keys at their line and column, near-miss
``@word`` advice; each once per occurrence, and never again what a note reported at load."""

from __future__ import annotations

from ..core.base.diagnostics import Diagnostic
from ..core.cite.in_notes import (
    close_key,
    find_key_position,
    locate_in_page,
    missing_key_hint,
    typo_advice,
)
from ..core.library.library import Library
from .citation_state import PageCitations
from .context import RenderContext


class CitationReports:
    """The reports of one page's citations (``page`` counts the occurrences per conversion)."""

    def __init__(self, context: RenderContext, page: PageCitations) -> None:
        self.context = context
        self.page = page

    def missing(self, key: str) -> None:
        """Report an unknown key once per occurrence, at its line and column in the source.

        Keys in note prose were reported when the library loaded, with their exact position;
        they are not reported again on the note's page nor where its prose is embedded. So on
        a page that cites a key in note prose, only as many occurrences are reported as the
        page's own text contains (at their positions, in order).
        """
        nth = self.page.reported.get(key, 0)
        self.page.reported[key] = nth + 1
        library = self.context.library
        text = self.context.page_text()
        position = self._position(text, key, nth, explicit=True)
        notes = self._note_sources(library, key) if library is not None else set()
        if notes and (
            self.context.page_generated or self.context.page_source in notes or position is None
        ):
            return
        bib_files = library.settings.bib_files if library else ()
        bibliography = library.bibliography if library else None
        hint = (
            missing_key_hint(key, bibliography, bib_files)
            if bibliography is not None
            else "check the key against the bibliography"
        )
        # Deduplicated: an excerpt rendered on several pages repeats the same mistake.
        self.context.report_diagnostic(
            Diagnostic(
                self.context.page_source,
                position[0] if position else None,
                position[1] if position else None,
                f"unknown citation key '{key}'",
                hint=hint,
            )
        )

    def _position(self, text: str, key: str, nth: int, *, explicit: bool) -> tuple[int, int] | None:
        """Where the ``nth`` such citation of ``key`` is in the page's source."""
        if not text:
            return None
        if self.context.page_source.endswith((".yml", ".yaml")):
            # A YAML note: its prose is not one Markdown text; the first matching "@key".
            return find_key_position(text.splitlines(), (1, 1), key, nth)
        return locate_in_page(text, key, nth, explicit=explicit)

    def typo(self, key: str) -> None:
        """A bare ``@word`` one slip away from a key: advice (INFO), the text stays as is."""
        library = self.context.library
        if library is None or self.context.page_generated:
            return
        if close_key(key, library.bibliography) is None:
            return
        counter = "@" + key  # counted apart from the explicit citations of the same key
        nth = self.page.reported.get(counter, 0)
        self.page.reported[counter] = nth + 1
        position = self._position(self.context.page_text(), key, nth, explicit=False)
        where = position or (None, None)
        self.context.report_diagnostic(
            typo_advice(key, library.bibliography, self.context.page_source, where)
        )

    @staticmethod
    def _note_sources(library: Library, key: str) -> set[str]:
        """The note files whose prose cites ``key``."""
        return {
            library.notes[note_key].source
            for note_key, cited in library.citations.items()
            if any(c.key == key for c in cited)
        }
