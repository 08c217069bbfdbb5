"""A figure image's own size, read from the file's first bytes (no image library).

Each format is built here, byte by byte, as small as a browser still accepts; then broken
(truncated, corrupt, hostile) so that reading never raises and never reads without bound.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from paperguide.core.notes.image_size import READ_LIMIT, read_image_size


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    rows = b"".join(b"\0" + b"\0" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _gif(width: int, height: int) -> bytes:
    screen = struct.pack("<HHBBB", width, height, 0, 0, 0)
    image = b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0)
    return b"GIF89a" + screen + image + b"\x02\x02\x44\x01\x00" + b"\x3b"


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def _jpeg(width: int, height: int, *, padding: int = 0, sof: int = 0xC0) -> bytes:
    """SOI, an APP0 (and ``padding`` more bytes of APP segments), DQT, SOFn, then EOI."""
    parts = [b"\xff\xd8", _segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0")]
    while padding > 0:
        size = min(padding, 65000)
        parts.append(_segment(0xE1, b"\0" * size))
        padding -= size
    parts.append(b"\xff\xff")  # fill bytes before a marker are allowed
    parts.append(_segment(0xDB, b"\0" + bytes(64)))
    parts.append(_segment(sof, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\0"))
    parts.append(b"\xff\xd9")
    return b"".join(parts)


def _riff(chunk: bytes, data: bytes) -> bytes:
    body = b"WEBP" + chunk + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _webp_lossy(width: int, height: int) -> bytes:
    frame = b"\x10\x02\x00" + b"\x9d\x01\x2a" + struct.pack("<HH", width, height) + bytes(8)
    return _riff(b"VP8 ", frame)


def _webp_lossless(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    return _riff(b"VP8L", b"\x2f" + struct.pack("<I", bits) + bytes(4))


def _webp_extended(width: int, height: int) -> bytes:
    data = b"\x10\0\0\0" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return _riff(b"VP8X", data)


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, "utf-8")
    else:
        path.write_bytes(data)
    return path


RASTERS = {
    "png": ("x.png", _png(7, 3)),
    "gif": ("x.gif", _gif(7, 3)),
    "jpeg": ("x.jpg", _jpeg(7, 3)),
    "jpeg progressive": ("x.jpeg", _jpeg(7, 3, sof=0xC2)),
    "jpeg behind big metadata": ("x.jpg", _jpeg(7, 3, padding=150_000)),
    "webp lossy": ("x.webp", _webp_lossy(7, 3)),
    "webp lossless": ("x.webp", _webp_lossless(7, 3)),
    "webp extended": ("x.webp", _webp_extended(7, 3)),
}


@pytest.mark.parametrize("case", list(RASTERS))
def test_raster_sizes(tmp_path, case):
    name, data = RASTERS[case]
    assert read_image_size(_write(tmp_path, name, data)) == (7, 3)


def test_large_dimensions_are_read_exactly(tmp_path):
    assert read_image_size(_write(tmp_path, "big.gif", _gif(65535, 1))) == (65535, 1)
    assert read_image_size(_write(tmp_path, "big.webp", _webp_lossless(16384, 2))) == (16384, 2)
    assert read_image_size(_write(tmp_path, "w.webp", _webp_extended(70000, 5))) == (70000, 5)


def test_the_content_decides_not_the_suffix(tmp_path):
    # Browsers sniff an image's type; a PNG saved as .jpg still shows, at its own size.
    assert read_image_size(_write(tmp_path, "named-wrong.jpg", _png(5, 9))) == (5, 9)


SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'
SVGS = {
    "width and height": (f'<svg {SVG_NS} width="400" height="495"/>', (400, 495)),
    "px units": (f'<svg {SVG_NS} width="400px" height=" 200.4px "/>', (400, 200)),
    "viewBox only": (f'<svg {SVG_NS} viewBox="0 0 380 470"/>', (380, 470)),
    "viewBox with commas": (f'<svg {SVG_NS} viewBox="-5,-5, 90.5,45"/>', (91, 45)),
    "percent falls back to viewBox": (
        f'<svg {SVG_NS} width="100%" height="100%" viewBox="0 0 30 10"/>',
        (30, 10),
    ),
    "other units fall back to viewBox": (
        f'<svg {SVG_NS} width="10cm" height="5cm" viewBox="0 0 300 150"/>',
        (300, 150),
    ),
    "one side given, the other from the viewBox ratio": (
        f'<svg {SVG_NS} width="200" viewBox="0 0 100 50"/>',
        (200, 100),
    ),
    "declaration, comment and bare doctype first": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn by hand -->\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        f'<svg {SVG_NS} width="12" height="34"><rect/></svg>',
        (12, 34),
    ),
    "prefixed root": (
        '<s:svg xmlns:s="http://www.w3.org/2000/svg" width="8" height="6"/>',
        (8, 6),
    ),
    "only the root is read": (
        f'<svg {SVG_NS} width="8" height="6"><unclosed>' + "<g>" * 5000,
        (8, 6),
    ),
}


@pytest.mark.parametrize("case", list(SVGS))
def test_svg_sizes(tmp_path, case):
    text, expected = SVGS[case]
    assert read_image_size(_write(tmp_path, "x.svg", text)) == expected


UNREADABLE: dict[str, tuple[str, bytes | str]] = {
    "empty png": ("x.png", b""),
    "png cut in its header": ("x.png", _png(7, 3)[:20]),
    "png without IHDR first": ("x.png", _png(7, 3)[:12] + b"IDAT" + bytes(12)),
    "png of zero width": ("x.png", _png(7, 3)[:16] + bytes(4) + _png(7, 3)[20:]),
    "gif cut": ("x.gif", b"GIF89a\x07"),
    "jpeg cut before its frame": ("x.jpg", _jpeg(7, 3)[:40]),
    "jpeg without a frame": ("x.jpg", b"\xff\xd8" + _segment(0xE0, b"x") + b"\xff\xd9"),
    "jpeg frame beyond the read limit": ("x.jpg", _jpeg(7, 3, padding=READ_LIMIT + 10)),
    "jpeg garbage after SOI": ("x.jpg", b"\xff\xd8" + b"\x00" * 100),
    "jpeg zero-length segment": ("x.jpg", b"\xff\xd8\xff\xe0\x00\x00" + bytes(50)),
    "webp cut": ("x.webp", _webp_lossy(7, 3)[:24]),
    "webp lossy without start code": ("x.webp", _riff(b"VP8 ", bytes(16))),
    "webp lossless without signature": ("x.webp", _riff(b"VP8L", bytes(9))),
    "webp unknown chunk": ("x.webp", _riff(b"ABCD", bytes(16))),
    "random bytes": ("x.png", bytes(range(256)) * 4),
    "svg not xml": ("x.svg", "this is not a drawing"),
    "svg other root": ("x.svg", '<html width="3" height="4"/>'),
    "svg without any size": ("x.svg", f"<svg {SVG_NS}/>"),
    "svg with only percentages": ("x.svg", f'<svg {SVG_NS} width="100%" height="50%"/>'),
    "svg negative viewBox": ("x.svg", f'<svg {SVG_NS} viewBox="0 0 -3 4"/>'),
    "svg bad viewBox": ("x.svg", f'<svg {SVG_NS} viewBox="0 0 nan 4"/>'),
    "svg infinite": ("x.svg", f'<svg {SVG_NS} width="1e999" height="3"/>'),
    "svg root tag cut off": ("x.svg", f'<svg {SVG_NS} width="3" hei'),
    "svg root after the first kilobytes": (
        "x.svg",
        "<!--" + "x" * 300_000 + f'--><svg {SVG_NS} width="3" height="4"/>',
    ),
    "svg internal DTD": (
        "x.svg",
        '<!DOCTYPE svg [<!ENTITY w "5">]>' + f'<svg {SVG_NS} width="&w;" height="4"/>',
    ),
    "svg billion laughs": (
        "x.svg",
        '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        f'<svg {SVG_NS} width="3" height="4"><text>&c;</text></svg>',
    ),
    "svg external entity": (
        "x.svg",
        '<!DOCTYPE svg SYSTEM "file:///etc/passwd">' + f'<svg {SVG_NS} width="&x;"/>',
    ),
    "svg absurdly large": ("x.svg", f'<svg {SVG_NS} width="1e300" height="3"/>'),
    "png absurdly large": ("x.png", _png(7, 3)[:16] + b"\xff" * 4 + _png(7, 3)[20:]),
    "svg binary junk": ("x.svg", b"\x00\xff\xfe" * 100),
}


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_unreadable_files_give_no_size_and_never_raise(tmp_path, case):
    name, data = UNREADABLE[case]
    assert read_image_size(_write(tmp_path, name, data)) is None


def test_a_missing_or_unreadable_path_gives_no_size(tmp_path):
    assert read_image_size(tmp_path / "gone.png") is None
    assert read_image_size(tmp_path) is None  # a folder


def test_reading_is_bounded(tmp_path, monkeypatch):
    # However large the file, at most READ_LIMIT bytes are asked for.
    path = _write(tmp_path, "x.jpg", _jpeg(7, 3, padding=READ_LIMIT * 3))
    asked: list[int] = []
    real_open = Path.open

    def spying_open(self, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        real_read = handle.read

        def read(size=-1):
            asked.append(size)
            return real_read(size)

        handle.read = read
        return handle

    monkeypatch.setattr(Path, "open", spying_open)
    assert read_image_size(path) is None
    assert asked and all(0 <= size <= READ_LIMIT for size in asked), asked
    assert READ_LIMIT <= 256 * 1024
