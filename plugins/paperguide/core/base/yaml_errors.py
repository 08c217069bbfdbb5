"""PyYAML's syntax errors, said in plain words with the line to fix and the likely fix.

PyYAML describes what its parser expected ("expected <block end>, but found '?'", "mapping values
are not allowed here"); an author needs to know what is wrong with *their* line. The common
mistakes in notes are recognised from the error and the lines around it: a list item without
its ``-``, a line indented more or less than its neighbours, a ``: `` inside a value, an
unclosed bracket or quote. Anything else keeps PyYAML's words and a general hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_FIELD = re.compile(r"^(\s*)(?:- +)?([^\s:#'\"\[{][^:#]*?):(?:\s|$)")


@dataclass(frozen=True)
class Explained:
    line: int  # 0-based, in the parsed text
    column: int  # 0-based
    message: str
    hint: str


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _line(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _previous_content(lines: list[str], index: int) -> int:
    """The nearest line above ``index`` that holds something (not blank, not a comment)."""
    for i in range(index - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return -1


def explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> Explained | None:
    """Plain words for the common mistakes; ``None`` when none fits."""
    mark, context = exc.problem_mark, exc.context_mark
    if mark is None:
        return None
    problem, where = exc.problem or "", exc.context or ""
    if "mapping values are not allowed" in problem:
        return _colon(lines, mark.line, mark.column)
    if "while parsing a block collection" in where and context is not None:
        return _list_item(lines, mark.line, context.column)
    if "while scanning a simple key" in where and context is not None:
        text = _line(lines, context.line)
        return Explained(
            context.line,
            _indent(text),
            f"'{text.strip()}' is neither a field ('name: value') nor a list item ('- value')",
            "start it with '- ' if it is one more item of the list above, write 'name: ' "
            "before it if it is a field, or join it to the line above if it continues that value",
        )
    if "while parsing a block mapping" in where and context is not None:
        text = _line(lines, mark.line)
        return Explained(
            mark.line,
            _indent(text),
            f"this line is indented {_indent(text)} spaces, which matches none of the fields "
            "above it",
            f"indent it like the fields of the same level (line {context.line + 1} starts "
            f"that level at {context.column} spaces)",
        )
    if "while parsing a flow" in where and context is not None:
        opening = _line(lines, context.line)[context.column : context.column + 1] or "["
        closing = {"[": "]", "{": "}"}.get(opening, "]")
        return Explained(
            context.line,
            context.column,
            f"the '{opening}' here is never closed with '{closing}'",
            f"add the '{closing}', or put the value in quotes if the '{opening}' is text",
        )
    if "while scanning a quoted scalar" in where and context is not None:
        return Explained(
            context.line,
            context.column,
            "the quote that starts here is never closed",
            "end the value with the same quote character, or use a block scalar (|) for "
            "text that contains quotes",
        )
    return None


def _colon(lines: list[str], index: int, column: int) -> Explained:
    text = _line(lines, index)
    field = _FIELD.match(text)
    if field and field.end(2) == column:
        # The line starts a field of its own, but YAML read it as the continuation of the value
        # above: it is indented more than its siblings.
        above = _line(lines, _previous_content(lines, index))
        above_field = _FIELD.match(above)
        spaces = above_field.start(2) if above_field else _indent(above)
        return Explained(
            index,
            _indent(text),
            f"'{field.group(2).strip()}:' is indented more than the field above it, so YAML "
            "reads it as more text of that field's value, not as a field",
            f"indent it with {spaces} spaces like the field above, or put that value in quotes "
            "if it really contains ': '",
        )
    name = field.group(2).strip() if field else "the value"
    return Explained(
        index,
        column,
        f"the value of '{name}' contains ': ', which YAML reads as the start of another field",
        f"put the whole value in quotes ({name}: \"...: ...\"), or write '{name}: |' and "
        "the text indented on the next line",
    )


def _list_item(lines: list[str], index: int, item_column: int) -> Explained:
    text = _line(lines, index)
    indent = _indent(text)
    if indent == item_column and not text.lstrip().startswith("-"):
        return Explained(
            index,
            indent,
            "this line is at the indentation of the list's items but does not start with '- '",
            "write '- ' before it to start a new item, or indent it to line up with the fields "
            "of the item above",
        )
    return Explained(
        index,
        indent,
        f"this line is indented {indent} spaces, which does not line up with the fields of "
        "the list item above",
        f"the item's fields start {item_column + 2} spaces in; indent it the same",
    )


_SYNTAX_HINTS = (
    ("found character '\\t'", "YAML indents with spaces only; replace the tab"),
    ("mapping values are not allowed", "a ': ' inside a value starts a new key; quote the value"),
    ("could not find expected ':'", "check the indentation of this line and the one above"),
    ("did not find expected key", "check the indentation; list items start with '- '"),
    ("found undefined alias", "define the &anchor before using the *alias"),
    (
        "found unknown escape character",
        "inside double quotes a backslash starts an escape; "
        "use single quotes for TeX, or a block scalar (|)",
    ),
    ("while scanning an alias", "'*' starts a YAML alias; quote values that begin with '*'"),
    ("while scanning a directive", "'%' cannot start a value; quote it"),
    ("found character '@' that cannot start", "quote values that begin with '@' (citations)"),
    ("found character '`' that cannot start", "quote values that begin with a backtick"),
)


def syntax_hint(problem: str, source_line: str) -> str:
    """The hint for a syntax error: a tab in the indentation, else one chosen by PyYAML's words
    (:func:`explain`, when it recognises the mistake, gives a better one)."""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        return "YAML indents with spaces only; replace the tab at the start of this line"
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return hint
    return "check the YAML syntax around this position"
