"""Node labels in graph drawings: sizes, boxes, and which labels fit without overlapping."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

Point = tuple[float, float]

NODE_RADIUS = 7.0
LABEL_FONT = 11.0
LABEL_GAP = 4.0


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def label_width(label: str, font_size: float = LABEL_FONT) -> float:
    """Rough width of a label in the sans-serif font (no font metrics at build time)."""
    return 0.58 * font_size * len(label) + 2.0


def choose_labels(
    positions: dict[str, Point],
    labels: dict[str, str],
    priority: Callable[[str], tuple[object, ...]],
    preferred: Callable[[str], str] = lambda _node: "start",
    area: Box | None = None,
) -> dict[str, str]:
    """Where each label goes (``start``/``end``/``below``/``above``), greedily by ``priority``.

    A label takes the first place, starting with the node's preferred one, where it stays inside
    ``area`` and overlaps neither an earlier label nor any node; nodes missing from the result
    get a hidden label (shown on hover and focus).
    """
    placed: list[Box] = []
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    size = 80.0
    circles: dict[tuple[int, int], list[Box]] = defaultdict(list)
    for x, y in positions.values():
        circle = Box(x - NODE_RADIUS, y - NODE_RADIUS, x + NODE_RADIUS, y + NODE_RADIUS)
        circles[(math.floor(x / size), math.floor(y / size))].append(circle)
    chosen: dict[str, str] = {}
    for node in sorted(positions, key=priority):
        first = preferred(node)
        for anchor in (first, *(a for a in LABEL_PLACES if a != first)):
            box = label_box(positions[node], labels.get(node, ""), anchor)
            if area is not None and not (
                area.x0 <= box.x0 and box.x1 <= area.x1 and area.y0 <= box.y0 and box.y1 <= area.y1
            ):
                continue
            cells = [
                (cx, cy)
                for cx in range(math.floor(box.x0 / size) - 1, math.floor(box.x1 / size) + 2)
                for cy in range(math.floor(box.y0 / size) - 1, math.floor(box.y1 / size) + 2)
            ]
            if any(box.overlaps(placed[i]) for cell in cells for i in grid.get(cell, ())):
                continue
            if any(box.overlaps(c) for cell in cells for c in circles.get(cell, ())):
                continue
            placed.append(box)
            for cell in cells:
                grid[cell].append(len(placed) - 1)
            chosen[node] = anchor
            break
    return chosen


#: Where a label may go, in the order they are tried after the node's preferred place.
LABEL_PLACES = ("start", "end", "below", "above")


def label_box(point: Point, label: str, anchor: str) -> Box:
    """Where a node's label is drawn: right of it (``start``), left (``end``), below, above."""
    x, y = point
    width = label_width(label)
    half = LABEL_FONT * 0.6
    if anchor == "end":
        right = x - NODE_RADIUS - LABEL_GAP
        return Box(right - width, y - half, right, y + half)
    if anchor == "below":
        top = y + NODE_RADIUS + 2
        return Box(x - width / 2, top, x + width / 2, top + LABEL_FONT + 2)
    if anchor == "above":
        bottom = y - NODE_RADIUS - 2
        return Box(x - width / 2, bottom - LABEL_FONT - 2, x + width / 2, bottom)
    left = x + NODE_RADIUS + LABEL_GAP
    return Box(left, y - half, left + width, y + half)
