"""Reading author files as text: UTF-8 only, NUL bytes refused, every failure a diagnostic."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic


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


def read_text(path: Path, display_path: str) -> tuple[str | None, list[Diagnostic]]:
    """Read and decode one file; an unreadable file is a diagnostic, not an exception."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(display_path, None, None, f"cannot read the file: {exc.strerror}")]
    return decode_text(data, display_path)
