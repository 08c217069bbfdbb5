"""Citations in note prose are checked when the library loads, located to file:line:col."""

from __future__ import annotations

import textwrap

from paperguide.core.cite.in_notes import note_citations
from paperguide.core.library.loading import load_library
from paperguide.core.site.settings import Settings
from paperguide.core.study.concepts import load_concepts
from tests.helpers import MINIMAL_BIB


def load(tmp_path, files):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True, exist_ok=True)
    (content / "references.bib").write_text(MINIMAL_BIB)
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return load_library(Settings(content, tmp_path))


def test_unknown_key_in_yaml_prose_is_located(tmp_path):
    library = load(
        tmp_path,
        {
            "papers/ma2019qhadam.yml": """\
                key: ma2019qhadam
                summary: |
                  Builds on [@kingma2015adam].
                  Compare with [see @kingma2015adm, p. 2] and `@notakey`.
                method:
                  core:
                    - "Mixing, as @{nokey}. shows"
                """
        },
    )
    assert [d.format() for d in library.errors] == [
        "content/papers/ma2019qhadam.yml:4:21: unknown citation key 'kingma2015adm' "
        "(field summary); did you mean 'kingma2015adam'?",
        "content/papers/ma2019qhadam.yml:7:19: unknown citation key 'nokey' "
        "(field method.core[0]); add an entry with this key to references.bib, "
        "or write \\@ for a literal @",
    ]
    keys = [c.key for c in library.citations["ma2019qhadam"]]
    assert keys == ["kingma2015adam", "kingma2015adm", "nokey"]


def test_unknown_key_in_markdown_note_body_is_located(tmp_path):
    library = load(
        tmp_path,
        {
            "papers/ma2019qhadam.md": """\
                ---
                key: ma2019qhadam
                ---

                Free notes.

                Then ```@code``` and @{missing2019} here.
                """
        },
    )
    assert [d.format() for d in library.errors] == [
        "content/papers/ma2019qhadam.md:7:22: unknown citation key 'missing2019' (field body); "
        "add an entry with this key to references.bib, or write \\@ for a literal @"
    ]


def test_evidence_keys_are_reported_once(tmp_path):
    library = load(
        tmp_path,
        {
            "papers/ma2019qhadam.yml": """\
                key: ma2019qhadam
                unknowns:
                  - id: a
                    category: assumed
                    question: Why?
                    evidence: ["@nokey"]
                """
        },
    )
    messages = [d.message for d in library.errors]
    assert messages == ["unknown citation key 'nokey'"]
    assert [c.key for c in library.citations["ma2019qhadam"]] == ["nokey"]


def test_every_prose_field_is_scanned(tmp_path):
    note = """\
        key: ma2019qhadam
        summary: "@K"
        context: [{title: t, takeaway: "@K"}]
        unknowns: [{id: a, category: wrong, question: "@K", status: resolved, answer: "@K"}]
        anchors: {motivation: "@K", conclusion: "@K"}
        figures: [{id: f, shows: "@K", takeaway: "@K"}]
        code: {run: "@K", map: [{part: p, note: "@K"}]}
        method: {data: "@K", training: {losses: "@K"}}
        results: [{claim: "@K", evidence: "@K"}]
        formulas:
          - id: x
            tex: x
            symbols: [{tex: x, meaning: "@K"}]
            intuition: "@K"
            cases: [{when: "@K", becomes: "@K"}]
            summary: "@K"
        third_pass: "@K"
        related: [{key: kingma2015adam, note: "@K"}]
        """
    library = load(tmp_path, {"papers/ma2019qhadam.yml": note.replace("@K", "@kingma2015adam")})
    assert library.errors == []
    cited = note_citations(library.note("ma2019qhadam"))
    assert len(cited) == 21
    assert {c.key for c in cited} == {"kingma2015adam"}


def test_concept_front_matter_is_validated_with_positions(tmp_path):
    content = tmp_path / "content"
    (content / "concepts").mkdir(parents=True)
    (content / "concepts" / "good.md").write_text(
        "---\ntitle: Good\naliases: [G]\nsummary: A summary.\n"
        "topic: linear-algebra\n---\n\n# Good\n"
    )
    (content / "concepts" / "bad.md").write_text(
        "---\ntitle: Bad\nalias: [B]\ntopic: Not A Slug\n---\n\n# Bad\n"
    )
    (content / "concepts" / "plain.md").write_text("# Just a heading\n\nText.\n")
    (content / "concepts" / "index.md").write_text("# Concepts\n")
    concepts, problems = load_concepts(Settings(content, tmp_path), "concepts")
    assert sorted(concepts) == ["concepts/bad.md", "concepts/good.md", "concepts/plain.md"]
    good = concepts["concepts/good.md"]
    assert (good.title, good.aliases, good.summary, good.topic) == (
        "Good",
        ("G",),
        "A summary.",
        "linear-algebra",
    )
    assert concepts["concepts/plain.md"].title == "Just a heading"
    located = [(d.path, d.line, d.column, d.field) for d in problems]
    assert ("content/concepts/bad.md", 3, 1, "alias") in located
    assert ("content/concepts/bad.md", 4, 8, "topic") in located
    assert len(problems) == 2
