"""What points at what, collected while pages render and read once every page has rendered.

The Markdown extension records each citation (page -> key) and each link to another page
(page -> target page), and each self-check written on a page (``/// check``); the host asks
afterwards (MkDocs: in ``on_env``), so "cited on" and "linked from" lists and the site-wide
"Check yourself" page never depend on the order in which pages were rendered.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class PageCheck:
    """A ``/// check`` as rendered on its page, to be shown again on the "Check yourself" page.

    ``html`` has no element ids (they stay on the page), and each of its relative links is
    marked as relative to the page it came from (see :mod:`..pages.page_checks`).
    """

    anchor: str  # the check's id on its page
    html: str


def resolve_link(href: str, from_page: str) -> str | None:
    """The page (``papers/x.md``) a relative Markdown link points at, or ``None``.

    External URLs, same-page anchors and links that leave the content directory are ``None``.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or href.startswith("/"):
        return None
    path = unquote(parts.path)
    if path.endswith("/"):
        path += "index.md"
    if not path.endswith(".md"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), path))
    if joined.startswith("../") or joined == "..":
        return None
    return joined


class Collector:
    """Citations and links per page, for one build. Call :meth:`reset` before each build."""

    def __init__(self) -> None:
        self.citations: dict[str, dict[str, int]] = {}
        self.links: dict[str, set[str]] = {}
        self.checks: dict[str, list[PageCheck]] = {}

    def reset(self) -> None:
        self.citations = {}
        self.links = {}
        self.checks = {}

    def start_page(self, page: str) -> None:
        """Forget what an earlier render of ``page`` recorded (a page may render twice)."""
        self.citations.pop(page, None)
        self.links.pop(page, None)
        self.checks.pop(page, None)

    def record_citation(self, page: str, key: str) -> None:
        counts = self.citations.setdefault(page, {})
        counts[key] = counts.get(key, 0) + 1

    def record_link(self, page: str, target: str) -> None:
        if target != page:
            self.links.setdefault(page, set()).add(target)

    def record_check(self, page: str, check: PageCheck) -> None:
        self.checks.setdefault(page, []).append(check)

    def replay(
        self,
        page: str,
        citations: Mapping[str, int],
        links: Iterable[str],
        checks: Iterable[tuple[str, str]],
    ) -> None:
        """Record again what ``page`` recorded when it was converted (a page restored from a
        render cache): its citations with their counts, its links and its self-checks."""
        for key, times in citations.items():
            counts = self.citations.setdefault(page, {})
            counts[key] = counts.get(key, 0) + times
        for target in links:
            self.record_link(page, target)
        for anchor, shown in checks:
            self.record_check(page, PageCheck(anchor, shown))

    def cited_keys(self) -> set[str]:
        return {key for counts in self.citations.values() for key in counts}
