"""Diagnostics rendered for people, for programs and for GitHub Actions.

Three renderings of the same list, so ``paperguide check`` can print every problem in the form its
reader needs: one line per problem for a terminal, a JSON document for tools, and workflow
commands that GitHub turns into annotations on the exact lines of a pull request.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .diagnostics import Diagnostic, Severity

#: JSON output layout version; bump it when a field changes meaning or disappears.
JSON_VERSION = 1

_SEVERITY_NAMES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
# GitHub has three annotation levels; "notice" is its name for information.
_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def severity_name(severity: Severity) -> str:
    return _SEVERITY_NAMES.get(severity, "error")


@dataclass(frozen=True)
class Counts:
    """How many problems of each severity, and what was checked."""

    errors: int
    warnings: int
    infos: int
    notes: int
    entries: int

    @classmethod
    def of(cls, diagnostics: Sequence[Diagnostic], notes: int, entries: int) -> Counts:
        def count(severity: Severity) -> int:
            return sum(1 for d in diagnostics if d.severity == severity)

        return cls(
            count(Severity.ERROR), count(Severity.WARNING), count(Severity.INFO), notes, entries
        )

    def summary(self) -> str:
        """``2 notes, 8 bibliography entries: 1 error, 2 warnings`` (or ``no problems``)."""
        checked = (
            f"{_plural(self.notes, 'note')}, "
            f"{_plural(self.entries, 'bibliography entry', 'bibliography entries')}"
        )
        found = [
            _plural(n, word)
            for n, word in ((self.errors, "error"), (self.warnings, "warning"))
            if n
        ]
        return f"{checked}: {', '.join(found) if found else 'no problems'}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def to_text(diagnostic: Diagnostic) -> str:
    """The terminal line: ``path:line:col: message (field x); hint``.

    Warnings and information say so after the location, like compilers do, because a strict
    build fails on warnings too and the author should know which is which.
    """
    if diagnostic.severity >= Severity.ERROR:
        return diagnostic.format()
    text = diagnostic.format()
    location = diagnostic.location()
    label = severity_name(diagnostic.severity)
    return f"{location}: {label}: {text[len(location) + 2 :]}"


def to_json(diagnostics: Sequence[Diagnostic], counts: Counts, *, ok: bool) -> str:
    """One JSON document with every problem and the totals."""
    document: dict[str, Any] = {
        "version": JSON_VERSION,
        "ok": ok,
        "summary": {
            "notes": counts.notes,
            "bibliography_entries": counts.entries,
            "errors": counts.errors,
            "warnings": counts.warnings,
            "infos": counts.infos,
        },
        "diagnostics": [
            {
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "severity": severity_name(d.severity),
                "message": d.message,
                "field": d.field,
                "hint": d.hint,
                "text": d.format(),
            }
            for d in diagnostics
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


# GitHub's workflow-command escaping, as implemented by @actions/core (toolkit command.ts):
# the message ("data") escapes %, CR and LF; property values also escape ':' and ','.
# '%' goes first so the escapes themselves are not escaped again.
def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def to_github(diagnostic: Diagnostic, file_path: Callable[[str], str] = str) -> str:
    """A workflow command (``::error file=…,line=…,col=…,title=…::…``) for one diagnostic.

    ``file_path`` maps the diagnostic's path to one relative to the repository checkout, which
    is what GitHub needs to place the annotation on the pull request's diff.
    """
    properties = [f"file={escape_property(file_path(diagnostic.path))}"]
    if diagnostic.line is not None:
        properties.append(f"line={diagnostic.line}")
        if diagnostic.column is not None:
            properties.append(f"col={diagnostic.column}")
    title = "paperguide check" + (f": {diagnostic.field}" if diagnostic.field else "")
    properties.append(f"title={escape_property(title)}")
    message = diagnostic.message
    if diagnostic.hint:
        message += f"\nHint: {diagnostic.hint}"
    command = _GITHUB_COMMANDS.get(diagnostic.severity, "error")
    return f"::{command} {','.join(properties)}::{escape_data(message)}"


def to_step_summary(
    diagnostics: Sequence[Diagnostic], counts: Counts, file_path: Callable[[str], str] = str
) -> str:
    """A Markdown table for ``$GITHUB_STEP_SUMMARY``.

    GitHub shows at most ten error annotations per step, so the full list goes here too.
    """
    lines = ["### paperguide check", "", counts.summary(), ""]
    if diagnostics:
        lines += ["| | where | problem | hint |", "|---|---|---|---|"]
        for d in diagnostics:
            where = file_path(d.path)
            if d.line is not None:
                where += f":{d.line}" + (f":{d.column}" if d.column is not None else "")
            problem = d.message + (f" (field `{d.field}`)" if d.field else "")
            cells = [severity_name(d.severity), f"`{where}`", problem, d.hint or ""]
            lines.append("| " + " | ".join(_table_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines) + "\n"


def _table_cell(text: str) -> str:
    # A pipe would end the cell and a newline the row; HTML-escape '<' so a hostile message
    # cannot inject markup into the summary page.
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace("|", "\\|")
        .replace("\r", " ")
        .replace("\n", " ")
    )
