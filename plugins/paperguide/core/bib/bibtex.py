"""BibTeX files parsed once with bibtexparser 2, evaluated by us, decoded lazily.

bibtexparser 2.1.0 is asked for raw field values only (no middleware): we evaluate ``@string``
macros, ``#`` concatenation (left unevaluated upstream, bibtexparser issue #396) and the standard
month macros ourselves, so that every problem becomes a located diagnostic and nothing is decoded
before it is shown.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock, String

from ..base.diagnostics import Diagnostic, Severity
from ..base.limits import MAX_BIB_VALUE_CHARS
from ..base.urls import url_problem
from .latex import decode_latex
from .names import Person, short_authors, split_people

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_MACROS = {name[:3].lower(): name for name in MONTHS}


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


@dataclass(frozen=True)
class BibEntry:
    """One bibliography entry with evaluated (still LaTeX) fields; decoding happens on access."""

    key: str
    type: str
    fields: Mapping[str, str]
    source: str
    line: int

    def raw(self, name: str) -> str | None:
        return self.fields.get(name)

    def text(self, name: str) -> str | None:
        """A field decoded to Unicode text, or ``None``."""
        value = self.fields.get(name)
        return decode_latex(value) if value is not None else None

    @functools.cached_property
    def authors(self) -> tuple[Person, ...]:
        value = self.fields.get("author") or self.fields.get("editor") or ""
        return split_people(value)

    @property
    def short_authors(self) -> str:
        return short_authors(self.authors)

    @property
    def title(self) -> str:
        return self.text("title") or self.key

    @property
    def year(self) -> str | None:
        year = self.text("year")
        if year is None and (date := self.text("date")):
            year = date[:4]
        return year

    @property
    def month(self) -> str | None:
        value = self.text("month")
        if value and value.strip().isdigit() and 1 <= int(value) <= 12:
            return MONTHS[int(value) - 1]
        return value

    @property
    def venue(self) -> str | None:
        for name in (
            "journal",
            "journaltitle",
            "booktitle",
            "howpublished",
            "school",
            "institution",
            "publisher",
        ):
            if value := self.text(name):
                return value
        if self.arxiv_id:
            return f"arXiv:{self.arxiv_id}"
        return None

    @property
    def doi(self) -> str | None:
        doi = self.text("doi")
        if not doi:
            return None
        for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
            if doi.lower().startswith(prefix):
                doi = doi[len(prefix) :]
        return doi.strip() or None

    @property
    def arxiv_id(self) -> str | None:
        eprint = self.text("eprint")
        prefix = (self.text("archiveprefix") or self.text("eprinttype") or "").lower()
        if eprint and prefix == "arxiv":
            return eprint.strip()
        return None

    @property
    def url(self) -> str | None:
        url = self.text("url")
        if url and url.lower().startswith(("http://", "https://")):
            return url.strip()
        return None

    def links(self) -> list[tuple[str, str]]:
        """``(label, url)`` pairs: DOI, arXiv, URL — the ones the entry has."""
        links = []
        if self.doi:
            links.append(("DOI", f"https://doi.org/{self.doi}"))
        if self.arxiv_id:
            links.append(("arXiv", f"https://arxiv.org/abs/{self.arxiv_id}"))
        if self.url and all(self.url != url for _, url in links):
            links.append(("URL", self.url))
        return links


@dataclass(frozen=True)
class Bibliography:
    """All entries of all .bib files, by key."""

    entries: Mapping[str, BibEntry] = field(default_factory=lambda: MappingProxyType({}))
    files: tuple[str, ...] = ()

    def get(self, key: str) -> BibEntry | None:
        return self.entries.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __len__(self) -> int:
        return len(self.entries)


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
        elif isinstance(block, String):
            strings.append((block.key, str(block.value), line))
        elif isinstance(block, Entry):
            first_line.setdefault(block.key, line)
            fields = tuple(
                (f.key.lower(), str(f.value), (f.start_line or block.start_line) + 1)
                for f in block.fields
            )
            entries.append(RawEntry(block.key, block.entry_type.lower(), fields, line))
    return ParsedBibFile(source, tuple(entries), tuple(strings), tuple(diagnostics))


class _UndefinedMacro(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


class _TooLong(Exception):
    """A value longer than :data:`MAX_BIB_VALUE_CHARS` once its macros are expanded."""


def _split_concatenation(expr: str) -> list[str] | None:
    """Split ``a # "b" # {c}`` at top-level ``#``; ``None`` if braces/quotes do not balance."""
    parts, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(expr):
        if char == "\\":
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return None
        elif char == '"' and depth == 0 and (index == 0 or expr[index - 1] != "\\"):
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(expr[start:index].strip())
            start = index + 1
    if depth != 0 or quoted:
        return None
    parts.append(expr[start:].strip())
    return parts


