"""Invalid values are reported once, then kept out of every page (issues #12 and #11.3).

Each enum and id field of a note, of the tracker and of a concept's front matter is set to an
invalid value, one at a time. A strict build must fail with exactly one paperguide diagnostic at
the value's file:line:col and no traceback; the pages are still written (a non-strict build and
``mkdocs serve`` publish them), and nothing of the refused value reaches them: no crash on an
enum used as a lookup key, no attribute smuggled in through an id.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import MINIMAL_BIB, BuildResult, build_site

HOSTILE = '"x onclick=alert(101)"'

NOTE = """\
key: ma2019qhadam
status: first-pass
goal: gist
summary: Mixing momentum with the gradient.
prerequisites: [vectors]
context:
  - title: A blog post
    url: https://example.com/post
    kind: blog
    resolves: [bias]
unknowns:
  - id: bias
    category: hand-waved
    question: Why the bias correction?
    status: open
    topic: vectors
    evidence: ["@kingma2015adam"]
  - id: spare
    category: assumed
    question: Another question.
figures:
  - id: curves
    label: Figure 2
  - id: spare-figure
    label: Figure 3
code:
  repo: facebookresearch/qhoptim
  commit: e81dea3f2765780cf4fbb90b87b22ba7604b8625
  map:
    - id: step
      part: The update
      path: qhoptim/pyt/qhadam.py
      lines: 80-150
    - id: spare-row
      part: Docs
results:
  - claim: Faster convergence.
    figure: curves
formulas:
  - id: update
    tex: a + b
    code: step
  - id: spare-formula
    tex: c + d
related:
  - key: kingma2015adam
    relation: builds-on
"""

TRACKER = """\
areas:
  - id: linear-algebra
    title: Linear algebra
    resources:
      - title: A course
        url: https://example.com/course
        kind: course
    topics:
      - id: vectors
        title: Vectors
        status: green
      - id: spare-topic
        title: Spare
        status: yellow
"""

CONCEPT = """\
---
title: Bias correction
topic: vectors
---
# Bias correction

