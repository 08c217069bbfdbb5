"""The relations graph: building, clustering, deterministic layouts and safe SVG."""

from __future__ import annotations

import random
import textwrap
import xml.etree.ElementTree as ET

import pytest

from paperguide.core.graph.graph import Edge, Graph, Node, build_graph, clusters
from paperguide.core.graph.grid import place_groups, place_local
from paperguide.core.graph.svg import global_svg, legend, local_svg
from paperguide.core.library.loading import load_library
from paperguide.core.site.settings import Settings
from paperguide.core.study.concepts import Concept
from tests.helpers import MINIMAL_BIB
from tests.unit.test_graph_geometry import measure, problems

SVG = "{http://www.w3.org/2000/svg}"


def synthetic(count: int, seed: int = 7) -> Graph:
    rng = random.Random(seed)
    nodes = [
        Node(
            f"paper:p{i:04d}",
            "paper",
            f"Author{i} et al. {2000 + i % 25}",
            f"Title {i}",
            f"papers/p{i}.md",
        )
        for i in range(count)
    ]
    pairs = set()
    for i in range(count):
        for _ in range(2):
            j = rng.randrange(count)
            if j != i:
                pairs.add((f"paper:p{i:04d}", f"paper:p{j:04d}"))
    kinds = ("cites", "uses", "extends", "links")
    edges = tuple(Edge(a, b, kinds[(len(a) + len(b) + int(b[-2:])) % 4]) for a, b in sorted(pairs))
    return Graph(tuple(nodes), edges)


def test_large_graph_is_deterministic_and_nothing_overlaps():
    graph = synthetic(220)
    first = global_svg(graph, href=lambda n: n.target)
    second = global_svg(synthetic(220), href=lambda n: n.target)
    assert first == second
    drawn = measure(first)
    assert len(drawn.boxes) == 220
    assert problems(drawn) == []


def test_clusters_group_connected_nodes_and_gather_loners():
    nodes = tuple(Node(f"paper:{c}", "paper", c, c, None) for c in "abcdefgxy")
    edges = tuple(
        Edge(f"paper:{a}", f"paper:{b}", "cites")
        for a, b in ("ab", "bc", "ca", "de", "ef", "fd", "cd")
    )
    groups = clusters(Graph(nodes, edges))
    assert groups[-1] == ["paper:g", "paper:x", "paper:y"]
    assert sorted(map(sorted, groups[:-1])) == [
        ["paper:a", "paper:b", "paper:c"],
        ["paper:d", "paper:e", "paper:f"],
    ]
    placement = place_groups(
        groups, [(e.source, e.target) for e in edges], 3, ["First", None, "Loners"]
    )
    # Each group starts a row of its own, the named ones with their name in the first cell.
    assert placement.bands == ((0, 1), (2, 2), (3, 4))
    assert placement.slots["heading:0"].row == 0 and placement.slots["heading:2"].row == 3
    cells = [(s.row, s.col) for s in placement.slots.values()]
    assert len(set(cells)) == len(cells)


def test_local_placement_puts_the_centre_across_the_middle():
    placement = place_local("c", ["a1", "a2"], [f"b{i}" for i in range(5)], 3)
    assert placement.slots["c"].row == 1 and placement.slots["c"].span == 3
    assert {placement.slots[n].row for n in ("a1", "a2")} == {0}
    assert {placement.slots[f"b{i}"].row for i in range(5)} == {2, 3}


