"""Coordinates for a planned graph: gaps sized for their tracks, columns, boxes, edges.

Once ``routes.py`` has planned every edge on the grid, the gaps are sized for the tracks they
hold, the columns share what is left of the drawing's width, the labels wrap to the columns,
each row is as tall as its tallest label, and every edge becomes a polyline from border to
border.

Everything is computed from sorted input with ``+ - * /`` and rounded once when written, so the
same graph always gives the same coordinates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .grid import Placement
from .labels import Box, Point, wrap
from .routes import Router

FONT = 13.0  # label size in px; the SVG is drawn at one user unit per CSS pixel
LINE = 16.0
HEADING_FONT = 12.0
PAD_X = 7.0
PAD_Y = 6.0
MARK = 14.0  # room for the node-kind mark left of the text
#: The widest the drawing may be: it fits Material's content column (688 px at 1280 px).
MAX_WIDTH = 672.0
MIN_COLUMN = 128.0
MAX_COLUMN = 210.0
EDGE_MARGIN = 10.0  # from a gap's border to its first track: room for an arrowhead
TRACK = 6.0
MIN_GAP = 18.0
OUTER_GAP = 4.0
PORT_PITCH = 10.0


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    boxes: dict[str, Box]  # node or heading id -> its box
    lines: dict[str, tuple[str, ...]]  # node or heading id -> its label, wrapped
    edges: tuple[tuple[Point, ...], ...]  # one polyline per edge, source to target
    bands: tuple[Box, ...]  # group backgrounds
    clipped: int  # labels cut short with an ellipsis


def _spacing(tracks: int) -> float:
    return TRACK if tracks <= 8 else max(3.0, 48.0 / (tracks - 1))


def _gap_size(tracks: int, outer: bool) -> float:
    if tracks == 0:
        return OUTER_GAP if outer else MIN_GAP
    return max(MIN_GAP, 2 * EDGE_MARGIN + (tracks - 1) * _spacing(tracks))


def _track_at(start: float, size: float, tracks: int, t: int) -> float:
    spread = (tracks - 1) * _spacing(tracks)
    return start + (size - spread) / 2 + t * _spacing(tracks)


def _cumulative(gaps: Sequence[float], cells: Sequence[float]) -> tuple[list[float], list[float]]:
    """Start of every gap and every cell along one axis: gap 0, cell 0, gap 1, …, gap n."""
    gap_at, cell_at = [], []
    pos = 0.0
    for i, gap in enumerate(gaps):
        gap_at.append(pos)
        pos += gap
        if i < len(cells):
            cell_at.append(pos)
            pos += cells[i]
    return gap_at, cell_at


def draw(
    placement: Placement,
    edges: Sequence[tuple[str, str]],
    labels: Mapping[str, str],
    max_width: float = MAX_WIDTH,
) -> Drawing:
    """Coordinates for every box, label line and edge of ``placement``."""
    router = Router(placement, edges)
    routes = [router.route(i) for i in range(len(edges))]
    track, count = router.tracks()
    columns, rows = placement.columns, placement.rows
    v_size = [_gap_size(count.get(("v", v), 0), v in (0, columns)) for v in range(columns + 1)]
    h_size = [_gap_size(count.get(("h", h), 0), h in (0, rows)) for h in range(rows + 1)]
    column = (max_width - sum(v_size)) / columns
    column = float(int(min(MAX_COLUMN, max(MIN_COLUMN, column))))

    lines: dict[str, tuple[str, ...]] = {}
    clipped = 0
    row_height = [0.0] * rows
    for node, slot in sorted(placement.slots.items()):
        span_width = column * slot.span + sum(v_size[slot.col + 1 : slot.col + slot.span])
        if node in placement.headings:
            text = placement.headings[node]
            lines[node] = wrap(text, span_width - 2, HEADING_FONT)
            height = len(lines[node]) * LINE + 2 * PAD_Y
        else:
            text = labels.get(node, node)
            lines[node] = wrap(text, span_width - 2 * PAD_X - MARK, FONT)
            height = len(lines[node]) * LINE + 2 * PAD_Y
        clipped += lines[node][-1].endswith("…") and not text.endswith("…")
        row_height[slot.row] = max(row_height[slot.row], height)

    gap_x, col_x = _cumulative(v_size, [column] * columns)
    gap_y, row_y = _cumulative(h_size, row_height)
    boxes: dict[str, Box] = {}
    for node, slot in placement.slots.items():
        x0 = col_x[slot.col]
        x1 = col_x[slot.col + slot.span - 1] + column
        y0 = row_y[slot.row]
        boxes[node] = Box(x0, y0, x1, y0 + row_height[slot.row])

    port_x: dict[tuple[int, int], float] = {}
    for (_node, side, col), ends in sorted(router.ports.items()):
        centre = col_x[col] + column / 2
        pitch = min(PORT_PITCH, (column - 16) / max(1, len(ends)))
        # Bottom ports sit a quarter pitch right of the column's lattice and top ports a
        # quarter left, so the stubs of the boxes above and below a gap never coincide.
        shift = 0.25 if side == "bottom" else -0.25
        for i, (_heading, edge, end) in enumerate(sorted(ends)):
            port_x[(edge, end)] = centre + pitch * (i - (len(ends) - 1) // 2 + shift)

    def h_track(h: int, edge: int, leg: int) -> float:
        return _track_at(gap_y[h], h_size[h], count[("h", h)], track[(edge, leg)])

    polylines: list[tuple[Point, ...]] = []
    for route in routes:
        a, b = boxes[route.first], boxes[route.last]
        if route.kind == "side":
            y = (max(a.y0, b.y0) + min(a.y1, b.y1)) / 2
            points: list[Point] = [(a.x1, y), (b.x0, y)]
        else:
            ya = a.y1 if route.exit == "bottom" else a.y0
            yb = b.y0 if route.entry == "top" else b.y1
            pa, pb = port_x[(route.edge, 0)], port_x[(route.edge, 1)]
            if route.kind == "gap":
                y = h_track(route.h1, route.edge, 0)
                points = [(pa, ya), (pa, y), (pb, y), (pb, yb)]
            else:
                y1 = h_track(route.h1, route.edge, 0)
                y2 = h_track(route.h2, route.edge, 2)
                vx = _track_at(
                    gap_x[route.v], v_size[route.v], count[("v", route.v)], track[(route.edge, 1)]
                )
                points = [(pa, ya), (pa, y1), (vx, y1), (vx, y2), (pb, y2), (pb, yb)]
        if edges[route.edge][0] != route.first:
            points.reverse()
        polylines.append(_simplify(points))

    bands = tuple(
        Box(
            col_x[0] - 3,
            row_y[first] - 5,
            col_x[-1] + column + 3,
            row_y[last] + row_height[last] + 5,
        )
        for first, last in placement.bands
    )
    width = gap_x[-1] + v_size[-1]
    height = gap_y[-1] + h_size[-1]
    return Drawing(width, height, boxes, lines, tuple(polylines), bands, clipped)


def _simplify(points: Sequence[Point]) -> tuple[Point, ...]:
    """Drop repeated points and the middle one of three in a line."""
    kept: list[Point] = []
    for point in points:
        if kept and abs(kept[-1][0] - point[0]) < 1e-9 and abs(kept[-1][1] - point[1]) < 1e-9:
            continue
        if len(kept) >= 2:
            (x0, y0), (x1, y1) = kept[-2], kept[-1]
            if (abs(x0 - x1) < 1e-9 and abs(x1 - point[0]) < 1e-9) or (
                abs(y0 - y1) < 1e-9 and abs(y1 - point[1]) < 1e-9
            ):
                kept[-1] = point
                continue
        kept.append(point)
    return tuple(kept)
