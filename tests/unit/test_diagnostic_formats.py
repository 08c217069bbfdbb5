"""Diagnostics as terminal lines, JSON and GitHub workflow commands; the scaffold's helpers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from paperguide.core.base.diagnostic_formats import (
    Counts,
    escape_data,
    escape_property,
    to_github,
    to_json,
    to_step_summary,
    to_text,
)
from paperguide.core.base.diagnostics import Diagnostic, Severity
from paperguide.core.notes.scaffold import (
    _yaml_scalar,
    key_problem,
    note_file_stem,
    relative_reference,
)

WARNING = Diagnostic("n.yml", 2, 9, "status is ahead", "status", "add results", Severity.WARNING)
ERROR = Diagnostic("n.yml", 3, 1, "unknown field 'x'", "x", "did you mean 'y'?")
NO_PLACE = Diagnostic("refs.bib", None, None, "bibliography file not found")


def test_escaping_follows_the_actions_toolkit():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    # '%' first: an existing escape sequence in the text is not left looking like one.
    assert escape_data("%0A") == "%250A"


def test_github_commands_by_severity_and_position():
    assert to_github(ERROR) == (
        "::error file=n.yml,line=3,col=1,title=paperguide check%3A x::"
        "unknown field 'x'%0AHint: did you mean 'y'?"
    )
    assert to_github(WARNING).startswith("::warning file=n.yml,line=2,col=9,")
    info = Diagnostic("n.yml", 1, None, "fyi", severity=Severity.INFO)
    assert to_github(info) == "::notice file=n.yml,line=1,title=paperguide check::fyi"
    assert to_github(NO_PLACE, lambda p: f"site/{p}") == (
        "::error file=site/refs.bib,title=paperguide check::bibliography file not found"
    )


def test_text_marks_warnings():
    assert to_text(ERROR) == "n.yml:3:1: unknown field 'x' (field x); did you mean 'y'?"
    assert to_text(WARNING) == "n.yml:2:9: warning: status is ahead (field status); add results"
    assert to_text(NO_PLACE) == "refs.bib: bibliography file not found"


def test_json_and_counts():
    counts = Counts.of([ERROR, WARNING, NO_PLACE], notes=1, entries=0)
    assert counts.summary() == "1 note, 0 bibliography entries: 2 errors, 1 warning"
    data = json.loads(to_json([ERROR, NO_PLACE], counts, ok=False))
    assert data["diagnostics"][1]["line"] is None
    assert data["summary"]["errors"] == 2


def test_step_summary_escapes_table_cells():
    hostile = Diagnostic("a|b.yml", 1, 1, "<script>x</script> | y\nz", "f")
    text = to_step_summary([hostile], Counts.of([hostile], 1, 1))
    row = next(line for line in text.splitlines() if line.startswith("| error"))
    assert "<script>" not in row and "&lt;script>" in row
    assert row.count(" | ") == 3  # the message's pipe is escaped, not a new cell


@pytest.mark.parametrize(
    "key", ["ma2019qhadam", "2019", "true", "null", "1e5", "2019-01-01", "a:b", "x#y", "0x1F"]
)
def test_keys_round_trip_through_yaml(key):
    assert yaml.safe_load(f"key: {_yaml_scalar(key)}") == {"key": key}


def test_key_rules():
    assert key_problem("He.2016:ResNet") is None
    assert "cannot be a note key" in (key_problem("bad key") or "")
    assert "cannot be a note key" in (key_problem("-x") or "")
    assert note_file_stem("ma2019qhadam", "ma2019qhadam") == "ma2019qhadam"
    assert note_file_stem("a:b", "a-b") == "a-b"
    assert note_file_stem("a/b", "a-b") == "a-b"


def test_relative_reference_is_posix_and_relative(tmp_path):
    note_dir = tmp_path / "content/papers"
    note_dir.mkdir(parents=True)
    target = tmp_path / "plugins/paperguide/schema/note.schema.json"
    assert (
        relative_reference(note_dir, target) == "../../plugins/paperguide/schema/note.schema.json"
    )
    assert relative_reference(note_dir, note_dir / "x.json") == "x.json"
    assert not Path(relative_reference(note_dir, target)).is_absolute()
