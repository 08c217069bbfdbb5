"""Short, readable labels for the long URLs that notes cite as evidence.

A pinned GitHub link is ~150 characters, most of it a commit hash; shown as link text it wraps
over three lines of a narrow column. The label keeps what a reader needs to recognise the target
(the file, the lines, which commit) and the link keeps the full URL. The function is pure and
total: any string gives one line of printable text, which templates still escape as text.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, unquote, urlsplit

#: No label is longer than this.
MAX_LABEL = 80
#: A generic "host/path" label up to this length is shown whole; longer ones lose middle
#: folders first.
_WHOLE = 60
_MAX_HOST = 40
_MAX_NAME = 48
_MAX_REF = 24

_GITHUB_HOSTS = ("github.com", "www.github.com")
_RAW_HOST = "raw.githubusercontent.com"
# GitHub's line anchors: #L5, #L10-L20, and with columns #L10C3-L20C9.
_LINES = re.compile(r"L(\d+)(?:C\d+)?(?:-L(\d+)(?:C\d+)?)?")
_COMMIT = re.compile(r"[0-9a-fA-F]{7,40}")


def link_label(url: str) -> str:
    """A short label for ``url``: ``amg.py L156–176 @ dca509f`` for a pinned GitHub blob with
    lines, ``arxiv.org/abs/2304.02643`` for other pages (no query, no fragment)."""
    try:
        parts = urlsplit(url)
        host = _host(parts)
    except ValueError:  # e.g. an unclosed IPv6 bracket, or a port that is not a number
        return _cut(_printable(url), MAX_LABEL)
    if not host:
        return _cut(_printable(url), MAX_LABEL)
    segments = [_decoded(s) for s in parts.path.split("/") if s]
    label = _github_label(host, segments, parts.fragment) or _generic_label(host, segments)
    return _cut(_printable(label), MAX_LABEL)


def _host(parts: SplitResult) -> str:
    """The host the link goes to (never the user-info before an ``@``), without ``www.``."""
    host = (parts.hostname or "").removeprefix("www.")
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    port = parts.port  # raises ValueError for a port that is not a number
    return _cut(f"{host}:{port}" if port else host, _MAX_HOST)


def _github_label(host: str, segments: list[str], fragment: str) -> str | None:
    """``file Lx–y @ ref`` for blobs (and raw files), ``folder/ @ ref`` for trees."""
    if host == _RAW_HOST and len(segments) >= 4:
        owner, repo, ref, *path = segments
        return _file_label(path[-1], ref, "")
    if f"www.{host}" not in _GITHUB_HOSTS and host not in _GITHUB_HOSTS:
        return None
    if len(segments) < 4 or segments[2] not in ("blob", "tree"):
        return None
    owner, repo, kind, ref, *path = segments
    if kind == "blob":
        return _file_label(path[-1], ref, fragment) if path else None
    where = f"{path[-1]}/" if path else f"{owner}/{repo}"
    return f"{_cut(where, _MAX_NAME)} @ {_short_ref(ref)}"


def _file_label(name: str, ref: str, fragment: str) -> str:
    label = _cut(name, _MAX_NAME)
    if match := _LINES.fullmatch(fragment):
        first, last = match.group(1), match.group(2)
        label += f" L{first}" if last is None or last == first else f" L{first}–{last}"
    return f"{label} @ {_short_ref(ref)}"


def _short_ref(ref: str) -> str:
    """A commit as its first seven digits (as GitHub shows it); a branch or tag as named."""
    return ref[:7] if _COMMIT.fullmatch(ref) else _cut(ref, _MAX_REF)


def _generic_label(host: str, segments: list[str]) -> str:
    whole = "/".join([host, *segments])
    if len(whole) <= _WHOLE or len(segments) < 3:
        return whole
    first = _cut(segments[0], _MAX_NAME // 2)
    room = MAX_LABEL - len(host) - len(first) - len("//…/")  # at least 12 (host <= 40)
    return f"{host}/{first}/…/{_cut(segments[-1], room)}"


def _decoded(segment: str) -> str:
    """``my%20notes.md`` -> ``my notes.md``; left encoded if decoding reveals characters that
    must not be shown (newlines, NUL, bidirectional overrides)."""
    decoded = unquote(segment)
    return decoded if decoded.isprintable() else segment


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
