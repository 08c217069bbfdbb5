"""One positioned graph written out as SVG markup: nodes as links, edges, labels, clusters."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

from .graph import EDGE_KINDS, EDGE_LABELS, Graph, Node
from .labels import NODE_RADIUS, Box, Point

Href = Callable[[Node], str | None]


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _edge_line(a: Point, b: Point, shorten_end: float) -> tuple[Point, Point] | None:
    dx, dy = b[0] - a[0], b[1] - a[1]
    d = math.sqrt(dx * dx + dy * dy)
    if d <= NODE_RADIUS * 2 + 1:
        return None
    ux, uy = dx / d, dy / d
    start = (a[0] + ux * NODE_RADIUS, a[1] + uy * NODE_RADIUS)
    end = (b[0] - ux * shorten_end, b[1] - uy * shorten_end)
    return start, end


def _defs(graph_id: str) -> list[str]:
    out = ["<defs>"]
    for kind in EDGE_KINDS:
        out.append(
            f'<marker id="{graph_id}-arrow-{kind}" class="pg-graph__arrow pg-graph__arrow--{kind}"'
            ' viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"'
            ' orient="auto-start-reverse"><path d="M0,0L10,5L0,10z"/></marker>'
        )
    out.append("</defs>")
    return out


def _node_shape(node: Node, point: Point, radius: float) -> str:
    x, y = point
    if node.kind == "concept":
        r = radius * 1.1
        return (
            f'<rect class="pg-graph__shape" x="{_num(x - r)}" y="{_num(y - r)}" '
            f'width="{_num(2 * r)}" height="{_num(2 * r)}" rx="2"'
            f' transform="rotate(45 {_num(x)} {_num(y)})"/>'
        )
    return f'<circle class="pg-graph__shape" cx="{_num(x)}" cy="{_num(y)}" r="{_num(radius)}"/>'


def _label(point: Point, text: str, place: str | None, radius: float) -> str:
    """The label at its chosen place; ``None`` means hidden (shown on hover/focus, right)."""
    x, y = point
    if place == "end":
        tx, ty, anchor = x - radius - 4, y + 4, "end"
    elif place == "below":
        tx, ty, anchor = x, y + radius + 12, "middle"
    elif place == "above":
        tx, ty, anchor = x, y - radius - 5, "middle"
    else:
        tx, ty, anchor = x + radius + 4, y + 4, "start"
    css = "pg-graph__label" if place else "pg-graph__label pg-graph__label--minor"
    return (
        f'<text class="{css}" x="{_num(tx)}" y="{_num(ty)}" text-anchor="{anchor}">'
        f"{escape(text, quote=False)}</text>"
    )


def svg_markup(
    graph: Graph,
    positions: dict[str, Point],
    width: float,
    height: float,
    *,
    graph_id: str,
    href: Href,
    title: str,
    description: str,
    places: dict[str, str],
    centre: str | None = None,
    cluster_boxes: Sequence[tuple[Box, str]] = (),
    group_of: dict[str, int] | None = None,
) -> str:
    number = {node.id: index for index, node in enumerate(graph.nodes)}
    out = [
        f'<svg class="pg-graph" id="{graph_id}" xmlns="http://www.w3.org/2000/svg"'
        ' xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' viewBox="0 0 {_num(width)} {_num(height)}" width="{_num(width)}"'
        f' height="{_num(height)}" aria-labelledby="{graph_id}-title {graph_id}-desc">',
        f'<title id="{graph_id}-title">{escape(title, quote=False)}</title>',
        f'<desc id="{graph_id}-desc">{escape(description, quote=False)}</desc>',
        *_defs(graph_id),
    ]
    if cluster_boxes:
        out.append('<g class="pg-graph__clusters">')
        for box, name in cluster_boxes:
            out.append(
                f'<rect class="pg-graph__cluster" x="{_num(box.x0)}" y="{_num(box.y0)}"'
                f' width="{_num(box.width)}" height="{_num(box.height)}" rx="10"/>'
            )
            if name:
                out.append(
                    f'<text class="pg-graph__cluster-label" x="{_num(box.x0 + 8)}"'
                    f' y="{_num(box.y0 + 13)}">{escape(name, quote=False)}</text>'
                )
        out.append("</g>")
    out.append('<g class="pg-graph__edges">')
    for edge in graph.edges:
        line = _edge_line(positions[edge.source], positions[edge.target], NODE_RADIUS + 2)
        if line is None:
            continue
        (x1, y1), (x2, y2) = line
        # Edges between groups are drawn faintly: they cross the drawing and hide the groups.
        far = (
            " pg-graph__edge--between"
            if group_of and group_of.get(edge.source) != group_of.get(edge.target)
            else ""
        )
        arrow = f' marker-end="url(#{graph_id}-arrow-{edge.kind})"' if edge.kind != "links" else ""
        out.append(
            f'<line class="pg-graph__edge pg-graph__edge--{edge.kind}{far}"'
            f' data-source="n{number[edge.source]}" data-target="n{number[edge.target]}"'
            f' x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}"{arrow}>'
            f"<title>{escape(_edge_title(graph, edge.source, edge.target, edge.kind))}</title>"
            "</line>"
        )
    out.append("</g>")
    out.append('<g class="pg-graph__nodes">')
    for node in graph.nodes:
        point = positions[node.id]
        link = href(node)
        classes = f"pg-graph__node pg-graph__node--{node.kind}"
        if node.id == centre:
            classes += " pg-graph__node--centre"
        name = node.title if node.title == node.label else f"{node.title} ({node.label})"
        # xlink:href, not href: Material's instant navigation re-assigns the `href` property of
        # every element with an `href` attribute, which throws on SVG links (read-only there).
        opening = (
            f'<a xlink:href="{_attr(link)}" class="{classes}" data-node="n{number[node.id]}"'
            f' aria-label="{_attr(name)}">'
            if link
            else f'<g class="{classes}" data-node="n{number[node.id]}"'
            f' role="img" aria-label="{_attr(name)}">'
        )
        radius = NODE_RADIUS * (1.5 if node.id == centre else 1.0)
        out.append(opening)
        out.append(f"<title>{escape(name, quote=False)}</title>")
        out.append(_node_shape(node, point, radius))
        out.append(_label(point, node.label, places.get(node.id), radius))
        out.append("</a>" if link else "</g>")
    out.append("</g></svg>")
    return "".join(out)


def _edge_title(graph: Graph, source: str, target: str, kind: str) -> str:
    a, b = graph.node(source), graph.node(target)
    return f"{a.label if a else source} {EDGE_LABELS[kind]} {b.label if b else target}"
