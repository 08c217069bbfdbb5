"""The house citation style: author–year labels and formatted references, as safe Markdown.

Labels read "Ioffe and Szegedy, 2015" in parentheses and "Ioffe and Szegedy (2015)" in running
text. Two works with the same label get "2015a" and "2015b" (ordered by title), as author–year
styles do. References are written as Markdown in which every BibTeX field is data: it goes
through :func:`~.markdown_text.escape_text` (titles through ``escape_math_text``, so that
``$\\ell_1$`` stays math), so a hostile title can neither inject HTML nor become Markdown syntax.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from dataclasses import dataclass

from ..base.markdown_text import escape_math_text, escape_text
from .entries import BibEntry, Bibliography
from .names import Person

#: More authors than this are shortened to the first ones plus "et al." in references.
MAX_AUTHORS = 8
SHOWN_WHEN_TRUNCATED = 6


@dataclass(frozen=True)
class CiteLabel:
    """What a citation shows: the authors' short form and the (disambiguated) year."""

    authors: str
    year: str

    def parenthetical(self, *, suppress_author: bool = False) -> str:
        """The text inside parentheses: "Ioffe and Szegedy, 2015" (or "2015")."""
        return self.year if suppress_author else f"{self.authors}, {self.year}"

    def narrative(self, locator: str = "") -> str:
        """Running-text form: "Ioffe and Szegedy (2015)" or "… (2015, p. 3)"."""
        inner = f"{self.year}, {locator}" if locator else self.year
        return f"{self.authors} ({inner})"


def _year(entry: BibEntry) -> str:
    year = (entry.year or "").strip()
    return year or "n.d."


class CitationLabels:
    """Labels for the keys of one bibliography, disambiguated lazily (one year at a time).

    Only the entries of a cited year are ever decoded, so a 10,000-entry .bib file costs
    nothing until its keys are cited.
    """

    def __init__(self, bibliography: Bibliography) -> None:
        self.bibliography = bibliography
        self._by_year: dict[str, list[str]] | None = None
        self._labels: dict[str, CiteLabel] = {}
        self._years_done: set[str] = set()

    def _index(self) -> dict[str, list[str]]:
        if self._by_year is None:
            by_year: dict[str, list[str]] = defaultdict(list)
            for key, entry in self.bibliography.entries.items():
                raw = entry.raw("year") or entry.raw("date") or ""
                by_year[raw.strip()[:4]].append(key)
            self._by_year = by_year
        return self._by_year

    def label(self, key: str) -> CiteLabel | None:
        """The label of ``key``, or ``None`` if the bibliography has no such entry."""
        if key in self._labels:
            return self._labels[key]
        entry = self.bibliography.get(key)
        if entry is None:
            return None
        raw = entry.raw("year") or entry.raw("date") or ""
        bucket = raw.strip()[:4]
        if bucket not in self._years_done:
            self._label_year(self._index().get(bucket, [key]))
            self._years_done.add(bucket)
        return self._labels.get(key) or CiteLabel(entry.short_authors, _year(entry))

    def known(self) -> tuple[dict[str, tuple[str, str]], set[str]]:
        """The labels worked out so far and the years they cover (to store them)."""
        labels = {key: (label.authors, label.year) for key, label in self._labels.items()}
        return labels, set(self._years_done)

    def preload(self, labels: dict[str, tuple[str, str]], years: set[str]) -> None:
        """Labels of whole years worked out by an earlier build of the same entries."""
        self._labels.update((key, CiteLabel(a, y)) for key, (a, y) in labels.items())
        self._years_done |= years

    def _label_year(self, keys: list[str]) -> None:
        groups: dict[tuple[str, str], list[BibEntry]] = defaultdict(list)
        for key in keys:
            entry = self.bibliography.entries[key]
            groups[(entry.short_authors, _year(entry))].append(entry)
        for (authors, year), entries in groups.items():
            if len(entries) == 1:
                self._labels[entries[0].key] = CiteLabel(authors, year)
                continue
            entries.sort(key=lambda e: (e.title.casefold(), e.key))
            for index, entry in enumerate(entries):
                suffix = string.ascii_lowercase[index] if index < 26 else f"-{index + 1}"
                self._labels[entry.key] = CiteLabel(authors, f"{year}{suffix}")


