"""The math tracker file and the ids notes use to point at it: loading and located diagnostics."""

from __future__ import annotations

import textwrap

from paperguide.core.library.loading import load_library
from paperguide.core.site.settings import Settings
from paperguide.core.study.tracker import parse_tracker
from tests.helpers import MINIMAL_BIB

TRACKER = textwrap.dedent("""\
    areas:
      - id: calculus
        title: Calculus
        resources:
          - title: A course
            url: https://example.com/course
            kind: course
        topics:
          - id: chain-rule
            title: The multivariable chain rule
            status: red
            evidence: Could not do it.
          - id: derivatives
            title: Derivatives
            status: green
    """)


def test_a_valid_tracker_loads_into_areas_and_topics():
    loaded = parse_tracker(TRACKER, "content/tracker.yml", "tracker.yml")
    assert loaded.diagnostics == ()
    tracker = loaded.tracker
    assert tracker is not None
    assert [a.id for a in tracker.areas] == ["calculus"]
    assert tracker.topic_ids() == ["chain-rule", "derivatives"]
    topic = tracker.topic("chain-rule")
    assert (topic.title, topic.status, topic.area_id, topic.evidence) == (
        "The multivariable chain rule",
        "red",
        "calculus",
        "Could not do it.",
    )
    assert tracker.areas[0].resources[0].kind == "course"


def test_schema_problems_are_located_with_field_and_hint():
    text = TRACKER.replace("status: red", "status: orange").replace("kind: course", "kind: class")
    loaded = parse_tracker(text, "content/tracker.yml", "tracker.yml")
    formatted = [d.format() for d in loaded.diagnostics]
    assert formatted == [
        "content/tracker.yml:7:15: 'class' is not an allowed value "
        "(field areas[0].resources[0].kind); expected one of: course, book, exercises, video, "
        "other",
        "content/tracker.yml:11:17: 'orange' is not an allowed value "
        "(field areas[0].topics[0].status); expected one of: green, yellow, red",
    ]
    # The topic with the refused status stays (as a gap, red), so notes that need it do not get
    # a second error; the refused resource kind is gone.
    assert loaded.tracker.topic_ids() == ["chain-rule", "derivatives"]
    assert loaded.tracker.topic("chain-rule").status == "red"
    assert loaded.tracker.areas[0].resources[0].kind is None


def test_did_you_mean_for_a_misspelt_status():
    loaded = parse_tracker(TRACKER.replace("status: red", "status: redd"), "t.yml", "t.yml")
    (problem,) = loaded.diagnostics
    assert problem.hint.startswith("did you mean 'red'?")


def test_duplicate_topic_ids_across_areas_and_bad_urls_are_reported():
    text = TRACKER + textwrap.indent(
        textwrap.dedent("""\
        - id: probability
          title: Probability
          topics:
            - id: derivatives
              title: Derivatives again
              status: yellow
              resources:
                - title: Bad link
                  url: javascript:alert(1)
        """),
        "  ",
    )
    loaded = parse_tracker(text, "t.yml", "t.yml")
    messages = [(d.line, d.field, d.message) for d in loaded.diagnostics]
    assert (19, "areas[1].topics[0].id", "duplicate topic id 'derivatives'") in messages
    assert any(
        f == "areas[1].topics[0].resources[0].url" and "not 'javascript:'" in m
        for _, f, m in messages
    )


def test_empty_and_malformed_trackers():
    assert parse_tracker("", "t.yml", "t.yml").tracker.areas == ()
    loaded = parse_tracker("- just a list\n", "t.yml", "t.yml")
    assert loaded.tracker is None
    assert "must be a mapping" in loaded.diagnostics[0].message
    loaded = parse_tracker("areas: [\n", "t.yml", "t.yml")
    assert loaded.tracker is None
    assert loaded.diagnostics[0].message.startswith("YAML syntax error")


def _library(tmp_path, note: str, tracker: str | None = TRACKER, concepts=()):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "references.bib").write_text(MINIMAL_BIB)
    (content / "papers" / "ma2019qhadam.yml").write_text(note)
    if tracker is not None:
        (content / "tracker.yml").write_text(tracker)
    for concept in concepts:
        (content / "concepts").mkdir(exist_ok=True)
        (content / "concepts" / f"{concept}.md").write_text("---\ntitle: X\n---\n# X\n")
    return load_library(Settings(content, tmp_path))


NOTE = textwrap.dedent("""\
    key: ma2019qhadam
    prerequisites:
      - derivatives
      - chain-rul
      - adam-optimizer
    unknowns:
      - id: bias
        category: assumed
        question: Why?
        topic: chain-rule
      - id: other
        category: assumed
        question: And this?
        topic: nowhere
    """)


def test_unknown_prerequisites_and_topics_are_located_diagnostics(tmp_path):
    library = _library(tmp_path, NOTE, concepts=["adam-optimizer"])
    formatted = [d.format() for d in library.diagnostics]
    assert formatted == [
        "content/papers/ma2019qhadam.yml:4:5: unknown prerequisite 'chain-rul' "
        "(field prerequisites[1]); did you mean 'chain-rule'?",
        "content/papers/ma2019qhadam.yml:14:12: unknown topic 'nowhere' (field unknowns[1].topic);"
        " use a topic id in tracker.yml or a concept page concepts/<id>.md",
    ]
    assert library.tracker is not None
    assert library.concept_ids == frozenset({"adam-optimizer"})


def test_without_any_tracker_every_prerequisite_is_unknown(tmp_path):
    library = _library(tmp_path, "key: ma2019qhadam\nprerequisites: [derivatives]\n", None)
    (problem,) = library.diagnostics
    assert problem.field == "prerequisites[0]"
    assert problem.hint.startswith("nothing defines ids yet")
    assert library.tracker is None


def test_a_broken_tracker_is_reported_with_its_own_path(tmp_path):
    library = _library(tmp_path, "key: ma2019qhadam\n", "areas:\n  - id: Bad Id\n    title: x\n")
    (problem,) = library.diagnostics
    assert problem.path == "content/tracker.yml"
    assert (problem.line, problem.column, problem.field) == (2, 9, "areas[0].id")


def test_paperguide_check_reads_the_tracker_options_from_mkdocs_yml(tmp_path, capsys):
    from paperguide.cli import main

    content = tmp_path / "docs"
    (content / "papers").mkdir(parents=True)
    (content / "references.bib").write_text(MINIMAL_BIB)
    (content / "maths.yml").write_text(TRACKER)
    (content / "papers" / "ma2019qhadam.yml").write_text(
        "key: ma2019qhadam\nprerequisites: [chain-rule, chain-rules]\n"
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - paperguide:\n      tracker_file: maths.yml\n"
    )
    assert main(["check", "--config", str(tmp_path / "mkdocs.yml")]) == 1
    printed = capsys.readouterr()
    assert printed.out.splitlines() == [
        "docs/papers/ma2019qhadam.yml:2:29: unknown prerequisite 'chain-rules' "
        "(field prerequisites[1]); did you mean 'chain-rule'?"
    ]
    assert printed.err.strip().endswith(": 1 error")
