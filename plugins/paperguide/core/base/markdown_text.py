"""Putting plain text and URLs into generated Markdown without it turning into syntax.

Author prose is Markdown and passes through untouched. Everything else (BibTeX titles and names,
ids, labels, URLs) is data: it is written with HTML character references for every character
that Markdown or one of our extensions would read as syntax, so a title containing
``<script>``, ``*`` or ``@key`` shows exactly those characters.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from urllib.parse import quote

from pymdownx.arithmatex import RE_SMART_DOLLAR_INLINE

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
#: arithmatex's own inline ``$`` rule with ``smart_dollar`` (its default): ``$ x $`` (spaces
#: inside) is not math. Any span it accepts is also math without ``smart_dollar``, and every
#: other ``$`` is escaped, so host settings cannot make our idea of math and arithmatex's differ
#: (they did: ``$ [a](javascript:...) $`` was left alone as "math" and became a link).
_MATH_SPAN = re.compile(RE_SMART_DOLLAR_INLINE)


def escape_text(value: object) -> str:
    """Plain text -> inert Markdown (one line)."""
    return " ".join(str(value).split()).translate(_ESCAPE_TABLE)


def escape_math_text(value: object) -> str:
    """Like :func:`escape_text`, but ``$...$`` spans stay math (titles such as "$\\ell_1$ ...")."""
    text = " ".join(str(value).split())
    out, last, pos = [], 0, 0
    while (match := _next_math(text, pos)) is not None:
        start, end = match
        pos = end
        math = text[start:end]
        if math[0] != "$" or any(c in math for c in "<>&"):
            continue  # a run of escaped backslashes, or math KaTeX would not get as typed
        out.append(text[last:start].translate(_ESCAPE_TABLE))
        out.append(math)
        last = end
    out.append(text[last:].translate(_ESCAPE_TABLE))
    return "".join(out)


def _next_math(text: str, pos: int) -> tuple[int, int] | None:
    """The next span arithmatex matches at or after ``pos``, as (start, end).

    Python-Markdown replaces each match by a placeholder before searching again, so the
    look-behind of the next search never sees the backslashes just matched: searching the rest
    of the string on its own does the same.
    """
    if pos and text[pos - 1] == "\\":  # just after a run of escaped backslashes
        rest = _MATH_SPAN.search(text[pos:])
        return None if rest is None else (pos + rest.start(), pos + rest.end())
    match = _MATH_SPAN.search(text, pos)
    return None if match is None else (match.start(), match.end())


def html_text(value: str) -> str:
    """Plain text -> HTML text, safe inside an element or a quoted attribute.

    For strings a theme prints without escaping (Material puts ``page.meta.title`` raw into
    ``<title>``, the header and the navigation).
    """
    return html.escape(value, quote=True)


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
