"""Code names (file paths, dotted symbols) as inert Markdown that wraps only between parts.

Material lets inline code break anywhere (``word-break: break-word``), so a narrow table column
splits ``QHAdam.from_nadam`` into ``QHAdam.from_na`` / ``dam``. The stylesheet turns that off
for ``code.pg-ident``; these ``<wbr>`` break chances are then the only places such a name can
wrap: after a ``/``, before a ``.``, and after an ``_`` between two letters or digits (so
``__init__`` stays whole).
"""

from __future__ import annotations

import re

from .markdown_text import escape_text

# Zero-width positions where a name may wrap.
_BREAKS = re.compile(
    r"(?<=/)(?=[^/])"  # after a slash (not at the end, not inside "//")
    r"|(?<=[^./\s])(?=\.[^.])"  # before a dot that follows a name part and starts another
    r"|(?<=[^\W_]_)(?=[^\W_])"  # after a single underscore joining two words: from_|nadam
)
_MARK = "\x00"  # never survives escape_text's output otherwise: removed from the input first


def breakable_code(value: object) -> str:
    """``value`` escaped as Markdown text, with ``<wbr>`` at the break chances above."""
    text = " ".join(str(value).replace(_MARK, "").split())
    return escape_text(_BREAKS.sub(_MARK, text)).replace(_MARK, "<wbr>")
