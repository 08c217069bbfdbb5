"""Where Markdown source is prose: the block-level runs Python-Markdown reads inline syntax in."""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Block-level tags that start a raw HTML block, which Markdown passes through unread.
# fmt: off
_BLOCK_HTML = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "main", "nav", "ol", "p", "pre", "section", "table", "ul", "script", "style",
})
# fmt: on


def _fence(line: str) -> str | None:
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3:
        return None
    for char in "`~":
        if stripped.startswith(char * 3):
            run = len(stripped) - len(stripped.lstrip(char))
            return char * run
    return None


#: Python-Markdown's ATX heading: hashes at the very start of a line, the text, closing hashes.
_ATX_HEADING = re.compile(r"^(#{1,6})[ \t]*((?:\\.|[^\\])*?)[ \t]*#*[ \t]*$")


def _closing(line: str, fence: str, indent: int) -> bool:
    """Whether ``line`` closes ``fence``: SuperFences wants the opening line's indentation, the
    same character at least as many times, and nothing after it."""
    body = line.rstrip()
    return (
        body[:indent] == " " * indent
        and body[indent:].startswith(fence)
        and not body[indent:].strip(fence[0])
    )


def _closes(lines: list[str], after: int, fence: str, indent: int) -> bool:
    """Whether a closing ``fence`` follows: SuperFences leaves an unclosed fence as text."""
    return any(_closing(line, fence, indent) for line in lines[after:])


def _is_list_item(line: str) -> bool:
    stripped = line.lstrip(" ")
    if stripped[:2] in ("- ", "* ", "+ "):
        return True
    digits = len(stripped) - len(stripped.lstrip("0123456789"))
    return 0 < digits < 10 and stripped[digits : digits + 2] in (". ", ") ")


def _is_reference_definition(line: str) -> bool:
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith("["):
        return False
    close = stripped.find("]:")
    return close > 1 and "]" not in stripped[1:close]


def prose_ranges(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` offsets of each run of prose (paragraph by paragraph) outside fenced
    and indented code and raw HTML blocks."""
    offset = 0
    fence: str | None = None
    fence_indent = 0
    in_code = in_html = in_list = False
    previous_blank = True
    start = 0
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        body = line.rstrip("\r\n")
        blank = not body.strip()
        indent = len(body) - len(body.lstrip(" "))
        skip = False
        if fence is not None:
            skip = True
            if _closing(body, fence, fence_indent):
                fence = None
        elif (
            (marker := _fence(body)) is not None
            # Python-Markdown reads an indented fence only where a list item's text continues.
            and (indent == 0 or in_list)
            and _closes(lines, number + 1, marker, indent)
        ):
            fence, fence_indent, skip = marker, indent, True
        elif in_html:
            skip = True
            if blank:
                in_html = False
        elif in_code and (blank or indent >= 4):
            skip = True
        elif _is_reference_definition(body):
            skip = True  # "[id]: url" lines are removed by Markdown before inline parsing
        else:
            in_code = False
            if indent >= 4 and previous_blank and not in_list:
                in_code = skip = True
            elif indent < 4 and body.lstrip().startswith("<"):
                name = body.lstrip()[1:].split(">")[0].split()[0:1]
                if name and name[0].lower().strip("/") in _BLOCK_HTML:
                    in_html = skip = True
            if not blank and indent < 4:
                in_list = _is_list_item(body) or (in_list and not previous_blank)
        heading = _ATX_HEADING.match(body) if not skip else None
        # Markdown parses inline syntax one block at a time, so a blank line ends a range too:
        # a code span or link never reaches into the next paragraph. A "#" line is a heading
        # block of its own, whose text starts after the hashes (Python-Markdown needs no space).
        if skip or blank or heading:
            if start < offset:
                yield start, offset
            if heading and heading.end(2) > heading.start(2):
                yield offset + heading.start(2), offset + heading.end(2)
            start = offset + len(line)
        offset += len(line)
        previous_blank = blank
    if start < offset:
        yield start, offset


def reference_ids(text: str) -> frozenset[str]:
    """Lower-cased ids of ``[id]: url`` definitions (a ``[@key]`` with such an id is a link)."""
    ids = set()
    for line in text.splitlines():
        if _is_reference_definition(line):
            stripped = line.lstrip(" ")
            ids.add(stripped[1 : stripped.index("]:")].lower())
    return frozenset(ids)
