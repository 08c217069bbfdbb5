"""The self-checks written on pages (``/// check``), listed on the site-wide "Check yourself" page.

Pages record their checks as they render (:attr:`.collector.Collector.checks`); once every page
has rendered, the fill step puts them where the checks page left its placeholder, one group per
page under the page's title, each check linking back to itself on its page. A recorded check's
relative links were written for its own page: the recorder marks each (:data:`MARK` before the
link), and :func:`rebase_links` rewrites them as links from the checks page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup

from .collector import PageCheck

#: Put before each relative link of a recorded check; never left in a page.
MARK = "\x02pg-rel\x03"
_MARKED = re.compile(re.escape(MARK) + r'([^"]*)')
#: The heading above the groups, and its anchor.
SECTION_ANCHOR = "checks-on-pages"


def _folder(url: str) -> str:
    """Where a page's relative links start from: ``a/b/`` -> ``a/b``, ``a/b.html`` -> ``a``."""
    return url.rsplit("/", 1)[0] if "/" in url else ""


def rebase(href: str, from_url: str, to_url: str) -> str:
    """``href``, written on the page at ``from_url``, as a link from the page at ``to_url``
    (URLs relative to the site root, as MkDocs gives them: ``sam/``, ``sam/index.html``, ``""``)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        return href
    if parts.path:
        target = posixpath.normpath(posixpath.join(_folder(from_url), parts.path))
        folder = parts.path.endswith("/") or target == "."
    else:  # "#anchor": the page itself
        target, folder = from_url.rstrip("/") or ".", from_url.endswith("/") or not from_url
    link = posixpath.relpath(target, _folder(to_url) or ".")
    if folder:
        link = "./" if link == "." else link + "/"
    if parts.query:
        link += f"?{parts.query}"
    if parts.fragment:
        link += f"#{parts.fragment}"
    return link


def rebase_links(html: str, from_url: str, to_url: str) -> str:
    return _MARKED.sub(lambda m: rebase(m.group(1), from_url, to_url), html)


def group_anchor(src_uri: str) -> str:
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    return "checks-page-" + ("-".join(re.findall(r"[a-z0-9]+", stem.lower())) or "index")


@dataclass(frozen=True)
class CheckGroup:
    """The checks of one page, as the checks page shows them."""

    src_uri: str
    title: str
    anchor: str
    href: str  # the page, from the checks page
    checks: tuple[Markup, ...]


def check_groups(
    recorded: Mapping[str, Sequence[PageCheck]],
    order: Sequence[str],
    titles: Mapping[str, str],
    page_url: Callable[[str], str | None],
    link: Callable[[str, str], str | None],
    to_src: str,
) -> list[CheckGroup]:
    """One group per page with checks: in ``order`` (the navigation), then the rest by path."""
    to_url = page_url(to_src)
    rank = {src: n for n, src in enumerate(order)}
    groups = []
    for src in sorted(recorded, key=lambda s: (rank.get(s, len(rank)), s)):
        from_url, href = page_url(src), link(src, to_src)
        if not recorded[src] or src == to_src or from_url is None or href is None:
            continue
        assert to_url is not None
        checks = tuple(
            Markup(rebase_links(check.html, from_url, to_url)) for check in recorded[src]
        )
        title = titles.get(src) or src
        groups.append(CheckGroup(src, title, group_anchor(src), href, checks))
    return groups
