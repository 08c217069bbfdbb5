"""paperguide's Python API: open a site's notes, ask questions of them, and check them.

Everything here works without MkDocs (nothing is built), from the same code the build and the
``paperguide`` command use: ``paperguide check`` is :meth:`Site.check` printed.

Example, every open question the authors hand-waved::

    from paperguide import api

    site = api.open_site("mkdocs.yml")  # or the folder that holds it
    for entry in site.unknowns(category="hand-waved", status="open"):
        print(f"{entry.note.key}: {entry.unknown.question}")
    for problem in site.check():
        print(problem)  # path:line:column: message, as the build reports it
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .core.base.diagnostics import Diagnostic
from .core.library.library import Library
from .core.library.loading import load_library
from .core.library.rollups import (
    TopicNeed,
    UnknownEntry,
    status_distribution,
    study_next,
    unknown_entries,
)
from .core.notes.model import Note
from .core.pages.guide import generate_pages
from .core.site.mkdocs_yml import SiteConfig, load_site_config
from .core.texmath.katex import Katex, KatexUnavailable, find_dist
from .mdx.note_math import NoteMathChecker
from .mdx.page_check import check_pages

__all__ = ["Site", "open_config", "open_site", "start_katex"]


@dataclass(frozen=True)
class Site:
    """A site's notes, bibliography, tracker and concepts, loaded and checked once."""

    config: SiteConfig
    library: Library
    problems: tuple[Diagnostic, ...]  # everything a strict build would report

    def notes(self) -> list[Note]:
        """Every note, in the order of the papers index."""
        return self.library.sorted_notes()

    def note(self, key: str) -> Note | None:
        return self.library.note(key)

    def unknowns(
        self, *, category: str | None = None, status: str | None = None, key: str | None = None
    ) -> list[UnknownEntry]:
        """Unknowns across papers (or of the paper ``key``), optionally of one category
        (``assumed``, ``explained``, ``hand-waved``, ``wrong``, ``padding``) and status
        (``open``, ``resolved``, ``disputed``)."""
        return [
            entry
            for entry in unknown_entries(self.library)
            if (category is None or entry.unknown.category == category)
            and (status is None or entry.unknown.status == status)
            and (key is None or entry.note.key == key)
        ]

    def reading_status(self) -> list[tuple[str | None, int]]:
        """How many papers are at each reading status (``None``: no status given)."""
        return status_distribution(self.library)

    def study_next(self) -> list[TopicNeed]:
        """Tracker topics not yet green, the most-needed first, with the papers they block."""
        return study_next(self.library)

    def check(self) -> list[Diagnostic]:
        """Every problem a strict build of the site reports, each once, at its source."""
        return list(self.problems)


def open_site(path: str | Path = "mkdocs.yml") -> Site:
    """Open the site configured by ``path`` (an ``mkdocs.yml``, or the folder holding it).

    Raises :class:`paperguide.commands.errors.UsageError` when there is no readable
    configuration; problems in the content are in :meth:`Site.check`, never raised.
    """
    config_file = Path(path)
    if config_file.is_dir():
        config_file = config_file / "mkdocs.yml"
    return open_config(load_site_config(config_file))


def start_katex(site: SiteConfig) -> tuple[Katex | None, list[Diagnostic]]:
    """The KaTeX a build of this site would use, or the diagnostic the build would give."""
    options = site.options
    if options.get("math", True) is False:
        return None, []
    katex_dir = options.get("katex_dir")
    try:
        dist = find_dist(site.config_file.parent, katex_dir if isinstance(katex_dir, str) else None)
        return Katex(dist), []
    except KatexUnavailable as exc:
        name = site.config_file.name
        return None, [Diagnostic(name, None, None, str(exc), "plugins.paperguide", exc.hint)]


def open_config(site: SiteConfig) -> Site:
    """Load and check the site read from its configuration: notes, bibliography, tracker,
    concepts, and the Markdown pages (citations, embeds, TeX), as a strict build would."""
    katex, problems = start_katex(site)
    try:
        library = load_library(
            site.settings,
            check_tex=NoteMathChecker(katex, site.settings.cache_dir)
            if katex is not None
            else None,
        )
        templates = site.options.get("templates_dir")
        templates_dir = site.config_file.parent / templates if isinstance(templates, str) else None
        # Generating the pages finds what only a template can (a broken override).
        template_problems: list[Diagnostic] = []
        generate_pages(library, templates_dir, None, template_problems)
        page_problems = check_pages(
            library, site.markdown_extensions, katex, str(templates_dir or "")
        )
    finally:
        if katex is not None:
            katex.close()
    # A problem shown on several pages is reported once, as the build does.
    found = dict.fromkeys([*problems, *library.diagnostics, *template_problems, *page_problems])
    return Site(site, library, tuple(found))
