"""The site-wide "Check yourself" page: every note's self-checks, grouped by paper, then the
checks written on pages.

Each paper's checks are a ``/// checks | <key>`` block, so they render exactly as in the
"Check yourself" section of the paper's guide page, with their links to what they are about.
The checks written on pages (``/// check``) are known only once those pages have rendered: the
page carries a placeholder for them, filled in with the rest of the cross-page parts
(``crossrefs/page_checks.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..base.markdown_text import relative_link
from ..base.slugs import key_slug
from ..library.library import Library
from .generated import GeneratedPage
from .templating import render

#: Where the page goes unless the ``checks_page`` option says otherwise.
CHECKS_PAGE = "checks.md"
#: The section of a guide page that holds its checks.
GUIDE_SECTION = "check-yourself"


@dataclass(frozen=True)
class PaperChecks:
    key: str
    title: str
    anchor: str
    href: str  # the "Check yourself" section of the paper's guide page
    count: int


def checks_page(
    library: Library,
    page: str = CHECKS_PAGE,
    templates_dir: Path | None = None,
    *,
    pages_have_checks: bool = False,
) -> GeneratedPage | None:
    """The page, or ``None`` when no note has checks and no page seems to (``pages_have_checks``,
    the host's guess from the pages' sources): no empty listing is added to a site."""
    papers = [
        PaperChecks(
            note.key,
            library.title_of(note.key),
            f"checks-{key_slug(note.key)}",
            relative_link(f"{library.paper_src_uri(note.key)}#{GUIDE_SECTION}", page),
            len(note.checks),
        )
        for note in library.sorted_notes()
        if note.checks
    ]
    if not papers and not pages_have_checks:
        return None
    markdown = render(
        "checks_index.md.j2",
        templates_dir,
        papers=papers,
        total=sum(p.count for p in papers),
        pages=pages_have_checks,
    )
    return GeneratedPage(page, markdown, None, nav_optional=True)
