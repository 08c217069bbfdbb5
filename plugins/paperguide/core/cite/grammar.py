"""The citation grammar: ``[@key]``, ``[see @a, p. 3; -@b]`` and narrative ``@key``.

One tokenizer, two users: the Python-Markdown inline processors (which call the ``parse_*``
functions at the position where a ``[`` or ``@`` occurs in text Markdown has not consumed yet)
and :mod:`.citation_scan`, which finds citations in Markdown source (note prose at load time,
so that a wrong key is reported with its file, line and column before anything renders).

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
- A bare narrative ``@word`` cites only when ``word`` is a key of the bibliography; any other
  ``@word`` (``@property``, ``@media``, a ``magiclink`` mention) is left exactly as written.
  Bracketed and braced citations always cite, so an unknown key there is reported.
- ``\\@`` is a literal ``@``; code spans, code blocks, math, link text, URLs and HTML tags are
  never scanned.
"""

from __future__ import annotations

from collections.abc import Container
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
    """One cited key inside a group or a narrative citation.

    ``bare``: a narrative ``@word`` without braces. It is a citation only when ``word`` is a
    key of the bibliography; otherwise the text stays as written (a decorator, a handle, a
    ``magiclink`` mention), see :func:`is_citation`.
    """

    key: str
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False
    bare: bool = False


def is_citation(item: CiteItem, keys: Container[str]) -> bool:
    """Whether ``item`` cites: bracketed and braced forms always do (an unknown key there is
    the author's mistake), a bare ``@word`` only when ``word`` is in ``keys``."""
    return not item.bare or item.key in keys


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


def find_citation_start(part: str) -> int:
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
    at = find_citation_start(part)
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
    bare = not text.startswith("{", at + 1)
    return CiteGroup((CiteItem(key, "", suffix, bare=bare),), True, at, end)
