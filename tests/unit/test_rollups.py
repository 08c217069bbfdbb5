"""Cross-paper rollups and reading progress, computed from a real Library (no MkDocs)."""

from __future__ import annotations

import textwrap

import pytest

from paperguide.core.library.loading import load_library
from paperguide.core.library.reading import context_advice, note_contents, status_check
from paperguide.core.library.rollups import (
    assumed_groups,
    by_category,
    category_counts,
    readiness,
    status_distribution,
    study_next,
    unknown_entries,
)
from paperguide.core.notes.model import ContextItem, Note
from paperguide.core.site.settings import Settings

BIB = textwrap.dedent("""\
    @article{alpha2020, author = {A, B}, title = {Alpha}, journal = {J}, year = {2020}}
    @article{beta2021, author = {C, D}, title = {Beta}, journal = {J}, year = {2021}}
    @article{gamma2022, author = {E, F}, title = {Gamma}, journal = {J}, year = {2022}}
    """)

TRACKER = textwrap.dedent("""\
    areas:
      - id: one
        title: One
        topics:
          - {id: t-green, title: Green topic, status: green}
          - {id: t-red-a, title: Red A, status: red}
          - {id: t-yellow, title: Yellow topic, status: yellow}
      - id: two
        title: Two
        topics:
          - {id: t-red-b, title: Red B, status: red}
          - {id: t-yellow-b, title: Yellow B, status: yellow}
          - {id: t-red-c, title: Red C (needed by nobody), status: red}
    """)

NOTES = {
    "alpha2020.yml": """\
        key: alpha2020
        status: first-pass
        prerequisites: [t-green, t-red-a, t-yellow]
        unknowns:
          - {id: a1, category: hand-waved, question: Why 0.7?}
          - {id: a2, category: assumed, question: What is X?, topic: t-red-b}
          - {id: a3, category: wrong, question: Eq. 3?, status: disputed}
        context:
          - {title: Post, url: "https://example.com/1", kind: blog}
        """,
    "beta2021.yml": """\
        key: beta2021
        status: context
        prerequisites: [t-red-b, t-yellow, t-green, my-concept]
        unknowns:
          - {id: b1, category: hand-waved, question: Why this constant?}
          - {id: b2, category: assumed, question: What is Y?, topic: t-red-b}
          - {id: b3, category: assumed, question: What is Z?, topic: my-concept}
          - {id: b4, category: assumed, question: And W?}
          - {id: b5, category: assumed, question: And V?, topic: t-green}
          - {id: b6, category: hand-waved, question: Resolved?, status: resolved, answer: Yes.}
        context:
          - {title: Blog 1, url: "https://example.com/b1", kind: blog}
          - {title: Blog 2, url: "https://example.com/b2", kind: blog}
          - {title: Video 1, url: "https://example.com/v1", kind: video, minutes: 10}
          - {title: Video 2, url: "https://example.com/v2", kind: video, minutes: 12}
          - {title: Talk, url: "https://example.com/v3", kind: talk, minutes: 15}
          - {title: Video 4, url: "https://example.com/v4", kind: video, minutes: 11}
          - {title: Video 5, url: "https://example.com/v5", kind: video, minutes: 90}
        """,
    "gamma2022.yml": """\
        key: gamma2022
        prerequisites: [t-red-b, t-yellow-b]
        """,
}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("lib")
    content = root / "content"
    (content / "papers").mkdir(parents=True)
    (content / "concepts").mkdir()
    (content / "concepts" / "my-concept.md").write_text("# My concept\n")
    (content / "references.bib").write_text(BIB)
    (content / "tracker.yml").write_text(TRACKER)
    for name, text in NOTES.items():
        (content / "papers" / name).write_text(textwrap.dedent(text))
    lib = load_library(Settings(content, root))
    assert [d.format() for d in lib.diagnostics] == []
    return lib


