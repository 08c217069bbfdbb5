"""Citations in a note's prose fields, found and checked when the library loads.

Every prose field is Markdown and may cite (``[@key]``, ``@key``). Checking them here, with the
same tokenizer the Markdown extension uses, reports a wrong key as ``file:line:col`` with the
field, before anything renders, and also for ``paperguide check``. The extension then does not
report the same key again for the note's page.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..base.diagnostics import Diagnostic, Severity, format_field_path
from ..base.frontmatter import split_front_matter
from ..base.textfile import read_text
from ..bib.entries import Bibliography
from ..notes.model import DataPath, Note
from .grammar import parse_key
from .scan import scan_markdown


@dataclass(frozen=True)
class NoteCitation:
    """A key cited in a prose field; ``offset`` is where its ``@`` is in the field's text."""

    key: str
    path: DataPath
    offset: int
    explicit: bool = True  # see Occurrence.explicit: a bare @word cites only a known key


def prose_fields(note: Note) -> Iterator[tuple[DataPath, str]]:
    """Every field of ``note`` whose text is rendered as Markdown, with its data path."""

    def field(path: DataPath, value: str | None) -> Iterator[tuple[DataPath, str]]:
        if value:
            yield path, value

    yield from field(("summary",), note.summary)
    for item in note.context:
        yield from field((*item.at, "takeaway"), item.takeaway)
    for unknown in note.unknowns:
        yield from field((*unknown.at, "question"), unknown.question)
        yield from field((*unknown.at, "answer"), unknown.answer)
    if note.anchors:
        yield from field(("anchors", "motivation"), note.anchors.motivation)
        yield from field(("anchors", "conclusion"), note.anchors.conclusion)
    for figure in note.figures:
        for name in ("shows", "x", "y", "units", "takeaway"):
            yield from field((*figure.at, name), getattr(figure, name))
    if note.code:
        yield from field(("code", "run"), note.code.run)
        for row in note.code.map:
            yield from field((*row.at, "note"), row.note)
    if note.method:
        method = note.method
        for name in ("data", "architecture", "pipeline"):
            yield from field(("method", name), getattr(method, name))
        if method.training:
            yield from field(("method", "training"), method.training.text)
            for name in ("optimizer", "schedule", "losses", "notes"):
                yield from field(("method", "training", name), getattr(method.training, name))
        for index, tweak in enumerate(method.core):
            yield from field(("method", "core", index), tweak)
    for result in note.results:
        yield from field((*result.at, "claim"), result.claim)
        yield from field((*result.at, "evidence"), result.evidence)
    for formula in note.formulas:
        for symbol in formula.symbols:
            yield from field((*symbol.at, "meaning"), symbol.meaning)
        yield from field((*formula.at, "intuition"), formula.intuition)
        for index, case in enumerate(formula.cases):
            yield from field((*formula.at, "cases", index, "when"), case.when)
            yield from field((*formula.at, "cases", index, "becomes"), case.becomes)
        yield from field((*formula.at, "summary"), formula.summary)
    yield from field(("third_pass",), note.third_pass)
    for related in note.related:
        yield from field((*related.at, "note"), related.note)
    yield from field(("body",), note.body)
    for check in note.checks:
        yield from field((*check.at, "question"), check.question)
        yield from field((*check.at, "answer"), check.answer)


def note_citations(note: Note) -> tuple[NoteCitation, ...]:
    """Every key cited in the note's prose, and its ``@key`` evidence, in document order."""
    found: list[NoteCitation] = []
    for path, text in prose_fields(note):
        if "@" in text:
            found.extend(
                NoteCitation(o.key, path, o.offset, o.explicit) for o in scan_markdown(text)
            )
    for unknown in note.unknowns:
        for index, evidence in enumerate(unknown.evidence):
            if evidence.startswith("@"):
                found.append(NoteCitation(evidence[1:], (*unknown.at, "evidence", index), 0))
    return tuple(found)


def missing_key_hint(key: str, bibliography: Bibliography, bib_files: tuple[str, ...]) -> str:
    """ "did you mean …?" or where to add the entry."""
    close = difflib.get_close_matches(key, list(bibliography.entries), n=1, cutoff=0.7)
    if close:
        return f"did you mean '{close[0]}'?"
    files = ", ".join(bib_files) or "a .bib file"
    return f"add an entry with this key to {files}, or write \\@ for a literal @"


