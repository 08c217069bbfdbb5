"""Raw BibTeX fields evaluated (@string and month macros, ``#`` joins) into a Bibliography."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from ..base.diagnostics import Diagnostic, Severity
from ..base.limits import MAX_BIB_VALUE_CHARS
from ..base.urls import url_problem
from .bibtex import ParsedBibFile
from .entries import MONTHS, BibEntry, Bibliography
from .inherit import resolve_inheritance
from .latex import decode_latex, unknown_macros
from .preamble import apply_macros, one_argument_macros

MONTH_MACROS = {name[:3].lower(): name for name in MONTHS}


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


def _too_long(
    source: str, line: int, what: str, field: str | None = None, column: int = 1
) -> Diagnostic:
    return Diagnostic(
        source,
        line,
        column,
        f"{what} is longer than {MAX_BIB_VALUE_CHARS:,} characters once its @string macros "
        "are expanded; it is left out",
        field,
        hint="a macro that repeats itself (@string{b = a # a}) grows exponentially; "
        "write the value out",
    )


def assemble(files: Iterable[ParsedBibFile]) -> tuple[Bibliography, list[Diagnostic]]:
    """Evaluate all files together (macros defined in earlier files apply to later ones), then
    let entries inherit through ``xdata`` and ``crossref``."""
    files = list(files)
    # Like BibTeX, which writes every @preamble at the top of its output: they apply to all.
    preamble_macros = one_argument_macros(p for parsed in files for p in parsed.preambles)
    macros: dict[str, str] = dict(MONTH_MACROS)
    entries: dict[str, BibEntry] = {}
    diagnostics: list[Diagnostic] = []
    sources = []
    unknown_seen: set[str] = set()
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
            columns = raw_entry.field_columns
            for index, (name, raw, line) in enumerate(raw_entry.fields):
                column = columns[index] if index < len(columns) else 1
                try:
                    value = evaluate(raw, macros)
                except _TooLong:
                    diagnostics.append(
                        _too_long(parsed.source, line, f"field '{name}'", name, column)
                    )
                    continue
                except _UndefinedMacro as exc:
                    diagnostics.append(
                        Diagnostic(
                            parsed.source,
                            line,
                            column,
                            f"undefined macro '{exc.name}'",
                            name,
                            hint="define it with @string, or put the value in braces",
                        )
                    )
                    value = raw
                value = apply_macros(value, preamble_macros)
                # INFO, not WARNING: the macro's text is kept, so a strict build need not fail.
                for macro in (m for m in unknown_macros(value) if m not in unknown_seen):
                    unknown_seen.add(macro)
                    message = f"unknown LaTeX macro '\\{macro}' (its text is kept)"
                    hint = "write the text it stands for; reported once, at its first use"
                    diagnostics.append(
                        Diagnostic(parsed.source, line, column, message, name, hint, Severity.INFO)
                    )
                if name == "month" and value.lower()[:3] in MONTH_MACROS and len(value) <= 4:
                    value = MONTH_MACROS[value.lower()[:3]]
                url = decode_latex(value).strip() if name == "url" else ""
                # An empty url (Zotero writes them) is no link and no mistake.
                if url and (problem := url_problem(url)):
                    diagnostics.append(
                        Diagnostic(
                            parsed.source,
                            line,
                            column,
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
                        raw_entry.column,
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
    inherited, problems = resolve_inheritance(entries)
    return Bibliography(MappingProxyType(inherited), tuple(sources)), [*diagnostics, *problems]
