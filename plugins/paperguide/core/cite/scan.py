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

from .grammar import (
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
    """A citation key found in Markdown source: ``offset`` is where its ``@`` is.

    ``explicit``: written as paperguide syntax (in brackets, or braced ``@{key}``), so it is a
    citation whatever the key; a bare ``@word`` is one only when ``word`` is a known key.
    """

    key: str
    offset: int
    explicit: bool = True


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


def _closes(lines: list[str], after: int, fence: str) -> bool:
    """Whether a closing ``fence`` follows: SuperFences leaves an unclosed fence as text."""
    for line in lines[after:]:
        closing = line.strip()
        if closing.startswith(fence) and not closing.strip(fence[0]):
            return True
    return False


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
    """``(start, end)`` offsets of each run of prose (paragraph by paragraph) outside fenced
    and indented code and raw HTML blocks."""
    offset = 0
    fence: str | None = None
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
            closing = body.strip()
            if closing.startswith(fence) and not closing.strip(fence[0]):
                fence = None
        elif (marker := _fence(body)) is not None and _closes(lines, number + 1, marker):
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


def _code_span_end(text: str, pos: int) -> int:
    """End of the code span whose backticks start at ``pos``, or -1 if they open none.

    Mirrors Python-Markdown 3.x (``BacktickInlineProcessor.find_code_spans``), which is not
    CommonMark: without a closing run as long as the opening one, the longest shorter run
    closes the span instead.
    """
    last = len(text)
    start = pos
    while start < last and text[start] == "`":
        start += 1
    ticks = start - pos
    longest, longest_end = 0, 0
    index = start
    while index < last:
        run = 0
        while index < last and text[index] == "`":
            run += 1
            index += 1
        if not run:
            index += 1
            continue
        if run == ticks:
            return index
        if run > longest:
            longest, longest_end = run, index
    if 0 < longest < ticks:
        return longest_end
    return -1


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


#: Characters a backslash escapes: Python-Markdown's defaults, "|" (tables, which paperguide
#: always enables) and "@" (the citations extension makes "\@" a literal at sign).
BACKSLASH_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!|@")


def _skip_inline(text: str, pos: int, references: frozenset[str] = frozenset()) -> int:
    """If an inline construct that is never scanned starts at ``pos``, the index after it."""
    char = text[pos]
    if char == "\\":
        nxt = text[pos + 1 : pos + 2]
        if nxt in ("(", "["):
            close = text.find("\\)" if nxt == "(" else "\\]", pos + 2)
            if close != -1:
                return close + 2
        # Only an escapable character becomes a placeholder; "\," stays text in Markdown.
        return pos + 2 if nxt in BACKSLASH_ESCAPABLE else -1
    if char == "`":
        run = len(text[pos:]) - len(text[pos:].lstrip("`"))
        end = _code_span_end(text, pos)
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
            # A reference link only when its id is defined ("[text][id]" or "[text][]");
            # otherwise Markdown leaves the brackets as text, and "[@a][^1]" cites @a.
            label = text[following + 1 : close - 1] if close != -1 else ""
            ident = " ".join((label or text[bracket + 1 : end - 1]).split()).lower()
            if close != -1 and ident in references:
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
        # Each range is scanned on its own: its first character starts a block, whatever
        # precedes it in the file (a heading's "#", say).
        local: list[Occurrence] = []
        _scan_span(text[start:stop], 0, local, references)
        found.extend(Occurrence(o.key, o.offset + start, o.explicit) for o in local)
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
            end = _skip_inline(text, pos, references)
            if end > pos:
                pos = skipped_to = end
            else:
                pos += 1
            continue
        if char == "[":
            end = _skip_inline(text, pos, references)
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
                    found.append(Occurrence(item.key, at, not item.bare))
                # The extension replaces a citation with a placeholder too, so an "@" right
                # after it ("[@a]@b") is not a word start there either.
                pos = skipped_to = group.end
                continue
            pos += 1
            continue
        if char == "@" and pos != skipped_to:
            group = parse_narrative(text, pos)
            if group is not None:
                braced = text.startswith("{", pos + 1)
                found.append(Occurrence(group.items[0].key, pos, braced))
                pos = skipped_to = group.end
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
            yield CiteItem(occurrence.key, bare=not occurrence.explicit), occurrence.offset
        cursor = part_end + 1