def find_key_position(
    lines: list[str], start: tuple[int, int], key: str, nth: int = 0
) -> tuple[int, int] | None:
    """1-based position of the ``nth`` citation of ``key`` at or after ``start`` in ``lines``."""
    line_no, col = start
    seen = 0
    for index in range(line_no - 1, len(lines)):
        line = lines[index]
        search = col - 1 if index == line_no - 1 else 0
        while (at := line.find("@", search)) != -1:
            search = at + 1
            parsed = parse_key(line, at + 1)
            if parsed is None or parsed[0] != key:
                continue
            if seen == nth:
                return index + 1, at + 1
            seen += 1
    return None


def check_note_citations(
    note: Note,
    citations: tuple[NoteCitation, ...],
    bibliography: Bibliography,
    file: Path,
    bib_files: tuple[str, ...],
) -> list[Diagnostic]:
    """One diagnostic per citation of an unknown key in the note's prose, located exactly.

    ``@key`` evidence is checked by the library loader already and skipped here. A bare
    ``@word`` that is no key is not a citation; when it is one letter or two away from a key
    it is probably a typo, and gets advice (severity INFO: shown, never fails a build).
    """
    problems = [
        c
        for c in citations
        if c.key not in bibliography
        and "evidence" not in c.path[-2:-1]
        and (c.explicit or close_key(c.key, bibliography) is not None)
    ]
    if not problems:
        return []
    text, _ = read_text(file, note.source)
    lines = (text or "").splitlines()
    diagnostics = []
    seen: dict[tuple[DataPath, str], int] = {}
    for citation in problems:
        nth = seen.get((citation.path, citation.key), 0)
        seen[(citation.path, citation.key)] = nth + 1
        position: tuple[int | None, int | None]
        if citation.path == ("body",) and note.body is not None and note.body_line:
            before = note.body[: citation.offset]
            line = note.body_line + before.count("\n")
            position = (line, citation.offset - before.rfind("\n"))
        else:
            line, col = note.locate(citation.path)
            exact = find_key_position(lines, (line, col), citation.key, nth) if line else None
            position = exact or (line, col)
        if citation.explicit:
            diagnostics.append(
                Diagnostic(
                    note.source,
                    position[0],
                    position[1],
                    f"unknown citation key '{citation.key}'",
                    format_field_path(citation.path),
                    missing_key_hint(citation.key, bibliography, bib_files),
                )
            )
        else:
            diagnostics.append(
                typo_advice(citation.key, bibliography, note.source, position, citation.path)
            )
    return diagnostics


def close_key(word: str, bibliography: Bibliography) -> str | None:
    """The bibliography key ``word`` is probably a typo of, if any."""
    close = difflib.get_close_matches(word, list(bibliography.entries), n=1, cutoff=0.85)
    return close[0] if close else None


def typo_advice(
    word: str,
    bibliography: Bibliography,
    source: str,
    position: tuple[int | None, int | None],
    path: DataPath | None = None,
) -> Diagnostic:
    """Advice on a bare ``@word`` close to a key: left as text, maybe meant as a citation."""
    key = close_key(word, bibliography)
    return Diagnostic(
        source,
        position[0],
        position[1],
        f"'@{word}' is left as text: no bibliography key '{word}'",
        format_field_path(path) if path else None,
        f"did you mean '@{key}'? (write \\@{word} to silence this)",
        Severity.INFO,
    )


def locate_in_page(text: str, key: str, nth: int, *, explicit: bool) -> tuple[int, int] | None:
    """Line and column of the ``nth`` citation of ``key`` in a Markdown page's source.

    The page is scanned as Markdown (front matter, code spans and blocks, link targets are
    skipped), so a look-alike ``@key`` in a YAML block or a code span earlier in the file is
    not taken for the citation. ``explicit`` picks bracketed/braced citations or bare words.
    """
    split = split_front_matter(text)
    seen = 0
    for occurrence in scan_markdown(split.body):
        if occurrence.key != key or occurrence.explicit != explicit:
            continue
        if seen == nth:
            before = split.body[: occurrence.offset]
            line = split.body_first_line + before.count("\n")
            return line, occurrence.offset - before.rfind("\n")
        seen += 1
    return None
