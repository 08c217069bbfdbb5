"""Self-checks (``checks[]``): the model, the addressing of ``about:``, and one located
diagnostic per mistake."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from paperguide.core.base.diskcache import DiskCache
from paperguide.core.notes.about import resolve_about
from paperguide.core.notes.model import Check
from paperguide.core.notes.notecache import load_checked_note

NOTE = """\
key: ma2019qhadam
unknowns:
  - id: bias
    category: assumed
    question: Why divide by $1-\\beta^t$?
figures:
  - id: sweep
    label: Figure 2
formulas:
  - id: qhm
    title: The QHM update
    tex: g_{t+1} = \\beta g_t + (1-\\beta) \\nabla L
    symbols:
      - tex: \\beta
        meaning: momentum decay
      - tex: g_t
        meaning: momentum buffer
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def check(extra: str):
    """The note as a build uses it (reported values pruned), its problems, and its lines."""
    text = NOTE + textwrap.dedent(extra)
    path = Path("ma2019qhadam.yml")
    path.write_text(text, "utf-8")
    loaded = load_checked_note(
        path, "content/papers/ma2019qhadam.yml", "papers/ma2019qhadam.yml", DiskCache(None)
    )
    assert loaded.note is not None
    return loaded.note, list(loaded.diagnostics), text.splitlines()


def test_checks_are_read_with_question_answer_and_about():
    note, problems, _ = check("""\
        checks:
          - question: What does *ν* weigh?
            answer: The plain gradient against the momentum buffer.
            about: qhm
          - question: Why the bias correction?
            answer: The buffers start at zero.
        """)
    assert problems == []
    first, second = note.checks
    assert first == Check(
        "What does *ν* weigh?", "The plain gradient against the momentum buffer.", "qhm"
    )
    assert first.at == ("checks", 0)
    assert second.about is None


@pytest.mark.parametrize(
    "about,kind,anchor,label",
    [
        ("bias", "unknown", "u-bias", "Why divide by $1-\\beta^t$?"),
        ("sweep", "figure", "fig-sweep", "Figure 2"),
        ("qhm", "formula", "formula-qhm", "The QHM update"),
        ("qhm#\\beta", "symbol", "formula-qhm", "The QHM update"),
        ("qhm# g_t ", "symbol", "formula-qhm", "The QHM update"),  # spacing does not matter
    ],
)
def test_about_addresses_every_kind(about, kind, anchor, label):
    note, problems, _ = check(f"checks:\n  - question: q\n    answer: a\n    about: '{about}'\n")
    assert problems == []
    target = resolve_about(note, about)
    assert target is not None
    assert (target.kind, target.anchor, target.label) == (kind, anchor, label)
    if kind == "symbol":
        assert target.symbol is not None and target.symbol.tex.strip() in about


@pytest.mark.parametrize(
    "about,message,hint",
    [
        ("qhn", "no unknown, figure or formula with id 'qhn'", "did you mean 'qhm'?"),
        ("nothing-close", "no unknown, figure or formula with id", "known ids: bias, qhm, sweep"),
        ("qhm#\\gamma", "formula 'qhm' explains no symbol '\\gamma'", "\\beta, g_t"),
        ("sweep#x", "'sweep' is not a formula", "only a formula's symbols"),
    ],
)
def test_a_dangling_about_is_one_located_diagnostic(about, message, hint):
    _, problems, lines = check(f"checks:\n  - question: q\n    answer: a\n    about: '{about}'\n")
    assert len(problems) == 1, [p.format() for p in problems]
    problem = problems[0]
    assert message in problem.message
    assert hint in (problem.hint or "")
    assert problem.field == "checks[0].about"
    assert lines[problem.line - 1].startswith("    about:")
    assert problem.column == 12


