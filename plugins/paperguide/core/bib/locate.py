"""Where bibtexparser's blocks and fields sit in the .bib text, as 1-based lines and columns.

bibtexparser 2.1.0 counts lines with a look-behind that takes a newline right after a backslash
for an escaped character, so each value line ending in ``\\`` (a LaTeX line break, common in
``tableofcontents``) moves every later ``start_line`` one line early. Its blocks keep their raw
text, though, and fields their exact key and value, so positions are found again here from
character offsets instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

_BLOCK_OPENER = re.compile(r"@\w*[ \t]*")


class TextPositions:
    """Turns character offsets of one text into (line, column), both 1-based."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._cursor = 0

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column (in characters) of ``offset``."""
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def next_block(self, raw: str | None, *, complete: bool) -> int:
        """Offset of the next block, whose raw text is ``raw``; blocks must come in file order.

        ``complete`` blocks were parsed to their end, so the next one starts after them; after a
        failed block the parser resumes inside its text, so only its first character is passed.
        """
        offset = self.text.find(raw, self._cursor) if raw else -1
        if offset < 0:  # not expected; the next `@` is the best guess
            offset = self.text.find("@", self._cursor)
            offset = offset if offset >= 0 else self._cursor
            raw = ""
        self._cursor = offset + (len(raw or "") if complete else 1)
        return offset


def field_offsets(raw: str, key: str, fields: Sequence[tuple[str, str]]) -> list[int]:
    """Offsets in an entry's ``raw`` text of each field's name, fields given as (name, value).

    bibtexparser strips names and values of surrounding space but leaves them otherwise as
    written, so each is the first match after the end of the one before.
    """
    opener = _BLOCK_OPENER.match(raw)
    position = opener.end() + 1 if opener else 0
    if key:
        found = raw.find(key, position)
        position = found + len(key) if found >= 0 else position
    comma = raw.find(",", position)
    position = comma + 1 if comma >= 0 else position
    offsets = []
    for name, value in fields:
        start = raw.find(name, position) if name else -1
        start = start if start >= 0 else position
        offsets.append(start)
        equals = raw.find("=", start + len(name))
        position = equals + 1 if equals >= 0 else start + len(name)
        if value:
            found = raw.find(value, position)
            position = found + len(value) if found >= 0 else position
    return offsets
