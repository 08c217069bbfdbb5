"""What a paper's guide page says about reading progress: status, context advice, readiness.

The claimed status is shown next to the status the note's contents support (see
:mod:`.progress`), and the outside context is compared with the method's advice. The advice is a
hint for the reader of the page, never a build error: a paper may simply have fewer videos.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..notes import labels
from ..notes.model import Note
from ..notes.progress import missing_for, rank, supported_status
from .library import Library
from .rollups import TRACKER_PAGE, Readiness, readiness, topic_target

#: The method's advice for step 1 (outside context before the first read).
BLOG_POSTS = (2, 3)
VIDEOS = (5, 10)
VIDEO_MINUTES = (6, 60)
#: Context kinds that count as videos (a recorded talk is watched like one).
VIDEO_KINDS = ("video", "talk")


@dataclass(frozen=True)
class ContextAdvice:
    blog_posts: int
    videos: int
    video_minutes: tuple[float, ...]  # lengths that were given
    hints: tuple[str, ...]  # what differs from the advice; empty when it matches

    @property
    def follows_advice(self) -> bool:
        return not self.hints


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def context_advice(note: Note) -> ContextAdvice:
    """Compare ``context[]`` with two or three blog posts and five to ten varied videos."""
    blogs = sum(1 for c in note.context if c.kind == "blog")
    videos = [c for c in note.context if c.kind in VIDEO_KINDS]
    minutes = tuple(c.minutes for c in videos if c.minutes is not None)
    hints = []
    if blogs < BLOG_POSTS[0]:
        hints.append("add blog posts: two or three short write-ups teach the vocabulary first")
    if len(videos) < VIDEOS[0]:
        hints.append(
            "add videos: five to ten, by different people, show what others find important"
        )
    low, high = VIDEO_MINUTES
    short = sum(1 for m in minutes if m < low)
    long = sum(1 for m in minutes if m > high)
    if short:
        hints.append(f"{_n(short, 'video is', 'videos are')} shorter than {low} minutes")
    if long:
        hints.append(f"{_n(long, 'video is', 'videos are')} longer than {high} minutes")
    if len(minutes) >= 3 and max(minutes) < 2 * min(minutes):
        hints.append("the videos have similar lengths; mix short overviews with long walk-throughs")
    return ContextAdvice(blogs, len(videos), minutes, tuple(hints))


@dataclass(frozen=True)
class StatusCheck:
    claimed: str | None
    supported: str
    missing: tuple[str, ...]  # what the claimed status needs and the note lacks

    @property
    def ahead(self) -> bool:
        return self.claimed is not None and rank(self.claimed) > rank(self.supported)


def note_contents(note: Note) -> list[str]:
    """What the note holds, section by section, in reading order (for "it contains ...")."""
    items = []
    if note.context:
        items.append(_n(len(note.context), "context source"))
    if note.unknowns:
        items.append(f"{_n(len(note.unknowns), 'unknown')} ({len(note.open_unknowns)} open)")
    if note.anchors and (note.anchors.motivation or note.anchors.conclusion):
        items.append("anchors")
    if note.figures:
        items.append(_n(len(note.figures), "figure"))
    if note.code and note.code.map:
        items.append("a code map")
    if note.method:
        items.append("the method")
    if note.results:
        items.append(_n(len(note.results), "result"))
    if note.formulas:
        items.append(_n(len(note.formulas), "formula"))
    if note.third_pass:
        items.append("a third pass")
    return items


def status_check(note: Note) -> StatusCheck:
    supported = supported_status(note)
    missing = tuple(missing_for(note, note.status)) if note.status else ()
    return StatusCheck(note.status, supported, missing)


def paper_progress(library: Library, note: Note) -> dict[str, Any]:
    """Template variables for ``components/progress.md.j2`` on a paper's guide page."""
    show_context = bool(note.context) or rank(note.status) >= rank("context")
    ready: Readiness | None = readiness(library, note)
    return {
        "progress": status_check(note),
        "contents": note_contents(note),
        "advice": context_advice(note) if show_context else None,
        "readiness": ready,
        "has_tracker": library.tracker is not None,
        "status_labels": labels.STATUS,
        "tracker_page": TRACKER_PAGE,
        "topic_target": topic_target,
        "concepts_dir": library.settings.concepts_dir.strip("/"),
    }
