"""The relations graph drawn as static, clickable, accessible SVG: whole, or one neighbourhood.

This module lays out, fits and labels the drawing; ``svg_markup.py`` writes it. Every node is an
``<a>`` to its page with a ``<title>`` and an ``aria-label``; every text and attribute is escaped.
Colours come from CSS classes (``assets/graph.css``), so the picture follows the light and dark
palettes. Labels that would collide are drawn hidden and appear when their node is hovered or
focused. Coordinates are written with one decimal, so the output is byte-for-byte stable.
"""

from __future__ import annotations

from collections.abc import Sequence

from .graph import EDGE_KINDS, EDGE_LABELS, NODE_KINDS, NODE_LABELS, Graph
from .graph import clusters as find_clusters
from .labels import NODE_RADIUS, Box, Point, choose_labels, label_box
from .layout import Layout, bounds, clustered_layout, radial_layout
from .svg_markup import Href, svg_markup

MARGIN = 24.0


def _shift(positions: dict[str, Point], dx: float, dy: float) -> dict[str, Point]:
    return {n: (x + dx, y + dy) for n, (x, y) in positions.items()}


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
    return svg_markup(
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
    return svg_markup(
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
