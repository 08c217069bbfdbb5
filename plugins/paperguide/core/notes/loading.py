"""Loading one paper note (``.yml``/``.yaml`` or ``.md`` with front matter) into a :class:`Note`.

Loading never raises on bad content: schema problems become diagnostics and the note is still
built from whatever is usable, so one typo does not take a whole page (or a served site) down.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base.diagnostics import Diagnostic
from ..base.frontmatter import split_front_matter
from ..base.textfile import read_text
from ..base.yaml_locator import Locator
from . import model as m
from .note_builder import build_note
from .validation import load_checked


@dataclass(frozen=True)
class LoadedNote:
    note: m.Note | None
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class NoteParts:
    """What a note is built from: the YAML data with its positions, and a Markdown body."""

    data: dict[str, Any]
    locator: Locator
    fmt: str
    body: str | None
    body_line: int | None

    def build(self, source: str, src_uri: str) -> m.Note:
        return build_note(
            self.data, self.locator, source, src_uri, self.fmt, self.body, self.body_line
        )


def parse_note(text: str, source: str, src_uri: str) -> LoadedNote:
    """Parse a note's text; ``source`` is the path shown in diagnostics."""
    return parse_note_parts(text, source, src_uri)[0]


def parse_note_parts(text: str, source: str, src_uri: str) -> tuple[LoadedNote, NoteParts | None]:
    """Like :func:`parse_note`, also returning the parts the note was built from (for caching)."""
    if src_uri.endswith(".md"):
        split = split_front_matter(text)
        if split.yaml_text is None:
            missing = Diagnostic(
                source,
                1,
                1,
                "a Markdown note needs YAML front matter",
                hint="start the file with '---', then 'key: <bibtex key>', then '---'",
            )
            return LoadedNote(None, (missing,)), None
        yaml_text, offset = split.yaml_text, split.yaml_first_line - 1
        body: str | None = split.body if split.body.strip() else None
        body_line: int | None = split.body_first_line
        fmt = "markdown"
    else:
        yaml_text, offset = text, 0
        body, body_line, fmt = None, None, "yaml"
    doc = load_checked(
        yaml_text,
        source,
        "note",
        line_offset=offset,
        not_a_mapping=(
            "a note must be a mapping of fields",
            "start with 'key: <bibtex key>' at the left margin",
        ),
    )
    diagnostics = list(doc.diagnostics)
    if doc.data is None:
        if doc.empty:
            diagnostics.append(
                Diagnostic(
                    source,
                    1,
                    1,
                    "the note is empty",
                    hint="a note needs at least 'key: <bibtex key>'",
                )
            )
        return LoadedNote(None, tuple(diagnostics)), None
    parts = NoteParts(doc.data, doc.locator, fmt, body, body_line)
    note = parts.build(source, src_uri)
    if not note.key:
        return LoadedNote(None, tuple(diagnostics)), None
    return LoadedNote(note, tuple(diagnostics)), parts


def load_note(path: Path, source: str, src_uri: str) -> LoadedNote:
    """Read and parse one note file."""
    text, problems = read_text(path, source)
    if text is None:
        return LoadedNote(None, tuple(problems))
    return parse_note(text, source, src_uri)
