"""Generated pages that make the reading method visible across the library.

- ``unknowns/index.md``: every unknown of every note, by category, with counts and a filter;
- ``unknowns/<category>.md``: one page per category (the ``assumed`` one grouped by topic);
- ``tracker.md``: the math tracker with G/Y/R bars, "study next" and the papers each topic blocks.

They are Markdown from Jinja templates, like every other generated page.
"""

from __future__ import annotations

from pathlib import Path

from ..base.urls import safe_url
from ..library.library import Library
from ..library.rollups import (
    TRACKER_PAGE,
    UNKNOWNS_INDEX,
    area_counts,
    assumed_groups,
    by_category,
    category_counts,
    category_guide,
    category_page,
    status_distribution,
    study_next,
    topic_needs,
    topic_target,
    unknown_entries,
)
from ..notes import labels
from ..notes.model import CATEGORIES, UNKNOWN_STATUSES
from .charts import Row, Segment, bar_chart
from .generated import GeneratedPage
from .templating import render

TOPIC_STATUS_ORDER = ("green", "yellow", "red")


def status_chart(library: Library) -> str | None:
    """The papers index's chart: how many papers sit at each reading status."""
    if not library.notes:
        return None
    rows = [
        Row(
            labels.STATUS.get(status, "No status") if status else "No status",
            (Segment(f"status-{status or 'none'}", "papers", count),),
        )
        for status, count in status_distribution(library)
    ]
    return bar_chart(
        rows,
        chart_id="pg-status-chart",
        title="Papers by reading status",
        units=("paper", "papers"),
    )


def tracker_chart(library: Library) -> str | None:
    """Per area, a bar of green, yellow and red topics."""
    if library.tracker is None or not library.tracker.areas:
        return None
    rows = [
        Row(
            area.title,
            tuple(Segment(s, labels.TOPIC_STATUS[s], counts[s]) for s in TOPIC_STATUS_ORDER),
        )
        for area, counts in area_counts(library.tracker)
    ]
    return bar_chart(
        rows,
        chart_id="pg-tracker-chart",
        title="Math tracker: topics by status in each area",
        units=("topic", "topics"),
        legend=True,
    )


def _common(library: Library, page: str) -> dict[str, object]:
    return {
        "page": page,
        "labels": labels,
        "categories": CATEGORIES,
        "statuses": UNKNOWN_STATUSES,
        "category_page": category_page,
        "topic_target": topic_target,
        "tracker_page": TRACKER_PAGE if library.tracker is not None else None,
        "guide": {c: category_guide(library, c) for c in CATEGORIES},
        "papers_index": library.papers_index_src_uri,
        "unknowns_index": UNKNOWNS_INDEX,
        "concepts_dir": library.settings.concepts_dir.strip("/"),
        "safe_url": safe_url,
    }


def unknowns_index_page(library: Library, templates_dir: Path | None = None) -> GeneratedPage:
    entries = unknown_entries(library)
    papers = list({e.paper_slug: e.paper_title for e in entries}.items())
    markdown = render(
        "unknowns_index.md.j2",
        templates_dir,
        entries=entries,
        groups=by_category(entries),
        counts=category_counts(entries),
        papers=papers,
        **_common(library, UNKNOWNS_INDEX),
    )
    return GeneratedPage(UNKNOWNS_INDEX, markdown, None, nav_optional=True)


def unknowns_category_pages(
    library: Library, templates_dir: Path | None = None
) -> list[GeneratedPage]:
    entries = unknown_entries(library)
    groups = by_category(entries)
    needs = {need.topic.id: need for need in topic_needs(library)}
    pages = []
    for category in CATEGORIES:
        page = category_page(category)
        items = groups[category]
        by_paper: dict[str, list[object]] = {}
        for entry in items:
            by_paper.setdefault(entry.paper_slug, []).append(entry)
        markdown = render(
            "unknowns_category.md.j2",
            templates_dir,
            category=category,
            entries=items,
            by_paper=list(by_paper.values()),
            topic_groups=assumed_groups(library, items) if category == "assumed" else [],
            needs=needs,
            open_count=sum(1 for e in items if e.unknown.status == "open"),
            paper_count=len(by_paper),
            **_common(library, page),
        )
        pages.append(GeneratedPage(page, markdown, None, nav_optional=True))
    return pages


def tracker_page(library: Library, templates_dir: Path | None = None) -> GeneratedPage | None:
    tracker = library.tracker
    if tracker is None:
        return None
    needs = topic_needs(library)
    markdown = render(
        "tracker.md.j2",
        templates_dir,
        tracker=tracker,
        chart=tracker_chart(library),
        study=study_next(library),
        needs={need.topic.id: need for need in needs},
        total={s: sum(1 for n in needs if n.topic.status == s) for s in TOPIC_STATUS_ORDER},
        paper_src_uri=library.paper_src_uri,
        title_of=library.title_of,
        **_common(library, TRACKER_PAGE),
    )
    return GeneratedPage(TRACKER_PAGE, markdown, tracker.src_uri, nav_optional=True)


def method_pages(library: Library, templates_dir: Path | None = None) -> list[GeneratedPage]:
    """The dashboard, the per-category pages and (with a tracker) the tracker page."""
    pages = [unknowns_index_page(library, templates_dir)]
    pages.extend(unknowns_category_pages(library, templates_dir))
    tracker = tracker_page(library, templates_dir)
    if tracker is not None:
        pages.append(tracker)
    return pages
