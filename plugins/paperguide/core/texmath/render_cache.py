"""Typeset formulas kept between builds: one JSON file of KaTeX renders, keyed by content hash.

The key (made by :class:`~.katex.Katex`) covers the code, KaTeX's version, the options and the
TeX, so an entry is never served to a build that would render it differently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..base.diskcache import atomic_write_text
from ..base.filecache import StatKey, stat_key


@dataclass(frozen=True)
class Rendered:
    html: str
    warnings: tuple[str, ...] = ()


@dataclass
class RenderCache:
    """Renders from earlier builds, in one JSON file. Only entries used by the latest build are
    written back, so the file never outgrows the site."""

    path: Path
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    dirty: bool = False
    stamp: StatKey = None  # the file as this object last read or wrote it
    #: While set, every key used is added here too (a page render cache records what a page
    #: used, and marks it used again when it serves that page without rendering it).
    watching: set[str] | None = None

    @classmethod
    def load(cls, path: Path) -> RenderCache:
        cache = cls(path, stamp=stat_key(path))
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cache  # missing or corrupt: start empty, it is only a cache
        if isinstance(data, dict):
            # Anything else than what put() writes is dropped (and so rewritten): an entry of
            # `"html": null` was once served as the text "None" for every formula.
            cache.entries = {k: v for k, v in data.items() if _valid_entry(v)}
        return cache

    def get(self, key: str) -> Rendered | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        self.use(key)
        return Rendered(entry["html"], tuple(entry.get("warnings", ())))

    def put(self, key: str, rendered: Rendered) -> None:
        self.entries[key] = {"html": rendered.html, "warnings": list(rendered.warnings)}
        self.use(key)
        self.dirty = True

    def use(self, key: str) -> None:
        """Keep ``key`` in the file written by :meth:`save`."""
        self.used.add(key)
        if self.watching is not None:
            self.watching.add(key)

    def keep(self, keys: list[str]) -> None:
        """Keep those of ``keys`` that are still stored (a page served without rendering)."""
        self.used.update(k for k in keys if k in self.entries)

    def changed_on_disk(self) -> bool:
        """Whether someone else wrote (or deleted) the file since we last read or wrote it:
        a process kept across builds (serve, tests) must then read it again."""
        return stat_key(self.path) != self.stamp

    def save(self) -> None:
        """Write the entries of this build (atomically); a no-op when nothing changed."""
        if not self.dirty and set(self.entries) == self.used and not self.changed_on_disk():
            self.used = set()
            return
        keep = {k: v for k, v in self.entries.items() if k in self.used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, json.dumps(keep, ensure_ascii=False))
        except OSError:
            pass  # only a cache: the adapter said once that the folder is unusable
        self.entries, self.used, self.dirty = keep, set(), False
        self.stamp = stat_key(self.path)


def _valid_entry(value: object) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("html"), str):
        return False
    warnings = value.get("warnings", [])
    return isinstance(warnings, list) and all(isinstance(w, str) for w in warnings)
