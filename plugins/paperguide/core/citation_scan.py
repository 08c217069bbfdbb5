"""Finding citations in Markdown *source*, the way the inline processors would render them.

Used where no Markdown parser runs: note prose at load time (so a wrong key is reported as
``file:line:col`` before rendering) and, for ``bibliography: {cited_only: true}``, the pages'
sources. It skips what Python-Markdown keeps away from the citation processors (code, math,
link text and targets, autolinks, HTML, reference definitions) and reads the rest with the
same ``parse_*`` functions; a test checks that both find the same keys on tricky input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .citations import (
    CiteGroup,
    CiteItem,
    find_citation_start,
    parse_group,
    parse_key,
    parse_narrative,
)

#: Block-level tags that start a raw HTML block, which Markdown passes through unread.
# fmt: off
_BLOCK_HTML = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "main", "nav", "ol", "p", "pre", "section", "table", "ul", "script", "style",
})
# fmt: on


@dataclass(frozen=True)
class Occurrence:
    """A citation key found in Markdown source: ``offset`` is where its ``@`` is."""

    key: str
    offset: int


def _fence(line: str) -> str | None:
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3:
        return None
    for char in "`~":
        if stripped.startswith(char * 3):
            run = len(stripped) - len(stripped.lstrip(char))
            return char * run
    return None


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


def _prose_ranges(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` offsets of the text outside fenced/indented code and raw HTML blocks."""
    offset = 0
    fence: str | None = None
    in_code = in_html = in_list = False
    previous_blank = True
    start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        blank = not body.strip()
        indent = len(body) - len(body.lstrip(" "))
        skip = False
        if fence is not None:
            skip = True
            closing = body.strip()
            if closing.startswith(fence) and not closing.strip(fence[0]):
                fence = None
        elif (marker := _fence(body)) is not None:
            fence, skip = marker, True
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
        if skip:
            if start < offset:
                yield start, offset
            start = offset + len(line)
        offset += len(line)
        previous_blank = blank
    if start < offset:
        yield start, offset


def _closing_backticks(text: str, pos: int, run: int) -> int:
    """End of the code span opened by ``run`` backticks at ``pos``, or -1."""
    search = pos + run
    while True:
        found = text.find("`" * run, search)
        if found == -1:
            return -1
        after = found + run
        if (found == 0 or text[found - 1] != "`") and (after >= len(text) or text[after] != "`"):
            return after
        search = after
        while search < len(text) and text[search] == "`":
            search += 1


def _matching(text: str, pos: int, opening: str, closing: str) -> int:
    """Index just past the ``closing`` that balances the ``opening`` at ``pos``, or -1."""
    depth = 0
    index = pos
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return -1


def _skip_inline(text: str, pos: int) -> int:
    """If an inline construct that is never scanned starts at ``pos``, the index after it."""
    char = text[pos]
    if char == "\\":
        nxt = text[pos + 1 : pos + 2]
        if nxt in ("(", "["):
            close = text.find("\\)" if nxt == "(" else "\\]", pos + 2)
            if close != -1:
                return close + 2
        return pos + 2
    if char == "`":
        run = len(text[pos:]) - len(text[pos:].lstrip("`"))
        end = _closing_backticks(text, pos, run)
        return end if end != -1 else pos + run
    if char == "$":
        double = text.startswith("$$", pos)
        marker = "$$" if double else "$"
        close = text.find(marker, pos + len(marker))
        if close != -1 and (double or "\n\n" not in text[pos:close]):
            return close + len(marker)
        return pos + len(marker)
    if char == "<":
        close = text.find(">", pos + 1)
        inner = text[pos + 1 : close] if close != -1 else ""
        tag_like = inner[:1].isalpha() or inner[:1] in ("/", "!")
        if close != -1 and "\n\n" not in inner and tag_like:
            return close + 1
        return pos + 1
    if char in "![":
        bracket = pos + 1 if char == "!" else pos
        if char == "!" and text[bracket : bracket + 1] != "[":
            return pos + 1
        end = _matching(text, bracket, "[", "]")
        if end == -1:
            return -1
        if text[end : end + 1] == "(":
            close = _matching(text, end, "(", ")")
            return close if close != -1 else -1
        following = end + 1 if text[end : end + 1] == " " else end
        if text[following : following + 1] == "[":
            close = _matching(text, following, "[", "]")
            # "[@a] [@b]" are two groups, not a reference link: only a non-citation
            # label makes a reference link.
            if close != -1 and "@" not in text[following:close]:
                return close
        return -1
    return -1


