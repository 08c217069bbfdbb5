"""The relations graph: papers and concepts as nodes, relations, citations and links as edges.

Built once every page has rendered, from the notes' ``related`` fields and what the pages cited
and linked to (:class:`~.backlinks.Collector`). Everything is sorted, so the same content always
gives the same graph, and the same graph the same picture.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..library.library import Library
from ..notes.model import RELATIONS
from ..study.concepts import Concept

#: Edge kinds, strongest first: when two nodes are joined several ways, the strongest is drawn.
EDGE_KINDS: tuple[str, ...] = (*RELATIONS, "related", "cites", "links")
EDGE_LABELS = {
    "builds-on": "builds on",
    "extends": "extends",
    "compares-with": "compares with",
    "uses": "uses",
    "critiques": "critiques",
    "related": "related to",
    "cites": "cites",
    "links": "links to",
}
NODE_KINDS = ("paper", "paper-unnoted", "concept")
NODE_LABELS = {
    "paper": "paper with notes",
    "paper-unnoted": "paper without notes",
    "concept": "concept",
}


@dataclass(frozen=True)
class Node:
    id: str  # "paper:<key>" or "concept:<id>"
    kind: str  # one of NODE_KINDS
    label: str  # short, drawn next to the node ("Kirillov et al. 2023")
    title: str  # full, for the tooltip and screen readers
    target: str | None  # page (or "page#anchor") relative to the content directory


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # one of EDGE_KINDS


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    _index: dict[str, Node] = field(default_factory=dict, compare=False, repr=False)
    #: Node id -> positions (in ``edges``) of the edges that touch it. Built once: every guide
    #: page asks for its neighbourhood, and scanning all edges per page made that quadratic.
    _incident: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({n.id: n for n in self.nodes})
        for position, edge in enumerate(self.edges):
            self._incident.setdefault(edge.source, []).append(position)
            if edge.target != edge.source:
                self._incident.setdefault(edge.target, []).append(position)

    def node(self, node_id: str) -> Node | None:
        return self._index.get(node_id)

    def neighbours(self) -> dict[str, set[str]]:
        adjacent: dict[str, set[str]] = {n.id: set() for n in self.nodes}
        for edge in self.edges:
            adjacent[edge.source].add(edge.target)
            adjacent[edge.target].add(edge.source)
        return adjacent

    def neighbourhood(self, node_id: str) -> Graph:
        """The node, its direct neighbours and every edge among them, in the graph's order."""
        if node_id not in self._index:
            return Graph()
        touching = self._incident.get(node_id, [])
        keep = {node_id}
        for position in touching:
            edge = self.edges[position]
            keep.update((edge.source, edge.target))
        # Edges among the neighbours all touch one of them; the positions keep the order.
        positions = sorted({p for n in keep for p in self._incident.get(n, [])})
        edges = tuple(
            self.edges[p]
            for p in positions
            if self.edges[p].source in keep and self.edges[p].target in keep
        )
        nodes = tuple(n for n in self.nodes if n.id in keep)
        return Graph(nodes, edges)


def paper_node_id(key: str) -> str:
    return f"paper:{key}"


def concept_node_id(concept: Concept) -> str:
    return f"concept:{concept.id}"


