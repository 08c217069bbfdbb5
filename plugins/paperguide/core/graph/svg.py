"""Drawing a laid-out graph as static, clickable, accessible SVG.

Every node is an ``<a>`` to its page with a ``<title>`` and an ``aria-label``; every text and
attribute is escaped. Colours come from CSS classes (``assets/graph.css``), so the picture
follows the light and dark palettes. Labels that would collide are drawn hidden and appear when
their node is hovered or focused. Coordinates are written with one decimal, so the output is
byte-for-byte stable.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

from .graph import EDGE_KINDS, EDGE_LABELS, NODE_KINDS, NODE_LABELS, Graph, Node
from .graph import clusters as find_clusters
from .labels import NODE_RADIUS, Box, Point, choose_labels, label_box
from .layout import Layout, bounds, clustered_layout, radial_layout

MARGIN = 24.0
Href = Callable[[Node], str | None]


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _shift(positions: dict[str, Point], dx: float, dy: float) -> dict[str, Point]:
    return {n: (x + dx, y + dy) for n, (x, y) in positions.items()}


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


def _svg(
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


def _fit(
    positions: dict[str, Point], boxes: Sequence[Box]
) -> tuple[dict[str, Point], float, float, list[Box]]:
    """Translate everything so the drawing starts at the margin."""
    labels_box = bounds(positions, {})
    x0 = min([labels_box.x0, *(b.x0 for b in boxes)])
    y0 = min([labels_box.y0, *(b.y0 for b in boxes)])
    dx, dy = MARGIN - x0, MARGIN - y0
    moved = _shift(positions, dx, dy)
    moved_boxes = [Box(b.x0 + dx, b.y0 + dy, b.x1 + dx, b.y1 + dy) for b in boxes]
    return moved, dx, dy, moved_boxes


def global_svg(graph: Graph, *, href: Href, graph_id: str = "pg-graph-global") -> str:
    """The whole graph, clustered, with every node and edge."""
    labels = {n.id: n.label for n in graph.nodes}
    groups = find_clusters(graph)
    layout: Layout = clustered_layout(groups, [(e.source, e.target) for e in graph.edges], labels)
    degree = {n.id: 0 for n in graph.nodes}
    for edge in graph.edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    boxes = [box for box, _ in layout.clusters]
    names = []
    for _box, members in layout.clusters:
        connected = [m for m in members if degree[m]]
        if not connected:
            names.append("Not connected yet")
        elif len(members) > 2:
            hub = min(connected, key=lambda m: (-degree[m], m))
            names.append(f"Around {labels[hub]}")
        else:
            names.append("")
    positions, _dx, _dy, moved_boxes = _fit(layout.positions, boxes)
    width = max(b.x1 for b in moved_boxes) + MARGIN if moved_boxes else 2 * MARGIN
    height = max(b.y1 for b in moved_boxes) + MARGIN if moved_boxes else 2 * MARGIN
    canvas = Box(0.0, 0.0, width, height)
    places = choose_labels(positions, labels, lambda n: (-degree[n], n), area=canvas)
    papers = sum(1 for n in graph.nodes if n.kind != "concept")
    concepts = len(graph.nodes) - papers
    description = (
        f"{papers} papers and {concepts} concepts, {len(graph.edges)} connections, "
        f"in {len(groups)} groups. Each node links to its page."
    )
    return _svg(
        graph,
        positions,
        width,
        height,
        graph_id=graph_id,
        href=href,
        title="Relations graph of all papers and concepts",
        description=description,
        places=places,
        cluster_boxes=list(zip(moved_boxes, names, strict=True)),
        group_of={node: index for index, group in enumerate(groups) for node in group},
    )


def local_svg(graph: Graph, centre: str, *, href: Href, graph_id: str = "pg-graph-local") -> str:
    """A node and its direct neighbours: the centre in the middle, neighbours around it."""
    local = graph.neighbourhood(centre)
    kinds = {kind: rank for rank, kind in enumerate(EDGE_KINDS)}
    relation: dict[str, int] = {}
    for edge in local.edges:
        if centre in (edge.source, edge.target):
            other = edge.target if edge.source == centre else edge.source
            relation[other] = kinds[edge.kind]
    others = sorted(
        (n for n in local.nodes if n.id != centre),
        key=lambda n: (relation.get(n.id, len(kinds)), n.label.casefold(), n.id),
    )
    positions = radial_layout(centre, [n.id for n in others])
    anchors = {centre: "below"}
    for node_id, (x, y) in positions.items():
        if node_id != centre:
            side = "below" if y > 0 else "above"
            anchors[node_id] = "end" if x < -1 else ("start" if x > 1 else side)
    labels = {n.id: n.label for n in local.nodes}

    def priority(node_id: str) -> tuple[object, ...]:
        return (node_id != centre, relation.get(node_id, len(kinds)), node_id)

    boxes = [label_box(p, labels[n], anchors[n]) for n, p in positions.items()]
    x0 = min([b.x0 for b in boxes] + [x - NODE_RADIUS * 1.5 for x, _ in positions.values()])
    y0 = min([b.y0 for b in boxes] + [y - NODE_RADIUS * 1.5 for _, y in positions.values()])
    x1 = max([b.x1 for b in boxes] + [x + NODE_RADIUS * 1.5 for x, _ in positions.values()])
    y1 = max([b.y1 for b in boxes] + [y + NODE_RADIUS * 1.5 for _, y in positions.values()])
    positions = _shift(positions, MARGIN - x0, MARGIN - y0)
    places = choose_labels(positions, labels, priority, lambda n: anchors[n])
    centre_node = local.node(centre)
    name = centre_node.title if centre_node else centre
    count = len(others)
    description = (
        f"{name} and the {count} paper{'s' * (count != 1)} or concept{'s' * (count != 1)}"
        " it is connected to. Each node links to its page."
    )
    return _svg(
        local,
        positions,
        x1 - x0 + 2 * MARGIN,
        y1 - y0 + 2 * MARGIN,
        graph_id=graph_id,
        href=href,
        title=f"Connections of {name}",
        description=description,
        places=places,
        centre=centre,
    )


def legend(graph: Graph) -> list[tuple[str, str, str]]:
    """``(kind of item, css modifier, label)`` for the node and edge kinds present."""
    items = []
    node_kinds = {n.kind for n in graph.nodes}
    for kind in NODE_KINDS:
        if kind in node_kinds:
            items.append(("node", kind, NODE_LABELS[kind]))
    edge_kinds = {e.kind for e in graph.edges}
    for kind in EDGE_KINDS:
        if kind in edge_kinds:
            items.append(("edge", kind, EDGE_LABELS[kind]))
    return items
