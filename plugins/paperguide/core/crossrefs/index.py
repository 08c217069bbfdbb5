"""Who cites and links to what, once every page has rendered: the cross-reference index.

Built once per build from what the :class:`~.collector.Collector` recorded, and read by the fill
step (backlinks, "cited on", graphs) and by ``--dirty`` pruning. Only pages that *count* are in
it: hand-written pages and guide pages; generated listings (indexes, the bibliography,
dashboards) cite everything and would make every backlink list the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ..library.library import Library
from .collector import Collector


@dataclass(frozen=True)
class CrossRefIndex:
    """Citations and links of the counting pages, indexed both ways."""

    #: page -> key -> how often the page cites it
    citations: Mapping[str, Mapping[str, int]]
    #: page -> pages it links to
    links: Mapping[str, frozenset[str]]
    #: key -> page -> how often that page cites it
    cited_by: Mapping[str, Mapping[str, int]]
    #: page -> pages that link to it
    linked_from: Mapping[str, frozenset[str]]
    #: note key -> keys related to it in either direction (a note's ``related`` list)
    related_to: Mapping[str, frozenset[str]]

    @classmethod
    def build(
        cls, collector: Collector, library: Library, counts: Callable[[str], bool]
    ) -> CrossRefIndex:
        """Index what ``collector`` recorded on the pages for which ``counts(src_uri)`` holds."""
        citations = {p: dict(k) for p, k in collector.citations.items() if counts(p)}
        links = {p: frozenset(t) for p, t in collector.links.items() if counts(p)}
        cited_by: dict[str, dict[str, int]] = {}
        for page, keys in citations.items():
            for key, count in keys.items():
                cited_by.setdefault(key, {})[page] = count
        linked_from: dict[str, set[str]] = {}
        for page, targets in links.items():
            for target in targets:
                linked_from.setdefault(target, set()).add(page)
        related_to: dict[str, set[str]] = {}
        for note in library.notes.values():
            for rel in note.related:
                related_to.setdefault(note.key, set()).add(rel.key)
                related_to.setdefault(rel.key, set()).add(note.key)
        return cls(
            MappingProxyType(citations),
            MappingProxyType(links),
            MappingProxyType(cited_by),
            _frozen(linked_from),
            _frozen(related_to),
        )

    def citing_pages(self, key: str) -> list[str]:
        """The pages that cite ``key``, sorted."""
        return sorted(self.cited_by.get(key, {}))


def counting_pages(
    written: Callable[[str], bool], note_pages: Mapping[str, str]
) -> Callable[[str], bool]:
    """The rule of what counts as citing or linking: a page the site wrote, or a guide page."""
    return lambda src: written(src) or src in note_pages


def _frozen(index: dict[str, set[str]]) -> Mapping[str, frozenset[str]]:
    return MappingProxyType({k: frozenset(v) for k, v in index.items()})
