"""paperguide's reading of one .bib file against biber's: people, years and titles, entry by entry.

The reference is biber's list of entries; an entry paperguide lacks counts as a difference in
every one of its fields. Names are compared position by position in each list (author, editor),
all four parts of a person at once; ``and others`` is a trailing person ``others`` on both sides
(biber says ``morenames="1"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from paperguide.core.bib.bibtex import parse_bib_text
from paperguide.core.bib.entries import BibEntry
from paperguide.core.bib.macros import assemble
from paperguide.core.bib.names import split_people

from . import normalise
from .biber import ROLES, RefEntry

CATEGORIES = ("people", "years", "titles")
MISSING = "(entry missing)"
NOBODY = "(nobody)"


@dataclass(frozen=True)
class Difference:
    file: str
    key: str
    field: str  # "entry", "author[0]", "editor[2]", "year", "title"
    biber: str
    paperguide: str

    @property
    def category(self) -> str:
        if self.field == "entry":
            return "entries"
        return "people" if "[" in self.field else self.field + "s"

    def ident(self) -> tuple[str, str, str, str, str]:
        return (self.file, self.key, self.field, self.biber, self.paperguide)


@dataclass
class FileResult:
    file: str
    size: int
    biber_entries: int
    paperguide_entries: int
    shared: int
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    differences: list[Difference] = field(default_factory=list)

    def disagreements(self, category: str, allowed: set[tuple[str, ...]]) -> int:
        return sum(
            1 for d in self.differences if d.category == category and d.ident() not in allowed
        )


def paperguide_entries(text: str, source: str) -> Mapping[str, BibEntry]:
    """paperguide's entries for one file, read the way ``load_bibliography`` reads it."""
    bibliography, _ = assemble([parse_bib_text(text, source)])
    return bibliography.entries


def _show(parts: tuple[str, str, str, str]) -> str:
    if not any(parts):
        return NOBODY
    names = ("family", "given", "prefix", "suffix")
    return "; ".join(f"{n}={v}" for n, v in zip(names, parts, strict=True) if v)


def _reference_people(ref: RefEntry, role: str) -> list[tuple[str, str, str, str]]:
    people = [
        tuple(normalise.reference(v) for v in (p.family, p.given, p.prefix, p.suffix))
        for p in ref.people.get(role, ())
    ]
    if ref.more.get(role):
        people.append(("others", "", "", ""))
    return people  # type: ignore[return-value]


def _paperguide_people(entry: BibEntry | None, role: str) -> list[tuple[str, str, str, str]]:
    raw = entry.fields.get(role) if entry is not None else None
    if not raw:
        return []
    return [
        tuple(normalise.paperguide(v) for v in (p.last, p.first, p.von, p.jr))  # type: ignore[misc]
        for p in split_people(raw)
    ]


def compare_file(
    name: str, size: int, reference: Mapping[str, RefEntry], ours: Mapping[str, BibEntry]
) -> FileResult:
    result = FileResult(
        name, size, len(reference), len(ours), sum(1 for k in reference if k in ours)
    )
    diffs, totals = result.differences, result.totals
    for key, ref in reference.items():
        entry = ours.get(key)
        if entry is None:
            diffs.append(Difference(name, key, "entry", "present", MISSING))
        for role in ROLES:
            theirs, mine = _reference_people(ref, role), _paperguide_people(entry, role)
            for index in range(max(len(theirs), len(mine))):
                totals["people"] += 1
                a = theirs[index] if index < len(theirs) else ("", "", "", "")
                b = mine[index] if index < len(mine) else ("", "", "", "")
                if a != b:
                    shown = MISSING if entry is None else _show(b)
                    diffs.append(Difference(name, key, f"{role}[{index}]", _show(a), shown))
        values = {
            "year": (
                normalise.reference_year(ref.date),
                normalise.paperguide(entry.year if entry else None),
            ),
            "title": (
                normalise.reference(ref.title),
                normalise.paperguide(entry.text("title") if entry else None),
            ),
        }
        for what, (a, b) in values.items():
            if a or b:
                totals[what + "s"] += 1
                if a != b:
                    diffs.append(Difference(name, key, what, a, MISSING if entry is None else b))
    return result


@dataclass(frozen=True)
class Allowed:
    file: str
    key: str
    field: str
    biber: str
    paperguide: str
    reason: str

    def ident(self) -> tuple[str, str, str, str, str]:
        return (self.file, self.key, self.field, self.biber, self.paperguide)


def load_allowed(path: Path) -> list[Allowed]:
    """The reviewed allow-list; every entry names the exact difference and gives a reason."""
    data = yaml.safe_load(path.read_text("utf-8")) or []
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of differences")
    allowed = []
    for index, item in enumerate(data):
        fields = ("file", "key", "field", "biber", "paperguide", "reason")
        if not isinstance(item, dict) or set(item) != set(fields):
            raise ValueError(f"{path}: item {index} must have exactly the keys {fields}")
        if not str(item["reason"]).strip():
            raise ValueError(f"{path}: item {index} gives no reason")
        allowed.append(Allowed(*(str(item[f]) for f in fields)))
    return allowed


def rate(agreeing: int, total: int) -> float:
    return 100.0 * agreeing / total if total else 100.0


def overall(results: Iterable[FileResult], allowed: set[tuple[str, ...]]) -> dict[str, float]:
    """Agreement per category over all files, allowed differences not counted as differences."""
    results = list(results)
    out = {}
    for category in CATEGORIES:
        total = sum(r.totals[category] for r in results)
        bad = sum(r.disagreements(category, allowed) for r in results)
        out[category] = rate(total - bad, total)
    return out
