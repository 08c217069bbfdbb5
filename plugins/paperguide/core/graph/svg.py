"""The relations graph drawn as static, clickable, accessible SVG: whole, or one neighbourhood.

Nodes are boxes holding their labels, in a grid (``grid.py``); edges run only in the gaps
between the boxes (``routes.py`` plans them, ``drawing.py`` gives them coordinates), so no edge
crosses a label and no two labels meet; ``svg_markup.py`` writes the markup. The drawing is at
most ``MAX_WIDTH`` user units wide, one per CSS pixel, so it fits Material's content column at
1280 px with 13 px labels; narrower screens scroll it sideways. Every node is an ``<a>`` to its
page with a ``<title>`` and an ``aria-label``; every text and attribute is escaped. Colours
come from CSS classes (``assets/crossrefs.css``), so the picture follows the light and dark
palettes. Coordinates are written with one decimal, so the output is byte-for-byte stable.
"""

from __future__ import annotations

from collections.abc import Sequence

from .drawing import MAX_WIDTH, Drawing, draw
from .graph import EDGE_KINDS, EDGE_LABELS, NODE_KINDS, NODE_LABELS, Graph
from .graph import clusters as find_clusters
from .grid import place_groups, place_local
from .layout_memo import memoised
from .svg_markup import Href, svg_markup

MAX_COLUMNS = 4


def _group_names(graph: Graph, groups: Sequence[Sequence[str]]) -> list[str | None]:
    """A name for each group when there are several: its best-connected node, or "not
    connected yet" for the nodes without edges."""
    if len(groups) < 2:
        return [None] * len(groups)
    degree = {n.id: 0 for n in graph.nodes}
    for edge in graph.edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    names: list[str | None] = []
    for members in groups:
        connected = [m for m in members if degree[m]]
        if not connected:
            names.append("Not connected yet")
        elif len(members) > 2:
            hub = min(connected, key=lambda m: (-degree[m], m))
            node = graph.node(hub)
            names.append(f"Around {node.label if node else hub}")
        else:
            names.append(None)
    return names


def _frozen(groups: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(group) for group in groups)


def _fits(drawing: Drawing, columns: int) -> tuple[bool, int, int]:
    """Best first: fits the width, fewest labels cut short, most columns."""
    return (drawing.width > MAX_WIDTH + 0.05, drawing.clipped, -columns)


def global_svg(graph: Graph, *, href: Href, graph_id: str = "pg-graph-global") -> str:
    """The whole graph: each group in its own band of rows, named when there are several."""
    labels = {n.id: n.label for n in graph.nodes}
    groups = find_clusters(graph)
    names = _group_names(graph, groups)
    edges = [(e.source, e.target) for e in graph.edges]
    widest = max((len(g) + (1 if n else 0) for g, n in zip(groups, names, strict=True)), default=1)

    def layout() -> tuple[Drawing, dict[str, str]]:
        best: tuple[tuple[bool, int, int], Drawing, dict[str, str]] | None = None
        most = min(MAX_COLUMNS, max(1, widest))
        # Large graphs try two widths only: each try lays out and routes everything again.
        fewest = 1 if len(graph.nodes) <= 100 else max(1, most - 1)
        for columns in range(most, fewest - 1, -1):
            placement = place_groups(groups, edges, columns, names, order_key=labels)
            drawing = draw(placement, edges, labels)
            score = _fits(drawing, columns)
            if best is None or score < best[0]:
                best = (score, drawing, placement.headings)
            if score[:2] == (False, 0):
                break  # the most columns that fit with every label whole
        assert best is not None
        return best[1], best[2]

    key = ("global", _frozen(groups), tuple(names), tuple(edges), tuple(sorted(labels.items())))
    drawing, headings = memoised(key, layout)
    papers = sum(1 for n in graph.nodes if n.kind != "concept")
    concepts = len(graph.nodes) - papers
    description = (
        f"{papers} papers and {concepts} concepts, {len(graph.edges)} connections, "
        f"in {len(groups)} groups. Each node links to its page."
    )
    return svg_markup(
        graph,
        drawing,
        graph_id=graph_id,
        href=href,
        title="Relations graph of all papers and concepts",
        description=description,
        headings=headings,
        group_of={node: index for index, group in enumerate(groups) for node in group},
    )


def local_svg(graph: Graph, centre: str, *, href: Href, graph_id: str = "pg-graph-local") -> str:
    """A node and its direct neighbours: what it points to above it, what points to it below."""
    local = graph.neighbourhood(centre)
    kinds = {kind: rank for rank, kind in enumerate(EDGE_KINDS)}
    relation: dict[str, int] = {}
    outgoing: set[str] = set()
    for edge in local.edges:
        if centre in (edge.source, edge.target):
            other = edge.target if edge.source == centre else edge.source
            relation[other] = kinds[edge.kind]
            if edge.source == centre:
                outgoing.add(other)
    others = sorted(
        (n for n in local.nodes if n.id != centre),
        key=lambda n: (relation.get(n.id, len(kinds)), n.label.casefold(), n.id),
    )
    above = [n.id for n in others if n.id in outgoing]
    below = [n.id for n in others if n.id not in outgoing]
    columns = max(1, min(MAX_COLUMNS, max(len(above), len(below))))
    labels = {n.id: n.label for n in local.nodes}
    edges = [(e.source, e.target) for e in local.edges]
    key = ("local", centre, tuple(above), tuple(below), columns, tuple(edges))
    key += (tuple(sorted(labels.items())),)
    drawing = memoised(key, lambda: draw(place_local(centre, above, below, columns), edges, labels))
    centre_node = local.node(centre)
    name = centre_node.title if centre_node else centre
    count = len(others)
    description = (
        f"{name} and the {count} paper{'s' * (count != 1)} or concept{'s' * (count != 1)}"
        " it is connected to. Each node links to its page."
    )
    return svg_markup(
        local,
        drawing,
        graph_id=graph_id,
        href=href,
        title=f"Connections of {name}",
        description=description,
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
