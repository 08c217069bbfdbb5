"""The relations graph's drawing, measured from its SVG: no label overlaps another, no edge
crosses a label, labels stay readable, the drawing fits the content column, the same graph
always gives the same bytes (issue 16). Graphs of several shapes, not only the example site's:
groups of papers citing each other, shared citations, hubs, long and accented labels."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from itertools import pairwise

import pytest

from paperguide.core.graph.graph import RELATIONS, Edge, Graph, Node
from paperguide.core.graph.labels import Box, text_width, wrap
from paperguide.core.graph.svg import global_svg, local_svg

NS = "{http://www.w3.org/2000/svg}"
#: Font sizes set by crossrefs.css for each text class (the SVG is drawn 1:1 in CSS pixels).
FONTS = {"pg-graph__label": 13.0, "pg-graph__cluster-label": 12.0}
#: Material's content column at 1280 px is 688 px wide; the scroll box has a 1 px border.
COLUMN_AT_1280 = 686.0


@dataclass(frozen=True)
class Drawn:
    width: float
    height: float
    boxes: list[tuple[str, Box]]  # node boxes (rect.pg-graph__box), by node name
    labels: list[tuple[str, Box]]  # one box per line of text, by its text
    segments: list[tuple[str, tuple[float, float], tuple[float, float]]]  # edge title, ends


def _text_boxes(text: ET.Element) -> list[tuple[str, Box]]:
    size = FONTS.get(text.get("class", "").split()[0], 11.0)
    lines = list(text.iter(f"{NS}tspan")) or [text]
    boxes = []
    for line in lines:
        content = "".join(line.itertext())
        x, y = float(line.get("x", text.get("x", "0"))), float(line.get("y", text.get("y", "0")))
        width = text_width(content, size)
        anchor = text.get("text-anchor", "start")
        left = x - (width if anchor == "end" else width / 2 if anchor == "middle" else 0.0)
        # Ascent and descent of a sans-serif face: about 0.93 and 0.24 of the size.
        boxes.append((content, Box(left, y - 0.93 * size, left + width, y + 0.24 * size)))
    return boxes


def measure(svg: str) -> Drawn:
    root = ET.fromstring(svg)
    boxes, labels, segments = [], [], []
    for node in root.iter():
        if node.get("data-node") and node.get("aria-label"):
            rect = node.find(f"{NS}rect[@class='pg-graph__box']")
            if rect is not None:
                x, y = float(rect.get("x")), float(rect.get("y"))
                box = Box(x, y, x + float(rect.get("width")), y + float(rect.get("height")))
                boxes.append((node.get("aria-label"), box))
    for text in root.iter(f"{NS}text"):
        labels.extend(_text_boxes(text))
    for edge in root.iter():
        if "pg-graph__edge" not in edge.get("class", "").split():
            continue
        title = edge.findtext(f"{NS}title") or ""
        if edge.tag == f"{NS}line":
            points = [
                (float(edge.get("x1")), float(edge.get("y1"))),
                (float(edge.get("x2")), float(edge.get("y2"))),
            ]
        else:
            points = [tuple(map(float, p.split(","))) for p in edge.get("points").split()]
        segments.extend((title, a, b) for a, b in pairwise(points))
    return Drawn(float(root.get("width")), float(root.get("height")), boxes, labels, segments)


def _crosses(a: tuple[float, float], b: tuple[float, float], box: Box, inset: float) -> bool:
    """Whether segment a-b enters the box shrunk by ``inset`` (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = box.x0 + inset, box.y0 + inset, box.x1 - inset, box.y1 - inset
    if x0 >= x1 or y0 >= y1:
        return False
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return high - low > 1e-6


def problems(drawn: Drawn) -> list[str]:
    """Everything wrong with a drawing, as readable lines (empty when it is fine)."""
    found = []
    labels = drawn.labels
    for i, (ta, a) in enumerate(labels):
        for tb, b in labels[i + 1 :]:
            if a.overlaps(b):
                found.append(f"label {ta!r} overlaps label {tb!r}")
    for i, (na, a) in enumerate(drawn.boxes):
        for nb, b in drawn.boxes[i + 1 :]:
            if a.overlaps(b):
                found.append(f"box {na!r} overlaps box {nb!r}")
    for title, a, b in drawn.segments:
        for text, box in labels:
            if _crosses(a, b, box, 0.0):
                found.append(f"edge {title!r} crosses label {text!r}")
        for name, box in drawn.boxes:
            if _crosses(a, b, box, 0.5):
                found.append(f"edge {title!r} passes through the box of {name!r}")
    for text, box in labels:
        if box.x0 < 0 or box.x1 > drawn.width or box.y0 < 0 or box.y1 > drawn.height:
            found.append(f"label {text!r} runs off the drawing")
    return found


# -- graphs to draw -------------------------------------------------------------------------

SURNAMES = (
    "Kirillov", "Vaswani", "Dosovitskiy", "He", "Loshchilov and Hutter", "Ma and Yarats",
    "Kingma and Ba", "Wolfeschlegelsteinhausenbergerdorff", "Müller and Åström", "Li", "Carion",
    "Radford", "Brown and Mann", "Reddi", "Zhang", "Chen", "Oquab", "Caron",
)  # fmt: skip
CONCEPTS = (
    "Attention",
    "Bias correction of exponential moving averages in adaptive optimisers",
    "Focal loss",
    "Masked modelling",
    "Label smoothing",
    "Dice loss",
)


def corpus_graph(papers: int, seed: int, groups: int = 3) -> Graph:
    """Papers in ``groups`` groups relating mostly within their group, a few shared citations
    across groups, unnoted papers, concepts linking to papers; labels of every length."""
    rng = random.Random(seed)
    nodes = []
    for i in range(papers):
        name = SURNAMES[i % len(SURNAMES)]
        label = f"{name}{' et al.' if i % 3 == 0 else ''} {2015 + i % 9}"
        kind = "paper" if i % 4 else "paper-unnoted"
        nodes.append(Node(f"paper:p{i:03d}", kind, label, f"Title of paper {i}", f"p/{i}.md"))
    concepts = min(len(CONCEPTS), max(1, papers // 4))
    for c, title in enumerate(CONCEPTS[:concepts]):
        nodes.append(Node(f"concept:c{c}", "concept", title, title, f"c/{c}.md"))
    pairs: dict[tuple[str, str], str] = {}
    kinds = (*RELATIONS, "related", "cites", "links")
    for i in range(papers):
        group = i % groups
        mates = [j for j in range(papers) if j % groups == group and j != i]
        for j in rng.sample(mates, min(len(mates), 2)):
            pairs[(f"paper:p{i:03d}", f"paper:p{j:03d}")] = kinds[(i + j) % 7]
        if i % 5 == 0:  # a citation shared across groups
            pairs[(f"paper:p{i:03d}", f"paper:p{(i * 7 + 1) % papers:03d}")] = "cites"
    for c in range(concepts):
        for j in rng.sample(range(papers), min(papers, 3)):
            pairs[(f"concept:c{c}", f"paper:p{j:03d}")] = "links"
    edges = tuple(
        Edge(a, b, kind)
        for (a, b), kind in sorted(pairs.items())
        if a != b and ((b, a) not in pairs or a < b)
    )
    return Graph(tuple(sorted(nodes, key=lambda n: n.id)), edges)


def star_graph(spokes: int) -> Graph:
    centre = Node("paper:hub", "paper", "Kirillov et al. 2023", "Segment Anything", "hub.md")
    nodes = [centre]
    edges = []
    for i in range(spokes):
        nodes.append(Node(f"paper:s{i:02d}", "paper", SURNAMES[i % 18] + " 2020", "T", None))
        edges.append(
            Edge("paper:hub", f"paper:s{i:02d}", "uses")
            if i % 3
            else Edge(f"paper:s{i:02d}", "paper:hub", "cites")
        )
    return Graph(tuple(sorted(nodes, key=lambda n: n.id)), tuple(sorted(edges, key=str)))


GRAPHS = {
    "eight papers": corpus_graph(8, seed=1, groups=2),
    "twelve papers": corpus_graph(12, seed=2),
    "twenty papers": corpus_graph(20, seed=3, groups=4),
    "forty papers": corpus_graph(40, seed=4, groups=5),
    "star of sixteen": star_graph(16),
}


def href(node: Node) -> str | None:
    return node.target


@pytest.mark.parametrize("name", list(GRAPHS))
def test_whole_graph_has_no_overlapping_or_crossed_labels_and_fits_the_column(name):
    drawn = measure(global_svg(GRAPHS[name], href=href))
    assert problems(drawn) == []
    assert len(drawn.boxes) == len(GRAPHS[name].nodes)  # every node drawn, with its label
    assert drawn.width <= COLUMN_AT_1280


@pytest.mark.parametrize("name", list(GRAPHS))
def test_every_neighbourhood_has_no_overlapping_or_crossed_labels(name):
    graph = GRAPHS[name]
    for node in graph.nodes:
        if len(graph.neighbourhood(node.id).nodes) < 2:
            continue
        drawn = measure(local_svg(graph, node.id, href=href))
        assert problems(drawn) == [], node.id
        assert drawn.width <= COLUMN_AT_1280


def test_labels_are_whole_or_say_they_are_cut():
    """Every label is drawn (wrapped if need be); one too long for two lines ends in "…"."""
    graph = GRAPHS["twelve papers"]
    root = ET.fromstring(global_svg(graph, href=href))
    drawn = {
        a.get("aria-label"): " ".join(t.text for t in a.iter(f"{NS}tspan"))
        for a in root.iter()
        if a.get("data-node")
    }
    for node in graph.nodes:
        name = node.title if node.title == node.label else f"{node.title} ({node.label})"
        shown = drawn[name]
        assert shown.replace(" ", "") == node.label.replace(" ", "") or shown.endswith("…")


def test_same_graph_same_bytes_whatever_the_input_order():
    graph = GRAPHS["forty papers"]
    shuffled = list(graph.edges)
    random.Random(5).shuffle(shuffled)
    # Graph keeps its edges in the order given; build_graph always sorts them. Node order is
    # the same sorted order either way, so only the drawing code could differ.
    again = Graph(graph.nodes, tuple(sorted(shuffled, key=lambda e: (e.source, e.target))))
    first = global_svg(graph, href=href)
    assert global_svg(again, href=href) == first
    assert global_svg(corpus_graph(40, seed=4, groups=5), href=href) == first
    centre = graph.nodes[0].id
    assert local_svg(graph, centre, href=href) == local_svg(again, centre, href=href)


def test_wrap_keeps_lines_within_the_width():
    for text in (*SURNAMES, *CONCEPTS, "x" * 80, "Ω" * 30, "漢字" * 20):
        for width in (60.0, 110.0, 200.0):
            lines = wrap(text, width, 13.0)
            assert 1 <= len(lines) <= 2
            assert all(text_width(line, 13.0) <= width + 1e-9 for line in lines), (text, lines)


def test_a_rebuild_in_the_same_process_reuses_the_layouts(monkeypatch):
    """mkdocs serve draws the same graphs after most edits: placing and routing them is done
    once per process; the markup (links relative to each page) is written every time."""
    from paperguide.core.graph import svg

    graph = corpus_graph(30, seed=11)
    centre = graph.nodes[0].id
    first_global = global_svg(graph, href=href)
    first_local = local_svg(graph, centre, href=href)
    placed: list[str] = []
    real_groups, real_local = svg.place_groups, svg.place_local
    monkeypatch.setattr(
        svg, "place_groups", lambda *a, **k: placed.append("g") or real_groups(*a, **k)
    )
    monkeypatch.setattr(
        svg, "place_local", lambda *a, **k: placed.append("l") or real_local(*a, **k)
    )
    again = corpus_graph(30, seed=11)
    assert global_svg(again, href=href) == first_global
    assert local_svg(again, centre, href=href) == first_local
    assert placed == []
    # Another link target is new markup from the same layout; another graph is laid out anew.
    assert global_svg(again, href=lambda node: "x/") != first_global
    assert placed == []
    global_svg(corpus_graph(31, seed=11), href=href)
    assert placed
