"""The math tracker: ``tracker.yml`` -> areas of math, their topics and a G/Y/R status for each.

The file is read with the same machinery as notes (positions kept, schema checked, every problem a
located diagnostic), so an author gets ``tracker.yml:12:13: 'orange' is not an allowed value
(field areas[0].topics[1].status)`` rather than a traceback. A broken entry is skipped and the
rest of the tracker still loads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..base.diagnostics import Diagnostic, format_field_path
from ..base.textfile import read_text
from ..base.urls import url_problem
from ..base.yaml_locator import Locator
from ..notes.model import DataPath
from ..notes.validation import load_checked

#: Topic statuses in the order "study next" works through them (the worst first).
TOPIC_STATUSES: tuple[str, ...] = ("green", "yellow", "red")
RESOURCE_KINDS: tuple[str, ...] = ("course", "book", "exercises", "video", "other")


@dataclass(frozen=True)
class Resource:
    title: str
    url: str | None
    kind: str | None
    at: DataPath = field(default=(), compare=False)


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    status: str
    area_id: str
    resources: tuple[Resource, ...] = ()
    evidence: str | None = None
    at: DataPath = field(default=(), compare=False)


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    resources: tuple[Resource, ...] = ()
    topics: tuple[Topic, ...] = ()
    at: DataPath = field(default=(), compare=False)


@dataclass(frozen=True)
class Tracker:
    """The whole tracker file; topics are unique across areas (checked on load)."""

    source: str  # path shown in diagnostics
    src_uri: str  # path relative to the content directory (for the edit link)
    areas: tuple[Area, ...] = ()
    locator: Locator = field(default_factory=Locator, compare=False, repr=False)

    def topics(self) -> Iterator[Topic]:
        for area in self.areas:
            yield from area.topics

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics() if t.id == topic_id), None)

    def topic_ids(self) -> list[str]:
        return [t.id for t in self.topics()]

    def area(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)

    def locate(self, path: DataPath) -> tuple[int | None, int | None]:
        return self.locator.value_at(path)


@dataclass(frozen=True)
class LoadedTracker:
    tracker: Tracker | None
    diagnostics: tuple[Diagnostic, ...]


def _text(data: Any, name: str) -> str | None:
    value = data.get(name) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _items(data: Any, name: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(name) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _resources(data: Any, path: DataPath) -> tuple[Resource, ...]:
    out = []
    for index, item in _items(data, "resources"):
        title = _text(item, "title")
        if title is not None:
            kind = _text(item, "kind")
            out.append(
                Resource(
                    title,
                    _text(item, "url"),
                    kind if kind in RESOURCE_KINDS else None,
                    (*path, "resources", index),
                )
            )
    return tuple(out)


def _build(data: dict[str, Any], source: str, src_uri: str, locator: Locator) -> Tracker:
    areas = []
    for a_index, a_data in _items(data, "areas"):
        area_id, area_title = _text(a_data, "id"), _text(a_data, "title")
        if area_title is None:
            continue  # the schema reports the missing field
        # An area id that was reported (and pruned) gets a stand-in, so one typo does not also
        # take every topic of the area away from the notes that need them.
        area_id = area_id or f"area-{a_index + 1}"
        a_path: DataPath = ("areas", a_index)
        topics = []
        for t_index, t_data in _items(a_data, "topics"):
            topic_id, title = _text(t_data, "id"), _text(t_data, "title")
            status = _text(t_data, "status")
            if topic_id is None or title is None:
                continue
            # A refused status is reported already; "red" (a gap to study) keeps the topic and
            # the notes that need it, and claims nothing the author did not write.
            status = status if status in TOPIC_STATUSES else "red"
            t_path: DataPath = (*a_path, "topics", t_index)
            topics.append(
                Topic(
                    topic_id,
                    title,
                    status,
                    area_id,
                    _resources(t_data, t_path),
                    _text(t_data, "evidence"),
                    t_path,
                )
            )
        areas.append(Area(area_id, area_title, _resources(a_data, a_path), tuple(topics), a_path))
    return Tracker(source, src_uri, tuple(areas), locator)


def check_tracker(tracker: Tracker) -> list[Diagnostic]:
    """What the schema cannot say: unique ids across areas, linkable resource URLs."""
    problems: list[Diagnostic] = []

    def report(path: DataPath, message: str, hint: str) -> None:
        line, col = tracker.locate(path)
        problems.append(
            Diagnostic(tracker.source, line, col, message, format_field_path(path), hint)
        )

    seen_areas: dict[str, DataPath] = {}
    seen_topics: dict[str, DataPath] = {}
    for area in tracker.areas:
        if area.id in seen_areas:
            first = tracker.locate((*seen_areas[area.id], "id"))[0]
            report(
                (*area.at, "id"), f"duplicate area id '{area.id}'", f"the first is on line {first}"
            )
        seen_areas.setdefault(area.id, area.at)
        for topic in area.topics:
            if topic.id in seen_topics:
                first = tracker.locate((*seen_topics[topic.id], "id"))[0]
                report(
                    (*topic.at, "id"),
                    f"duplicate topic id '{topic.id}'",
                    f"notes refer to topics by id, so ids are unique across areas; "
                    f"the first is on line {first}",
                )
            seen_topics.setdefault(topic.id, topic.at)
        for resource in (*area.resources, *(r for t in area.topics for r in t.resources)):
            if resource.url and (problem := url_problem(resource.url)):
                report((*resource.at, "url"), problem, "links must start with http:// or https://")
    return problems


def parse_tracker(text: str, source: str, src_uri: str) -> LoadedTracker:
    """Parse the text of a tracker file; ``source`` is the path shown in diagnostics."""
    doc = load_checked(
        text,
        source,
        "tracker",
        not_a_mapping=(
            "the tracker must be a mapping with an 'areas:' list",
            "start with 'areas:' at the left margin",
        ),
    )
    diagnostics = list(doc.diagnostics)
    if doc.data is None:
        # An empty tracker is a tracker with no areas yet, not an error.
        return LoadedTracker(Tracker(source, src_uri) if doc.empty else None, tuple(diagnostics))
    tracker = _build(doc.data, source, src_uri, doc.locator)
    diagnostics.extend(check_tracker(tracker))
    return LoadedTracker(tracker, tuple(diagnostics))


def load_tracker(path: Path, source: str, src_uri: str) -> LoadedTracker:
    """Read and parse the tracker file at ``path``."""
    text, problems = read_text(path, source)
    if text is None:
        return LoadedTracker(None, tuple(problems))
    return parse_tracker(text, source, src_uri)