_LIST_MARKER = re.compile(r"^(\d{1,9})([.)])(\s)")


def inline_safe(markdown: str) -> str:
    """Keep a one-line reference inline wherever it lands: a reference that starts with
    "1. " (numeric CSL styles) or "- " would otherwise become a list at the start of a block."""
    text = _LIST_MARKER.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};{m.group(3)}", markdown)
    if text.startswith(("- ", "+ ", "* ")):
        text = f"&#{ord(text[0])};{text[1:]}"
    return text


def _people(people: tuple[Person, ...]) -> str:
    named = [p for p in people if p.last != "others"]
    truncated = len(named) > MAX_AUTHORS or len(named) < len(people)
    shown = named[:SHOWN_WHEN_TRUNCATED] if len(named) > MAX_AUTHORS else named
    parts = [escape_text(p.inverted) for p in shown]
    if not parts:
        return ""
    if truncated:
        return ", ".join(parts) + ", et al."
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + ", &amp; " + parts[-1]


def _sentence(text: str) -> str:
    """End a piece with a full stop unless it already ends with punctuation."""
    return text if text.rstrip().endswith((".", "?", "!")) else f"{text}."


def format_reference(entry: BibEntry, label: CiteLabel | None = None) -> str:
    """The reference in the house style, as one line of inert Markdown.

    ``Kirillov, A., Mintun, E., … (2023). Segment Anything. *ICCV*. arXiv:2304.02643.``
    Links (DOI, arXiv, URL) are not part of the text; pages add them next to it.
    """
    authors = _people(entry.authors)
    year = escape_text(label.year if label else _year(entry))
    head = f"{authors} ({year})." if authors else f"({year})."
    parts = [head]
    title = escape_math_text(entry.title)
    kind = entry.type
    if kind in ("book", "phdthesis", "mastersthesis"):
        parts.append(_sentence(f"*{title}*"))
    else:
        parts.append(_sentence(title))
    container = _container(entry)
    if container:
        parts.append(_sentence(container))
    if kind in ("phdthesis", "mastersthesis", "thesis"):
        school = entry.text("school") or entry.text("institution")
        if school:
            parts.append(_sentence(escape_text(school)))
    elif kind == "techreport":
        institution = entry.text("institution")
        if institution:
            parts.append(_sentence(escape_text(institution)))
    elif kind == "book" and (publisher := entry.text("publisher")):
        parts.append(_sentence(escape_text(publisher)))
    if entry.arxiv_id and not container:
        parts.append(_sentence(escape_text(f"arXiv:{entry.arxiv_id}")))
    return inline_safe(" ".join(parts))


def _container(entry: BibEntry) -> str:
    """Where the work appeared: journal with volume/issue/pages, or "In *proceedings*"."""
    pages = entry.text("pages")
    pages_text = escape_text(pages.replace("--", "–")) if pages else ""
    if entry.type == "article":
        journal = entry.text("journal") or entry.text("journaltitle")
        if not journal:
            return ""
        text = f"*{escape_math_text(journal)}*"
        volume, number = entry.text("volume"), entry.text("number")
        if volume:
            text += f", {escape_text(volume)}"
            if number:
                text += f"&#40;{escape_text(number)}&#41;"
        if pages_text:
            text += f", {pages_text}"
        return text
    if entry.type in ("inproceedings", "incollection", "conference", "inbook"):
        booktitle = entry.text("booktitle")
        if not booktitle:
            return ""
        text = f"In *{escape_math_text(booktitle)}*"
        if pages_text:
            text += f" &#40;pp. {pages_text}&#41;"
        return text
    if entry.type in ("book", "phdthesis", "mastersthesis", "thesis", "techreport"):
        return ""
    venue = entry.text("howpublished") or entry.text("journal") or entry.text("booktitle")
    return f"*{escape_math_text(venue)}*" if venue else ""
