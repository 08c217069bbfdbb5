"""Putting plain text and URLs into generated Markdown without it turning into syntax.

Author prose is Markdown and passes through untouched. Everything else (BibTeX titles and names,
ids, labels, URLs) is data: it is written with HTML character references for every character
that Markdown or one of our extensions would read as syntax, so a title containing
``<script>``, ``*`` or ``@key`` shows exactly those characters.
"""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import quote

_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "{": "&#123;",
    "}": "&#125;",
    "[": "&#91;",
    "]": "&#93;",
    "(": "&#40;",
    ")": "&#41;",
    "#": "&#35;",
    "+": "&#43;",
    "!": "&#33;",
    "|": "&#124;",
    "$": "&#36;",
    "@": "&#64;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    ":": "&#58;",
}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_MATH_SPAN = re.compile(r"\$[^$\n]+\$")


def escape_text(value: object) -> str:
    """Plain text -> inert Markdown (one line)."""
    return " ".join(str(value).split()).translate(_ESCAPE_TABLE)


def escape_math_text(value: object) -> str:
    """Like :func:`escape_text`, but ``$...$`` spans stay math (titles such as "$\\ell_1$ ...")."""
    text = " ".join(str(value).split())
    out, last = [], 0
    for match in _MATH_SPAN.finditer(text):
        math = match.group(0)
        if any(c in math for c in "<>&"):
            continue
        out.append(text[last : match.start()].translate(_ESCAPE_TABLE))
        out.append(math)
        last = match.end()
    out.append(text[last:].translate(_ESCAPE_TABLE))
    return "".join(out)


def link_url(url: str) -> str:
    """An external URL made safe as a Markdown link destination."""
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


def relative_link(target_src_uri: str, from_src_uri: str | None) -> str:
    """A ``.md`` link from one page to another, relative as MkDocs (and Zensical) expect."""
    target, _, anchor = target_src_uri.partition("#")
    if from_src_uri is None:
        path = target
    elif target == from_src_uri:
        path = ""
    else:
        path = _relpath(target, posixpath.dirname(from_src_uri) or ".")
    return f"{path}#{anchor}" if anchor else path


@functools.lru_cache(maxsize=16384)
def _relpath(target: str, start: str) -> str:
    # Asked ~40 times per page with few distinct folders, and slow enough to show in a profile
    # of a 500-paper build. Both paths are relative to docs_dir and never climb out of it, so
    # the answer does not depend on the working directory relpath consults, and can be kept.
    return posixpath.relpath(target, start)


def one_line(value: str) -> str:
    """Prose squeezed onto one line, for table cells; pipes escaped."""
    return " ".join(value.split()).replace("|", "\\|")
