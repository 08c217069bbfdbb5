"""Where a citation points and what it shows: one :class:`References` per build.

A cited paper with a note links to its guide page; any other entry to its anchor on the
bibliography page (or, with no bibliography page, to its DOI/arXiv/URL). References are
formatted in the house style (:mod:`.cite_format`) or, when a CSL style is configured, by
:mod:`.csl` — all entries at once, in bibliography order, so numeric styles number consistently
on every page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..base.markdown_text import relative_link
from ..base.slugs import slugify
from ..bib.csl import CslFormatter
from ..bib.entries import BibEntry
from ..bib.house_style import CitationLabels, CiteLabel, format_reference
from .library import Library
from .reference_cache import ReferenceStore, StoredReferences

_ID_SAFE = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class BibliographyOptions:
    """How the bibliography is published (the plugin's ``bibliography`` options)."""

    page: str | None = "bibliography.md"
    cited_only: bool = False
    download: str | None = "bibliography.bib"
    style: str | None = None


def ref_anchor(key: str) -> str:
    """A stable HTML id for a key's bibliography entry, safe for any key.

    Keys made of letters, digits, ``_`` and ``-`` keep their spelling (``ref-kirillov2023segment``);
    others are slugged and get a short hash of the key, so ``he.2016`` and ``he-2016`` differ.
    """
    if _ID_SAFE.match(key):
        return f"ref-{key}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"ref-{slugify(key) or 'key'}-{digest}"


def sort_key(entry: BibEntry, label: CiteLabel | None) -> tuple[str, str, str, str]:
    """Author–year order: first author's family name, year (with its letter), title."""
    first = entry.authors[0].family if entry.authors else "~"
    year = label.year if label else (entry.year or "")
    return (first.casefold(), year, entry.title.casefold(), entry.key)


class References:
    """Labels, targets and formatted references for the keys of one library."""

    def __init__(
        self,
        library: Library,
        options: BibliographyOptions | None = None,
        csl: CslFormatter | None = None,
        reuse: References | None = None,
    ) -> None:
        """``reuse``: the previous build's References; its labels and formatted references
        are kept when the bibliography and the style are the same objects (serve rebuilds)."""
        self.library = library
        self.options = options or BibliographyOptions()
        self.csl = csl
        same = (
            reuse is not None
            and reuse.library.bibliography is library.bibliography
            and reuse.csl is csl
        )
        self.labels = reuse.labels if same and reuse else CitationLabels(library.bibliography)
        self._formatted: dict[str, str] = reuse._formatted if same and reuse else {}
        self._csl_done = reuse._csl_done if same and reuse else False
        self._order: list[str] | None = reuse._order if same and reuse else None
        bibliography = library.bibliography
        style = f"csl:{csl.name}:{csl.digest}" if csl is not None else "house"
        self._store = ReferenceStore(library.settings.cache_dir, bibliography.digest, style)
        self._stored = 0  # how many formatted references the store holds
        self._order_stored = False
        if not same:
            stored = self._store.load()
            self._formatted.update(stored.formatted)
            self.labels.preload(stored.labels, stored.years_done)
            self._order = stored.order
            self._csl_done = self._csl_done or (csl is not None and bool(stored.formatted))
            self._stored = len(stored.formatted)
            self._order_stored = stored.order is not None

    def entry(self, key: str) -> BibEntry | None:
        return self.library.bibliography.get(key)

    def label(self, key: str) -> CiteLabel | None:
        return self.labels.label(key)

    def has_note(self, key: str) -> bool:
        return key in self.library.notes

    def bibliography_target(self, key: str) -> str | None:
        """``bibliography.md#ref-…`` (relative to the content directory), if there is a page."""
        if not self.options.page:
            return None
        return f"{self.options.page}#{ref_anchor(key)}"

    def href(self, key: str, from_page: str | None) -> str | None:
        """Where a citation of ``key`` on ``from_page`` links to (relative), or ``None``.

        The paper's guide page when it has a note (its bibliography entry when citing itself),
        else the bibliography entry, else the entry's first external link.
        """
        if self.has_note(key):
            page = self.library.paper_src_uri(key)
            if page != from_page:
                return relative_link(page, from_page)
        target = self.bibliography_target(key)
        if target is not None:
            return relative_link(target, from_page)
        entry = self.entry(key)
        links = entry.links() if entry else []
        return links[0][1] if links else None

    def sorted(self, keys: Iterable[str]) -> list[str]:
        """Known keys in bibliography (author–year) order; unknown keys are dropped."""
        entries = self.library.bibliography.entries
        wanted = {k for k in keys if k in entries}
        if self._order is not None:
            return [k for k in self._order if k in wanted]
        ordered = sorted(wanted, key=lambda k: sort_key(entries[k], self.label(k)))
        if len(ordered) == len(entries):
            self._order = ordered  # every entry: the order of any subset follows from it
        return ordered

    def persist(self) -> None:
        """Store what this build formatted, for the next build of the same entries."""
        new_order = self._order is not None and not self._order_stored
        if len(self._formatted) == self._stored and not new_order:
            return
        labels, years = self.labels.known()
        self._store.save(StoredReferences(dict(self._formatted), labels, years, self._order))
        self._stored = len(self._formatted)
        self._order_stored = self._order is not None

    def formatted(self, key: str) -> str:
        """The entry's reference as inline Markdown (house style or the CSL style)."""
        if key in self._formatted:
            return self._formatted[key]
        if self.csl is not None and not self._csl_done:
            self._csl_done = True
            entries = self.library.bibliography.entries
            ordered = [entries[k] for k in self.sorted(entries)]
            self._formatted.update(self.csl.format(ordered))
            if key in self._formatted:
                return self._formatted[key]
        entry = self.entry(key)
        if entry is None:
            return ""
        text = format_reference(entry, self.label(key))
        self._formatted[key] = text
        return text
