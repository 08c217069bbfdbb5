"""A small on-disk cache keyed by content hash, for work that is slow on a cold start.

Values are stored as JSON (never pickle: the cache directory may be shared or tampered with, and
loading it must not execute anything). Any unreadable, corrupt or foreign entry is ignored and
recomputed; writes are atomic (a uniquely named temp file in the same folder, then a rename) so
two builds sharing the folder never see half a file nor each other's temp file.

Every key covers paperguide's version, the code that produced the value and the versions of the
libraries it relies on: a cache written by another version (which may have trusted something
now refused) is never read.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

#: Bump when the shape of a cached value changes; old entries are then ignored.
FORMAT_VERSION = 2

#: Distributions whose behaviour is baked into cached values.
DEPENDENCIES = ("paperguide", "bibtexparser", "PyYAML", "jsonschema", "Markdown")


@functools.cache
def code_version() -> str:
    """paperguide's version, a digest of its own code, and its dependencies' versions.

    The digest matters between releases: a checkout of another commit has the same version
    number and different rules.
    """
    package = Path(__file__).resolve().parents[2]  # paperguide/, from core/base/diskcache.py
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json", ".j2") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    versions = []
    for name in DEPENDENCIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=?")
    return ";".join(versions) + ";code=" + digest.hexdigest()[:16]


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``path`` whole or not at all; raises ``OSError`` (the temp file is removed)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def cache_dir_problem(root: Path, files: Iterable[str] = ()) -> str | None:
    """Why ``root`` cannot serve as a cache folder (``None``: it can).

    Tried, not guessed from permission bits: a read-only mount, a file in the way, or (as root)
    a chmod that does not stop writes all answer truthfully. ``files`` are names the cache
    writes directly under ``root``; a folder in their place is a problem too.
    """
    try:
        root.mkdir(parents=True, exist_ok=True)
        # A uniquely named probe: two builds starting together must not remove each other's.
        fd, probe = tempfile.mkstemp(dir=root, prefix=".probe.", suffix=".tmp")
        os.close(fd)
        Path(probe).unlink()
    except OSError as exc:
        return f"{exc.strerror or exc} ({root})"
    for name in files:
        if (root / name).is_dir():
            return f"{root / name} is a folder"
    return None


def content_key(namespace: str, parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256(f"{namespace}:{FORMAT_VERSION}:{code_version()}".encode())
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
            header, _, body = path.read_bytes().partition(b"\n")
            # The first line names the key and the digest of the rest: a truncated, edited or
            # wrong-typed entry (valid JSON of another shape) is refused here, recomputed and
            # overwritten, instead of failing far away in the code that trusts its shape.
            seal = json.loads(header)
            if seal != {"key": key, "sha256": hashlib.sha256(body).hexdigest()}:
                return None
            return json.loads(body)
        except (OSError, ValueError):
            return None

    def put(self, namespace: str, key: str, value: Any) -> None:
        if self.root is None:
            return
        try:
            body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return  # not JSON (YAML binary data, say): simply not cached
        seal = json.dumps({"key": key, "sha256": hashlib.sha256(body.encode()).hexdigest()})
        folder = self.root / namespace
        try:
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write_text(folder / f"{key}.json", seal + "\n" + body)
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
