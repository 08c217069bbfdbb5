"""Author lists: split on ``and`` at brace depth 0, then decode each name part on its own.

Decoding before splitting would strip the braces that keep a corporate author such as
``{The Transformer Team}`` whole; decoding after bibtexparser's name middleware never reaches the
parts. So: split the raw value, split each name into parts, decode each part.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from .latex import decode_latex


@dataclass(frozen=True)
class Person:
    first: str
    von: str
    last: str
    jr: str

    @property
    def family(self) -> str:
        """The name used in author-year citations ("van der Maaten")."""
        return f"{self.von} {self.last}".strip()

    @property
    def full(self) -> str:
        """First names then family name ("Laurens van der Maaten")."""
        text = " ".join(p for p in (self.first, self.von, self.last) if p)
        return f"{text}, {self.jr}" if self.jr else text

    @property
    def inverted(self) -> str:
        """Family name, then initials ("van der Maaten, L.")."""
        initials = " ".join(_initial(part) for part in self.first.split())
        text = self.family
        if self.jr:
            text += f", {self.jr}"
        return f"{text}, {initials}" if initials else text


def _initial(name: str) -> str:
    if "-" in name:
        return "-".join(_initial(p) for p in name.split("-") if p)
    return name[0] + "." if name else ""


def _join(parts: list[str]) -> str:
    return decode_latex(" ".join(parts))


@functools.lru_cache(maxsize=16384)
def split_people(value: str) -> tuple[Person, ...]:
    """Split a raw BibTeX ``author``/``editor`` value into decoded people."""
    people = []
    for raw in split_multiple_persons_names(value):
        raw = raw.strip()
        if not raw:
            continue
        if raw.lower() == "others":
            people.append(Person("", "", "others", ""))
            continue
        try:
            parts = parse_single_name_into_parts(raw, strict=False)
        except InvalidNameError:
            people.append(Person("", "", decode_latex(raw), ""))
            continue
        people.append(
            Person(_join(parts.first), _join(parts.von), _join(parts.last), _join(parts.jr))
        )
    return tuple(people)


def short_authors(people: tuple[Person, ...]) -> str:
    """ "Kirillov et al.", "Ioffe and Szegedy", "Vaswani" — the citation form."""
    named = [p for p in people if p.last != "others"]
    if not named:
        return "Anonymous"
    if len(named) == 1 and len(people) == 1:
        return named[0].family
    if len(named) == 2 and len(people) == 2:
        return f"{named[0].family} and {named[1].family}"
    return f"{named[0].family} et al."
