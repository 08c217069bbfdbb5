"""Edges planned on the grid, before anything has a size: which gaps each one runs along.

An edge leaves its box through the bottom or top border (or, between boxes side by side,
through the facing sides), runs along the horizontal gap next to it and, if its other end is
further than the next row, down or up a vertical gap between columns to the gap next to that
box, where it enters through the border. Gaps hold no boxes, so no edge can pass through a
label. Runs that share a gap get tracks of their own (greedy interval colouring: as many tracks
as runs overlapping at one point), so two edges never lie on top of each other.

Positions along gaps are abstract until ``drawing.py`` sizes them: column ``c`` is ``2c+1``
and the gap left of it ``2c``; the gap above row ``r`` is ``2r``. Intervals are closed, so runs
that only touch still get different tracks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .grid import Placement, Slot


@dataclass(frozen=True)
class Route:
    """An edge's path through the grid, from its upper (or left) box to the other one."""

    edge: int
    first: str  # node the route starts from
    last: str
    kind: (
        str  # "side": boxes side by side; "gap": one horizontal gap; "detour": gap, column gap, gap
    )
    h1: int = -1  # horizontal gap of the first run (gap h lies above row h)
    v: int = -1  # vertical gap (gap v lies left of column v) of a detour
    h2: int = -1  # horizontal gap of the last run of a detour
    exit: str = "bottom"  # side of ``first`` it leaves by
    entry: str = "top"  # side of ``last`` it enters by


def _columns_of(slot: Slot) -> range:
    return range(slot.col, slot.col + slot.span)


def _near(slot: Slot, x: int) -> int:
    """The column of ``slot`` nearest to abstract x ``x`` (column c is 2c+1, gap v is 2v)."""
    best = slot.col
    for col in _columns_of(slot):
        if abs(2 * col + 1 - x) < abs(2 * best + 1 - x):
            best = col
    return best


class Router:
    def __init__(self, placement: Placement, edges: Sequence[tuple[str, str]]) -> None:
        self.placement = placement
        self.edges = edges
        # gap key ("h", i) / ("v", i) -> [(lo, hi, edge, leg)] in abstract coordinates
        self.runs: dict[tuple[str, int], list[tuple[int, int, int, int]]] = defaultdict(list)
        # (node, side, column) -> [(heading x, edge, end)]: the ports on one border
        self.ports: dict[tuple[str, str, int], list[tuple[int, int, int]]] = defaultdict(list)
        self.blocked: set[tuple[int, int]] = set()  # (vertical gap, row) inside a wide box
        self.sides: set[tuple[str, str]] = set()  # pairs already joined side to side
        for slot in placement.slots.values():
            for v in range(slot.col + 1, slot.col + slot.span):
                self.blocked.add((v, slot.row))

    def _load(self, gap: tuple[str, int], lo: int, hi: int) -> int:
        return sum(1 for a, b, _, _ in self.runs[gap] if a <= hi and lo <= b)

    def route(self, index: int) -> Route:
        source, target = self.edges[index]
        slots = self.placement.slots
        a, b = slots[source], slots[target]
        if (a.row, a.col) > (b.row, b.col):  # plan from the upper (left) box
            (first, fa), (last, fb) = (target, b), (source, a)
        else:
            (first, fa), (last, fb) = (source, a), (target, b)
        if fa.row == fb.row:
            if fa.col + fa.span == fb.col and (first, last) not in self.sides:
                self.sides.add((first, last))  # a second edge of the pair takes a gap
                return Route(index, first, last, "side", exit="right", entry="left")
            xa, xb = 2 * fa.col + 1, 2 * fb.col + 1
            below = self._load(("h", fa.row + 1), xa, xb)
            above = self._load(("h", fa.row), xa, xb)
            h = fa.row if above < below else fa.row + 1
            side = "top" if h == fa.row else "bottom"
            route = Route(index, first, last, "gap", h1=h, exit=side, entry=side)
            self._add_gap_run(route, fa, fb)
            return route
        if fb.row == fa.row + 1:
            route = Route(index, first, last, "gap", h1=fb.row)
            self._add_gap_run(route, fa, fb)
            return route
        h1, h2 = fa.row + 1, fb.row
        xa = 2 * _near(fa, 2 * fb.col + 1) + 1
        xb = 2 * _near(fb, xa) + 1
        best: tuple[float, int] | None = None
        for v in range(self.placement.columns + 1):
            if any((v, row) in self.blocked for row in range(h1, h2)):
                continue
            cost = abs(2 * v - xa) + abs(2 * v - xb) + 2 * self._load(("v", v), 2 * h1, 2 * h2)
            if best is None or (cost, v) < best:
                best = (cost, v)
        assert best is not None  # the outer gaps are never blocked
        v = best[1]
        route = Route(index, first, last, "detour", h1=h1, v=v, h2=h2)
        pa, pb = _near(fa, 2 * v), _near(fb, 2 * v)
        self._run(("h", h1), 2 * pa + 1, 2 * v, index, 0)
        self._run(("v", v), 2 * h1, 2 * h2, index, 1)
        self._run(("h", h2), 2 * v, 2 * pb + 1, index, 2)
        self.ports[(first, "bottom", pa)].append((2 * v, index, 0))
        self.ports[(last, "top", pb)].append((2 * v, index, 1))
        return route

    def _add_gap_run(self, route: Route, fa: Slot, fb: Slot) -> None:
        pa = _near(fa, 2 * fb.col + 1)
        pb = _near(fb, 2 * pa + 1)
        self._run(("h", route.h1), 2 * pa + 1, 2 * pb + 1, route.edge, 0)
        self.ports[(route.first, route.exit, pa)].append((2 * pb + 1, route.edge, 0))
        self.ports[(route.last, route.entry, pb)].append((2 * pa + 1, route.edge, 1))

    def _run(self, gap: tuple[str, int], x0: int, x1: int, edge: int, leg: int) -> None:
        self.runs[gap].append((min(x0, x1), max(x0, x1), edge, leg))

    def tracks(self) -> tuple[dict[tuple[int, int], int], dict[tuple[str, int], int]]:
        """Track of every run, and how many tracks each gap needs (greedy interval colouring)."""
        track: dict[tuple[int, int], int] = {}
        count: dict[tuple[str, int], int] = {}
        for gap, runs in sorted(self.runs.items()):
            ends: list[int] = []
            for lo, hi, edge, leg in sorted(runs):
                for t, end in enumerate(ends):
                    if end < lo:
                        ends[t] = hi
                        break
                else:
                    t = len(ends)
                    ends.append(hi)
                track[(edge, leg)] = t
            count[gap] = len(ends)
        return track, count
