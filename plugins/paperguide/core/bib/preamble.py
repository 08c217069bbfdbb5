"""``@preamble`` macros of the ``\\noopsort`` kind: one argument, dropped or kept as it is.

Real bibliographies define ``\\noopsort`` (or ``\\sortkey``, ``\\SortNoop``) in a preamble to
steer BibTeX's sorting: ``year = {{\\noopsort{1973c}}1981}`` sorts as 1973 and prints 1981.
biber reads such definitions the same way. Only these simple shapes are understood:
``\\newcommand{\\name}[1]{}`` (also ``\\providecommand``, ``\\renewcommand``, ``\\def\\name#1{}``)
drops its argument, and a body of just ``#1`` keeps it; anything else is left to the LaTeX
decoder like any other macro.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_NEWCOMMAND = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand)\*?\s*\{?\\(?P<name>[A-Za-z]+)\}?\s*\[1\]\s*\{(?P<body>[^{}]*)\}"
)
_DEF = re.compile(r"\\def\s*\\(?P<name>[A-Za-z]+)\s*#1\s*\{(?P<body>[^{}]*)\}")


def one_argument_macros(preambles: Iterable[str]) -> dict[str, bool]:
    """Macro name -> whether it keeps its argument (``True``) or drops it (``False``)."""
    found: dict[str, bool] = {}
    for text in preambles:
        for pattern in (_NEWCOMMAND, _DEF):
            for match in pattern.finditer(text):
                body = match.group("body").strip()
                if body in ("", "#1"):
                    found[match.group("name")] = body == "#1"
    return found


def _argument_end(value: str, start: int) -> int | None:
    """The index after the braced group that opens at ``start``, or ``None``."""
    depth = 0
    for index in range(start, len(value)):
        char = value[index]
        if char == "\\":
            continue
        if char == "{" and (index == start or value[index - 1] != "\\"):
            depth += 1
        elif char == "}" and value[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def apply_macros(value: str, macros: Mapping[str, bool]) -> str:
    """``value`` with each use of ``macros`` replaced by its argument or by nothing."""
    if "\\" not in value or not macros:
        return value
    out: list[str] = []
    index = 0
    for match in re.finditer(r"\\([A-Za-z]+)\s*", value):
        name = match.group(1)
        if name not in macros or match.start() < index:
            continue
        if match.end() >= len(value) or value[match.end()] != "{":
            continue
        end = _argument_end(value, match.end())
        if end is None:
            continue
        out.append(value[index : match.start()])
        if macros[name]:
            out.append(value[match.end() + 1 : end - 1])
        index = end
    out.append(value[index:])
    return "".join(out)
