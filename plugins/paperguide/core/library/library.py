"""The Library: every note, the bibliography and their indexes, loaded once per build.

It is immutable once built; extensions and page generators only read it. Loading
(``loading.py``) reports every problem as a diagnostic and keeps going, so a served site
survives author mistakes.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..base.diagnostics import Diagnostic, Severity
from ..base.slugs import key_slug
from ..bib.entries import Bibliography
from ..cite.in_notes import NoteCitation
from ..notes.model import Note, Related
from ..site.settings import Settings
from ..study.concepts import Concept
from ..study.tracker import Tracker

#: Page names under the papers directory that paperguide generates itself.
RESERVED_SLUGS = frozenset({"index"})


@dataclass(frozen=True)
class UnloadedNote:
    """A note file that could not be read into a note (a YAML syntax error, no key, ...).

    Its guide page is replaced by a page listing the problems, so a preview shows them where the
    page would be rather than a 404, and references to its key are not reported a second time.
    """

    key: str  # the key the file name promises
    src_uri: str
    source: str
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class Library:
    """Read-only view of all content for one build."""

    settings: Settings
    notes: Mapping[str, Note] = field(default_factory=lambda: MappingProxyType({}))
    bibliography: Bibliography = field(default_factory=Bibliography)
    slugs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    diagnostics: tuple[Diagnostic, ...] = ()
    tracker: Tracker | None = None
    concept_ids: frozenset[str] = frozenset()
    #: Keys cited in each note's prose and evidence (note key -> citations, in order).
    citations: Mapping[str, tuple[NoteCitation, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    #: TeX from notes (prose, formulas, symbols) that failed and was reported at the note when
    #: the library loaded; renderers showing it elsewhere do not report it again.
    note_tex_failed: frozenset[str] = frozenset()
    #: Note files that could not be loaded, by the key their file name promises.
    unloaded: Mapping[str, UnloadedNote] = field(default_factory=lambda: MappingProxyType({}))
    #: Concept pages by source path (``concepts/vision/vit.md``).
    concepts: Mapping[str, Concept] = field(default_factory=lambda: MappingProxyType({}))

    def note(self, key: str) -> Note | None:
        return self.notes.get(key)

    def is_unloaded(self, key: str) -> bool:
        """Whether ``key`` names a note file whose problems were reported already."""
        return key in self.unloaded and key not in self.notes

    def paper_src_uri(self, key: str) -> str:
        """The generated guide page of a noted paper, relative to the content directory."""
        slug = self.slugs.get(key) or key_slug(key)
        return f"{self.settings.papers_dir}/{slug}.md"

    @property
    def papers_index_src_uri(self) -> str:
        return f"{self.settings.papers_dir}/index.md"

    def sorted_notes(self) -> list[Note]:
        """Notes by year (newest first), then title — the order of the papers index."""
        return list(self._sorted_notes)

    # Derived indexes are computed once per Library (it is immutable): every guide page asks
    # for them, and recomputing per page made a 500-paper build quadratic.
    @functools.cached_property
    def _sorted_notes(self) -> tuple[Note, ...]:
        def sort_key(note: Note) -> tuple[int, str]:
            entry = self.bibliography.get(note.key)
            year = entry.year if entry else None
            title = note.title or (entry.title if entry else note.key)
            return (-int(year) if year and year.isdigit() else 0, title.lower())

        return tuple(sorted(self.notes.values(), key=sort_key))

    @functools.cached_property
    def _incoming(self) -> dict[str, tuple[tuple[Note, Related], ...]]:
        found: dict[str, list[tuple[Note, Related]]] = {}
        for other in self._sorted_notes:
            for rel in other.related:
                if rel.key != other.key:
                    found.setdefault(rel.key, []).append((other, rel))
        return {key: tuple(items) for key, items in found.items()}

    def incoming_relations(self, key: str) -> tuple[tuple[Note, Related], ...]:
        """``(note, relation)`` for every other note that relates to ``key``, in index order."""
        return self._incoming.get(key, ())

    def title_of(self, key: str) -> str:
        note = self.notes.get(key)
        if note and note.title:
            return note.title
        entry = self.bibliography.get(key)
        return entry.title if entry else key

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity >= Severity.WARNING]
