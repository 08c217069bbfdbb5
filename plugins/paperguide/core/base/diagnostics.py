"""Diagnostics: one author-facing problem each, with a location, the field and a hint."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


class Severity(enum.IntEnum):
    """How bad a problem is. Errors and warnings both fail a strict build."""

    INFO = 10
    WARNING = 20
    ERROR = 30


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in the author's content.

    ``line`` and ``column`` are 1-based; either may be ``None`` when the problem has no single
    position (a missing file, a clash between two files).
    """

    path: str
    line: int | None
    column: int | None
    message: str
    field: str | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def location(self) -> str:
        """``path:line:col`` with the parts that are known."""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """The one-line form: ``path:line:col: message (field a.b[2].c); hint``."""
        text = f"{self.location()}: {self.message}"
        if self.field:
            text += f" (field {self.field})"
        if self.hint:
            text += f"; {self.hint}"
        # One problem, one line: a message that quotes the input must not break the report.
        return " ".join(text.split()) if "\n" in text or "\r" in text else text

    def __str__(self) -> str:
        return self.format()

    def to_row(self) -> list[object]:
        """A JSON-ready row, for the disk caches (:meth:`from_row` reads it back)."""
        return [
            self.path,
            self.line,
            self.column,
            self.message,
            self.field,
            self.hint,
            int(self.severity),
        ]

    @classmethod
    def from_row(cls, row: list[Any]) -> Diagnostic:
        path, line, column, message, field, hint, severity = row
        return cls(path, line, column, message, field, hint, Severity(severity))


def format_field_path(path: Iterable[str | int]) -> str:
    """Render a data path the way authors read it: ``unknowns[2].answer``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "(note)"
