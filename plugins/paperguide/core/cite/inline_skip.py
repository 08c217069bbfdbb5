"""Inline constructs Python-Markdown never reads citations in (escapes, code, math, HTML, links)."""

from __future__ import annotations


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


def skip_inline(text: str, pos: int, references: frozenset[str] = frozenset()) -> int:
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
