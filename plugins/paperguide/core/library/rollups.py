"""Cross-paper rollups: unknowns by category and status, reading status, what the tracker blocks.

Everything here is computed from the immutable :class:`~.library.Library` at build time; the
generated pages only lay these numbers and lists out, so no page needs a client-side query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..notes.model import CATEGORIES, STATUSES, UNKNOWN_STATUSES, Note, Unknown
from ..study.tracker import Area, Topic, Tracker
from .library import Library

#: Where the generated pages live, relative to the content directory.
UNKNOWNS_DIR = "unknowns"
UNKNOWNS_INDEX = f"{UNKNOWNS_DIR}/index.md"
TRACKER_PAGE = "tracker.md"


def category_page(category: str) -> str:
    return f"{UNKNOWNS_DIR}/{category}.md"


def topic_target(topic_id: str) -> str:
    """The anchor of a topic on the tracker page."""
    return f"{TRACKER_PAGE}#topic-{topic_id}"


def category_guide(library: Library, category: str) -> str | None:
    """``guides/unknowns.md#<category>`` if the site has that guide page, else ``None``.

    Checked on disk so a site without the guide never gets a broken link; a guide without the
    anchor still fails a strict build through MkDocs' anchor validation, which names the page.
    """
    guide = library.settings.unknowns_guide.strip().lstrip("/")
    if not guide or not library.settings.resolve(guide).is_file():
        return None
    return f"{guide}#{category}"


@dataclass(frozen=True)
class UnknownEntry:
    """One unknown of one note, with what a cross-paper list needs to show and link it."""

    note: Note
    unknown: Unknown
    paper_title: str
    paper_slug: str
    paper_src_uri: str

    @property
    def target(self) -> str:
        """The exact callout on the paper's guide page."""
        return f"{self.paper_src_uri}#u-{self.unknown.id}"


def unknown_entries(library: Library) -> list[UnknownEntry]:
    """Every unknown of every note, papers in index order, unknowns in note order."""
    return [
        UnknownEntry(
            note,
            unknown,
            library.title_of(note.key),
            library.slugs.get(note.key, note.key),
            library.paper_src_uri(note.key),
        )
        for note in library.sorted_notes()
        for unknown in note.unknowns
    ]


def by_category(entries: Iterable[UnknownEntry]) -> dict[str, list[UnknownEntry]]:
    """Entries grouped by category, every category present (possibly empty), in format order."""
    groups: dict[str, list[UnknownEntry]] = {c: [] for c in CATEGORIES}
    for entry in entries:
        groups.setdefault(entry.unknown.category, []).append(entry)
    return groups


@dataclass(frozen=True)
class CategoryCount:
    category: str
    by_status: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def category_counts(entries: Iterable[UnknownEntry]) -> list[CategoryCount]:
    """Per category, how many unknowns are open, resolved and disputed."""
    counts = {c: Counter[str]() for c in CATEGORIES}
    for entry in entries:
        counts.setdefault(entry.unknown.category, Counter())[entry.unknown.status] += 1
    return [CategoryCount(c, {s: counts[c][s] for s in UNKNOWN_STATUSES}) for c in counts]


def status_distribution(library: Library) -> list[tuple[str | None, int]]:
    """How many papers sit at each reading status (``None``: no status given, only if any)."""
    counts = Counter(note.status for note in library.notes.values())
    rows: list[tuple[str | None, int]] = [(s, counts[s]) for s in STATUSES]
    if counts[None]:
        rows.append((None, counts[None]))
    return rows


# -- the tracker side --------------------------------------------------------------------------


def papers_needing(library: Library) -> dict[str, list[Note]]:
    """For each prerequisite id, the notes that list it (papers in index order)."""
    needs: dict[str, list[Note]] = {}
    for note in library.sorted_notes():
        for prerequisite in dict.fromkeys(note.prerequisites):
            needs.setdefault(prerequisite, []).append(note)
    return needs


@dataclass(frozen=True)
class TopicNeed:
    topic: Topic
    area: Area
    papers: tuple[Note, ...]


def topic_needs(library: Library) -> list[TopicNeed]:
    """Every tracker topic with the papers that need it, in tracker order."""
    tracker = library.tracker
    if tracker is None:
        return []
    needs = papers_needing(library)
    return [
        TopicNeed(topic, area, tuple(needs.get(topic.id, ())))
        for area in tracker.areas
        for topic in area.topics
    ]


