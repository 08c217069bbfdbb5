"""Checked notes cached on disk by content hash, so a cold build skips YAML and schema work.

Reading a note (YAML with positions, JSON Schema, the semantic rules) takes a few milliseconds;
at hundreds of notes that is seconds on every fresh ``mkdocs build``. The cache keeps, per note
file, the YAML data with its positions and every diagnostic, keyed by the file's bytes, its shown
path and the code that reads notes, so an edit, a rename or a new paperguide version reads the
note again. Values are JSON, like every paperguide cache.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ..base.diagnostics import Diagnostic
from ..base.diskcache import DiskCache, content_key
from ..base.textfile import decode_text, read_bytes
from ..base.yaml_locator import Locator
from .loading import LoadedNote, NoteParts, parse_note_parts
from .prune import pruned
from .rules import check_note_values

NAMESPACE = "notes"


def _marks(marks: dict[tuple[str | int, ...], tuple[int, int]]) -> list[Any]:
    return [[list(path), line, column] for path, (line, column) in marks.items()]


def _unmarks(rows: list[Any]) -> dict[tuple[str | int, ...], tuple[int, int]]:
    return {tuple(path): (line, column) for path, line, column in rows}


def _encode(loaded: LoadedNote, parts: NoteParts | None) -> dict[str, Any]:
    return {
        "parts": None
        if parts is None
        else {
            "data": parts.data,
            "keys": _marks(parts.locator.key_marks),
            "values": _marks(parts.locator.value_marks),
            "fmt": parts.fmt,
            "body": parts.body,
            "body_line": parts.body_line,
        },
        "diagnostics": [d.to_row() for d in loaded.diagnostics],
    }


def _decode(value: dict[str, Any], source: str, src_uri: str) -> LoadedNote:
    diagnostics = tuple(Diagnostic.from_row(row) for row in value["diagnostics"])
    raw = value["parts"]
    if raw is None:
        return LoadedNote(None, diagnostics)
    locator = Locator(_unmarks(raw["keys"]), _unmarks(raw["values"]))
    parts = NoteParts(raw["data"], locator, raw["fmt"], raw["body"], raw["body_line"])
    return LoadedNote(parts.build(source, src_uri), diagnostics)


def load_checked_note(path: Path, source: str, src_uri: str, disk: DiskCache) -> LoadedNote:
    """A note and all its own problems (schema and rules), from the disk cache when possible."""
    data, unreadable = read_bytes(path, source)
    if data is None:
        return LoadedNote(None, tuple(unreadable))
    # content_key covers paperguide's code and version (diskcache.code_version).
    key = content_key(NAMESPACE, [source.encode(), src_uri.encode(), data])
    cached = disk.get(NAMESPACE, key)
    if cached is not None:
        try:
            return _decode(cached, source, src_uri)
        except (KeyError, TypeError, ValueError):
            pass  # a damaged or foreign entry: read the note again and overwrite it
    text, problems = decode_text(data, source)
    if text is None:
        loaded, parts = LoadedNote(None, tuple(problems)), None
    else:
        loaded, parts = parse_note_parts(text, source, src_uri)
        if loaded.note is not None and parts is not None:
            problems, drops = check_note_values(loaded.note)
            if drops:
                # The values the rules refused never reach a page (see prune.py).
                parts = replace(parts, data=pruned(parts.data, drops))
            loaded = LoadedNote(parts.build(source, src_uri), (*loaded.diagnostics, *problems))
    disk.put(NAMESPACE, key, _encode(loaded, parts))  # skipped if JSON cannot hold it
    return loaded