def test_entries_follow_the_papers_index_and_link_to_exact_callouts(library):
    entries = unknown_entries(library)
    assert [(e.note.key, e.unknown.id) for e in entries][:3] == [
        ("beta2021", "b1"),  # newest paper first, as on the papers index
        ("beta2021", "b2"),
        ("beta2021", "b3"),
    ]
    assert entries[0].target == "papers/beta2021.md#u-b1"


def test_counts_per_category_and_status(library):
    counts = {c.category: (c.by_status, c.total) for c in category_counts(unknown_entries(library))}
    assert counts["hand-waved"] == ({"open": 2, "resolved": 1, "disputed": 0}, 3)
    assert counts["assumed"] == ({"open": 5, "resolved": 0, "disputed": 0}, 5)
    assert counts["wrong"] == ({"open": 0, "resolved": 0, "disputed": 1}, 1)
    assert counts["padding"] == ({"open": 0, "resolved": 0, "disputed": 0}, 0)
    assert list(by_category(unknown_entries(library))) == [
        "assumed",
        "explained",
        "hand-waved",
        "wrong",
        "padding",
    ]


def test_status_distribution_counts_papers_and_reports_missing_statuses(library):
    rows = dict(status_distribution(library))
    assert rows["first-pass"] == 1
    assert rows["context"] == 1
    assert rows[None] == 1
    assert sum(rows.values()) == 3


def test_study_next_is_red_then_yellow_most_needed_first(library):
    order = [(n.topic.id, len(n.papers)) for n in study_next(library)]
    assert order == [
        ("t-red-b", 2),  # red, two papers, although it comes after t-red-a in the tracker
        ("t-red-a", 1),
        ("t-red-c", 0),
        ("t-yellow", 2),
        ("t-yellow-b", 1),
    ]
    red_b = study_next(library)[0]
    assert [n.key for n in red_b.papers] == ["gamma2022", "beta2021"]


def test_readiness_counts_statuses_and_lists_gaps_red_first(library):
    ready = readiness(library, library.note("beta2021"))
    assert ready.summary == "1 green · 1 yellow · 1 red"
    assert [t.id for t in ready.gaps] == ["t-red-b", "t-yellow"]
    assert ready.concepts == ("my-concept",)
    alpha = readiness(library, library.note("alpha2020"))
    assert alpha.summary == "1 green · 1 yellow · 1 red"
    assert readiness(library, library.note("gamma2022")).summary == "1 yellow · 1 red"


def test_assumed_unknowns_grouped_by_topic_red_first_unlinked_last(library):
    groups = assumed_groups(library, unknown_entries(library))
    assert [(g.ident, g.kind, len(g.entries)) for g in groups] == [
        ("t-red-b", "topic", 2),
        ("t-green", "topic", 1),
        ("my-concept", "concept", 1),
        (None, "none", 1),
    ]


def test_context_advice_is_a_hint_comparing_with_the_method():
    def note(*items):
        return Note("k", "s", "s", "yaml", context=tuple(items))

    def item(kind, minutes=None):
        return ContextItem("t", None, kind, minutes, None, ())

    few = context_advice(note(item("blog")))
    assert (few.blog_posts, few.videos) == (1, 0)
    assert len(few.hints) == 2 and not few.follows_advice
    good = context_advice(
        note(item("blog"), item("blog"), *(item("video", m) for m in (6, 15, 30, 45, 60)))
    )
    assert good.follows_advice
    long = context_advice(note(item("blog"), item("blog"), *(item("video", 120) for _ in range(5))))
    assert long.hints == (
        "5 videos are longer than 60 minutes",
        "the videos have similar lengths; mix short overviews with long walk-throughs",
    )


def test_status_check_and_contents(library):
    alpha = library.note("alpha2020")
    check = status_check(alpha)
    assert (check.claimed, check.supported, check.ahead) == ("first-pass", "first-pass", False)
    assert note_contents(alpha) == ["1 context source", "3 unknowns (2 open)"]
