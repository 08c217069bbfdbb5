"""The relations graph at 200+ papers: a real build, twice; same bytes, no overlapping labels.

Build time is printed (run with ``-s``) but never asserted: timings belong in bench/, not in
tests that must not flake on a busy machine.
"""

from __future__ import annotations

import random
import shutil
import time
import xml.etree.ElementTree as ET

import pytest

from tests.helpers import build_site
from tests.unit.test_graph_geometry import measure, problems

PAPERS = 220
RELATIONS = ("builds-on", "extends", "compares-with", "uses", "critiques")


def synthetic_content() -> dict[str, str | bytes]:
    rng = random.Random(2024)
    bib = []
    files: dict[str, str | bytes] = {}
    for i in range(PAPERS):
        key = f"paper{i:03d}"
        bib.append(
            f"@article{{{key}, author = {{Author{i}, A. and Other{i % 17}, B.}}, "
            f"title = {{Synthetic paper {i}}}, journal = {{J}}, year = {{{1990 + i % 33}}}}}"
        )
        # Papers cite and relate mostly within groups of ~20, plus a few bridges.
        group = i // 20
        near = [j for j in range(group * 20, min(PAPERS, group * 20 + 20)) if j != i]
        cited = rng.sample(near, 2) + ([rng.randrange(PAPERS)] if i % 7 == 0 else [])
        related = rng.sample(near, 1)
        lines = [
            f"key: {key}",
            f"summary: Builds on [@paper{cited[0]:03d}] and @paper{cited[1]:03d}."
            + (f" See also [@paper{cited[2]:03d}]." if len(cited) > 2 else ""),
            "related:",
            *(f"  - {{key: paper{j:03d}, relation: {RELATIONS[(i + j) % 5]}}}" for j in related),
        ]
        files[f"content/papers/{key}.yml"] = "\n".join(lines) + "\n"
    for c in range(12):
        files[f"content/concepts/concept{c:02d}.md"] = (
            # A summary marks the page as a concept in the default folder (issue 13).
            f"---\ntitle: Concept {c}\nsummary: Idea {c}.\n---\n\n# Concept {c}\n\n"
            f"Used by [@paper{c * 17:03d}] and [paper {c * 3}](../papers/paper{c * 3:03d}.md).\n"
        )
    files["content/references.bib"] = "\n".join(bib) + "\n"
    files["content/index.md"] = "# Home\n\n[Graph](graph.md)\n"
    return files


def graph_svg(result) -> str:
    html = (result.site / "graph" / "index.html").read_text("utf-8")
    start = html.index('<svg class="pg-graph"')
    return html[start : html.index("</svg>", start) + len("</svg>")]


@pytest.mark.slow
def test_global_graph_at_scale_is_deterministic_and_readable(tmp_path):
    files = synthetic_content()
    timings = []
    svgs = []
    for run in ("first", "second"):
        root = tmp_path / run
        started = time.perf_counter()
        result = build_site(root, files)
        timings.append(time.perf_counter() - started)
        assert result.ok, result.error or result.warnings()[:5]
        svgs.append(graph_svg(result))
        if run == "first":
            shutil.rmtree(root / "site" / "papers")  # keep tmp small; the graph page is kept
    print(f"\n{PAPERS} papers + 12 concepts: builds took {timings[0]:.1f} s and {timings[1]:.1f} s")
    assert svgs[0] == svgs[1]
    root = ET.fromstring(svgs[0])
    ns = "{http://www.w3.org/2000/svg}"
    drawn = measure(svgs[0])
    assert len(drawn.boxes) == PAPERS + 12
    assert problems(drawn) == []
    assert len(root.findall(f".//{ns}polyline")) > PAPERS
    # Clustered: the drawing has group backgrounds, and every label is shown.
    assert len(root.findall(f".//{ns}rect[@class='pg-graph__cluster']")) >= 5
    assert len(drawn.labels) >= PAPERS + 12
