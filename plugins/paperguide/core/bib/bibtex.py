"""BibTeX files parsed once with bibtexparser 2 into raw entries and @strings, nothing decoded.

bibtexparser 2.1.0 is asked for raw field values only (no middleware): ``macros.py`` evaluates
``@string`` macros, ``#`` concatenation (left unevaluated upstream, bibtexparser issue #396) and
the standard month macros, so that every problem becomes a located diagnostic and nothing is
decoded before it is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import bibtexparser
from bibtexparser.model import (
    Block,
    Entry,
    ImplicitComment,
    ParsingFailedBlock,
    Preamble,
    String,
)

from ..base.diagnostics import Diagnostic, Severity
from .locate import TextPositions, field_offsets


@dataclass(frozen=True)
class RawEntry:
    """An entry as written: raw field expressions, before macros are applied."""

    key: str
    type: str
    fields: tuple[tuple[str, str, int], ...]  # (name, raw value, 1-based line)
    line: int
    column: int = 1  # of the entry's `@`
    field_columns: tuple[int, ...] = ()  # of each field's name, in the order of ``fields``


@dataclass(frozen=True)
class ParsedBibFile:
    """What one .bib file contains; cached per file by the loader."""

    source: str
    entries: tuple[RawEntry, ...]
    strings: tuple[tuple[str, str, int], ...]  # (name, raw value, line)
    diagnostics: tuple[Diagnostic, ...]
    preambles: tuple[str, ...] = ()  # raw @preamble texts, in order


class _MuteFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


def parse_bib_text(text: str, source: str) -> ParsedBibFile:
    """Parse one .bib file's text into raw entries and strings, with located problems."""
    # bibtexparser also logs each failed block; we report it ourselves, with a hint, so its
    # duplicate message is muted for the duration of the parse.
    splitter_log = logging.getLogger("bibtexparser.splitter")
    muted = _MuteFilter()
    splitter_log.addFilter(muted)
    try:
        library = bibtexparser.parse_string(text, parse_stack=[])
    finally:
        splitter_log.removeFilter(muted)
    return _Collector(text, source).collect(library.blocks)


class _Collector:
    """Turns bibtexparser's blocks, in file order, into raw entries, strings and diagnostics."""

    def __init__(self, text: str, source: str) -> None:
        self.positions = TextPositions(text)
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.entries: list[RawEntry] = []
        self.strings: list[tuple[str, str, int]] = []
        self.preambles: list[str] = []
        # bibtexparser flags a second entry only if the first parsed cleanly; an entry kept
        # despite a repeated field counts too, so keys are tracked here.
        self.entry_lines: dict[str, int] = {}
        self.string_lines: dict[str, int] = {}

    def collect(self, blocks: Iterable[Block]) -> ParsedBibFile:
        for block in blocks:
            if isinstance(block, ImplicitComment):
                continue  # free text between blocks; its raw text is trimmed, so not located
            inner = block.ignore_error_block if isinstance(block, ParsingFailedBlock) else block
            if isinstance(block, ParsingFailedBlock) and not isinstance(inner, (Entry, String)):
                offset = self.positions.next_block(block.raw, complete=False)
                self._failed(block, offset)
                continue
            offset = self.positions.next_block(block.raw, complete=True)
            if isinstance(inner, String):
                self._string(inner, offset)
            elif isinstance(inner, Entry):
                self._entry(inner, offset)
            elif isinstance(inner, Preamble):
                self.preambles.append(str(inner.value))
        return ParsedBibFile(
            self.source,
            tuple(self.entries),
            tuple(self.strings),
            tuple(self.diagnostics),
            tuple(self.preambles),
        )

    def _problem(self, offset: int, message: str, hint: str, **extra: Any) -> None:
        line, column = self.positions.line_column(offset)
        self.diagnostics.append(Diagnostic(self.source, line, column, message, hint=hint, **extra))

    def _failed(self, block: ParsingFailedBlock, offset: int) -> None:
        reason = (getattr(block.error, "abort_reason", None) or str(block.error)).strip()
        reason = reason.splitlines()[0] if reason else "syntax error"
        # The failed block's text ends where the parser gave up: that line is the one to read.
        text = self.positions.text
        stop = max(offset, min(offset + len(block.raw or ""), len(text.rstrip())))
        stop_line = self.positions.line_column(stop)[0]
        if stop_line != self.positions.line_column(offset)[0]:
            reason += f" (parsing stopped on line {stop_line})"
        self._problem(
            offset,
            f"cannot parse this entry: {reason}",
            "check for a missing '}' or ',' in the entry",
        )

    def _repeated(
        self, first_lines: dict[str, int], key: str, offset: int, what: str, hint: str
    ) -> bool:
        """Whether ``key`` was seen before (then reported, naming the first line); if not, it is
        recorded as first seen at ``offset``."""
        if key in first_lines:
            self._problem(offset, f"{what} (first defined on line {first_lines[key]})", hint)
            return True
        first_lines[key] = self.positions.line_column(offset)[0]
        return False

    def _string(self, block: String, offset: int) -> None:
        line = self.positions.line_column(offset)[0]
        if self._repeated(
            self.string_lines,
            block.key,
            offset,
            f"duplicate @string '{block.key}'",
            "the first definition is used; rename or delete one of them",
        ):
            return
        self.strings.append((block.key, str(block.value), line))

    def _entry(self, block: Entry, offset: int) -> None:
        line, column = self.positions.line_column(offset)
        if self._repeated(
            self.entry_lines,
            block.key,
            offset,
            f"duplicate key '{block.key}'",
            "keys must be unique; rename or delete one entry",
        ):
            return
        raw = block.raw or ""
        written = [(f.key, str(f.value)) for f in block.fields]
        starts = [offset + o for o in field_offsets(raw, block.key, written)]
        names = [name.lower() for name, _ in written]
        first: dict[str, int] = {}
        fields: list[tuple[str, str, int]] = []
        columns: list[int] = []
        for name, (_, value), start in zip(names, written, starts, strict=True):
            field_line, field_column = self.positions.line_column(start)
            if name in first:
                # BibTeX keeps the first value and warns; nothing of the entry is lost.
                copies = "the two" if names.count(name) == 2 else "the"
                self._problem(
                    start,
                    f"field '{name}' is repeated; the first value is kept",
                    f"delete one of {copies} '{name}' fields (the first is on line {first[name]})",
                    field=name,
                    severity=Severity.WARNING,
                )
                continue
            first[name] = field_line
            fields.append((name, value, field_line))
            columns.append(field_column)
        kind = block.entry_type.lower()
        self.entries.append(RawEntry(block.key, kind, tuple(fields), line, column, tuple(columns)))