def build_graph(
    library: Library,
    concepts: Mapping[str, Concept],
    citations: Mapping[str, Iterable[str]],
    links: Mapping[str, Iterable[str]],
    bibliography_target: Mapping[str, str] | None = None,
    short_label: Mapping[str, str] | None = None,
) -> Graph:
    """The whole graph.

    ``citations`` maps a page (``papers/x.md``) to the keys it cites, ``links`` a page to the
    pages it links to; only paper and concept pages count as sources. ``bibliography_target``
    gives papers without notes somewhere to link to; ``short_label`` their drawn labels.
    """
    page_node: dict[str, str] = {}
    for key in library.notes:
        page_node[library.paper_src_uri(key)] = paper_node_id(key)
    for concept in concepts.values():
        page_node[concept.src_uri] = concept_node_id(concept)

    strength = {kind: rank for rank, kind in enumerate(EDGE_KINDS)}
    best: dict[tuple[str, str], str] = {}

    def add(source: str, target: str, kind: str) -> None:
        if source == target:
            return
        pair = (source, target)
        if pair not in best or strength[kind] < strength[best[pair]]:
            best[pair] = kind

    known = library.bibliography
    for note in library.notes.values():
        for rel in note.related:
            if rel.key in known or rel.key in library.notes:
                relation = rel.relation if rel.relation in RELATIONS else "related"
                add(paper_node_id(note.key), paper_node_id(rel.key), relation or "related")
    for page, keys in citations.items():
        source = page_node.get(page)
        if source is None:
            continue
        for key in keys:
            if key in known:
                add(source, paper_node_id(key), "cites")
    for page, targets in links.items():
        source = page_node.get(page)
        if source is None:
            continue
        for target in targets:
            if (node := page_node.get(target)) is not None:
                add(source, node, "links")

    # Two nodes joined both ways (A uses B, B cites A) get one edge: the stronger one.
    for (source, target), kind in list(best.items()):
        reverse = best.get((target, source))
        if reverse is None or (source, target) not in best:
            continue
        weaker = strength[reverse] < strength[kind]
        tie = strength[reverse] == strength[kind] and (target, source) < (source, target)
        if weaker or tie:
            del best[(source, target)]

    nodes: dict[str, Node] = {}
    labels = short_label or {}
    for key in library.notes:
        nodes[paper_node_id(key)] = Node(
            paper_node_id(key),
            "paper",
            labels.get(key, key),
            library.title_of(key),
            library.paper_src_uri(key),
        )
    for concept in concepts.values():
        nodes[concept_node_id(concept)] = Node(
            concept_node_id(concept), "concept", concept.title, concept.title, concept.src_uri
        )
    targets = bibliography_target or {}
    for source, target in best:
        for node_id in (source, target):
            if node_id not in nodes and node_id.startswith("paper:"):
                key = node_id[len("paper:") :]
                nodes[node_id] = Node(
                    node_id,
                    "paper-unnoted",
                    labels.get(key, key),
                    library.title_of(key),
                    targets.get(key),
                )
    edges = tuple(
        Edge(source, target, kind)
        for (source, target), kind in sorted(best.items())
        if source in nodes and target in nodes
    )
    return Graph(tuple(sorted(nodes.values(), key=lambda n: n.id)), edges)


def clusters(graph: Graph) -> list[list[str]]:
    """Groups of closely connected nodes, largest first; nodes without edges come last, together.

    Label propagation, made deterministic: nodes are visited in sorted order, an edge counts
    ``1 + common neighbours`` (so a single bridge between two tight groups does not merge
    them), ties keep the current label or else take the smallest.
    """
    adjacent = graph.neighbours()
    order = sorted(adjacent)
    weight = {(a, b): 1 + len(adjacent[a] & adjacent[b]) for a in order for b in adjacent[a]}
    label = {node: index for index, node in enumerate(order)}
    for _ in range(30):
        changed = False
        for node in order:
            if not adjacent[node]:
                continue
            counts: dict[int, int] = defaultdict(int)
            for other in sorted(adjacent[node]):
                counts[label[other]] += weight[(node, other)]
            top = max(counts.values())
            if counts.get(label[node], 0) == top:
                continue  # already with (one of) the strongest neighbouring groups
            label[node] = min(lab for lab, count in counts.items() if count == top)
            changed = True
        if not changed:
            break
    groups: dict[int, list[str]] = defaultdict(list)
    lonely: list[str] = []
    for node in order:
        (groups[label[node]] if adjacent[node] else lonely).append(node)
    result = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    if lonely:
        result.append(lonely)
    return result
