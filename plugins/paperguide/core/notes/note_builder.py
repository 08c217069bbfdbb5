"""A :class:`Note` built from validated data, forgivingly: a value of the wrong type is missing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..base.yaml_locator import Locator
from . import model as m

T = TypeVar("T")


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


def build_note(
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
            image=t(d, "image"),
            alt=t(d, "alt"),
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

    def check(d: dict[str, Any], p: tuple[str | int, ...]) -> m.Check | None:
        question, answer = t(d, "question"), t(d, "answer")
        if question is None or answer is None:
            return None
        return m.Check(question, answer, t(d, "about"), t(d, "id"), p)

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
        checks=r.records(data, "checks", (), check),
        body=body,
        body_line=body_line,
        locator=locator,
    )
