"""Generated pages: the guide page of every note and the papers index, as Markdown.

The pages go through the host's normal Markdown pipeline (MkDocs: ``File.generated``), so search,
the table of contents, link validation and strict mode cover them like hand-written pages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..base.diagnostics import Diagnostic
from ..base.markdown_text import relative_link
from ..base.urls import repo_url, safe_url
from ..library.library import Library, UnloadedNote
from ..library.reading import paper_progress
from ..library.references import ref_anchor
from ..library.rollups import category_guide
from ..notes import labels
from ..notes.model import CATEGORIES, Note
from .generated import GeneratedPage
from .method import method_pages, status_chart
from .templating import render, templates_generation


@dataclass(frozen=True)
class RelatedItem:
    phrase: str
    title: str
    year: str | None
    href: str | None
    note: str | None


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


#: Guide pages made in this process: per note key, the note, the other inputs, the page.
_made: dict[str, tuple[Note, str, GeneratedPage]] = {}


def paper_page(
    library: Library,
    note: Note,
    templates_dir: Path | None = None,
    bibliography_page: str | None = None,
    author_checks: bool = False,
) -> GeneratedPage:
    """The guide page of one note; ``author_checks`` adds the author's status and context
    advice (``mkdocs serve``, drafts) to what readers see."""
    src_uri = library.paper_src_uri(note.key)
    entry = library.bibliography.get(note.key)
    title = library.title_of(note.key)
    links = list(entry.links()) if entry else []
    if note.code and (href := repo_url(note.code.repo, note.code.commit)):
        links.append(("Code", href))
    category_guides = {c: category_guide(library, c) for c in CATEGORIES}
    related = _related(library, note, src_uri, bibliography_page)
    progress = paper_progress(library, note)
    # Everything the template reads besides the note (an unchanged note file is the same
    # object from one serve rebuild to the next): the page is made again only if one changed.
    context = (templates_generation(), templates_dir, src_uri, entry, title, links)
    inputs = repr((*context, category_guides, related, author_checks, progress))
    made = _made.get(note.key)
    if made is not None and made[0] is note and made[1] == inputs:
        return made[2]
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
        category_guides=category_guides,
        related=related,
        page=src_uri,
        safe_url=safe_url,
        author_checks=author_checks,
        **progress,
    )
    page = GeneratedPage(src_uri, markdown, note.src_uri, note.key)
    _made[note.key] = (note, inputs, page)
    return page


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


def unloaded_note_page(
    library: Library, unloaded: UnloadedNote, templates_dir: Path | None = None
) -> GeneratedPage:
    """The page in place of the guide page of a note that could not be loaded.

    A strict build fails on the same diagnostics anyway; the page is generated there too, so
    build and serve produce the same set of pages.
    """
    return _problem_page(
        library.paper_src_uri(unloaded.key),
        f"{unloaded.key}: this note cannot be loaded",
        unloaded.source,
        unloaded.src_uri,
        unloaded.diagnostics,
        templates_dir,
        unreadable=True,
    )


def _problem_page(
    src_uri: str,
    title: str,
    source: str,
    edit_uri: str | None,
    diagnostics: tuple[Diagnostic, ...],
    templates_dir: Path | None,
    *,
    unreadable: bool,
) -> GeneratedPage:
    markdown = render(
        "note_error.md.j2",
        templates_dir,
        title=title,
        source=source,
        unreadable=unreadable,
        title_json=json.dumps(title, ensure_ascii=False),
        diagnostics=diagnostics,
    )
    return GeneratedPage(src_uri, markdown, edit_uri)


def generate_pages(
    library: Library,
    templates_dir: Path | None = None,
    bibliography_page: str | None = None,
    problems: list[Diagnostic] | None = None,
    author_checks: bool = False,
) -> list[GeneratedPage]:
    """Every page paperguide adds to the site: none on a site with no notes (loaded or not) and
    no tracker, so adding the plugin to an existing site adds no empty listings to it.

    A template that fails (most likely a site's override in ``templates_dir``) costs only its
    page: the error goes to ``problems``, named by the template and the note, and the other
    pages are still made, so a build reports it and a served site keeps serving.
    """
    if not library.notes and not library.unloaded and library.tracker is None:
        return []
    found = problems if problems is not None else []
    pages: list[GeneratedPage] = []
    for note in library.sorted_notes():
        made = _guarded(
            found,
            note.source,
            lambda note=note: [
                paper_page(library, note, templates_dir, bibliography_page, author_checks)
            ],
        )
        if not made:
            # Pages link to the guide page: in its place, the problem (packaged template).
            src_uri = library.paper_src_uri(note.key)
            title = f"{note.key}: this page cannot be built"
            made = [
                _problem_page(
                    src_uri, title, note.source, note.src_uri, (found[-1],), None, unreadable=False
                )
            ]
        pages.extend(made)
    for unloaded in library.unloaded.values():
        pages.extend(
            _guarded(
                found,
                unloaded.source,
                lambda u=unloaded: [unloaded_note_page(library, u, templates_dir)],
            )
        )
    index_source = library.papers_index_src_uri
    pages.extend(_guarded(found, index_source, lambda: [papers_index_page(library, templates_dir)]))
    pages.extend(_guarded(found, index_source, lambda: method_pages(library, templates_dir)))
    return pages


def _guarded(
    problems: list[Diagnostic], source: str, make: Callable[[], list[GeneratedPage]]
) -> list[GeneratedPage]:
    try:
        return make()
    except jinja2.TemplateError as exc:
        where = (
            f"{exc.filename or exc.name}:{exc.lineno}: "
            if isinstance(exc, jinja2.TemplateSyntaxError)
            else ""
        )
        problems.append(
            Diagnostic(
                source,
                None,
                None,
                f"a page template failed: {where}{exc}",
                hint="if the site overrides paperguide's templates (templates_dir), compare the "
                "override with the packaged template",
            )
        )
        return []
