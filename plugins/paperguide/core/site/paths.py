"""Paths that name a place inside the site (a folder of notes, a generated page, a download).

Every such option is checked when the configuration loads, so that no value — empty, ``/``,
``..``, absolute, a Windows drive — can make paperguide read its notes from the whole disk or
write a page outside ``site_dir``: MkDocs joins a file's path onto ``site_dir`` without checking
where the result lands.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath


class UnsafePath(ValueError):
    """The value is not a relative path inside the folder it is resolved against."""


def inside_path(value: str, *, suffix: str | None = None, hidden: bool = False) -> str:
    """``value`` as a clean relative POSIX path (``a/b``), or :class:`UnsafePath` saying why.

    ``suffix`` (e.g. ``.md``) is required at the end when given: a page must be a page.
    ``hidden``: whether a part may start with ``.`` (a cache folder may; a page may not, as
    MkDocs skips such files).
    """
    text = value.strip()
    if not text or (text.strip("/.") == "" and ".." not in text):
        raise UnsafePath(f"{value!r} names no folder or file of its own")
    if "\\" in text or PureWindowsPath(text).drive:
        raise UnsafePath(f"{value!r} is not a relative path with '/' separators")
    if text.startswith("/"):
        raise UnsafePath(f"{value!r} is an absolute path")
    parts = [p for p in PurePosixPath(text).parts if p != "."]
    if ".." in parts:
        raise UnsafePath(f"{value!r} climbs out of its folder with '..'")
    if not hidden and any(part.startswith(".") for part in parts):
        raise UnsafePath(f"{value!r} names a hidden file or folder, which MkDocs skips")
    clean = "/".join(parts)
    if suffix and not clean.endswith(suffix):
        raise UnsafePath(f"{value!r} does not end with {suffix}")
    return clean
