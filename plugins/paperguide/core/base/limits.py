"""Upper bounds on what one input may ask of a build, so hostile or runaway input ends with a
clear diagnostic instead of an exhausted machine.

Each bound sits far above anything real (the example site's largest note is 73 KB, its largest
formula a few hundred characters) and at a size where the measured cost is still linear and a
few seconds at most (``bench/run.py``, "limits" rows). Changing one is a code change, on purpose:
a site that needs more is a site worth hearing about.
"""

from __future__ import annotations

#: A note, the tracker, a concept page's front matter: one file, in bytes.
MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024
#: One .bib file, in bytes (50,000 or more Zotero entries; a 10 MB export must still build).
MAX_BIB_FILE_BYTES = 16 * 1024 * 1024
#: One BibTeX field or @string after macros and ``#`` concatenation, in characters.
MAX_BIB_VALUE_CHARS = 100_000
#: One formula's TeX, in characters (KaTeX's cost grows faster than linearly beyond this).
MAX_TEX_CHARS = 10_000
#: Items in one YAML list (tags, unknowns, symbols...).
MAX_LIST_ITEMS = 5_000


def size_text(count: int, unit: str = "bytes") -> str:
    """``2,097,152 bytes`` / ``2.0 MB``: sizes as people read them in a message."""
    if unit == "bytes" and count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    return f"{count:,} {unit}"