def _reference_ids(text: str) -> frozenset[str]:
    """Lower-cased ids of ``[id]: url`` definitions (a ``[@key]`` with such an id is a link)."""
    ids = set()
    for line in text.splitlines():
        if _is_reference_definition(line):
            stripped = line.lstrip(" ")
            ids.add(stripped[1 : stripped.index("]:")].lower())
    return frozenset(ids)


def scan_markdown(text: str) -> list[Occurrence]:
    """Every citation key in ``text`` (Markdown source), in order, with the offset of its ``@``.

    This mirrors what the inline processors render: code, math, link text and destinations,
    autolinks and HTML tags are skipped; groups and narrative citations are read with the same
    ``parse_*`` functions.
    """
    found: list[Occurrence] = []
    references = _reference_ids(text) if "]:" in text else frozenset()
    for start, stop in _prose_ranges(text):
        _scan_span(text[:stop], start, found, references)
    return found


#: Characters where something the scanner cares about may start; the rest is skipped in C.
_INTERESTING = re.compile(r"[\\`$<!\[@]")


def _scan_span(
    text: str, pos: int, found: list[Occurrence], references: frozenset[str] = frozenset()
) -> None:
    skipped_to = -1  # end of the last construct Markdown replaces with a placeholder
    while pos < len(text):
        match = _INTERESTING.search(text, pos)
        if match is None:
            return
        pos = match.start()
        char = text[pos]
        if char in "\\`$<!":
            end = _skip_inline(text, pos)
            if end > pos:
                pos = skipped_to = end
            else:
                pos += 1
            continue
        if char == "[":
            end = _skip_inline(text, pos)
            if end > pos:
                pos = skipped_to = end
                continue
            group = parse_group(text, pos) if text[pos - 1 : pos] != "!" else None
            if group is not None and text[pos + 1 : group.end - 1].lower() in references:
                group = None
                close = text.find("]", pos)
                pos = skipped_to = close + 1
                continue
            if group is not None:
                for item, at in _item_offsets(text, group):
                    found.append(Occurrence(item.key, at))
                pos = group.end
                continue
            pos += 1
            continue
        if char == "@" and pos != skipped_to:
            group = parse_narrative(text, pos)
            if group is not None:
                found.append(Occurrence(group.items[0].key, pos))
                pos = group.end
                continue
        pos += 1


def _item_offsets(text: str, group: CiteGroup) -> Iterator[tuple[CiteItem, int]]:
    """Each item of a group with the offset of its ``@``; prefixes and locators are scanned."""
    cursor = group.start + 1
    inner_end = group.end - 1
    for item in group.items:
        part_end = text.find(";", cursor, inner_end)
        part_end = inner_end if part_end == -1 else part_end
        part = text[cursor:part_end]
        at = cursor + find_citation_start(part)
        yield item, at
        # A narrative citation inside a locator ("[@a, compare @b]") renders too.
        key_end = parse_key(text, at + 1)
        tail_start = key_end[1] if key_end else at + 1
        nested: list[Occurrence] = []
        _scan_span(text[:part_end], tail_start, nested)
        for occurrence in nested:
            yield CiteItem(occurrence.key), occurrence.offset
        cursor = part_end + 1
