"""What a self-check is about: the address in ``checks[].about`` and what it names.

An address names a record of the same note:

- ``<id>``: an unknown, a figure or a formula; ids are unique per kind, not per note, so an id
  that two kinds share is ambiguous (reported) and takes its kind first: ``formula:<id>``,
  ``unknown:<id>`` or ``figure:<id>``;
- ``<formula-id>#<symbol tex>``: one explained symbol of a formula, its TeX as written in the
  symbol's ``tex`` (spacing and optional braces do not matter, as when symbols are matched
  against their formula). TeX, not a row number: it reads as what it names and survives
  reordering the table.

The guide page links to the record's anchor (a symbol: its formula's); an exporter (the Anki
deck) reads the same :class:`AboutTarget`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..texmath.reader import TexSyntaxError, parse
from .model import DataPath, Figure, Formula, Note, Symbol, Unknown

AboutKind = Literal["unknown", "figure", "formula", "symbol"]


@dataclass(frozen=True)
class AboutTarget:
    """The record an address names, and how to link to it on the paper's guide page."""

    kind: AboutKind
    id: str  # the unknown, figure or formula id (a symbol: its formula's)
    anchor: str  # the element id on the guide page, without '#'
    label: str  # plain text, or for an unknown its Markdown question
    record: Unknown | Figure | Formula
    symbol: Symbol | None = None


def _symbol_key(tex: str) -> tuple[object, ...] | None:
    try:
        return tuple(atom.key() for atom in parse(tex))
    except TexSyntaxError:
        return None


KINDS: tuple[str, ...] = ("unknown", "figure", "formula")


def _candidates(note: Note, kind: str | None, ident: str) -> list[AboutTarget]:
    return [t for t in _all_candidates(note, ident) if kind is None or t.kind == kind]


def _all_candidates(note: Note, ident: str) -> list[AboutTarget]:
    found: list[AboutTarget] = []
    if (unknown := note.unknown(ident)) is not None:
        found.append(AboutTarget("unknown", ident, f"u-{ident}", unknown.question, unknown))
    if (figure := note.figure(ident)) is not None:
        found.append(AboutTarget("figure", ident, f"fig-{ident}", figure.label or ident, figure))
    if (formula := note.formula(ident)) is not None:
        label = formula.title or ident
        found.append(AboutTarget("formula", ident, f"formula-{ident}", label, formula))
    return found


def _split(about: str) -> tuple[str | None, str, str | None]:
    """(kind or None, id, symbol TeX or None)."""
    name, sep, tex = about.strip().partition("#")
    kind, colon, ident = name.strip().rpartition(":")
    return (kind if colon else None), ident.strip(), (tex.strip() if sep else None)


def resolve_about(note: Note, about: str) -> AboutTarget | None:
    """The record ``about`` names in ``note``; ``None`` when it names nothing (or two things)."""
    kind, ident, tex = _split(about)
    found = _candidates(note, kind, ident)
    if len(found) != 1:
        return None
    target = found[0]
    if tex is None:
        return target
    if not isinstance(target.record, Formula):
        return None
    wanted = _symbol_key(tex)
    for symbol in target.record.symbols:
        if wanted is not None and _symbol_key(symbol.tex) == wanted:
            return AboutTarget("symbol", ident, target.anchor, target.label, target.record, symbol)
    return None


def about_problem(note: Note, about: str) -> tuple[str, str] | None:
    """Why ``about`` names nothing in ``note``, as (message, hint); ``None`` when it is fine."""
    if resolve_about(note, about) is not None:
        return None
    kind, ident, tex = _split(about)
    found = _candidates(note, kind, ident)
    if len(found) > 1:
        kinds = " and ".join(f"{t.kind} '{ident}'" for t in found)
        ways = " or ".join(f"'{t.kind}:{about.strip()}'" for t in found)
        return (f"'{about}' is ambiguous: the note has {kinds}", f"write {ways}")
    if kind is not None and kind not in KINDS:
        return (f"'{kind}:' is not a kind of record", "write unknown:, figure: or formula:")
    if not found:
        if kind is not None and _all_candidates(note, ident):
            others = ", ".join(f"'{t.kind}:{ident}'" for t in _all_candidates(note, ident))
            return (f"the note has no {kind} '{ident}'", f"did you mean {others}?")
        ids = sorted(
            {u.id for u in note.unknowns}
            | {f.id for f in note.figures}
            | {f.id for f in note.formulas}
        )
        close = difflib.get_close_matches(ident, ids, n=1, cutoff=0.6)
        if close:
            hint = f"did you mean '{close[0]}'?"
        elif ids:
            hint = "known ids: " + ", ".join(ids)
        else:
            hint = "this note defines no unknown, figure or formula yet"
        return (
            f"no unknown, figure or formula with id '{ident}' in this note",
            hint + " (a formula's symbol: '<formula-id>#<symbol tex>')",
        )
    target = found[0]
    if not isinstance(target.record, Formula):
        return (
            f"'{ident}' is not a formula, so '#{tex}' names nothing",
            f"write '{ident}' alone; only a formula's symbols are addressed as '<id>#<tex>'",
        )
    symbols = ", ".join(s.tex for s in target.record.symbols)
    return (
        f"formula '{ident}' explains no symbol '{tex}'",
        f"its symbols: {symbols}" if symbols else "give the formula a 'symbols:' row first",
    )


def check_problems(note: Note) -> Iterator[tuple[DataPath, str, str, DataPath]]:
    """Each problem of the note's checks: (where, message, hint, what to leave out).

    An empty question or answer leaves the whole check out (nothing to ask, or nothing to
    reveal); an address that names nothing leaves out only the link.
    """
    for check in note.checks:
        empty = [name for name in ("question", "answer") if not getattr(check, name).strip()]
        for name in empty:
            yield (
                (*check.at, name),
                f"this check has an empty {name}",
                f"write the {name}, or remove the check",
                check.at,
            )
        if empty or check.about is None:
            continue
        if problem := about_problem(note, check.about):
            yield (*check.at, "about"), *problem, (*check.at, "about")
