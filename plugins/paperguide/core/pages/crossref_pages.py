"""Generated pages for cross-references: the bibliography, the relations graph, the concepts list.

Like the guide pages (:mod:`.pages`) they are Markdown through the host's pipeline. What needs
every page rendered first ("cited on", the drawing) is left as an HTML comment that the host
replaces afterwards.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..base.markdown_text import link_url, relative_link
from ..library.references import References, ref_anchor
from ..study.concepts import Concept
from .generated import GeneratedPage
from .templating import render


@dataclass(frozen=True)
class BibItem:
    anchor: str
    text: str
    links: list[tuple[str, str]]


def _letter(family: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", family).encode("ascii", "ignore").decode("ascii")
    first = next((c for c in ascii_name.upper() if c.isalnum()), "")
    return first if first.isalpha() else "#"


def bibliography_page(
    refs: References,
    keys: Iterable[str],
    *,
    page: str,
    download: str | None,
    cited_only: bool,
    style_name: str,
    templates_dir: Path | None = None,
) -> GeneratedPage:
    """The bibliography: ``keys`` in author–year order, grouped by the first author's initial."""
    library = refs.library
    groups: dict[str, list[BibItem]] = {}
    ordered = refs.sorted(keys)
    for key in ordered:
        entry = refs.entry(key)
        assert entry is not None  # refs.sorted drops unknown keys
        links: list[tuple[str, str]] = []
        if refs.has_note(key):
            links.append(("Our notes", relative_link(library.paper_src_uri(key), page)))
        links.extend((label, link_url(href)) for label, href in entry.links())
        family = entry.authors[0].family if entry.authors else entry.title
        groups.setdefault(_letter(family), []).append(
            BibItem(ref_anchor(key), refs.formatted(key), links)
        )
    letters = sorted(groups, key=lambda letter: (letter == "#", letter))
    refs.persist()  # the next build of the same entries reads them back instead
    markdown = render(
        "bibliography.md.j2",
        templates_dir,
        count=len(ordered),
        notes=sum(1 for key in ordered if refs.has_note(key)),
        cited_only=cited_only,
        style_name=style_name,
        download=relative_link(download, page) if download else None,
        download_name=PurePosixPath(download).name if download else "",
        groups=[
            (letter, "bib-other" if letter == "#" else f"bib-{letter.lower()}", groups[letter])
            for letter in letters
        ],
    )
    return GeneratedPage(page, markdown, None)


def graph_page(page: str, templates_dir: Path | None = None) -> GeneratedPage:
    """The global relations graph page (its drawing is filled in after every page rendered)."""
    return GeneratedPage(page, render("graph.md.j2", templates_dir), None)


@dataclass(frozen=True)
class ConceptRow:
    title: str
    href: str
    aliases: tuple[str, ...]
    summary: str | None


def concepts_index_page(
    concepts: Mapping[str, Concept],
    page: str,
    concepts_dir: str,
    templates_dir: Path | None = None,
) -> GeneratedPage:
    """Every concept page, alphabetically, with its aliases and summary."""
    rows = [
        ConceptRow(c.title, relative_link(c.src_uri, page), c.aliases, c.summary)
        for c in sorted(concepts.values(), key=lambda c: (c.title.casefold(), c.src_uri))
    ]
    markdown = render("concepts_index.md.j2", templates_dir, rows=rows, concepts_dir=concepts_dir)
    return GeneratedPage(page, markdown, None)


def bib_download(sources: Iterable[tuple[str, str]]) -> str:
    """The .bib files as one download: each file's text under a comment naming it."""
    parts = []
    for name, text in sources:
        parts.append(f"% ---- {name} ----\n{text.rstrip()}\n")
    return "\n".join(parts)
