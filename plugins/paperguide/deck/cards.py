"""The study cards a library makes, one kind at a time, with the identity each keeps.

Kinds: a note's self-checks; its resolved unknowns (question -> answer, with the evidence);
each explained symbol of a formula (the symbol, highlighted in its formula -> meaning and kind);
each plot (label and what it shows -> what is on each axis, and the units).

A card's identity (:attr:`StudyCard.identity`) names the record, never its text, so editing an
answer updates the card in Anki instead of adding a second one: the paper key, the kind and the
record's id; for a symbol also its TeX. A self-check's id is optional: with one, rewording the
question keeps the card; without, its question is its identity (whitespace aside), so editing
the answer keeps the card and rewording the question makes a new one. Giving an existing check
an id therefore makes its card new once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..core.notes.about import resolve_about
from ..core.notes.labels import CATEGORY
from ..core.notes.model import Check, Figure, Formula, Note, Symbol, Unknown
from ..core.texmath.reader import TexSyntaxError
from ..core.texmath.tagging import tag_symbols
from .fields import FieldRenderer

KINDS: tuple[str, ...] = ("check", "unknown", "symbol", "figure")
#: Tags are hierarchical in Anki (``a::b``); they may not contain spaces.
TAG_ROOT = "paperguide"


def kind_tag(kind: str) -> str:
    return f"{TAG_ROOT}::{kind}"


def category_tag(category: str) -> str:
    slug = re.sub(r"\s+", "-", category.strip())  # a slug, unless the note failed validation
    return f"{TAG_ROOT}::category::{slug}"


@dataclass(frozen=True)
class StudyCard:
    key: str  # the paper
    kind: str  # one of KINDS
    identity: tuple[str, ...]  # what the note GUID is derived from, after key and kind
    front: str  # HTML
    back: str  # HTML
    source: str  # HTML: the paper and what kind of card this is
    tags: tuple[str, ...]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _section(title: str, body: str) -> str:
    return (
        f'<div class="pg-section"><div class="pg-label">{title}</div>{body}</div>' if body else ""
    )


class CardMaker:
    """Makes one note's cards with a shared :class:`FieldRenderer`."""

    def __init__(self, fields: FieldRenderer, paper_title: str) -> None:
        self.f = fields
        self.paper = fields.plain(paper_title)

    def _source(self, what: str) -> str:
        return f"{self.paper} · {what}"

    def cards(self, note: Note) -> Iterator[StudyCard]:
        self.f.start_note(note.source)
        seen: dict[str, int] = {}
        for check in note.checks:
            if check.question.strip() and check.answer.strip():
                yield self.check(note, check, self._check_identity(check, seen))
        for unknown in note.unknowns:
            if unknown.status == "resolved" and unknown.answer and unknown.answer.strip():
                yield self.unknown(note, unknown)
        for formula in note.formulas:
            for symbol in formula.symbols:
                yield self.symbol(note, formula, symbol)
        for figure in note.figures:
            if figure.is_plot:
                yield self.figure(note, figure)

    @staticmethod
    def _check_identity(check: Check, seen: dict[str, int]) -> tuple[str, ...]:
        if check.id:
            # An empty first part, which no question has (empty checks make no card), keeps an
            # id from ever meeting a question of the same text.
            return ("", check.id)
        # The same question asked twice in one note: the second is told apart by its rank.
        question = _one_line(check.question)
        seen[question] = seen.get(question, 0) + 1
        return (question,) + ((str(seen[question]),) if seen[question] > 1 else ())

    def check(self, note: Note, check: Check, identity: tuple[str, ...]) -> StudyCard:
        tags = [kind_tag("check")]
        back = self.f.markdown(check.answer)
        target = resolve_about(note, check.about) if check.about else None
        if target is not None:
            if isinstance(target.record, Unknown):
                tags.append(category_tag(target.record.category))
                label = self.f.inline(target.record.question)
            elif target.symbol is not None:
                label = self.f.tex(target.symbol.tex, display=False)
                label += " in " + self.f.plain(target.label)
            else:
                label = self.f.plain(target.label)
            back += _section(f"About this {target.kind}", f"<p>{label}</p>")
        return StudyCard(
            note.key,
            "check",
            identity,
            self.f.markdown(check.question),
            back,
            self._source("Check yourself"),
            tuple(tags),
        )

    def unknown(self, note: Note, unknown: Unknown) -> StudyCard:
        category = CATEGORY.get(unknown.category, unknown.category)
        evidence = "".join(f"<li>{self._evidence(item)}</li>" for item in unknown.evidence)
        back = self.f.markdown(unknown.answer)
        back += _section("Evidence", f"<ul>{evidence}</ul>" if evidence else "")
        return StudyCard(
            note.key,
            "unknown",
            (unknown.id,),
            self.f.markdown(unknown.question),
            back,
            self._source(f"Unknown · {self.f.plain(category)}"),
            (kind_tag("unknown"), category_tag(unknown.category)),
        )

    def _evidence(self, item: str) -> str:
        """A URL as a link, ``@key`` as its author–year text and title, anything else as text."""
        text = item.strip()
        if text.startswith("@"):
            return self.f.inline(f"[{text}]")
        if text.startswith(("http://", "https://")):
            return self.f.inline(f"<{text}>")
        return self.f.plain(text)

    def symbol(self, note: Note, formula: Formula, symbol: Symbol) -> StudyCard:
        try:
            tagged = tag_symbols(formula.tex, [symbol.tex]).tex
        except TexSyntaxError:
            tagged = formula.tex
        title = self.f.plain(formula.title or formula.id)
        front = f'<div class="pg-symbol">{self.f.tex(symbol.tex, display=True)}</div>'
        front += f'<p class="pg-label">in {title}</p>{self.f.tex(tagged, display=True)}'
        back = f"<p>{self.f.inline(symbol.meaning)}</p>"
        back += _section("Kind", f"<p>{self.f.math_text(symbol.kind)}</p>" if symbol.kind else "")
        return StudyCard(
            note.key,
            "symbol",
            (formula.id, _one_line(symbol.tex)),
            front,
            back,
            self._source("Symbol"),
            (kind_tag("symbol"),),
        )

    def figure(self, note: Note, figure: Figure) -> StudyCard:
        front = f'<p class="pg-figure">{self.f.plain(figure.label or figure.id)}</p>'
        front += self.f.markdown(figure.shows)
        front += '<p class="pg-label">What is on each axis, in what units?</p>'
        rows = [
            ("x axis", figure.x),
            ("y axis", figure.y),
            ("Units", figure.units),
            ("Scale", figure.scale),
        ]
        cells = "".join(
            f"<tr><th>{name}</th><td>{self.f.math_text(value)}</td></tr>"
            for name, value in rows
            if value
        )
        return StudyCard(
            note.key,
            "figure",
            (figure.id,),
            front,
            f"<table>{cells}</table>",
            self._source("Figure"),
            (kind_tag("figure"),),
        )
