"""Memoisation keyed on a file's identity on disk (mtime and size), for serve rebuilds."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
StatKey = tuple[int, int] | None


def stat_key(path: Path) -> StatKey:
    """``(mtime_ns, size)``, or ``None`` if the file does not exist."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class FileCache:
    """Remembers one value per (namespace, file), recomputed when the file changes on disk."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, Path], tuple[StatKey, Any]] = {}
        self._groups: dict[str, tuple[tuple[StatKey, ...], Any]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, namespace: str, path: Path, compute: Callable[[], T]) -> T:
        key = stat_key(path)
        cached = self._entries.get((namespace, path))
        if cached is not None and key is not None and cached[0] == key:
            self.hits += 1
            return cached[1]  # type: ignore[no-any-return]
        self.misses += 1
        value = compute()
        self._entries[(namespace, path)] = (key, value)
        return value

    def get_group(self, namespace: str, paths: Sequence[Path], compute: Callable[[], T]) -> T:
        """Like :meth:`get`, for a value that depends on several files at once."""
        keys = tuple(stat_key(p) for p in paths)
        signature = (*keys, *((hash(p),) for p in paths))  # same files, same order
        cached = self._groups.get(namespace)
        if cached is not None and cached[0] == signature and None not in keys:
            self.hits += 1
            return cached[1]  # type: ignore[no-any-return]
        self.misses += 1
        value = compute()
        self._groups[namespace] = (signature, value)  # type: ignore[assignment]
        return value

    def forget_missing(self, alive: set[Path]) -> None:
        """Drop entries of files that are gone, so a long serve session does not grow."""
        for key in [k for k in self._entries if k[1] not in alive]:
            del self._entries[key]
