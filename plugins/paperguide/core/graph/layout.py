"""Deterministic graph layouts: clustered force layout (global) and radial layout (local).

No randomness, no platform-dependent maths in the iterative part: positions start on a square
spiral with a jitter taken from a SHA-1 of the node id, forces use only ``+ - * /`` and
``sqrt`` (correctly rounded everywhere), and every loop runs in sorted order. The same graph
therefore always gets the same coordinates, on any machine.

The global layout lays out each cluster with Fruchterman–Reingold (repulsion only between nodes
in neighbouring grid cells, so a step costs about O(n)), then packs the clusters' bounding boxes
in rows. A final pass guarantees a minimum distance between any two nodes (pushing apart, then,
if that ever fails, snapping to a grid).
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .labels import LABEL_GAP, NODE_RADIUS, Box, Point, label_width

IDEAL_EDGE = 70.0
#: Minimum distance between node centres in every layout (tests check it).
MIN_DISTANCE = 26.0
CLUSTER_PADDING = 18.0
CLUSTER_GAP = 28.0


def _jitter(node_id: str) -> Point:
    digest = hashlib.sha1(node_id.encode("utf-8")).digest()
    return (digest[0] / 255.0 - 0.5, digest[1] / 255.0 - 0.5)


def _square_spiral(count: int) -> list[tuple[int, int]]:
    """Grid cells around (0, 0), nearest first: (0,0), (1,0), (1,1), (0,1), (-1,1), …"""
    cells = [(0, 0)]
    x = y = 0
    step = 1
    while len(cells) < count:
        for dx, dy, times in ((1, 0, step), (0, 1, step), (-1, 0, step + 1), (0, -1, step + 1)):
            for _ in range(times):
                x += dx
                y += dy
                cells.append((x, y))
        step += 2
    return cells[:count]


def force_layout(
    node_ids: Sequence[str], edges: Iterable[tuple[str, str]], iterations: int | None = None
) -> dict[str, Point]:
    """Fruchterman–Reingold with grid-limited repulsion; deterministic."""
    ids = list(node_ids)
    if not ids:
        return {}
    if len(ids) == 1:
        return {ids[0]: (0.0, 0.0)}
    adjacency: dict[str, set[str]] = {n: set() for n in ids}
    for a, b in edges:
        if a in adjacency and b in adjacency and a != b:
            adjacency[a].add(b)
            adjacency[b].add(a)
    order = sorted(ids, key=lambda n: (-len(adjacency[n]), n))
    index = {n: i for i, n in enumerate(order)}
    k = IDEAL_EDGE
    pos: dict[str, list[float]] = {}
    for node, (gx, gy) in zip(order, _square_spiral(len(order)), strict=True):
        jx, jy = _jitter(node)
        pos[node] = [gx * k * 0.9 + jx * k * 0.3, gy * k * 0.9 + jy * k * 0.3]
    pairs = sorted(
        {(min(index[a], index[b]), max(index[a], index[b])) for a in ids for b in adjacency[a]}
    )
    steps = iterations if iterations is not None else (150 if len(ids) <= 200 else 100)
    start_temperature = k * max(1.0, math.sqrt(len(ids)) / 2.0)
    cell = 2.0 * k
    reach = cell * cell
    gravity = 0.02
    for step in range(steps):
        temperature = start_temperature * (1.0 - step / steps) + k * 0.02
        disp = [[0.0, 0.0] for _ in order]
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, node in enumerate(order):
            x, y = pos[node]
            grid[(math.floor(x / cell), math.floor(y / cell))].append(i)
        for (cx, cy), members in sorted(grid.items()):
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    others = grid.get((cx + dx, cy + dy))
                    if not others:
                        continue
                    for i in members:
                        xi, yi = pos[order[i]]
                        for j in others:
                            if j <= i:
                                continue
                            xj, yj = pos[order[j]]
                            ddx, ddy = xi - xj, yi - yj
                            d2 = ddx * ddx + ddy * ddy
                            if d2 >= reach:
                                continue
                            if d2 < 1e-6:
                                jx, jy = _jitter(order[i] + "|" + order[j])
                                ddx, ddy, d2 = jx + 0.01, jy, (jx + 0.01) ** 2 + jy * jy
                            force = k * k / d2  # (k^2 / d) / d, i.e. already divided by d
                            disp[i][0] += ddx * force
                            disp[i][1] += ddy * force
                            disp[j][0] -= ddx * force
                            disp[j][1] -= ddy * force
        for i, j in pairs:
            xi, yi = pos[order[i]]
            xj, yj = pos[order[j]]
            ddx, ddy = xi - xj, yi - yj
            d = math.sqrt(ddx * ddx + ddy * ddy)
            if d < 1e-9:
                continue
            force = d / k  # (d^2 / k) / d
            disp[i][0] -= ddx * force
            disp[i][1] -= ddy * force
            disp[j][0] += ddx * force
            disp[j][1] += ddy * force
        for i, node in enumerate(order):
            x, y = pos[node]
            dx = disp[i][0] - x * gravity
            dy = disp[i][1] - y * gravity
            length = math.sqrt(dx * dx + dy * dy)
            if length > temperature:
                dx, dy = dx * temperature / length, dy * temperature / length
            pos[node] = [x + dx, y + dy]
    return {node: (p[0], p[1]) for node, p in pos.items()}


def separate(
    positions: dict[str, Point], min_distance: float = MIN_DISTANCE, rounds: int = 80
) -> dict[str, Point]:
    """Move nodes apart until every pair is at least ``min_distance`` apart."""
    order = sorted(positions)
    pos = {n: list(positions[n]) for n in order}
    for _ in range(rounds):
        moved = False
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, node in enumerate(order):
            x, y = pos[node]
            grid[(math.floor(x / min_distance), math.floor(y / min_distance))].append(i)
        for (cx, cy), members in sorted(grid.items()):
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for i in members:
                        for j in grid.get((cx + dx, cy + dy), ()):
                            if j <= i:
                                continue
                            a, b = pos[order[i]], pos[order[j]]
                            ddx, ddy = a[0] - b[0], a[1] - b[1]
                            d = math.sqrt(ddx * ddx + ddy * ddy)
                            if d >= min_distance:
                                continue
                            if d < 1e-6:
                                jx, jy = _jitter(order[i] + "/" + order[j])
                                ddx, ddy = jx + 0.01, jy
                                d = math.sqrt(ddx * ddx + ddy * ddy)
                            push = (min_distance - d) / 2.0 + 0.05
                            ux, uy = ddx / d, ddy / d
                            a[0] += ux * push
                            a[1] += uy * push
                            b[0] -= ux * push
                            b[1] -= uy * push
                            moved = True
        if not moved:
            return {n: (p[0], p[1]) for n, p in pos.items()}
    return snap_to_grid({n: (p[0], p[1]) for n, p in pos.items()}, min_distance)


def snap_to_grid(positions: dict[str, Point], spacing: float) -> dict[str, Point]:
    """Each node on its own grid cell (nearest free one): a guaranteed minimum distance."""
    taken: set[tuple[int, int]] = set()
    result: dict[str, Point] = {}
    for node in sorted(positions, key=lambda n: (positions[n][1], positions[n][0], n)):
        x, y = positions[node]
        home = (round(x / spacing), round(y / spacing))
        for ox, oy in _square_spiral(10_000):
            cell = (home[0] + ox, home[1] + oy)
            if cell not in taken:
                taken.add(cell)
                result[node] = (cell[0] * spacing, cell[1] * spacing)
                break
    return result


def min_distance(positions: dict[str, Point]) -> float:
    """The smallest distance between two nodes (``inf`` for fewer than two)."""
    points = [positions[n] for n in sorted(positions)]
    best = math.inf
    for i, (xi, yi) in enumerate(points):
        for xj, yj in points[i + 1 :]:
            best = min(best, math.hypot(xi - xj, yi - yj))
    return best


def bounds(positions: dict[str, Point], labels: dict[str, str]) -> Box:
    """Bounding box of the nodes and their labels (drawn to the right of each node)."""
    x0 = y0 = math.inf
    x1 = y1 = -math.inf
    for node, (x, y) in positions.items():
        x0 = min(x0, x - NODE_RADIUS)
        x1 = max(x1, x + NODE_RADIUS + LABEL_GAP + label_width(labels.get(node, "")))
        y0 = min(y0, y - NODE_RADIUS - 2)
        y1 = max(y1, y + NODE_RADIUS + 2)
    return Box(x0, y0, x1, y1)


@dataclass(frozen=True)
class Layout:
    positions: dict[str, Point]
    clusters: tuple[tuple[Box, tuple[str, ...]], ...]  # background box and members
    width: float
    height: float


def clustered_layout(
    groups: Sequence[Sequence[str]],
    edges: Iterable[tuple[str, str]],
    labels: dict[str, str],
) -> Layout:
    """Each group laid out on its own, then the groups packed in rows; no two nodes overlap."""
    edge_list = list(edges)
    placed: list[tuple[dict[str, Point], Box, tuple[str, ...]]] = []
    for members in groups:
        member_set = set(members)
        if not any(a in member_set and b in member_set for a, b in edge_list) and len(members) > 1:
            local = _grid_block(list(members), labels)
        else:
            local = force_layout(
                members, [(a, b) for a, b in edge_list if a in member_set and b in member_set]
            )
            local = separate(local)
        box = bounds(local, labels)
        pad = CLUSTER_PADDING
        placed.append(
            (local, Box(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad), tuple(members))
        )
    total_area = sum(box.width * box.height for _, box, _ in placed)
    widest = max((box.width for _, box, _ in placed), default=0.0)
    row_limit = max(widest, math.sqrt(total_area) * 1.4, 880.0)
    positions: dict[str, Point] = {}
    cluster_boxes: list[tuple[Box, tuple[str, ...]]] = []
    x = y = 0.0
    row_height = 0.0
    for local, box, members in placed:
        if x > 0 and x + box.width > row_limit:
            x = 0.0
            y += row_height + CLUSTER_GAP
            row_height = 0.0
        ox, oy = x - box.x0, y - box.y0
        for node, (px, py) in local.items():
            positions[node] = (px + ox, py + oy)
        cluster_boxes.append((Box(x, y, x + box.width, y + box.height), members))
        x += box.width + CLUSTER_GAP
        row_height = max(row_height, box.height)
    width = max((b.x1 for b, _ in cluster_boxes), default=0.0)
    height = max((b.y1 for b, _ in cluster_boxes), default=0.0)
    return Layout(positions, tuple(cluster_boxes), width, height)


def _grid_block(members: list[str], labels: dict[str, str]) -> dict[str, Point]:
    """Unconnected nodes in a tidy block, columns wide enough for their labels."""
    column = max(label_width(labels.get(m, "")) for m in members) + NODE_RADIUS * 2 + 16
    per_row = max(1, math.ceil(math.sqrt(len(members) * 2.5)))
    return {
        node: ((i % per_row) * column, (i // per_row) * MIN_DISTANCE * 1.3)
        for i, node in enumerate(members)
    }


def radial_layout(centre: str, others: Sequence[str]) -> dict[str, Point]:
    """The centre node in the middle, its neighbours evenly on a circle (in the given order)."""
    positions: dict[str, Point] = {centre: (0.0, 0.0)}
    count = len(others)
    if not count:
        return positions
    radius = max(140.0, count * 46.0 / (2 * math.pi))
    for index, node in enumerate(others):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        positions[node] = (
            round(radius * math.cos(angle), 1) + 0.0,
            round(radius * math.sin(angle), 1) + 0.0,
        )
    return positions
