"""BibTeX files parsed once with bibtexparser 2 into raw entries and @strings, nothing decoded.

bibtexparser 2.1.0 is asked for raw field values only (no middleware): ``macros.py`` evaluates
``@string`` macros, ``#`` concatenation (left unevaluated upstream, bibtexparser issue #396) and
the standard month macros, so that every problem becomes a located diagnostic and nothing is
decoded before it is shown.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import bibtexparser
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    Entry,
    ParsingFailedBlock,
    Preamble,
    String,
)

from ..base.diagnostics import Diagnostic


@dataclass(frozen=True)
class RawEntry:
    """An entry as written: raw field expressions, before macros are applied."""

    key: str
    type: str
    fields: tuple[tuple[str, str, int], ...]  # (name, raw value, 1-based line)
    line: int


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
    diagnostics: list[Diagnostic] = []
    entries: list[RawEntry] = []
    strings: list[tuple[str, str, int]] = []
    preambles: list[str] = []
    first_line: dict[str, int] = {}
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, DuplicateBlockKeyBlock):
            earlier = first_line.get(block.key)
            where = f" (first defined on line {earlier})" if earlier else ""
            diagnostics.append(
                Diagnostic(
                    source,
                    line,
                    1,
                    f"duplicate key '{block.key}'{where}",
                    hint="keys must be unique; rename or delete one entry",
                )
            )
        elif isinstance(block, ParsingFailedBlock):
            reason = (getattr(block.error, "abort_reason", None) or str(block.error)).strip()
            reason = reason.splitlines()[0] if reason else "syntax error"
            diagnostics.append(
                Diagnostic(
                    source,
                    line,
                    1,
                    f"cannot parse this entry: {reason}",
                    hint="check for a missing '}' or ',' in the entry",
                )
            )
        elif isinstance(block, Preamble):
            preambles.append(str(block.value))
        elif isinstance(block, String):
            strings.append((block.key, str(block.value), line))
        elif isinstance(block, Entry):
            first_line.setdefault(block.key, line)
            fields = tuple(
                (f.key.lower(), str(f.value), (f.start_line or block.start_line) + 1)
                for f in block.fields
            )
            entries.append(RawEntry(block.key, block.entry_type.lower(), fields, line))
    return ParsedBibFile(
        source, tuple(entries), tuple(strings), tuple(diagnostics), tuple(preambles)
    )
