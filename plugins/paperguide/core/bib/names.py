"""Author lists as biber reads them: split the raw value into people and name parts, then decode.

Decoding before splitting would strip the braces that keep a corporate author such as
``{The Transformer Team}`` whole and would turn the ``~`` of ``Pe\\~na`` into a space; so the raw
value is split first (:mod:`.name_parts`, biber's rules) and each part is decoded on its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .latex import decode_latex
from .name_parts import parse_name, split_names


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


#: The "and others" marker: biblatex's ``others``; ``et al.`` is what authors mean by it too.
OTHERS = Person("", "", "others", "")
_OTHERS_SPELLINGS = frozenset({"others", "et al"})

_TIE = "\ue000"  # stands in for a tie while decoding, which would turn it into a plain space
_NBSP = "\u00a0"


def _initial(name: str) -> str:
    if "-" in name:
        return "-".join(_initial(p) for p in name.split("-") if p)
    return name[0] + "." if name else ""


def _is_others(raw: str) -> bool:
    if len(raw) > 16:
        return False
    text = " ".join(raw.replace("{", "").replace("}", "").replace("~", " ").split())
    return text.lower().rstrip(".") in _OTHERS_SPELLINGS


def _mark(raw: str) -> str:
    """Ties become a placeholder (the decoder would make them plain spaces); every macro,
    known or not, is the decoder's (:mod:`.latex`): it drops sort-only ones (``\\noopsort``)
    and keeps an unknown one's name (``\\Thanh``), as biber leaves it to LaTeX."""
    return raw.replace("~", _TIE).replace("\\" + _TIE, "\\~")


@functools.lru_cache(maxsize=65536)
def _decode_part(raw: str) -> str:
    """One name part as Unicode; a tie stays a no-break space inside its part."""
    if "\\" not in raw and "~" not in raw:
        return decode_latex(raw)
    return decode_latex(_mark(raw)).replace(_TIE, _NBSP)


@functools.lru_cache(maxsize=65536)
def _person(raw: str) -> Person | None:
    """One raw name decoded; ``None`` when nothing printable is left."""
    if _is_others(raw):
        return OTHERS
    name = parse_name(raw)
    last = _decode_part(name.last)
    if last:
        first, von, jr = _decode_part(name.first), _decode_part(name.von), _decode_part(name.jr)
        return Person(first, von, last, jr)
    whole = _decode_part(raw)  # no family name: keep the rest rather than lose the person
    return Person("", "", whole, "") if whole else None


@functools.lru_cache(maxsize=16384)
def split_people(value: str) -> tuple[Person, ...]:
    """Split a raw BibTeX ``author``/``editor`` value into decoded people."""
    return tuple(person for raw in split_names(value) if (person := _person(raw)) is not None)


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
