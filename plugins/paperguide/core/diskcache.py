"""A small on-disk cache keyed by content hash, for work that is slow on a cold start.

Values are stored as JSON (never pickle: the cache directory may be shared or tampered with, and
loading it must not execute anything). Any unreadable, corrupt or foreign entry is ignored and
recomputed; writes are atomic (temp file + rename) so two builds never see half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

#: Bump when the shape of a cached value changes; old entries are then ignored.
FORMAT_VERSION = 1


def content_key(namespace: str, parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256(f"{namespace}:{FORMAT_VERSION}".encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


class DiskCache:
    """JSON values under ``root/<namespace>/<hash>.json``; ``root=None`` disables caching."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def get(self, namespace: str, key: str) -> Any | None:
        if self.root is None:
            return None
        path = self.root / namespace / f"{key}.json"
        try:
            return json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, namespace: str, key: str, value: Any) -> None:
        if self.root is None:
            return
        try:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return  # not JSON (YAML binary data, say): simply not cached
        folder = self.root / namespace
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            Path(tmp).replace(folder / f"{key}.json")
        except OSError:
            return  # a read-only checkout still builds, just without the speed-up

    def memo(self, namespace: str, key: str, compute: Callable[[], Any]) -> Any:
        """The cached value for ``key``, computing and storing it when missing."""
        cached = self.get(namespace, key)
        if cached is not None:
            return cached
        value = compute()
        self.put(namespace, key, value)
        return value