Text.
"""

FILES = {
    "content/index.md": "# Home\n",
    "content/references.bib": MINIMAL_BIB,
    "content/papers/ma2019qhadam.yml": NOTE,
    "content/tracker.yml": TRACKER,
    "content/concepts/bias-correction.md": CONCEPT,
}

# (file, the line as written, the same line with an invalid value). The value starts right
# after ": " or "- " (or "[" for a flow list); that is where the diagnostic must point.
MUTATIONS: dict[str, tuple[str, str, str]] = {
    "note key": ("papers/ma2019qhadam.yml", "key: ma2019qhadam", f"key: {HOSTILE}"),
    "note status": ("papers/ma2019qhadam.yml", "status: first-pass", f"status: {HOSTILE}"),
    "note goal": ("papers/ma2019qhadam.yml", "goal: gist", "goal: everything"),
    "prerequisite id": (
        "papers/ma2019qhadam.yml",
        "prerequisites: [vectors]",
        f"prerequisites: [{HOSTILE}]",
    ),
    "context kind": ("papers/ma2019qhadam.yml", "    kind: blog", "    kind: podcast"),
    "context resolves": (
        "papers/ma2019qhadam.yml",
        "    resolves: [bias]",
        f"    resolves: [{HOSTILE}]",
    ),
    "unknown id": ("papers/ma2019qhadam.yml", "  - id: spare", f"  - id: {HOSTILE}"),
    "unknown category": (
        "papers/ma2019qhadam.yml",
        "    category: hand-waved",
        "    category: hand-wavy",
    ),
    "unknown category, capitalised": (
        "papers/ma2019qhadam.yml",
        "    category: assumed",
        "    category: Assumed",
    ),
    "unknown status": ("papers/ma2019qhadam.yml", "    status: open", f"    status: {HOSTILE}"),
    "unknown topic": ("papers/ma2019qhadam.yml", "    topic: vectors", f"    topic: {HOSTILE}"),
    "unknown evidence": (
        "papers/ma2019qhadam.yml",
        '    evidence: ["@kingma2015adam"]',
        '    evidence: ["@kingma2015adam](javascript:alert(1))"]',
    ),
    "figure id": ("papers/ma2019qhadam.yml", "  - id: spare-figure", f"  - id: {HOSTILE}"),
    "code commit": (
        "papers/ma2019qhadam.yml",
        "  commit: e81dea3f2765780cf4fbb90b87b22ba7604b8625",
        "  commit: main",
    ),
    "code map id": ("papers/ma2019qhadam.yml", "    - id: spare-row", f"    - id: {HOSTILE}"),
    "code map lines": ("papers/ma2019qhadam.yml", "      lines: 80-150", "      lines: eighty"),
    "result figure": ("papers/ma2019qhadam.yml", "    figure: curves", f"    figure: {HOSTILE}"),
    "formula id": (
        "papers/ma2019qhadam.yml",
        "  - id: spare-formula",
        f"  - id: {HOSTILE}",
    ),
    "formula code": ("papers/ma2019qhadam.yml", "    code: step", f"    code: {HOSTILE}"),
    "related relation": (
        "papers/ma2019qhadam.yml",
        "    relation: builds-on",
        f"    relation: {HOSTILE}",
    ),
    "tracker area id": ("tracker.yml", "  - id: linear-algebra", f"  - id: {HOSTILE}"),
    "tracker topic id": ("tracker.yml", "      - id: spare-topic", f"      - id: {HOSTILE}"),
    "tracker topic status": ("tracker.yml", "        status: green", "        status: orange"),
    "tracker resource kind": ("tracker.yml", "        kind: course", "        kind: podcast"),
    "concept topic": ("concepts/bias-correction.md", "topic: vectors", f"topic: {HOSTILE}"),
}

_DIAGNOSTIC = re.compile(r"^WARNING  paperguide: (content/\S+?):(\d+):(\d+): ")


def _expected_location(name: str, old: str, new: str) -> tuple[str, int, int]:
    text = FILES[f"content/{name}"]
    lines = text.splitlines()
    assert lines.count(old) == 1, f"{old!r} must be one whole line of {name}"
    line = lines.index(old) + 1
    column = len(re.match(r"^\s*(?:- )?[\w]+: \[?|^\s*- ", new).group(0)) + 1  # type: ignore[union-attr]
    return f"content/{name}", line, column


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _hostile_markup(site: Path) -> list[str]:
    """Every trace of a refused value in the built HTML, read with a real parser."""
    from bs4 import BeautifulSoup

    found = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                if attr.startswith("on") or "javascript:" in text.lower() or "onclick" in text:
                    found.append(f"{page.relative_to(site)}: <{tag.name} {attr}={text!r}>")
    return found


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = build_site(tmp_path_factory.mktemp("baseline"), FILES)
    assert result.ok, "\n".join(result.warnings()) or result.error
    assert result.warnings() == []
    return result


@pytest.mark.parametrize("case", sorted(MUTATIONS))
def test_an_invalid_value_is_reported_once_and_kept_out_of_the_pages(tmp_path, baseline, case):
    name, old, new = MUTATIONS[case]
    path = f"content/{name}"
    mutated = {**FILES, path: FILES[path].replace(old + "\n", new + "\n")}
    assert mutated[path] != FILES[path]

    result = build_site(tmp_path, mutated)

    assert not result.ok
    assert "Aborted with 1 warnings" in (result.error or ""), result.error
    assert not any("Traceback" in m or "Error:" in m for m in result.messages), result.messages
    warnings = result.warnings()
    assert len(warnings) == 1, "\n".join(warnings)
    match = _DIAGNOSTIC.match(warnings[0])
    assert match, warnings[0]
    where = (match[1], int(match[2]), int(match[3]))
    assert where == _expected_location(name, old, new), warnings[0]
    # MkDocs writes every page before a strict build aborts, as a non-strict build publishes
    # them: all of them are there, and none carries the refused value.
    assert _pages(result.site) == _pages(baseline.site)
    assert _hostile_markup(result.site) == []


@pytest.mark.parametrize("case", ["unknown category", "code map id", "tracker area id"])
def test_a_non_strict_build_publishes_every_page_without_the_value(tmp_path, baseline, case):
    name, old, new = MUTATIONS[case]
    path = f"content/{name}"
    result = build_site(
        tmp_path, {**FILES, path: FILES[path].replace(old + "\n", new + "\n")}, strict=False
    )
    assert result.ok, result.error
    assert len(result.warnings()) == 1
    assert _pages(result.site) == _pages(baseline.site)
    assert _hostile_markup(result.site) == []


def test_a_failing_template_override_costs_its_page_only_and_check_reports_it_too(tmp_path):
    from paperguide.commands.check import collect
    from paperguide.core.site.mkdocs_yml import load_site_config

    override = "# {{ note.key }}\n\n{{ labels.CATEGORY[note.nosuch] }}\n"
    result = build_site(
        tmp_path,
        {**FILES, "templates/paper.md.j2": override},
        config={"plugins": ["search", {"paperguide": {"templates_dir": "templates"}}]},
    )
    assert not result.ok
    assert not any("Traceback" in m for m in result.messages)
    # MkDocs adds anchor warnings for links into the page that could not be made; paperguide
    # reports the template once.
    (warning,) = [w for w in result.warnings() if w.startswith("WARNING  paperguide: ")]
    assert warning.startswith(
        "WARNING  paperguide: content/papers/ma2019qhadam.yml: a page template failed: "
    )
    assert (result.site / "unknowns/index.html").exists()
    assert (result.site / "index.html").exists()
    heading = result.article("papers/ma2019qhadam/").select_one("h1").get_text()
    assert heading == "ma2019qhadam: this page cannot be built"
    _, found = collect(load_site_config(tmp_path / "mkdocs.yml"))
    assert [f"WARNING  paperguide: {d.format()}" for d in found] == [warning]
