"""Every validation rule of the note format, checked on the diagnostics the core returns."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from paperguide.core.base.diagnostics import Severity
from paperguide.core.library.loading import load_library
from paperguide.core.notes.loading import parse_note
from paperguide.core.site.settings import Settings
from tests.helpers import MINIMAL_BIB


def check(text: str, name: str = "ma2019qhadam.yml"):
    loaded = parse_note(textwrap.dedent(text), f"content/papers/{name}", f"papers/{name}")
    from paperguide.core.notes.rules import check_note

    extra = check_note(loaded.note) if loaded.note else []
    return loaded.note, [*loaded.diagnostics, *extra]


def only(diagnostics, needle):
    found = [d for d in diagnostics if needle in d.message]
    assert len(found) == 1, [d.format() for d in diagnostics]
    return found[0]


def test_a_complete_valid_note_has_no_problems():
    note, problems = check("""\
        key: ma2019qhadam
        status: first-pass
        context:
          - title: A post
            url: https://example.com/post
            kind: blog
            minutes: 8
            resolves: [bias]
        unknowns:
          - id: bias
            category: assumed
            question: Why divide by $1-\\beta^t$?
            status: resolved
            answer: To undo the zero initialisation.
            evidence: ["@kingma2015adam", "https://example.com"]
        """)
    assert problems == []
    assert note is not None and note.unknowns[0].id == "bias"


def test_unknown_field_with_did_you_mean():
    _, problems = check("key: ma2019qhadam\nsumary: typo\n")
    problem = only(problems, "unknown field 'sumary'")
    assert (problem.line, problem.column) == (2, 1)
    assert problem.hint == "did you mean 'summary'?"
    assert problem.format().startswith("content/papers/ma2019qhadam.yml:2:1: ")


def test_nested_unknown_field_names_the_full_path():
    _, problems = check("""\
        key: ma2019qhadam
        unknowns:
          - id: a
            category: assumed
            question: q
            anwser: typo
        """)
    problem = only(problems, "unknown field 'anwser'")
    assert problem.field == "unknowns[0].anwser"
    assert problem.line == 6
    assert "answer" in (problem.hint or "")


def test_wrong_enum_lists_allowed_values():
    _, problems = check("""\
        key: ma2019qhadam
        unknowns:
          - id: a
            category: hand-wavy
            question: q
        """)
    problem = only(problems, "'hand-wavy' is not an allowed value")
    assert problem.field == "unknowns[0].category"
    assert "did you mean 'hand-waved'" in (problem.hint or "")
    assert "assumed, explained, hand-waved, wrong, padding" in (problem.hint or "")
    assert (problem.line, problem.column) == (4, 15)


def test_ids_must_be_slugs_so_paths_are_rejected():
    _, problems = check("""\
        key: ma2019qhadam
        figures:
          - id: ../etc/passwd
        """)
    problem = only(problems, "is not a valid id")
    assert problem.field == "figures[0].id"
    assert "slugs" in (problem.hint or "")


def test_duplicate_ids():
    _, problems = check("""\
        key: ma2019qhadam
        formulas:
          - id: update
            tex: x
          - id: update
            tex: y
        """)
    problem = only(problems, "duplicate formula id 'update'")
    assert problem.line == 5
    assert "line 3" in (problem.hint or "")


def test_resolved_without_answer():
    _, problems = check("""\
        key: ma2019qhadam
        unknowns:
          - id: a
            category: wrong
            question: q
            status: resolved
        """)
    problem = only(problems, "resolved but has no answer")
    assert problem.field == "unknowns[0].status"
    assert problem.line == 6


def test_symbol_missing_from_formula():
    _, problems = check("""\
        key: ma2019qhadam
        formulas:
          - id: update
            tex: \\theta_{t+1} = \\theta_t - \\alpha g_t
            symbols:
              - tex: \\theta_t
                meaning: parameters
              - tex: \\beta
                meaning: not there
        """)
    problem = only(problems, "symbol '\\beta' does not occur in formula 'update'")
    assert problem.field == "formulas[0].symbols[1].tex"
    assert problem.line == 8


def test_status_ahead_of_content():
    _, problems = check("key: ma2019qhadam\nstatus: third-pass\nsummary: s\n")
    problem = only(problems, "status 'third-pass' is ahead of what the note contains")
    assert problem.severity == Severity.WARNING
    assert "anchors" in problem.message and "method" in problem.message
    assert "results" in problem.message
    assert "queued" in (problem.hint or "")


def test_wrong_types_get_hints():
    _, problems = check("key: ma2019qhadam\nsummary: yes\ntags: solo\n")
    boolean = only(problems, "expected text, got the boolean true")
    assert "quotes" in (boolean.hint or "")
    only(problems, "expected a list, got text")


def test_javascript_urls_are_rejected():
    _, problems = check("""\
        key: ma2019qhadam
        context:
          - title: x
            url: javascript:alert(1)
        """)
    problem = only(problems, "only http and https links are allowed")
    assert problem.field == "context[0].url"


def test_evidence_must_be_url_or_citation():
    _, problems = check("""\
        key: ma2019qhadam
        unknowns:
          - id: a
            category: assumed
            question: q
            evidence: [see the appendix]
        """)
    only(problems, "neither a URL nor an @key citation")


def test_references_between_sections():
    _, problems = check("""\
        key: ma2019qhadam
        context:
          - title: x
            resolves: [nope]
        results:
          - claim: c
            figure: missing
        formulas:
          - id: f
            tex: x
            code: none-here
        """)
    only(problems, "no unknown with id 'nope'")
    only(problems, "no figure with id 'missing'")
    only(problems, "no code-map row with id 'none-here'")


def test_code_map_paths_must_stay_in_the_repository():
    _, problems = check("""\
        key: ma2019qhadam
        code:
          repo: facebookresearch/qhoptim
          commit: e81dea3f2765780cf4fbb90b87b22ba7604b8625
          map:
            - part: x
              path: ../../secrets
        """)
    only(problems, "must not contain '..'")


def test_file_name_must_match_key():
    _, problems = check("key: kingma2015adam\n", name="ma2019qhadam.yml")
    only(problems, "does not match the key")


def test_markdown_note_lines_count_from_the_top_of_the_file():
    note, problems = check(
        "---\nkey: ma2019qhadam\nstatus: nope\n---\n\nBody text.\n", name="ma2019qhadam.md"
    )
    problem = only(problems, "'nope' is not an allowed value")
    assert problem.line == 3
    assert note is not None and note.body is not None and "Body text." in note.body
    assert note.body_line == 5


def test_markdown_note_without_front_matter():
    note, problems = check("# Just a page\n", name="ma2019qhadam.md")
    assert note is None
    only(problems, "needs YAML front matter")


@pytest.mark.parametrize(
    "text,needle",
    [
        ("", "the note is empty"),
        ("- a\n- b\n", "must be a mapping"),
        ("summary: no key\n", "missing required field 'key'"),
    ],
)
def test_degenerate_notes(text, needle):
    _, problems = check(text)
    only(problems, needle)


def _library(tmp_path: Path, files: dict[str, str | bytes]):
    content = tmp_path / "content"
    for name, text in {"references.bib": MINIMAL_BIB, **files}.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return load_library(Settings(content, tmp_path))


def test_key_missing_from_bibliography(tmp_path):
    library = _library(tmp_path, {"papers/kingma2015adm.yml": "key: kingma2015adm\n"})
    problem = only(library.diagnostics, "is not in the bibliography")
    assert problem.path == "content/papers/kingma2015adm.yml"
    assert (problem.line, problem.field) == (1, "key")
    assert problem.hint == "did you mean 'kingma2015adam'?"


def test_citation_keys_in_evidence_and_related_must_exist(tmp_path):
    library = _library(
        tmp_path,
        {
            "papers/ma2019qhadam.yml": textwrap.dedent("""\
        key: ma2019qhadam
        unknowns:
          - id: a
            category: assumed
            question: q
            evidence: ["@nobody2020"]
        related:
          - key: ghost2021
        """)
        },
    )
    evidence = only(library.diagnostics, "unknown citation key 'nobody2020'")
    assert evidence.field == "unknowns[0].evidence[0]" and evidence.line == 6
    related = only(library.diagnostics, "unknown citation key 'ghost2021'")
    assert related.field == "related[0].key"


def test_duplicate_note_keys_across_files(tmp_path):
    library = _library(
        tmp_path,
        {
            "papers/ma2019qhadam.yml": "key: ma2019qhadam\n",
            "papers/ma2019qhadam.md": "---\nkey: ma2019qhadam\n---\n",
        },
    )
    only(library.diagnostics, "another note already has the key 'ma2019qhadam'")
    assert list(library.notes) == ["ma2019qhadam"]


def test_binary_and_non_utf8_files(tmp_path):
    library = _library(
        tmp_path,
        {
            "papers/ma2019qhadam.yml": b"key: ma2019qhadam\nsummary: caf\xe9\n",
            "papers/kingma2015adam.yml": b"key: kingma\x00\n",
        },
    )
    latin1 = only(library.diagnostics, "not valid UTF-8")
    assert (latin1.line, latin1.column) == (2, 13)
    nul = only(library.diagnostics, "NUL byte")
    assert nul.line == 1


def test_everything_is_reported_at_once(tmp_path):
    library = _library(
        tmp_path,
        {
            "papers/ma2019qhadam.yml": "key: ma2019qhadam\nsumary: x\nstatus: nope\n",
            "papers/kingma2015adam.yml": "key: kingma2015adam\ngoal: everything\n",
            "papers/broken.yml": "key: [\n",
        },
    )
    messages = [d.message for d in library.diagnostics]
    assert any("sumary" in m for m in messages)
    assert any("'nope'" in m for m in messages)
    assert any("'everything'" in m for m in messages)
    assert any("YAML syntax error" in m for m in messages)
    # Valid notes still load, so one broken file does not take the site down.
    assert set(library.notes) == {"ma2019qhadam", "kingma2015adam"}


def test_slug_collisions_are_reported(tmp_path):
    bib = MINIMAL_BIB + "@misc{a.b, title={x}}\n@misc{a-b, title={y}}\n"
    library = _library(
        tmp_path,
        {"references.bib": bib, "papers/a.b.yml": "key: a.b\n", "papers/a-b.yml": "key: a-b\n"},
    )
    only(library.diagnostics, "give the same page name 'a-b'")
