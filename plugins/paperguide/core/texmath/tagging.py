"""Tagging the explained symbols inside a formula, so the page can highlight them.

Every structural occurrence of a symbol (see :func:`.tex.find_occurrences`) is wrapped in
``{\\htmlClass{pg-sym pg-sym-<n>}{...}}``, ``<n>`` being the symbol's row in the breakdown.
KaTeX turns that into a ``span`` carrying the classes, which the breakdown's script and CSS use.
The outer braces keep the wrapped text a single group, so ``x_t`` tagged inside a subscript or a
``\\frac`` argument stays valid TeX.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .reader import TexSyntaxError, find_occurrences, parse

SYMBOL_CLASS = "pg-sym"


def symbol_class(index: int) -> str:
    """The class that marks symbol ``index`` (0-based row of the symbol table)."""
    return f"{SYMBOL_CLASS}-{index}"


@dataclass(frozen=True)
class TaggedFormula:
    tex: str
    counts: tuple[int, ...]  # how many occurrences of each symbol were tagged


def tag_symbols(formula: str, symbols: Sequence[str]) -> TaggedFormula:
    """``formula`` with every occurrence of each symbol wrapped for highlighting.

    Raises :class:`TexSyntaxError` when the formula cannot be read. A symbol that cannot be read,
    or whose occurrence only partly overlaps another symbol's, is left untagged there (its count
    says so); nested occurrences (``\\theta_t`` inside ``\\nabla L(\\theta_t)``) nest.
    """
    parse(formula)  # a formula that cannot be read raises here, not per symbol
    spans: list[tuple[int, int, int]] = []  # (start, end, symbol index)
    counts = [0] * len(symbols)
    for index, symbol in enumerate(symbols):
        try:
            found = find_occurrences(formula, symbol)
        except TexSyntaxError:
            continue  # the symbol itself is malformed; rules.py reports it
        for start, end in found:
            if any(_crosses((start, end), (a, b)) for a, b, _ in spans):
                continue
            spans.append((start, end, index))
            counts[index] += 1
    return TaggedFormula(_wrap(formula, spans), tuple(counts))


def _crosses(x: tuple[int, int], y: tuple[int, int]) -> bool:
    """True if the spans overlap without one containing the other."""
    (a, b), (c, d) = x, y
    return a < c < b < d or c < a < d < b


def _wrap(formula: str, spans: list[tuple[int, int, int]]) -> str:
    # Insertions at one position: closings before openings (adjacent spans); outer spans open
    # first and close last (nested spans). Sorting on these keys keeps the braces balanced.
    events: list[tuple[int, int, int, str]] = []
    for start, end, index in spans:
        length = end - start
        opening = f"{{\\htmlClass{{{SYMBOL_CLASS} {symbol_class(index)}}}{{"
        events.append((start, 1, -length, opening))
        events.append((end, 0, length, "}}"))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    out, last = [], 0
    for position, _, _, text in events:
        out.append(formula[last:position])
        out.append(text)
        last = position
    out.append(formula[last:])
    return "".join(out)
