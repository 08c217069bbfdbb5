"""A bibliography's entries: fields evaluated but still LaTeX, decoded to text on access."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .latex import decode_latex
from .names import Person, short_authors, split_people

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class BibEntry:
    """One bibliography entry with evaluated (still LaTeX) fields; decoding happens on access."""

    key: str
    type: str
    fields: Mapping[str, str]
    source: str
    line: int

    def raw(self, name: str) -> str | None:
        return self.fields.get(name)

    def text(self, name: str) -> str | None:
        """A field decoded to Unicode text, or ``None``."""
        value = self.fields.get(name)
        return decode_latex(value) if value is not None else None

    @functools.cached_property
    def authors(self) -> tuple[Person, ...]:
        value = self.fields.get("author") or self.fields.get("editor") or ""
        return split_people(value)

    @property
    def short_authors(self) -> str:
        return short_authors(self.authors)

    @property
    def title(self) -> str:
        return self.text("title") or self.key

    @property
    def year(self) -> str | None:
        year = self.text("year")
        if year is None and (date := self.text("date")):
            year = date[:4]
        return year

    @property
    def month(self) -> str | None:
        value = self.text("month")
        if value and value.strip().isdigit() and 1 <= int(value) <= 12:
            return MONTHS[int(value) - 1]
        return value

    @property
    def venue(self) -> str | None:
        for name in (
            "journal",
            "journaltitle",
            "booktitle",
            "howpublished",
            "school",
            "institution",
            "publisher",
        ):
            if value := self.text(name):
                return value
        if self.arxiv_id:
            return f"arXiv:{self.arxiv_id}"
        return None

    @property
    def doi(self) -> str | None:
        doi = self.text("doi")
        if not doi:
            return None
        for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
            if doi.lower().startswith(prefix):
                doi = doi[len(prefix) :]
        return doi.strip() or None

    @property
    def arxiv_id(self) -> str | None:
        eprint = self.text("eprint")
        prefix = (self.text("archiveprefix") or self.text("eprinttype") or "").lower()
        if eprint and prefix == "arxiv":
            return eprint.strip()
        return None

    @property
    def url(self) -> str | None:
        url = self.text("url")
        if url and url.lower().startswith(("http://", "https://")):
            return url.strip()
        return None

    def links(self) -> list[tuple[str, str]]:
        """``(label, url)`` pairs: DOI, arXiv, URL — the ones the entry has."""
        links = []
        if self.doi:
            links.append(("DOI", f"https://doi.org/{self.doi}"))
        if self.arxiv_id:
            links.append(("arXiv", f"https://arxiv.org/abs/{self.arxiv_id}"))
        if self.url and all(self.url != url for _, url in links):
            links.append(("URL", self.url))
        return links


@dataclass(frozen=True)
class Bibliography:
    """All entries of all .bib files, by key."""

    entries: Mapping[str, BibEntry] = field(default_factory=lambda: MappingProxyType({}))
    files: tuple[str, ...] = ()
    #: A digest of the files' bytes and names (empty when not loaded from files): what results
    #: computed from the entries are cached under.
    digest: str = ""

    def get(self, key: str) -> BibEntry | None:
        return self.entries.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __len__(self) -> int:
        return len(self.entries)
