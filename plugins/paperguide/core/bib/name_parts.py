"""Split a raw (still LaTeX) name list into people, and each person into first/von/last/jr words.

The rules are biber's (biblatex's backend), checked against ``biber --tool`` 2.18:

* people are separated by the word ``and`` (any case) with whitespace on both sides, at brace
  depth 0 — ``{Barnes and Noble}``, ``and{}`` and ``John~and~Doe`` do not separate;
* a name splits into words at depth-0 whitespace only. A tie ``~`` joins words into one
  (``Jean~de~La~Fontaine`` is a single family word to biber), unlike classic BibTeX;
* commas at depth 0 give the forms ``First von Last``, ``von Last, First``, ``von Last, Jr, First``;
* a von word is one whose first *printed* letter is lowercase: ``de``, ``\\'etienne``,
  ``{\\'e}tienne``, ``\\v{c}ech``. A word starting with any other brace group (``{de la}``,
  ``{\\relax de}``, ``{\\oe}uvre``), a digit, a hyphen or a non-accent macro is not von;
* the von part is the first unbroken run of von words, never the last word of the name;
* biblatex's extended form ``family=Brown, given=Dan, prefix=de, useprefix=true`` names its
  parts; keys other than family/given/prefix/suffix are ignored.

Words keep their LaTeX here; decoding happens per part afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_AND = re.compile(r"(?<!\s)\s+and\s+", re.IGNORECASE)  # starts a run: linear time
_SPECIAL = frozenset("{}\\")
#: Accents written as a control symbol (``\'e``) or a one-letter control word (``\v{c}``).
_ACCENT_SYMBOLS = frozenset("'\"`^~=.")
_ACCENT_WORDS = frozenset("vuHcdbrkt")
#: Letter macros that biber decodes to a letter when they are not wrapped in braces.
_LETTER_MACROS = {
    **dict.fromkeys(("oe", "ae", "aa", "o", "l", "ss", "i", "j"), True),
    **dict.fromkeys(("OE", "AE", "AA", "O", "L"), False),
}
_MACRO_NAME = re.compile(r"[A-Za-z]+")
_EXTENDED_KEY = re.compile(r"\s*([A-Za-z][\w-]*)\s*=(.*)", re.DOTALL)
_EXTENDED_PARTS = {"given": "first", "prefix": "von", "family": "last", "suffix": "jr"}


@dataclass(frozen=True)
class RawName:
    """One person's name parts, each still LaTeX (words joined by single spaces)."""

    first: str
    von: str
    last: str
    jr: str


def _depth0_split(text: str, is_separator: re.Pattern[str]) -> list[str]:
    """Split ``text`` at matches of ``is_separator`` that lie outside every brace group."""
    if not _SPECIAL.intersection(text):
        return is_separator.split(text)
    pieces, start, depth_at = [], 0, None
    for match in is_separator.finditer(text):
        depth_at = depth_at or _depths(text)
        if depth_at[match.start()] == 0:
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    return pieces


def _depths(text: str) -> list[int]:
    """The brace depth at each character of ``text`` (a brace itself counts as outside)."""
    depths, depth = [], 0
    for char in text:
        if char == "}":
            depth = max(depth - 1, 0)
        depths.append(depth)
        if char == "{":
            depth += 1
    return depths


def split_names(value: str) -> list[str]:
    """The people of a raw ``author``/``editor`` value, each stripped, empty ones dropped."""
    return [name.strip() for name in _depth0_split(value.strip(), _AND) if name.strip()]


_WHITESPACE = re.compile(r"\s+")
_COMMA = re.compile(r",")


def _words(segment: str) -> list[str]:
    return [word for word in _depth0_split(segment.strip(), _WHITESPACE) if word]


def _is_accent(body: str) -> bool:
    """``body`` (what follows a backslash) starts with an accent: ``'e``, ``"{o}``, ``v{c}``."""
    return body[:1] in _ACCENT_SYMBOLS or (body[:1] in _ACCENT_WORDS and not body[1:2].isalpha())


def _accent_letter_is_lower(body: str) -> bool:
    """Whether the letter under the accent that starts ``body`` is lowercase (``"\\i`` is)."""
    rest = body[1:].lstrip(" {")
    if rest[:1] == "\\":
        return rest[1:2] in ("i", "j") and not rest[2:3].isalpha()
    return rest[:1].islower()


def is_von(word: str) -> bool:
    """Whether biber puts ``word`` in the von part: its first printed letter is lowercase.

    biber decodes LaTeX before it splits names, and keeps the braces of a group unless the group
    holds an accented letter; so ``{\\'e}tienne`` is von but ``{\\oe}uvre`` and ``{de la}`` are not.
    """
    first = word[0]
    if first.isalpha():
        return first.islower()
    if first == "{":
        body = word[2:] if word[1:2] == "\\" else ""
        return _is_accent(body) and _accent_letter_is_lower(body)
    if first == "\\" and len(word) > 1:
        body = word[1:]
        if _is_accent(body):
            return _accent_letter_is_lower(body)
        name = _MACRO_NAME.match(body)
        return name is not None and _LETTER_MACROS.get(name.group(), False)
    return False


def _von_run(words: list[str], start: int) -> int:
    """The end of the run of von words starting at ``start``, never taking the last word."""
    end = start
    while end < len(words) - 1 and is_von(words[end]):
        end += 1
    return end


def _extended(segments: list[str]) -> RawName | None:
    """biblatex's ``family=…, given=…`` form, or ``None`` when ``segments`` are not in it."""
    parts = {"first": "", "von": "", "last": "", "jr": ""}
    for segment in segments:
        match = _EXTENDED_KEY.fullmatch(segment)
        if match is None:
            return None
        key = _EXTENDED_PARTS.get(match.group(1).lower())
        if key is not None:
            parts[key] = match.group(2).strip()
    if not parts["last"]:  # "given=Dan" alone: show what there is
        parts["last"], parts["first"] = parts["first"], ""
    return RawName(**parts)


def parse_name(raw: str) -> RawName:
    """First, von, last and jr of one person's raw name (see the module docstring)."""
    plain = not _SPECIAL.intersection(raw)
    segments = _depth0_split(raw, _COMMA)
    if "=" in raw and (named := _extended(segments)) is not None:
        return named
    words = str.split if plain else _words
    head = words(segments[0])
    if len(segments) == 1:
        start = len(head) - 1
        for index in range(start):
            if is_von(head[index]):
                start = index
                break
        if start < 0:
            return RawName("", "", "", "")
        end = _von_run(head, start)
        return RawName(" ".join(head[:start]), " ".join(head[start:end]), " ".join(head[end:]), "")
    end = _von_run(head, 0) if head and is_von(head[0]) else 0
    von, last = " ".join(head[:end]), " ".join(head[end:])
    if len(segments) == 2:
        first, jr = segments[1], ""
    else:
        jr, first = segments[1], ", ".join(segments[2:])
    first, jr = " ".join(words(first)), " ".join(words(jr))
    if not last:  # ", John": keep the name rather than lose it
        return RawName("", "", first or jr, "")
    return RawName(first, von, last, jr)
