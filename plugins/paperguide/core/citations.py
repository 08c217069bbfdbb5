"""The citation grammar: ``[@key]``, ``[see @a, p. 3; -@b]`` and narrative ``@key``.

One tokenizer, two users: the Python-Markdown inline processors (which call the ``parse_*``
functions at the position where a ``[`` or ``@`` occurs in text Markdown has not consumed yet)
and :func:`scan_markdown`, which finds citations in note prose at load time so that a wrong key
is reported with its file, line and column before anything renders.

The rules, written out for authors in ``guides/note-format.md``:

- ``@`` starts a citation only at a *citation start*: at the beginning of the text or after a
  character that cannot end a word, an address or a path. So ``a@b.com``, ``x.com/@user`` and
  ``name@host`` are never citations; ``(@key)``, ``*@key*`` and ``"@key"`` are.
- A key starts with a letter, digit or ``_`` and continues with those, plus ``. : / + -``
  *between* them: ``he.2016:resnet`` is one key, and in ``@key.`` or ``@key,`` the punctuation
  ends the sentence, not the key. ``@{any key}`` takes everything up to ``}``.
- ``[...]`` is a citation group when every ``;``-separated part has a citation start; text
  before the key is a prefix (``see``), text after it a locator (``p. 3``). ``-@key`` drops the
  author names (``(2015)``).
- A narrative ``@key`` may be followed by a locator in brackets: ``@key [p. 3]``.
- ``\\@`` is a literal ``@``; code spans, code blocks, math, link text, URLs and HTML tags are
  never scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: Characters allowed *inside* a key, between word characters.
KEY_INNER_PUNCTUATION = frozenset(".:/+-")
#: A character right before ``@`` that keeps it from starting a citation: word characters and
#: anything that appears inside e-mail addresses, URLs, paths and escapes. STX/ETX delimit
#: Python-Markdown's placeholders: an ``@`` glued to a code span, an escape, a link or inline
#: HTML is not a citation either (the scanner mirrors this, see ``_scan_span``).
NOT_BEFORE_CITATION = frozenset("@/.:-+=%~&?#\\`'$|^\x02\x03")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


@dataclass(frozen=True)
class CiteItem:
    """One cited key inside a group or a narrative citation."""

    key: str
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False


@dataclass(frozen=True)
class CiteGroup:
    """A parsed citation: ``items`` and the span ``[start, end)`` it covers in the text."""

    items: tuple[CiteItem, ...]
    narrative: bool
    start: int
    end: int


def is_citation_start(text: str, at: int) -> bool:
    """Whether the ``@`` at ``text[at]`` may begin a citation (see the module rules)."""
    if at > 0:
        before = text[at - 1]
        if _is_word(before) or before in NOT_BEFORE_CITATION:
            return False
    return parse_key(text, at + 1) is not None


def parse_key(text: str, pos: int) -> tuple[str, int] | None:
    """The key starting at ``text[pos]`` (just after ``@``) and where it ends, or ``None``."""
    if pos >= len(text):
        return None
    if text[pos] == "{":
        close = text.find("}", pos + 1)
        if close == -1:
            return None
        key = text[pos + 1 : close].strip()
        if not key or "\n" in key or "{" in key:
            return None
        return key, close + 1
    if not _is_word(text[pos]):
        return None
    end = pos + 1
    while end < len(text):
        char = text[end]
        if _is_word(char):
            end += 1
            continue
        if char in KEY_INNER_PUNCTUATION:
            run = end
            while run < len(text) and text[run] in KEY_INNER_PUNCTUATION:
                run += 1
            if run < len(text) and _is_word(text[run]):
                end = run
                continue
        break
    return text[pos:end], end


def _find_citation_start(part: str) -> int:
    for index, char in enumerate(part):
        if char != "@":
            continue
        if is_citation_start(part, index):
            return index
        # "-@key" in a group: the hyphen marks "suppress the author", so it may stand
        # before the "@" when it starts a word itself.
        if (
            index > 0
            and part[index - 1] == "-"
            and (index == 1 or part[index - 2].isspace())
            and parse_key(part, index + 1) is not None
        ):
            return index
    return -1


def _parse_item(part: str) -> CiteItem | None:
    at = _find_citation_start(part)
    if at == -1:
        return None
    parsed = parse_key(part, at + 1)
    if parsed is None:  # pragma: no cover - is_citation_start checked it
        return None
    key, end = parsed
    prefix = part[:at]
    suppress = prefix.endswith("-")
    if suppress:  # "-@key": the marker is not part of the prefix
        prefix = prefix[:-1]
    return CiteItem(key, " ".join(prefix.split()), " ".join(part[end:].split()), suppress)


def parse_group(text: str, start: int) -> CiteGroup | None:
    """A bracketed citation group starting at the ``[`` at ``text[start]``, or ``None``."""
    if start >= len(text) or text[start] != "[":
        return None
    close = start + 1
    while close < len(text) and text[close] not in "[]":
        close += 1
    if close >= len(text) or text[close] != "]":
        return None
    inner = text[start + 1 : close]
    if "@" not in inner or inner.startswith("^"):
        return None
    items = []
    for part in inner.split(";"):
        item = _parse_item(part)
        if item is None:
            return None
        items.append(item)
    return CiteGroup(tuple(items), False, start, close + 1)


def parse_narrative(text: str, at: int) -> CiteGroup | None:
    """A narrative citation at the ``@`` at ``text[at]`` (with an optional ``[locator]``)."""
    if at >= len(text) or text[at] != "@" or not is_citation_start(text, at):
        return None
    parsed = parse_key(text, at + 1)
    if parsed is None:  # pragma: no cover - is_citation_start checked it
        return None
    key, end = parsed
    suffix = ""
    look = end + 1 if text.startswith(" [", end) else end
    if look < len(text) and text[look] == "[":
        close = look + 1
        while close < len(text) and text[close] not in "[]@\n":
            close += 1
        after = text[close + 1 : close + 2] if close < len(text) else ""
        if close < len(text) and text[close] == "]" and after not in ("(", "["):
            locator = " ".join(text[look + 1 : close].split())
            if locator and not locator.startswith("^"):
                suffix = locator
                end = close + 1
    return CiteGroup((CiteItem(key, "", suffix),), True, at, end)


# -- scanning Markdown source (note prose) ---------------------------------------------------

_BLOCK_HTML = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dialog",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
        "script",
        "style",
    ]
)


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
        at = cursor + _find_citation_start(part)
        yield item, at
        # A narrative citation inside a locator ("[@a, compare @b]") renders too.
        key_end = parse_key(text, at + 1)
        tail_start = key_end[1] if key_end else at + 1
        nested: list[Occurrence] = []
        _scan_span(text[:part_end], tail_start, nested)
        for occurrence in nested:
            yield CiteItem(occurrence.key), occurrence.offset
        cursor = part_end + 1
