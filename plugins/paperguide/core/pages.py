"""Generated pages: the guide page of every note and the papers index, as Markdown.

The pages go through the host's normal Markdown pipeline (MkDocs: ``File.generated``), so search,
the table of contents, link validation and strict mode cover them like hand-written pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from . import labels
from .library import Library
from .markdown_text import relative_link
from .model import CATEGORIES, Note
from .reading import paper_progress
from .references import ref_anchor
from .render import render
from .urls import repo_url, url_problem


@dataclass(frozen=True)
class GeneratedPage:
    """One page to add to the site."""

    src_uri: str  # where the page pretends to live in the content directory
    markdown: str
    edit_uri: str | None  # the source file to edit, relative to the content directory
    note_key: str | None = None
    # True: shown in an automatic navigation, but a site with an explicit `nav` need not list it
    # (so adding such pages never breaks a strict build with `omitted_files: warn`).
    nav_optional: bool = False


@dataclass(frozen=True)
class RelatedItem:
    phrase: str
    title: str
    year: str | None
    href: str | None
    note: str | None


def safe_url(url: str | None) -> str | None:
    return url if url and url_problem(url) is None else None


def _related(
    library: Library, note: Note, page: str, bibliography_page: str | None = None
) -> list[RelatedItem]:
    """Outgoing relations of ``note`` and incoming ones from every other note.

    A related paper without a note links to its bibliography entry when there is a page.
    """
    items: list[RelatedItem] = []

    def item(key: str, phrase: str, text: str | None) -> RelatedItem:
        entry = library.bibliography.get(key)
        href = relative_link(library.paper_src_uri(key), page) if key in library.notes else None
        if href is None and bibliography_page and entry is not None:
            href = relative_link(f"{bibliography_page}#{ref_anchor(key)}", page)
        return RelatedItem(phrase, library.title_of(key), entry.year if entry else None, href, text)

    for rel in note.related:
        phrase = labels.RELATION.get(rel.relation or "", "related to").capitalize()
        items.append(item(rel.key, phrase, rel.note))
    for other, rel in library.incoming_relations(note.key):
        phrase = labels.RELATION_INVERSE.get(rel.relation or "", "related to").capitalize()
        items.append(item(other.key, phrase, rel.note))
    return items


def paper_page(
    library: Library,
    note: Note,
    templates_dir: Path | None = None,
    bibliography_page: str | None = None,
) -> GeneratedPage:
    """The guide page of one note."""
    src_uri = library.paper_src_uri(note.key)
    entry = library.bibliography.get(note.key)
    title = library.title_of(note.key)
    links = list(entry.links()) if entry else []
    if note.code and (href := repo_url(note.code.repo, note.code.commit)):
        links.append(("Code", href))
    unknown_groups = [(c, [u for u in note.unknowns if u.category == c]) for c in CATEGORIES]
    markdown = render(
        "paper.md.j2",
        templates_dir,
        note=note,
        entry=entry,
        title=title,
        title_json=json.dumps(title, ensure_ascii=False),
        links=links,
        unknown_groups=[(c, items) for c, items in unknown_groups if items],
        related=_related(library, note, src_uri, bibliography_page),
        page=src_uri,
        safe_url=safe_url,
        **paper_progress(library, note),
    )
    return GeneratedPage(src_uri, markdown, note.src_uri, note.key)


@dataclass(frozen=True)
class IndexRow:
    title: str
    href: str
    year: str | None
    status_label: str
    goal_label: str
    open_counts: dict[str, int]


def papers_index_page(library: Library, templates_dir: Path | None = None) -> GeneratedPage:
    """The table of every noted paper."""
    from .method_pages import status_chart  # imported here: method_pages builds on this module

    page = library.papers_index_src_uri
    rows = []
    for note in library.sorted_notes():
        entry = library.bibliography.get(note.key)
        counts = {c: sum(1 for u in note.open_unknowns if u.category == c) for c in CATEGORIES}
        rows.append(
            IndexRow(
                library.title_of(note.key),
                relative_link(library.paper_src_uri(note.key), page),
                entry.year if entry else None,
                labels.STATUS.get(note.status or "", "—"),
                labels.GOAL.get(note.goal or "", "—").removeprefix("Goal: "),
                counts,
            )
        )
    markdown = render(
        "papers_index.md.j2",
        templates_dir,
        rows=rows,
        categories=CATEGORIES,
        papers_dir=library.settings.papers_dir,
        status_chart=status_chart(library),
    )
    # Like the dashboards: a site with its own nav need not list it (no omitted_files warning).
    return GeneratedPage(page, markdown, None, nav_optional=True)


def generate_pages(
    library: Library, templates_dir: Path | None = None, bibliography_page: str | None = None
) -> list[GeneratedPage]:
    """Every page paperguide adds to the site: none on a site with no notes and no tracker
    (adding the plugin to an existing site adds no empty listings to it)."""
    if not library.notes and library.tracker is None:
        return []
    pages = [
        paper_page(library, note, templates_dir, bibliography_page)
        for note in library.sorted_notes()
    ]
    pages.append(papers_index_page(library, templates_dir))
    from .method_pages import method_pages  # imported here: it builds on this module

    pages.extend(method_pages(library, templates_dir))
    return pages
