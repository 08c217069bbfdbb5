"""An image file's own size in CSS pixels, read from its first bytes with the standard library.

A figure card's ``<img>`` carries ``width`` and ``height`` so the browser reserves the image's
room before the lazy file loads; without them, an image loading after a jump to an anchor
below it pushes that anchor out of view. Only the header is read, never more than
:data:`READ_LIMIT` bytes, and nothing is decoded: PNG's ``IHDR``, GIF's logical screen, JPEG's
first frame header (``SOFn``), WebP's ``VP8``/``VP8L``/``VP8X`` header, and an SVG's root
element (``width``/``height`` in pixels, else its ``viewBox``).

The format is told by the file's first bytes, as browsers do, not by its name; a file that is
none of them is read as SVG only when its name says so. Anything unexpected (a cut or corrupt
file, an SVG with a DTD of its own) gives ``None``: the card then shows the image without a
size, as before.
"""

from __future__ import annotations

import math
import re
import struct
import xml.parsers.expat
from pathlib import Path

#: The most bytes read from one file. A JPEG's frame header follows its metadata segments
#: (each at most 64 KB; a camera's EXIF with its thumbnail fits in one).
READ_LIMIT = 256 * 1024
#: An SVG's root start tag comes after at most an XML declaration, comments and a doctype.
SVG_READ_LIMIT = 32 * 1024

Size = tuple[int, int]


def read_image_size(path: Path) -> Size | None:
    """``(width, height)`` of the image at ``path``, or ``None`` if it cannot be told."""
    try:
        with path.open("rb") as handle:
            head = handle.read(READ_LIMIT)
    except OSError:
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png(head)
    if head.startswith((b"GIF87a", b"GIF89a")):
        return _gif(head)
    if head.startswith(b"\xff\xd8"):
        return _jpeg(head)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return _webp(head)
    if path.suffix.lower() == ".svg":
        return svg_size(head[:SVG_READ_LIMIT])
    return None


#: Larger than any image a page shows; a bigger number is a corrupt or hostile header.
_MAX_SIDE = 2**31 - 1


def _checked(width: float, height: float) -> Size | None:
    """Whole pixels (halves rounded up), when both sides are usable."""
    if not (math.isfinite(width) and math.isfinite(height)):
        return None
    size = (math.floor(width + 0.5), math.floor(height + 0.5))
    return size if all(0 < side <= _MAX_SIDE for side in size) else None


def _png(head: bytes) -> Size | None:
    # Signature, then the IHDR chunk, which must come first: length 13, type, width, height.
    if len(head) < 24 or head[12:16] != b"IHDR":
        return None
    return _checked(*struct.unpack(">II", head[16:24]))


def _gif(head: bytes) -> Size | None:
    if len(head) < 10:
        return None
    return _checked(*struct.unpack("<HH", head[6:10]))


#: Start-of-frame markers; C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding
#: conditioning) share the range but are not frames.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
#: Markers without a length field (TEM, restart markers).
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})


def _jpeg(head: bytes) -> Size | None:
    at = 2
    while at < len(head):
        if head[at] != 0xFF:
            return None  # between segments there must be a marker
        while at < len(head) and head[at] == 0xFF:
            at += 1  # fill bytes
        if at >= len(head):
            return None
        marker = head[at]
        at += 1
        if marker in _STANDALONE:
            continue
        if marker in (0xD8, 0xD9, 0xDA):
            return None  # another image, its end, or scan data before any frame header
        if at + 2 > len(head):
            return None
        (length,) = struct.unpack(">H", head[at : at + 2])
        if length < 2:
            return None
        if marker in _SOF:
            if length < 7 or at + 7 > len(head):
                return None
            height, width = struct.unpack(">HH", head[at + 3 : at + 7])
            return _checked(width, height)
        at += length
    return None


def _webp(head: bytes) -> Size | None:
    chunk, data = head[12:16], head[20:]
    if chunk == b"VP8 ":
        # A key frame: 3-byte frame tag, start code, then 14-bit width and height.
        if len(data) < 10 or data[3:6] != b"\x9d\x01\x2a":
            return None
        width, height = struct.unpack("<HH", data[6:10])
        return _checked(width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L":
        if len(data) < 5 or data[0] != 0x2F:
            return None
        (bits,) = struct.unpack("<I", data[1:5])
        return _checked((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":
        # Flags (4 bytes), then the canvas size minus one, 24 bits each.
        if len(data) < 10:
            return None
        width = int.from_bytes(data[4:7], "little") + 1
        height = int.from_bytes(data[7:10], "little") + 1
        return _checked(width, height)
    return None


# -- SVG -------------------------------------------------------------------------------------

_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_PIXELS = re.compile(rf"\s*({_NUMBER})\s*(?:px)?\s*")
_LIST_SEPARATOR = re.compile(r"[\s,]+")


class _Root(Exception):
    """Raised by the start-element handler: the root's attributes are all that is needed."""

    def __init__(self, name: str, attributes: dict[str, str]) -> None:
        super().__init__(name)
        self.name, self.attributes = name, attributes


class _Refused(Exception):
    """A DTD with declarations of its own, or an entity: not read any further."""


def svg_size(head: bytes) -> Size | None:
    """The size an SVG's root element states, from the file's first bytes."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(name: str, attributes: dict[str, str]) -> None:
        raise _Root(name, attributes)

    def doctype(_name: str, _system: str | None, _public: str | None, internal: int) -> None:
        # A bare <!DOCTYPE svg PUBLIC ...> (old editors write one) names a DTD that is never
        # fetched; one with declarations of its own is where entities would come from.
        if internal:
            raise _Refused

    def refuse(*_args: object) -> None:
        raise _Refused

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.SkippedEntityHandler = refuse
    try:
        parser.Parse(head, True)
    except _Root as root:
        if root.name.rpartition(" ")[2] != "svg":
            return None
        return _svg_root_size(root.attributes)
    except (_Refused, xml.parsers.expat.ExpatError, ValueError):
        return None
    return None


def _pixels(value: str | None) -> float | None:
    """A length in CSS pixels (a plain number or ``px``); other units and percentages depend
    on where the drawing is shown, so they tell nothing here."""
    if value is None:
        return None
    match = _PIXELS.fullmatch(value)
    return float(match.group(1)) if match else None


def _view_box(value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    parts = _LIST_SEPARATOR.split(value.strip())
    if len(parts) != 4:
        return None
    try:
        width, height = float(parts[2]), float(parts[3])
    except ValueError:
        return None
    if not (math.isfinite(width) and math.isfinite(height) and width > 0 and height > 0):
        return None
    return width, height


def _svg_root_size(attributes: dict[str, str]) -> Size | None:
    width, height = _pixels(attributes.get("width")), _pixels(attributes.get("height"))
    box = _view_box(attributes.get("viewBox"))
    if width is not None and height is not None:
        return _checked(width, height)
    if box is None:
        return None
    # One side given: the other follows the drawing's proportions, as a browser draws it.
    if width is not None:
        return _checked(width, width * box[1] / box[0])
    if height is not None:
        return _checked(height * box[0] / box[1], height)
    return _checked(*box)
