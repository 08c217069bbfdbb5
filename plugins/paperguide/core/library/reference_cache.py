"""Formatted references, labels and bibliography order, kept on disk by content hash.

Formatting a 5,000-entry bibliography (LaTeX decoding, author-year labels, sorting) takes
seconds; the result depends only on the entries, the style and the code, so it is stored under
the bibliography's content digest (see ``bib/bibcache.py``) and the style's identity, and a
warm build reads it back in one file. A damaged or foreign file is simply not used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..base.diskcache import DiskCache, content_key

NAMESPACE = "references"


@dataclass
class StoredReferences:
    """What one build worked out about the entries it formatted."""

    formatted: dict[str, str] = field(default_factory=dict)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (authors, year)
    years_done: set[str] = field(default_factory=set)
    order: list[str] | None = None  # every entry in bibliography order, once known


class ReferenceStore:
    """The stored references of one bibliography in one style (a no-op without a cache)."""

    def __init__(self, cache_dir: Path | None, digest: str, style: str) -> None:
        usable = cache_dir is not None and bool(digest)
        self.disk = DiskCache(cache_dir if usable else None)
        self.key = content_key(NAMESPACE, [digest.encode(), style.encode()]) if usable else ""

    def load(self) -> StoredReferences:
        data = self.disk.get(NAMESPACE, self.key) if self.key else None
        try:
            return _decode(data) if isinstance(data, dict) else StoredReferences()
        except (KeyError, TypeError, ValueError):
            return StoredReferences()

    def save(self, stored: StoredReferences) -> None:
        if self.key:
            self.disk.put(NAMESPACE, self.key, _encode(stored))


def _encode(stored: StoredReferences) -> dict[str, Any]:
    return {
        "formatted": stored.formatted,
        "labels": {k: list(v) for k, v in stored.labels.items()},
        "years_done": sorted(stored.years_done),
        "order": stored.order,
    }


def _decode(data: dict[str, Any]) -> StoredReferences:
    formatted = {str(k): str(v) for k, v in data["formatted"].items()}
    labels = {str(k): (str(a), str(y)) for k, (a, y) in data["labels"].items()}
    order = data["order"]
    return StoredReferences(
        formatted,
        labels,
        {str(y) for y in data["years_done"]},
        [str(k) for k in order] if isinstance(order, list) else None,
    )
