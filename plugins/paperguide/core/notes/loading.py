"""Loading one paper note (``.yml``/``.yaml`` or ``.md`` with front matter) into a :class:`Note`.

Loading never raises on bad content: schema problems become diagnostics and the note is still
built from whatever is usable, so one typo does not take a whole page (or a served site) down.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..base.diagnostics import Diagnostic
from ..base.frontmatter import split_front_matter
from ..base.textfile import read_bytes, read_text
from ..base.yaml_locator import Locator
from . import model as m
from .schema import load_checked

NOTE_SUFFIXES = (".yml", ".yaml", ".md")
YAML_SUFFIXES = (".yml", ".yaml")


def is_note_text(name: str, text: str) -> bool:
    """Whether a file in the papers folder is a note rather than a page of the site.

    A YAML file always is. A Markdown page is a note only when its front matter names a
    ``key``: a site that already has ``papers/*.md`` pages keeps them as they are. The check
    reads the front matter's top-level lines, not its YAML, so a note whose YAML is broken is
    still recognised (and its mistake reported).
    """
    if name.endswith(YAML_SUFFIXES):
        return True
    if not name.endswith(".md"):
        return False
    front = split_front_matter(text).yaml_text
    if front is None:
        return False
    return any(line.split(":", 1)[0] == "key" for line in front.splitlines() if ":" in line)


def is_note_file(path: Path) -> bool:
    """:func:`is_note_text` for a file on disk (a Markdown file is read; unreadable: no)."""
    if path.name.endswith(YAML_SUFFIXES):
        return True
    if not path.name.endswith(".md"):
        return False
    # Read as notes are (non-blocking, size-capped): a FIFO or a link to /dev/zero named like a
    # note must not hang or fill memory. One that cannot be read counts as a note, so loading
    # it reports why, instead of the file vanishing without a word.
    data, problems = read_bytes(path, path.name)
    if data is None:
        return bool(problems)
    return is_note_text(path.name, data.decode("utf-8", errors="replace"))


T = TypeVar("T")


@dataclass(frozen=True)
class LoadedNote:
    note: m.Note | None
    diagnostics: tuple[Diagnostic, ...]


class _Reader:
    """Typed, forgiving access to the raw data; wrong types read as missing (schema reports)."""

    def __init__(self, locator: Locator) -> None:
        self.locator = locator

    def line(self, path: tuple[str | int, ...]) -> int | None:
        return self.locator.value_at(path)[0]

    @staticmethod
    def text(data: Any, name: str) -> str | None:
        value = data.get(name) if isinstance(data, dict) else None
        return value if isinstance(value, str) else None

    @staticmethod
    def texts(data: Any, name: str) -> tuple[str, ...]:
        value = data.get(name) if isinstance(data, dict) else None
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list):
            return tuple(v for v in value if isinstance(v, str))
        return ()

    @staticmethod
    def number(data: Any, name: str) -> float | None:
        value = data.get(name) if isinstance(data, dict) else None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)

    def records(
        self,
        data: Any,
        name: str,
        path: tuple[str | int, ...],
        build: Callable[[dict[str, Any], tuple[str | int, ...]], T | None],
    ) -> tuple[T, ...]:
        value = data.get(name) if isinstance(data, dict) else None
        if not isinstance(value, list):
            return ()
        out = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                built = build(item, (*path, name, index))
                if built is not None:
                    out.append(built)
        return tuple(out)


def _choice(value: str | None, allowed: tuple[str, ...]) -> str | None:
    """An enum value the templates may look up; anything else was reported and is dropped
    (validation prunes it already; this keeps the model safe whatever data it is given)."""
    return value if value in allowed else None


def _build(
    data: dict[str, Any],
    locator: Locator,
    source: str,
    src_uri: str,
    fmt: str,
    body: str | None,
    body_line: int | None,
) -> m.Note:
    r = _Reader(locator)
    t, ts = r.text, r.texts

    def context(d: dict[str, Any], p: tuple[str | int, ...]) -> m.ContextItem | None:
        title = t(d, "title")
        if title is None:
            return None
        return m.ContextItem(
            title,
            t(d, "url"),
            _choice(t(d, "kind"), m.CONTEXT_KINDS),
            r.number(d, "minutes"),
            t(d, "takeaway"),
            ts(d, "resolves"),
            p,
        )

    def unknown(d: dict[str, Any], p: tuple[str | int, ...]) -> m.Unknown | None:
        uid, question = t(d, "id"), t(d, "question")
        if uid is None or question is None:
            return None
        status = t(d, "status")
        return m.Unknown(
            uid,
            _choice(t(d, "category"), m.CATEGORIES) or "assumed",
            question,
            t(d, "where"),
            status if status in m.UNKNOWN_STATUSES else "open",
            t(d, "answer"),
            ts(d, "evidence"),
            p,
            t(d, "topic"),
        )

    def figure(d: dict[str, Any], p: tuple[str | int, ...]) -> m.Figure | None:
        fid = t(d, "id")
        if fid is None:
            return None
        return m.Figure(
            fid,
            t(d, "label"),
            t(d, "shows"),
            t(d, "x"),
            t(d, "y"),
            t(d, "units"),
            t(d, "scale"),
            t(d, "takeaway"),
            p,
        )

    def map_row(d: dict[str, Any], p: tuple[str | int, ...]) -> m.CodeMapRow | None:
        part = t(d, "part")
        if part is None:
            return None
        lines = d.get("lines")
        lines_text = (
            str(lines) if isinstance(lines, str | int) and not isinstance(lines, bool) else None
        )
        return m.CodeMapRow(
            t(d, "id"), part, t(d, "path"), t(d, "symbol"), lines_text, t(d, "note"), p
        )

    def result(d: dict[str, Any], p: tuple[str | int, ...]) -> m.Result | None:
        claim = t(d, "claim")
        if claim is None:
            return None
        return m.Result(claim, t(d, "evidence"), t(d, "figure"), p)

    def symbol(d: dict[str, Any], p: tuple[str | int, ...]) -> m.Symbol | None:
        tex, meaning = t(d, "tex"), t(d, "meaning")
        if tex is None or meaning is None:
            return None
        return m.Symbol(tex, meaning, t(d, "kind"), p)

    def case(d: dict[str, Any], _p: tuple[str | int, ...]) -> m.Case | None:
        when, becomes = t(d, "when"), t(d, "becomes")
        if when is None or becomes is None:
            return None
        return m.Case(when, becomes)

    def formula(d: dict[str, Any], p: tuple[str | int, ...]) -> m.Formula | None:
        fid, tex = t(d, "id"), t(d, "tex")
        if fid is None or tex is None:
            return None
        return m.Formula(
            fid,
            t(d, "title"),
            t(d, "where"),
            tex,
            r.records(d, "symbols", p, symbol),
            t(d, "intuition"),
            r.records(d, "cases", p, case),
            t(d, "summary"),
            t(d, "code"),
            p,
        )

    def related(d: dict[str, Any], p: tuple[str | int, ...]) -> m.Related | None:
        key = t(d, "key")
        if key is None:
            return None
        return m.Related(key, _choice(t(d, "relation"), m.RELATIONS), t(d, "note"), p)

    anchors = data.get("anchors")
    code = data.get("code")
    method = data.get("method")
    training = method.get("training") if isinstance(method, dict) else None
    status, goal = t(data, "status"), t(data, "goal")
    return m.Note(
        key=t(data, "key") or "",
        source=source,
        src_uri=src_uri,
        format="markdown" if fmt == "markdown" else "yaml",
        title=t(data, "title"),
        tags=ts(data, "tags"),
        summary=t(data, "summary"),
        status=status if status in m.STATUSES else None,
        goal=goal if goal in m.GOALS else None,
        context=r.records(data, "context", (), context),
        unknowns=r.records(data, "unknowns", (), unknown),
        anchors=m.Anchors(t(anchors, "motivation"), t(anchors, "conclusion"))
        if isinstance(anchors, dict)
        else None,
        figures=r.records(data, "figures", (), figure),
        code=m.Code(
            t(code, "repo"),
            t(code, "commit"),
            t(code, "run"),
            r.records(code, "map", ("code",), map_row),
        )
        if isinstance(code, dict)
        else None,
        method=m.Method(
            t(method, "data"),
            t(method, "architecture"),
            m.Training(
                t(training, "optimizer"),
                t(training, "schedule"),
                t(training, "losses"),
                t(training, "notes"),
            )
            if isinstance(training, dict)
            else m.Training(None, None, None, None, training)
            if isinstance(training, str) and training.strip()
            else None,
            t(method, "pipeline"),
            ts(method, "core"),
        )
        if isinstance(method, dict)
        else None,
        results=r.records(data, "results", (), result),
        formulas=r.records(data, "formulas", (), formula),
        third_pass=t(data, "third_pass"),
        related=r.records(data, "related", (), related),
        prerequisites=ts(data, "prerequisites"),
        body=body,
        body_line=body_line,
        locator=locator,
    )


@dataclass(frozen=True)
class NoteParts:
    """What a note is built from: the YAML data with its positions, and a Markdown body."""

    data: dict[str, Any]
    locator: Locator
    fmt: str
    body: str | None
    body_line: int | None

    def build(self, source: str, src_uri: str) -> m.Note:
        return _build(self.data, self.locator, source, src_uri, self.fmt, self.body, self.body_line)


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
