"""Reading progress: which status a note's contents actually support.

A status names the last step of the reading method that was completed; each step leaves traces
in the note. The claimed status is compared with the highest status whose traces are all present.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import STATUSES, Note


@dataclass(frozen=True)
class Requirement:
    status: str
    label: str  # what the author should add, in the words of the method
    met: Callable[[Note], bool]


def _has_method(note: Note) -> bool:
    m = note.method
    return bool(m and (m.data or m.architecture or m.training or m.pipeline or m.core))


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("context", "outside context (context)", lambda n: bool(n.context)),
    Requirement(
        "first-pass", "the unknowns from the first read (unknowns)", lambda n: bool(n.unknowns)
    ),
    Requirement(
        "second-pass",
        "anchors (motivation or conclusion)",
        lambda n: bool(n.anchors and (n.anchors.motivation or n.anchors.conclusion)),
    ),
    Requirement("second-pass", "the method (method)", _has_method),
    Requirement("second-pass", "results (results)", lambda n: bool(n.results)),
    Requirement("third-pass", "the final read (third_pass)", lambda n: bool(n.third_pass)),
    Requirement(
        "done", "no open unknowns (resolve or dispute each one)", lambda n: not n.open_unknowns
    ),
)


def rank(status: str | None) -> int:
    return STATUSES.index(status) if status in STATUSES else 0


def supported_status(note: Note) -> str:
    """The highest status whose requirements (and those of every earlier status) are met."""
    supported = STATUSES[0]
    for status in STATUSES[1:]:
        if all(r.met(note) for r in REQUIREMENTS if rank(r.status) <= rank(status)):
            supported = status
        else:
            break
    return supported


def missing_for(note: Note, status: str) -> list[str]:
    """What the note lacks to support ``status``."""
    return [r.label for r in REQUIREMENTS if rank(r.status) <= rank(status) and not r.met(note)]
