"""Reading author files as text: UTF-8 only, NUL bytes refused, every failure a diagnostic.

Only regular files are read, and only up to a size limit: a FIFO would block the build forever,
a link to ``/dev/zero`` would fill the memory, and a broken link would vanish silently.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .diagnostics import Diagnostic
from .limits import MAX_TEXT_FILE_BYTES, size_text


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def decode_text(data: bytes, display_path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode ``data`` as UTF-8 (a BOM is dropped); refuse NUL bytes and invalid encodings."""
    nul = data.find(b"\x00")
    if nul != -1:
        line, col = _line_col(data, nul)
        return None, [
            Diagnostic(
                display_path,
                line,
                col,
                "the file contains a NUL byte",
                hint="notes and bibliographies are plain UTF-8 text; is this a binary file?",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        return None, [
            Diagnostic(
                display_path,
                line,
                col,
                f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                hint="save the file as UTF-8 (Zotero: Better BibTeX export with UTF-8 encoding)",
            )
        ]
    return text, []


def read_bytes(
    path: Path, display_path: str, limit: int = MAX_TEXT_FILE_BYTES
) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a regular file of at most ``limit`` bytes, or why not (one diagnostic)."""

    def problem(message: str, hint: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(display_path, None, None, message, hint=hint)]

    try:
        # Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENOENT and path.is_symlink():
            return problem(
                "the file is a symbolic link to nothing (its target is missing)",
                "restore the target or delete the link",
            )
        return problem(f"cannot read the file: {exc.strerror}", "check its permissions")
    with os.fdopen(fd, "rb") as file:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device or special file"
            return problem(
                f"not a regular file ({kind}); it is skipped",
                "notes and bibliographies are ordinary text files; delete or replace it",
            )
        data = file.read(limit + 1)  # the size on disk can lie (procfs); read no more than this
    if len(data) > limit:
        return problem(
            f"the file is larger than the limit of {size_text(limit)}; it is skipped",
            "split it into several files",
        )
    return data, []


def read_text(
    path: Path, display_path: str, limit: int = MAX_TEXT_FILE_BYTES
) -> tuple[str | None, list[Diagnostic]]:
    """Read and decode one file; an unreadable file is a diagnostic, not an exception."""
    data, problems = read_bytes(path, display_path, limit)
    if data is None:
        return None, problems
    return decode_text(data, display_path)
