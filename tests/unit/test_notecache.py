"""Checked notes come back from the disk cache identical, and any edit reads the note again."""

from __future__ import annotations

import json

import pytest

from paperguide.core.base.diskcache import DiskCache
from paperguide.core.notes import notecache

NOTE = """\
key: ma2019qhadam
sumary: typo on purpose
status: third-pass
unknowns:
  - id: a
    category: wrong
    question: Why $x$?
    status: resolved
formulas:
  - id: f
    tex: a + b
    symbols:
      - tex: c
        meaning: not in the formula
"""


def load(tmp_path, disk):
    path = tmp_path / "ma2019qhadam.yml"
    return notecache.load_checked_note(
        path, "content/papers/ma2019qhadam.yml", "papers/ma2019qhadam.yml", disk
    )


def test_a_cached_note_is_identical_and_skips_parsing(tmp_path, monkeypatch):
    (tmp_path / "ma2019qhadam.yml").write_text(NOTE)
    disk = DiskCache(tmp_path / "cache")
    first = load(tmp_path, disk)
    assert first.note is not None
    assert len(first.diagnostics) >= 4  # schema, rules and status problems, all cached

    def no_parsing(*args, **kwargs):
        raise AssertionError("the cache was not used")

    monkeypatch.setattr(notecache, "parse_note_parts", no_parsing)
    second = load(tmp_path, disk)
    assert second.diagnostics == first.diagnostics
    assert second.note == first.note
    # Positions survive the round trip, so later checks still point at the right line.
    path = ("formulas", 0, "symbols", 0, "tex")
    assert second.note.locate(path) == first.note.locate(path) == (13, 14)


def test_an_edit_reads_the_note_again(tmp_path):
    (tmp_path / "ma2019qhadam.yml").write_text(NOTE)
    disk = DiskCache(tmp_path / "cache")
    load(tmp_path, disk)
    (tmp_path / "ma2019qhadam.yml").write_text(NOTE.replace("sumary", "summary"))
    again = load(tmp_path, disk)
    assert not any("sumary" in d.message for d in again.diagnostics)


def test_a_damaged_cache_entry_is_ignored(tmp_path):
    (tmp_path / "ma2019qhadam.yml").write_text(NOTE)
    disk = DiskCache(tmp_path / "cache")
    first = load(tmp_path, disk)
    for entry in (tmp_path / "cache" / "notes").glob("*.json"):
        entry.write_text(json.dumps({"parts": {"data": 3}, "diagnostics": "nonsense"}))
    assert load(tmp_path, disk).diagnostics == first.diagnostics


@pytest.mark.parametrize(
    "data", [b"key: ma2019qhadam\nsummary: !!binary aGVsbG8=\n", b"key: x\x00\n"]
)
def test_notes_json_cannot_hold_still_load(tmp_path, data):
    (tmp_path / "ma2019qhadam.yml").write_bytes(data)
    loaded = load(tmp_path, DiskCache(tmp_path / "cache"))
    assert loaded.note is not None or loaded.diagnostics