def test_an_id_shared_by_two_kinds_is_ambiguous(monkeypatch):
    # Ids are unique per kind, not per note: here a figure and a formula are both 'qhm'.
    monkeypatch.setattr(sys.modules[__name__], "NOTE", NOTE.replace("id: sweep", "id: qhm"))
    _, problems, _ = check("checks:\n  - question: q\n    answer: a\n    about: qhm\n")
    assert len(problems) == 1, [p.format() for p in problems]
    assert "'qhm' is ambiguous: the note has figure 'qhm' and formula 'qhm'" in problems[0].message
    assert problems[0].hint == "write 'figure:qhm' or 'formula:qhm'"
    # Its kind first names one of them; a wrong kind says which ones exist.
    note, problems, _ = check(
        "checks:\n"
        "  - {question: q, answer: a, about: 'formula:qhm#g_t'}\n"
        "  - {question: q, answer: a, about: 'figure:qhm'}\n"
        "  - {question: q, answer: a, about: 'unknown:qhm'}\n"
    )
    assert [p.message for p in problems] == ["the note has no unknown 'qhm'"]
    assert problems[0].hint == "did you mean 'figure:qhm', 'formula:qhm'?"
    symbol = resolve_about(note, "formula:qhm#g_t")
    assert symbol is not None and (symbol.kind, symbol.anchor) == ("symbol", "formula-qhm")
    figure = resolve_about(note, "figure:qhm")
    assert figure is not None and figure.anchor == "fig-qhm"


@pytest.mark.parametrize("field", ["question", "answer"])
def test_an_empty_question_or_answer_is_one_diagnostic(field):
    values = {"question": "q", "answer": "a", field: "'  '"}
    note, problems, lines = check(
        f"checks:\n  - question: {values['question']}\n    answer: {values['answer']}\n"
    )
    assert len(problems) == 1, [p.format() for p in problems]
    assert problems[0].field == f"checks[0].{field}"
    assert f"empty {field}" in problems[0].message
    assert lines[problems[0].line - 1].lstrip(" -").startswith(f"{field}:")
    assert note.checks == ()  # an unusable check is left out of the page


def test_a_missing_answer_is_one_schema_diagnostic():
    note, problems, _ = check("checks:\n  - question: q\n")
    assert len(problems) == 1, [p.format() for p in problems]
    assert "answer" in problems[0].message
    assert note.checks == ()


def test_an_unknown_field_in_a_check_is_reported():
    _, problems, _ = check("checks:\n  - question: q\n    answer: a\n    abuot: qhm\n")
    assert len(problems) == 1
    assert "did you mean 'about'?" in (problems[0].hint or "")


def test_a_check_may_carry_an_id():
    note, problems, _ = check("""\
        checks:
          - id: nu-weight
            question: What does *ν* weigh?
            answer: The plain gradient against the momentum buffer.
          - question: Why the bias correction?
            answer: The buffers start at zero.
        """)
    assert problems == []
    assert [c.id for c in note.checks] == ["nu-weight", None]


def test_a_duplicate_check_id_is_one_located_diagnostic():
    note, problems, lines = check("""\
        checks:
          - id: same
            question: One?
            answer: One.
          - id: same
            question: Two?
            answer: Two.
          - id: other
            question: Three?
            answer: Three.
        """)
    assert len(problems) == 1, [p.format() for p in problems]
    problem = problems[0]
    assert problem.message == "duplicate check id 'same'"
    assert problem.field == "checks[1].id"
    assert lines[problem.line - 1] == "  - id: same" and problem.column == 9
    first = lines.index("  - id: same") + 1
    assert f"the first is on line {first}" in (problem.hint or "")
    # The second check is left out (its card and anchor would clash with the first).
    assert [c.id for c in note.checks] == ["same", "other"]


def test_a_check_id_is_a_slug():
    _, problems, _ = check("checks:\n  - {id: Not A Slug, question: q, answer: a}\n")
    assert len(problems) == 1, [p.format() for p in problems]
    assert problems[0].field == "checks[0].id"
