"""Label text in graph drawings: how wide it will render, and how it wraps into a node's box.

There are no font metrics at build time, so widths come from a table: the advance widths of
DejaVu Sans (Bitstream Vera's metrics), the widest of the sans-serif faces Material's system
font stack falls back to (-apple-system, Helvetica, Arial and Roboto are all narrower). A label
measured with it never renders wider than its box, whatever the reader's font, so a box sized
from the estimate is sure to hold its text; ``SAFETY`` covers hinting and rounding.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

Point = tuple[float, float]

#: Advance widths in thousandths of an em for printable ASCII, from space (32) to tilde (126).
_ASCII_WIDTHS = (
    "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 "  # space to /
    "636 636 636 636 636 636 636 636 636 636 337 337 838 838 838 531 "  # 0 to ?
    "1000 684 686 698 770 632 575 775 752 295 295 656 557 863 748 787 "  # @ to O
    "603 787 695 635 611 732 684 989 685 611 685 390 337 390 838 500 "  # P to _
    "500 613 635 550 635 615 352 635 634 278 278 579 278 974 634 612 "  # ` to o
    "635 635 411 521 392 634 592 818 592 592 525 636 337 636 838"  # p to ~
)
_WIDTH = {chr(32 + i): int(w) / 1000 for i, w in enumerate(_ASCII_WIDTHS.split())}
#: Unknown letters count as wide ones; East Asian wide characters are a full em.
_OTHER = 0.8
SAFETY = 1.04
ELLIPSIS = "…"


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def _char_em(char: str) -> float:
    if char in _WIDTH:
        return _WIDTH[char]
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if unicodedata.combining(char):
        return 0.0
    # An accented letter is as wide as its base letter (é as e).
    base = unicodedata.normalize("NFKD", char)[:1]
    return _WIDTH.get(base, _OTHER)


def text_width(text: str, font_size: float) -> float:
    """How wide ``text`` renders at ``font_size`` px, at most (see the module docstring)."""
    return sum(_char_em(c) for c in text) * font_size * SAFETY


def _fitting(text: str, width: float, font_size: float) -> int:
    """How many leading characters of ``text`` fit in ``width`` (at least one)."""
    count = 0
    total = 0.0
    for char in text:
        total += _char_em(char) * font_size * SAFETY
        if total > width:
            break
        count += 1
    return max(1, count)


def _clip(text: str, width: float, font_size: float) -> str:
    """``text`` cut to ``width`` with an ellipsis (at least its first character)."""
    if text_width(text, font_size) <= width:
        return text
    kept = text[: _fitting(text, width - text_width(ELLIPSIS, font_size), font_size)]
    return kept.rstrip() + ELLIPSIS


def wrap(text: str, width: float, font_size: float, max_lines: int = 2) -> tuple[str, ...]:
    """``text`` in at most ``max_lines`` lines no wider than ``width``, broken between words
    (or inside a word longer than a line); what does not fit ends in an ellipsis."""
    words = text.split()
    lines: list[str] = []
    current = ""
    index = 0
    while index < len(words):
        word = words[index]
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, font_size) <= width:
            current = candidate
            index += 1
            continue
        if len(lines) == max_lines - 1:  # the last line takes the rest, clipped
            return (*lines, _clip(" ".join([current, *words[index:]]).strip(), width, font_size))
        if current:  # the line is full: the word starts the next one
            lines.append(current)
            current = ""
            continue
        # A word longer than a line on its own: break it where it stops fitting.
        cut = _fitting(word, width, font_size)
        lines.append(word[:cut])
        words[index] = word[cut:]
    lines.append(current)
    return tuple(lines)