def evaluate(expr: str, macros: Mapping[str, str]) -> str:
    """The value of a raw BibTeX field expression (delimiters removed, macros applied)."""
    parts = _split_concatenation(expr.strip())
    if parts is None:
        return expr.strip()
    out, length = [], 0
    for part in parts:
        if len(part) >= 2 and (
            (part[0] == "{" and part[-1] == "}") or (part[0] == '"' and part[-1] == '"')
        ):
            value = part[1:-1]
        elif part.isdigit():
            value = part
        elif part.lower() in macros:
            value = macros[part.lower()]
        elif part:
            raise _UndefinedMacro(part)
        else:
            continue
        # Counted before joining: 40 doubling @strings would otherwise ask for 2^40 characters.
        length += len(value)
        if length > MAX_BIB_VALUE_CHARS:
            raise _TooLong
        out.append(value)
    return "".join(out)


def _too_long(source: str, line: int, what: str, field: str | None = None) -> Diagnostic:
    return Diagnostic(
        source,
        line,
        1,
        f"{what} is longer than {MAX_BIB_VALUE_CHARS:,} characters once its @string macros "
        "are expanded; it is left out",
        field,
        hint="a macro that repeats itself (@string{b = a # a}) grows exponentially; "
        "write the value out",
    )


def assemble(files: Iterable[ParsedBibFile]) -> tuple[Bibliography, list[Diagnostic]]:
    """Evaluate all files together (macros defined in earlier files apply to later ones)."""
    macros: dict[str, str] = dict(MONTH_MACROS)
    entries: dict[str, BibEntry] = {}
    diagnostics: list[Diagnostic] = []
    sources = []
    for parsed in files:
        sources.append(parsed.source)
        diagnostics.extend(parsed.diagnostics)
        for name, raw, line in parsed.strings:
            try:
                macros[name.lower()] = evaluate(raw, macros)
            except _TooLong:
                diagnostics.append(_too_long(parsed.source, line, f"@string '{name}'"))
                # Defined as empty: its users then report nothing more (one message per bomb,
                # not one per macro that doubles it) instead of "undefined macro".
                macros[name.lower()] = ""
            except _UndefinedMacro as exc:
                diagnostics.append(
                    Diagnostic(
                        parsed.source,
                        line,
                        1,
                        f"@string '{name}' uses the undefined macro '{exc.name}'",
                        hint="define it earlier or quote it",
                    )
                )
        for raw_entry in parsed.entries:
            values: dict[str, str] = {}
            for name, raw, line in raw_entry.fields:
                try:
                    value = evaluate(raw, macros)
                except _TooLong:
                    diagnostics.append(_too_long(parsed.source, line, f"field '{name}'", name))
                    continue
                except _UndefinedMacro as exc:
                    diagnostics.append(
                        Diagnostic(
                            parsed.source,
                            line,
                            1,
                            f"undefined macro '{exc.name}'",
                            name,
                            hint="define it with @string, or put the value in braces",
                        )
                    )
                    value = raw
                if name == "month" and value.lower()[:3] in MONTH_MACROS and len(value) <= 4:
                    value = MONTH_MACROS[value.lower()[:3]]
                if name == "url" and (problem := url_problem(decode_latex(value).strip())):
                    diagnostics.append(
                        Diagnostic(
                            parsed.source,
                            line,
                            1,
                            f"{problem}; the URL will not be linked",
                            name,
                            hint="use an http(s) address, or remove the url field",
                            severity=Severity.WARNING,
                        )
                    )
                values[name] = value
            if raw_entry.key in entries:
                other = entries[raw_entry.key]
                diagnostics.append(
                    Diagnostic(
                        parsed.source,
                        raw_entry.line,
                        1,
                        f"duplicate key '{raw_entry.key}'",
                        hint=f"already defined at {other.source}:{other.line}",
                        severity=Severity.ERROR,
                    )
                )
                continue
            entries[raw_entry.key] = BibEntry(
                raw_entry.key,
                raw_entry.type,
                MappingProxyType(values),
                parsed.source,
                raw_entry.line,
            )
    return Bibliography(MappingProxyType(entries), tuple(sources)), diagnostics
