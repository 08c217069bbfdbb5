"""What papers need: the tracker and concept ids, and the check of every id a note names.

A note's ``prerequisites[]`` and an unknown's ``topic`` name either a tracker topic
(``tracker.yml``) or a concept page (``concepts/<id>.md``). An id that is neither is a located
diagnostic with a did-you-mean, because a typo there would silently hide a red topic.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..base.diagnostics import Diagnostic, format_field_path
from ..base.filecache import FileCache
from ..notes.model import DataPath, Note
from .concept_ids import concept_files, concept_ids
from .tracker import Tracker, load_tracker


@dataclass(frozen=True)
class Aids:
    """The tracker (if the site has one) and the known concept ids."""

    tracker: Tracker | None
    concept_ids: frozenset[str]
    diagnostics: tuple[Diagnostic, ...]
    watched: frozenset[Path]  # files whose cache entries must survive this build


def load_aids(
    content_dir: Path,
    tracker_file: str,
    concepts_dir: str,
    display: Callable[[Path], str],
    cache: FileCache,
    *,
    concepts_claimed: bool = True,
) -> Aids:
    """Load the tracker (cached per file version) and list the concept ids."""
    # "" means "no tracker" / "no concepts": never the content folder itself.
    path = Path(tracker_file)
    path = path if path.is_absolute() else content_dir / path
    tracker: Tracker | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    if tracker_file and path.is_file():
        src_uri = (
            path.relative_to(content_dir).as_posix()
            if path.is_relative_to(content_dir)
            else path.name
        )
        loaded = cache.get("tracker", path, lambda: load_tracker(path, display(path), src_uri))
        tracker, diagnostics = loaded.tracker, loaded.diagnostics
    concepts = Path(concepts_dir)
    concepts = concepts if concepts.is_absolute() else content_dir / concepts
    ids = (
        concept_ids(concepts, claimed=concepts_claimed, cache=cache)
        if concepts_dir
        else frozenset()
    )
    pages = concept_files(concepts) if concepts_dir else []
    return Aids(tracker, ids, diagnostics, frozenset({path, *pages}))


def known_ids(tracker: Tracker | None, concepts: Iterable[str]) -> list[str]:
    return [*(tracker.topic_ids() if tracker else []), *sorted(concepts)]


def _hint(value: str, known: list[str], tracker_file: str, concepts_dir: str) -> str:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    where = f"a topic id in {tracker_file} or a concept page {concepts_dir}/<id>.md"
    if not known:
        return f"nothing defines ids yet; add {where}"
    return f"use {where}"


def check_note_ids(
    notes: Mapping[str, Note],
    tracker: Tracker | None,
    concepts: frozenset[str],
    tracker_file: str = "tracker.yml",
    concepts_dir: str = "concepts",
) -> list[Diagnostic]:
    """Every prerequisite and unknown topic that names no tracker topic and no concept."""
    known = known_ids(tracker, concepts)
    valid = set(known)
    problems: list[Diagnostic] = []

    def report(note: Note, path: DataPath, what: str, value: str) -> None:
        line, col = note.locate(path)
        problems.append(
            Diagnostic(
                note.source,
                line,
                col,
                f"unknown {what} '{value}'",
                format_field_path(path),
                _hint(value, known, tracker_file, concepts_dir),
            )
        )

    for note in notes.values():
        for index, prerequisite in enumerate(note.prerequisites):
            if prerequisite not in valid:
                report(note, ("prerequisites", index), "prerequisite", prerequisite)
        for unknown in note.unknowns:
            if unknown.topic and unknown.topic not in valid:
                report(note, (*unknown.at, "topic"), "topic", unknown.topic)
    return problems
