"""Removing reported values from loaded YAML data, so nothing downstream ever sees them.

Validation reports a bad value once; pruning then takes it out of the data before any model,
template, renderer or rollup is built from it. A served or non-strict site therefore shows the
rest of the note without the bad value, instead of crashing on it (an enum used as a dict key)
or publishing it (an id that carries an attribute).

List items are replaced by ``None`` rather than removed so every other item keeps its index, and
with it the data path that locates it in the file; the readers skip ``None`` items.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from .model import DataPath


def pruned(data: dict[str, Any], paths: Iterable[DataPath]) -> dict[str, Any]:
    """A copy of ``data`` without the values at ``paths`` (the original is left untouched)."""
    wanted = sorted({tuple(p) for p in paths if p}, key=len)
    if not wanted:
        return data
    out = copy.deepcopy(data)
    for path in wanted:
        _drop(out, path)
    return out


def _drop(data: Any, path: DataPath) -> None:
    parent = data
    for part in path[:-1]:
        parent = _child(parent, part)
        if parent is None:
            return  # an enclosing value was dropped already
    last = path[-1]
    if isinstance(parent, dict) and isinstance(last, str):
        parent.pop(last, None)
    elif isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        parent[last] = None


def _child(value: Any, part: str | int) -> Any:
    if isinstance(value, dict) and isinstance(part, str):
        return value.get(part)
    if isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
        return value[part]
    return None


def with_renames(
    data: dict[str, Any], renames: Iterable[tuple[DataPath, str, str]]
) -> dict[str, Any]:
    """A copy of ``data`` with each ``(path, written, meant)`` key renamed under ``path``."""
    out = copy.deepcopy(data)
    for path, written, meant in renames:
        parent: Any = out
        for part in path:
            parent = _child(parent, part)
        if isinstance(parent, dict) and written in parent and meant not in parent:
            parent[meant] = parent.pop(written)
    return out