def study_next(library: Library) -> list[TopicNeed]:
    """Red topics, then yellow ones; within each, the topics most papers need come first.

    Ties keep the tracker's own order, which is the author's idea of a learning path.
    """
    order = {"red": 0, "yellow": 1}
    pending = [
        (order[need.topic.status], -len(need.papers), index, need)
        for index, need in enumerate(topic_needs(library))
        if need.topic.status in order
    ]
    return [need for *_, need in sorted(pending, key=lambda item: item[:3])]


def area_counts(tracker: Tracker) -> list[tuple[Area, dict[str, int]]]:
    """Per area, how many topics are green, yellow and red."""
    out = []
    for area in tracker.areas:
        counts = Counter(topic.status for topic in area.topics)
        out.append((area, {s: counts[s] for s in ("green", "yellow", "red")}))
    return out


@dataclass(frozen=True)
class Readiness:
    """How ready the reader is for one paper, from its prerequisites and the tracker."""

    counts: dict[str, int]  # green/yellow/red -> number of the paper's prerequisites
    gaps: tuple[Topic, ...]  # red topics, then yellow ones, in the note's order
    concepts: tuple[str, ...]  # prerequisites that are concept pages, not tracker topics

    @property
    def summary(self) -> str:
        """``2 green · 1 red`` (only the statuses present)."""
        return " · ".join(f"{n} {s}" for s, n in self.counts.items() if n)


def readiness(library: Library, note: Note) -> Readiness | None:
    """``None`` when the note lists no prerequisites (or none that the site knows)."""
    if not note.prerequisites:
        return None
    tracker = library.tracker
    topics = [t for p in note.prerequisites if tracker and (t := tracker.topic(p))]
    topic_ids = {t.id for t in topics}
    concepts = tuple(
        p for p in note.prerequisites if p not in topic_ids and p in library.concept_ids
    )
    if not topics and not concepts:
        return None  # every id is unknown; the loader reported each one
    counts = Counter(t.status for t in topics)
    gaps = [t for t in topics if t.status == "red"] + [t for t in topics if t.status == "yellow"]
    return Readiness({s: counts[s] for s in ("green", "yellow", "red")}, tuple(gaps), concepts)


# -- background to learn first: assumed unknowns grouped by what they point to ------------------


@dataclass
class TopicGroup:
    """Assumed unknowns that point to one topic or concept (or to nothing yet)."""

    ident: str | None  # the topic or concept id; None for unknowns without a topic
    kind: str  # "topic", "concept" or "none"
    title: str
    topic: Topic | None = None
    entries: list[UnknownEntry] = field(default_factory=list)


def assumed_groups(library: Library, entries: Iterable[UnknownEntry]) -> list[TopicGroup]:
    """Assumed unknowns by the topic they point to: red topics first, unlinked ones last."""
    groups: dict[str | None, TopicGroup] = {}
    tracker = library.tracker
    for entry in entries:
        if entry.unknown.category != "assumed":
            continue
        ident = entry.unknown.topic
        if ident not in groups:
            topic = tracker.topic(ident) if tracker and ident else None
            if topic is not None:
                group = TopicGroup(ident, "topic", topic.title, topic)
            elif ident is not None and ident in library.concept_ids:
                group = TopicGroup(ident, "concept", ident.replace("-", " ").capitalize())
            else:
                # An unknown id was reported while loading; list it with the unlinked ones.
                ident = None
                group = groups.get(None) or TopicGroup(None, "none", "Not linked to a topic yet")
            groups[ident] = group
        groups[ident].entries.append(entry)
    status_rank = {"red": 0, "yellow": 1, "green": 2}
    tracker_order = {tid: i for i, tid in enumerate(tracker.topic_ids())} if tracker else {}

    def sort_key(group: TopicGroup) -> tuple[int, int, int, str]:
        if group.topic is not None:
            rank = status_rank[group.topic.status]
            return (0, rank, -len(group.entries), f"{tracker_order[group.topic.id]:06d}")
        if group.kind == "concept":
            return (1, 0, -len(group.entries), group.ident or "")
        return (2, 0, 0, "")

    return sorted(groups.values(), key=sort_key)
