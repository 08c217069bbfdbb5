"""The Library: every note, the bibliography and their indexes, loaded once per build.

It is immutable once built; extensions and page generators only read it. Loading reports every
problem as a diagnostic and keeps going, so a served site survives author mistakes.
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .bibcache import load_assembled
from .bibtex import Bibliography, ParsedBibFile, parse_bib_text
from .cache import FileCache
from .diagnostics import Diagnostic, Severity, format_field_path
from .diskcache import DiskCache
from .model import Note, Related
from .note_citations import NoteCitation, check_note_citations, note_citations
from .notecache import load_checked_note
from .notes import NOTE_SUFFIXES, LoadedNote, is_note_file
from .prerequisites import check_note_ids, load_aids
from .rules import iter_citation_keys
from .slugs import key_slug
from .textfile import decode_text
from .tracker import Tracker

#: Page names under the papers directory that paperguide generates itself.
RESERVED_SLUGS = frozenset({"index"})


@dataclass(frozen=True)
class Settings:
    """Where content lives. Relative paths are relative to ``content_dir``."""

    content_dir: Path
    root_dir: Path
    papers_dir: str = "papers"
    bib_files: tuple[str, ...] = ("references.bib",)
    tracker_file: str = "tracker.yml"  # the math tracker (optional)
    concepts_dir: str = "concepts"  # concept pages; their file names are valid prerequisite ids
    unknowns_guide: str = "guides/unknowns.md"  # the page explaining the five categories
    cache_dir: Path | None = None  # on-disk cache for slow cold-start work; None disables it
    #: Whether the site named the folder itself (claiming every page in it) or left the default,
    #: under which only pages that look like paperguide's are taken: notes with a ``key``,
    #: concepts with ``aliases``/``summary``/``topic``. A site's own pages there stay its own.
    papers_claimed: bool = True
    concepts_claimed: bool = True

    def is_note_path(self, path: Path) -> bool:
        """Whether a file in the papers folder is a note (see ``papers_claimed``)."""
        if not path.name.endswith(NOTE_SUFFIXES):
            return False
        return self.papers_claimed or is_note_file(path)

    def display(self, path: Path) -> str:
        """A path as authors see it: relative to the project root when inside it.

        The link's own path comes first: a note that is a symbolic link to ``/etc/passwd`` is
        shown as ``content/papers/x.yml``, never as the target it points to.
        """
        lexical = Path(os.path.normpath(path.absolute()))
        for candidate, root in (
            (lexical, Path(os.path.normpath(self.root_dir.absolute()))),
            (path.resolve(), self.root_dir.resolve()),
        ):
            if candidate.is_relative_to(root):
                return candidate.relative_to(root).as_posix()
        return path.as_posix()

    def resolve(self, relative: str) -> Path:
        path = Path(relative)
        return path if path.is_absolute() else self.content_dir / path


def existing_default_bibs(content_dir: Path, bib_files: tuple[str, ...]) -> tuple[str, ...]:
    """The default ``bib_files`` that exist. The default is a convention, not a demand: a site
    without ``references.bib`` (one that just added the plugin) has no bibliography, and no
    warning about it; a file the site names itself must exist."""
    return tuple(b for b in bib_files if (content_dir / b).is_file())


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


def _note_files(settings: Settings) -> list[Path]:
    root = settings.resolve(settings.papers_dir)
    if not root.is_dir():
        return []
    # Not only regular files: a broken link, a FIFO or a device named like a note is read (and
    # refused with a diagnostic) rather than silently left out.
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix in NOTE_SUFFIXES
        and not p.is_dir()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and settings.is_note_path(p)
    )


def _src_uri(path: Path, settings: Settings) -> str:
    return (
        path.relative_to(settings.content_dir).as_posix()
        if path.is_relative_to(settings.content_dir)
        else path.name
    )


def _load_checked_note(path: Path, settings: Settings) -> LoadedNote:
    src_uri = _src_uri(path, settings)
    source = settings.display(path)
    if path.is_symlink() and path.exists():
        docs = settings.content_dir.resolve()
        if not path.resolve().is_relative_to(docs):
            # Its text would be published (or quoted in errors) from outside the site.
            return LoadedNote(
                None,
                (
                    Diagnostic(
                        source,
                        None,
                        None,
                        "the note is a symbolic link to a file outside the docs folder; "
                        "it is skipped",
                        hint="copy the note into the docs folder instead of linking to it",
                    ),
                ),
            )
    return load_checked_note(path, source, src_uri, DiskCache(settings.cache_dir))


def load_bibliography(
    settings: Settings, cache: FileCache
) -> tuple[Bibliography, list[Diagnostic]]:
    """All configured .bib files, parsed once per file version."""
    paths = [settings.resolve(p) for p in settings.bib_files]
    missing = [
        Diagnostic(
            settings.display(p),
            None,
            None,
            "bibliography file not found",
            hint="create it, or fix 'bib_files' in mkdocs.yml",
        )
        for p in paths
        if not p.is_file()
    ]
    present = [p for p in paths if p.is_file()]

    def parse(path: Path, data: bytes) -> ParsedBibFile:
        source = settings.display(path)
        text, problems = decode_text(data, source)
        if text is None:
            return ParsedBibFile(source, (), (), tuple(problems))
        return parse_bib_text(text, source)

    def build() -> tuple[Bibliography, list[Diagnostic]]:
        files = [(p, settings.display(p)) for p in present]
        return load_assembled(files, parse, DiskCache(settings.cache_dir))

    bibliography, diagnostics = cache.get_group("bibliography", present, build)
    return bibliography, [*missing, *diagnostics]


#: Checks a note's TeX with the build's math engine: its problems, and the TeX that failed.
TexChecker = Callable[[Note], tuple[list[Diagnostic], list[str]]]


def load_library(
    settings: Settings, cache: FileCache | None = None, check_tex: TexChecker | None = None
) -> Library:
    """Load and check everything; never raises for bad content.

    ``check_tex`` (when math is typeset at build time) checks each note's TeX at the note.
    """
    cache = cache or FileCache()
    tex_failed: set[str] = set()
    bibliography, diagnostics = load_bibliography(settings, cache)
    notes: dict[str, Note] = {}
    slugs: dict[str, str] = {}
    slug_owner: dict[str, Note] = {}
    cited: dict[str, tuple[NoteCitation, ...]] = {}
    unloaded: dict[str, UnloadedNote] = {}
    files = _note_files(settings)
    for path in files:
        loaded = cache.get("note", path, lambda path=path: _load_checked_note(path, settings))
        diagnostics.extend(loaded.diagnostics)
        note = loaded.note
        if note is None:
            if loaded.diagnostics:
                src_uri = _src_uri(path, settings)
                unloaded[path.stem] = UnloadedNote(
                    path.stem, src_uri, settings.display(path), loaded.diagnostics
                )
            continue
        line, col = note.locate(("key",))
        if note.key in notes:
            other = notes[note.key]
            diagnostics.append(
                Diagnostic(
                    note.source,
                    line,
                    col,
                    f"another note already has the key '{note.key}'",
                    "key",
                    f"see {other.source}; keep one note per paper",
                )
            )
            continue
        slug = key_slug(note.key)
        if slug in RESERVED_SLUGS:
            diagnostics.append(
                Diagnostic(
                    note.source,
                    line,
                    col,
                    f"the key '{note.key}' would replace a generated page",
                    "key",
                    "use the paper's BibTeX key, e.g. author2023word",
                )
            )
            continue
        if slug in slug_owner:
            other = slug_owner[slug]
            diagnostics.append(
                Diagnostic(
                    note.source,
                    line,
                    col,
                    f"keys '{note.key}' and '{other.key}' give the same page name '{slug}'",
                    "key",
                    f"rename one of the keys (see {other.source})",
                )
            )
            continue
        notes[note.key] = note
        slugs[note.key] = slug
        slug_owner[slug] = note
        if note.key not in bibliography:
            diagnostics.append(
                Diagnostic(
                    note.source,
                    line,
                    col,
                    f"the key '{note.key}' is not in the bibliography",
                    "key",
                    _missing_key_hint(note.key, bibliography, settings),
                )
            )
        for key, where in iter_citation_keys(note):
            if key not in bibliography:
                k_line, k_col = note.locate(where)
                diagnostics.append(
                    Diagnostic(
                        note.source,
                        k_line,
                        k_col,
                        f"unknown citation key '{key}'",
                        format_field_path(where),
                        _missing_key_hint(key, bibliography, settings),
                    )
                )
        if check_tex is not None:
            tex_problems, failed = cache.get("note-tex", path, lambda note=note: check_tex(note))
            diagnostics.extend(tex_problems)
            tex_failed.update(failed)
        cited[note.key] = cache.get("note-citations", path, lambda note=note: note_citations(note))
        diagnostics.extend(
            check_note_citations(note, cited[note.key], bibliography, path, settings.bib_files)
        )
    aids = load_aids(
        settings.content_dir,
        settings.tracker_file,
        settings.concepts_dir,
        settings.display,
        cache,
        concepts_claimed=settings.concepts_claimed,
    )
    diagnostics.extend(aids.diagnostics)
    diagnostics.extend(
        check_note_ids(
            notes, aids.tracker, aids.concept_ids, settings.tracker_file, settings.concepts_dir
        )
    )
    cache.forget_missing(
        set(files) | {settings.resolve(p) for p in settings.bib_files} | aids.watched
    )
    return Library(
        settings,
        MappingProxyType(notes),
        bibliography,
        MappingProxyType(slugs),
        tuple(diagnostics),
        aids.tracker,
        aids.concept_ids,
        MappingProxyType(cited),
        frozenset(tex_failed),
        MappingProxyType(_placeable(unloaded, set(slug_owner) | RESERVED_SLUGS)),
    )


def _placeable(unloaded: dict[str, UnloadedNote], taken: set[str]) -> dict[str, UnloadedNote]:
    """The unloaded notes whose error page would not replace a real or generated page."""
    return {key: item for key, item in unloaded.items() if key_slug(key) not in taken}


def _missing_key_hint(key: str, bibliography: Bibliography, settings: Settings) -> str:
    close = difflib.get_close_matches(key, list(bibliography.entries), n=1, cutoff=0.7)
    if close:
        return f"did you mean '{close[0]}'?"
    files = ", ".join(settings.bib_files) or "a .bib file"
    return f"add an entry with this key to {files}"
