"""Which grid cell each node's box takes: groups in bands of rows, neighbours near each other.

The drawing is a table of equal columns; every node is a box in one cell (the centre of a
local graph spans its whole row), and edges run only in the gaps between rows and columns
(``routes.py``), so they can never pass through a label. This module only decides cells:

- whole graph: each group (``graph.clusters``) starts on a new row, with its name in its first
  cell; members go in breadth-first order from the best-connected one, then pairs of cells are
  swapped while that shortens the edges (few rows apart, same column), deterministically.
- one node's neighbourhood: the node across the middle row, what it points to (the papers it
  builds on, uses or cites) above it, what points to it below, so the page reads top-down from
  sources to the node to what followed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: How many slots away a swap partner may be, in rows of the grid: bounds the work per node.
_SWAP_ROWS = 4
_SWAP_PASSES = 4


@dataclass(frozen=True)
class Slot:
    row: int
    col: int
    span: int = 1  # columns taken, from ``col``


@dataclass(frozen=True)
class Placement:
    columns: int
    rows: int
    slots: dict[str, Slot]  # node id (or heading id) -> its cell
    headings: dict[str, str]  # heading id -> group name; drawn as text in its cell
    bands: tuple[tuple[int, int], ...]  # (first row, last row) of each group, for backgrounds


def _adjacency(members: Sequence[str], edges: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    inside = set(members)
    adjacent: dict[str, set[str]] = {m: set() for m in members}
    for a, b in edges:
        if a in inside and b in inside and a != b:
            adjacent[a].add(b)
            adjacent[b].add(a)
    return {m: sorted(adjacent[m]) for m in members}


def _breadth_first(members: Sequence[str], adjacent: Mapping[str, list[str]]) -> list[str]:
    """From the best-connected member outwards; neighbours best-connected first."""
    rank = {m: (-len(adjacent[m]), m) for m in members}
    order: list[str] = []
    seen: set[str] = set()
    for start in sorted(members, key=rank.__getitem__):
        if start in seen:
            continue
        seen.add(start)
        queue = [start]
        while queue:
            node = queue.pop(0)
            order.append(node)
            for other in sorted(adjacent[node], key=rank.__getitem__):
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
    return order


def _improve(
    cells: list[tuple[int, int]], slots: list[str | None], adjacent: Mapping[str, list[str]]
) -> list[str | None]:
    """Swap pairs of slots (a node with a node or an empty slot) while the edges get shorter.

    An edge costs its columns apart plus one and a half times its rows apart, plus one if it
    has to go round through a vertical gap (two or more rows apart, or in the same row but not
    side by side)."""
    where = {node: i for i, node in enumerate(slots) if node is not None}
    window = _SWAP_ROWS * max(1, max((c for _, c in cells), default=0) + 1)

    def cost_of(node: str | None, at: int, skip: str | None) -> float:
        if node is None:
            return 0.0
        row, col = cells[at]
        total = 0.0
        for other in adjacent[node]:
            if other != skip:
                r, c = cells[where[other]]
                dr, dc = abs(row - r), abs(col - c)
                total += dc + 1.5 * dr + (1.0 if dr >= 2 or (dr == 0 and dc >= 2) else 0.0)
        return total

    for _ in range(_SWAP_PASSES):
        changed = False
        for i in range(len(slots)):
            for j in range(i + 1, min(len(slots), i + window + 1)):
                a, b = slots[i], slots[j]
                if a is None and b is None:
                    continue
                before = cost_of(a, i, b) + cost_of(b, j, a)
                after = cost_of(a, j, b) + cost_of(b, i, a)
                if after < before - 1e-9:
                    slots[i], slots[j] = b, a
                    if a is not None:
                        where[a] = j
                    if b is not None:
                        where[b] = i
                    changed = True
        if not changed:
            break
    return slots


def place_groups(
    groups: Sequence[Sequence[str]],
    edges: Sequence[tuple[str, str]],
    columns: int,
    names: Sequence[str | None],
    order_key: Mapping[str, str] | None = None,
) -> Placement:
    """Each group from a new row: its name (if any) in the first cell, then its members.

    ``order_key`` sorts the members of a group without edges (by label, say), which are
    otherwise in the given order.
    """
    slots: dict[str, Slot] = {}
    headings: dict[str, str] = {}
    bands: list[tuple[int, int]] = []
    row = 0
    for index, (members, name) in enumerate(zip(groups, names, strict=True)):
        adjacent = _adjacency(members, edges)
        if any(adjacent.values()):
            order: list[str] = _breadth_first(members, adjacent)
        else:
            keys = order_key or {}
            order = sorted(members, key=lambda m: (keys.get(m, m).casefold(), m))
        lead = 1 if name else 0
        count = lead + len(order)
        rows = math.ceil(count / columns)
        cells = [(row + i // columns, i % columns) for i in range(rows * columns)]
        free: list[str | None] = [*order, *([None] * (rows * columns - count))]
        if any(adjacent.values()):
            free = _improve(cells[lead:], free, adjacent)
        if name:
            heading = f"heading:{index}"
            headings[heading] = name
            slots[heading] = Slot(row, 0)
        for (r, c), node in zip(cells[lead:], free, strict=True):
            if node is not None:
                slots[node] = Slot(r, c)
        bands.append((row, row + rows - 1))
        row += rows
    return Placement(columns, row, slots, headings, tuple(bands))


def place_local(centre: str, above: Sequence[str], below: Sequence[str], columns: int) -> Placement:
    """``centre`` across its row; ``above`` in rows over it (nearest row first), ``below`` under."""
    up = math.ceil(len(above) / columns)
    down = math.ceil(len(below) / columns)
    slots = {centre: Slot(up, 0, columns)}
    for i, node in enumerate(above):
        slots[node] = Slot(up - 1 - i // columns, i % columns)
    for i, node in enumerate(below):
        slots[node] = Slot(up + 1 + i // columns, i % columns)
    return Placement(columns, up + 1 + down, slots, {}, ())