def test_svg_escapes_text_and_every_node_is_a_named_link():
    nodes = (
        Node("paper:a", "paper", 'A <b>"x"</b>', "<script>alert(1)</script>", "papers/a.md"),
        Node("paper:b", "paper-unnoted", "B & C", "B & C's paper", None),
        Node("concept:c", "concept", "Concept", "Concept", "concepts/c.md"),
    )
    edges = (Edge("paper:a", "paper:b", "uses"), Edge("concept:c", "paper:a", "links"))
    graph = Graph(nodes, edges)
    svg = global_svg(graph, href=lambda n: f"../{n.target}?q=\"'<>" if n.target else None)
    assert "<script" not in svg and "<b>" not in svg
    root = ET.fromstring(svg)  # well-formed XML
    links = [a for a in root.iter(f"{SVG}a")]
    assert [a.get("aria-label") for a in links] == [
        '<script>alert(1)</script> (A <b>"x"</b>)',
        "Concept",
    ]
    xlink = "{http://www.w3.org/1999/xlink}href"
    assert all(a.get(xlink).startswith("../") for a in links)
    assert all(a.get("href") is None for a in links)  # see graph_svg: Material and SVG href
    unlinked = [g for g in root.iter(f"{SVG}g") if g.get("data-node")]
    assert [g.get("aria-label") for g in unlinked] == ["B & C's paper (B & C)"]
    assert root.find(f"{SVG}title").text == "Relations graph of all papers and concepts"
    assert root.get("aria-labelledby") == "pg-graph-global-title pg-graph-global-desc"
    kinds = [(what, kind) for what, kind, _ in legend(graph)]
    assert kinds == [
        ("node", "paper"),
        ("node", "paper-unnoted"),
        ("node", "concept"),
        ("edge", "uses"),
        ("edge", "links"),
    ]


def test_local_graph_is_the_one_hop_neighbourhood():
    graph = synthetic(80, seed=11)
    centre = "paper:p0005"
    neighbours = graph.neighbours()[centre]
    svg = local_svg(graph, centre, href=lambda n: n.target)
    root = ET.fromstring(svg)
    labels = {a.get("aria-label").split(" (")[0] for a in root.iter(f"{SVG}a")}
    expected = {graph.node(n).title for n in neighbours | {centre}}
    assert labels == expected
    assert (
        len(
            root.findall(
                f".//{SVG}a[@class='pg-graph__node pg-graph__node--paper pg-graph__node--centre']"
            )
        )
        == 1
    )
    assert problems(measure(svg)) == []


@pytest.fixture
def library(tmp_path):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "references.bib").write_text(
        MINIMAL_BIB + "@misc{other2020, title={Other}, author={Other, O.}, year={2020}}\n"
    )
    (content / "papers" / "ma2019qhadam.yml").write_text(
        textwrap.dedent("""\
            key: ma2019qhadam
            related:
              - {key: kingma2015adam, relation: extends}
              - {key: other2020}
            """)
    )
    (content / "papers" / "kingma2015adam.yml").write_text(
        "key: kingma2015adam\nrelated: [{key: ma2019qhadam, relation: compares-with}]\n"
    )
    return load_library(Settings(content, tmp_path))


def test_build_graph_from_relations_citations_and_links(library):
    concept = Concept("bias", "concepts/bias.md", "content/concepts/bias.md", "Bias correction")
    graph = build_graph(
        library,
        {concept.src_uri: concept},
        citations={
            "papers/ma2019qhadam.md": {"kingma2015adam": 1, "other2020": 2},
            "concepts/bias.md": {"kingma2015adam": 1},
            "index.md": {"ma2019qhadam": 1},  # not a paper or concept page: no node
        },
        links={"concepts/bias.md": {"papers/ma2019qhadam.md", "index.md"}},
        bibliography_target={"other2020": "bibliography.md#ref-other2020"},
        short_label={"other2020": "Other 2020"},
    )
    assert [(n.id, n.kind, n.target) for n in graph.nodes] == [
        ("concept:bias", "concept", "concepts/bias.md"),
        ("paper:kingma2015adam", "paper", "papers/kingma2015adam.md"),
        ("paper:ma2019qhadam", "paper", "papers/ma2019qhadam.md"),
        ("paper:other2020", "paper-unnoted", "bibliography.md#ref-other2020"),
    ]
    assert [(e.source, e.target, e.kind) for e in graph.edges] == [
        ("concept:bias", "paper:kingma2015adam", "cites"),
        ("concept:bias", "paper:ma2019qhadam", "links"),
        # "extends" beats the reverse "compares-with" and the citation of the same pair.
        ("paper:ma2019qhadam", "paper:kingma2015adam", "extends"),
        ("paper:ma2019qhadam", "paper:other2020", "related"),
    ]
    assert graph.node("paper:other2020").label == "Other 2020"
    assert {n.id for n in graph.neighbourhood("concept:bias").nodes} == {
        "concept:bias",
        "paper:kingma2015adam",
        "paper:ma2019qhadam",
    }
