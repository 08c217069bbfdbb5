"""Loading the Library: notes, the bibliography, the tracker and concepts, each checked.

Loading never raises for bad content: every problem becomes a located diagnostic and the rest
loads, so a served site survives author mistakes.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

from ..base.diagnostics import Diagnostic, format_field_path
from ..base.diskcache import DiskCache
from ..base.filecache import FileCache
from ..base.slugs import key_slug
from ..base.textfile import decode_text
from ..bib.bibcache import load_assembled
from ..bib.bibtex import ParsedBibFile, parse_bib_text
from ..bib.entries import Bibliography
from ..cite.in_notes import NoteCitation, check_note_citations, note_citations
from ..notes.figure_images import place_images
from ..notes.loading import LoadedNote
from ..notes.model import Note
from ..notes.note_files import NOTE_SUFFIXES
from ..notes.notecache import load_checked_note
from ..notes.rules import iter_citation_keys
from ..site.settings import Settings
from ..study.concepts import load_concepts
from ..study.prerequisites import check_note_ids, load_aids
from .library import RESERVED_SLUGS, Library, UnloadedNote


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
        note, image_problems = place_images(note, path, settings.content_dir, settings.display)
        diagnostics.extend(image_problems)
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
    concepts, concept_problems = (
        load_concepts(settings, settings.concepts_dir, cache) if settings.concepts_dir else ({}, [])
    )
    diagnostics.extend(
        check_note_ids(
            notes, aids.tracker, aids.concept_ids, settings.tracker_file, settings.concepts_dir
        )
    )
    diagnostics.extend(concept_problems)
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
        MappingProxyType(concepts),
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
