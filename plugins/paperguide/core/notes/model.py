"""The note model: frozen dataclasses built from validated (or best-effort) YAML data.

Every record keeps the 1-based source line it came from, so checks that run later (bad TeX,
unknown citation keys) can still point at the right line of the right file.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Literal

from ..base.yaml_locator import Locator

DataPath = tuple[str | int, ...]
Status = Literal["queued", "context", "first-pass", "second-pass", "third-pass", "done"]
STATUSES: tuple[str, ...] = ("queued", "context", "first-pass", "second-pass", "third-pass", "done")
CATEGORIES: tuple[str, ...] = ("assumed", "explained", "hand-waved", "wrong", "padding")
UNKNOWN_STATUSES: tuple[str, ...] = ("open", "resolved", "disputed")
RELATIONS: tuple[str, ...] = ("builds-on", "extends", "compares-with", "uses", "critiques")
CONTEXT_KINDS: tuple[str, ...] = ("blog", "video", "talk", "thread", "code", "paper", "other")
GOALS: tuple[str, ...] = ("gist", "reproduce")


@dataclass(frozen=True)
class ContextItem:
    title: str
    url: str | None
    kind: str | None
    minutes: float | None
    takeaway: str | None
    resolves: tuple[str, ...]
    at: DataPath = field(default=(), compare=False)  # where in the note's data


@dataclass(frozen=True)
class Unknown:
    id: str
    category: str
    question: str
    where: str | None
    status: str
    answer: str | None
    evidence: tuple[str, ...]
    at: DataPath = field(default=(), compare=False)  # where in the note's data
    topic: str | None = None  # tracker topic or concept id this unknown points to


@dataclass(frozen=True)
class Anchors:
    motivation: str | None
    conclusion: str | None


@dataclass(frozen=True)
class Figure:
    id: str
    label: str | None
    shows: str | None
    x: str | None
    y: str | None
    units: str | None
    scale: str | None
    takeaway: str | None
    at: DataPath = field(default=(), compare=False)  # where in the note's data
    image: str | None = None  # as written: a path relative to the note's file
    alt: str | None = None
    #: The image's path in the docs folder, set when the build found the file there and
    #: allowed it (see ``figure_images``); the card shows an image only when this is set.
    image_uri: str | None = None
    #: The image's own ``(width, height)`` in CSS pixels, read from the file with
    #: ``image_uri``; ``None`` when it could not be read. Part of the note's data (and so of the
    #: page render cache's key): a file replaced by one of another size changes the page.
    image_size: tuple[int, int] | None = None

    @property
    def is_plot(self) -> bool:
        """Whether the figure has axes; only plots get the axes rows."""
        return bool(self.x or self.y)


@dataclass(frozen=True)
class CodeMapRow:
    id: str | None
    part: str
    path: str | None
    symbol: str | None
    lines: str | None
    note: str | None
    at: DataPath = field(default=(), compare=False)  # where in the note's data


@dataclass(frozen=True)
class Code:
    repo: str | None
    commit: str | None
    run: str | None
    map: tuple[CodeMapRow, ...]


@dataclass(frozen=True)
class Training:
    """``method.training``: either prose (``text``) or the parts of the mapping form."""

    optimizer: str | None
    schedule: str | None
    losses: str | None
    notes: str | None
    text: str | None = None  # the prose form; the parts are then all None


@dataclass(frozen=True)
class Method:
    data: str | None
    architecture: str | None
    training: Training | None
    pipeline: str | None
    core: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    claim: str
    evidence: str | None
    figure: str | None
    at: DataPath = field(default=(), compare=False)  # where in the note's data


@dataclass(frozen=True)
class Symbol:
    tex: str
    meaning: str
    kind: str | None
    at: DataPath = field(default=(), compare=False)  # where in the note's data


@dataclass(frozen=True)
class Case:
    when: str
    becomes: str


@dataclass(frozen=True)
class Formula:
    id: str
    title: str | None
    where: str | None
    tex: str
    symbols: tuple[Symbol, ...]
    intuition: str | None
    cases: tuple[Case, ...]
    summary: str | None
    code: str | None
    at: DataPath = field(default=(), compare=False)  # where in the note's data


@dataclass(frozen=True)
class Related:
    key: str
    relation: str | None
    note: str | None
    at: DataPath = field(default=(), compare=False)  # where in the note's data


@dataclass(frozen=True)
class Check:
    """A self-test: a question, its answer, and optionally what it is about.

    ``about`` is an address in the same note, as written: an unknown, figure or formula id, or
    ``<formula-id>#<symbol tex>`` for one symbol of a formula (see ``about.py``). ``id`` is an
    optional name, unique in the note, that outlives rewording: the check's anchor and its Anki
    card's identity.
    """

    question: str
    answer: str
    about: str | None = None
    id: str | None = None
    at: DataPath = field(default=(), compare=False)  # where in the note's data


@dataclass(frozen=True)
class Note:
    """One paper note, from ``papers/<key>.yml`` or ``papers/<key>.md``."""

    key: str
    source: str  # path shown in diagnostics, relative to the project root
    src_uri: str  # path relative to the content directory (for edit links)
    format: Literal["yaml", "markdown"]
    title: str | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    status: str | None = None
    goal: str | None = None
    context: tuple[ContextItem, ...] = ()
    unknowns: tuple[Unknown, ...] = ()
    anchors: Anchors | None = None
    figures: tuple[Figure, ...] = ()
    code: Code | None = None
    method: Method | None = None
    results: tuple[Result, ...] = ()
    formulas: tuple[Formula, ...] = ()
    third_pass: str | None = None
    related: tuple[Related, ...] = ()
    prerequisites: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    body: str | None = None  # Markdown body of a .md note
    body_line: int | None = None
    locator: Locator = field(default_factory=Locator, compare=False, repr=False)

    def locate(self, path: DataPath, *, key: bool = False) -> tuple[int | None, int | None]:
        """1-based ``(line, column)`` of a field of this note."""
        return self.locator.key_at(path) if key else self.locator.value_at(path)

    # Lookups by id are indexed: a page embeds every record of its note, so a linear search per
    # embed would make a note with thousands of unknowns quadratic. The first record wins, as it
    # does everywhere else (duplicates are reported by the rules).
    @functools.cached_property
    def _index(self) -> dict[tuple[str, str], Any]:
        index: dict[tuple[str, str], Any] = {}
        for kind, records in (("u", self.unknowns), ("f", self.formulas), ("g", self.figures)):
            for record in records:
                index.setdefault((kind, record.id), record)
        return index

    def unknown(self, unknown_id: str) -> Unknown | None:
        return self._index.get(("u", unknown_id))

    def formula(self, formula_id: str) -> Formula | None:
        return self._index.get(("f", formula_id))

    def figure(self, figure_id: str) -> Figure | None:
        return self._index.get(("g", figure_id))

    @property
    def open_unknowns(self) -> tuple[Unknown, ...]:
        return tuple(u for u in self.unknowns if u.status == "open")
