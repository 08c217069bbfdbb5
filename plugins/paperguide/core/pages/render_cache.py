"""Generated pages' HTML kept between builds, keyed by everything that HTML depends on.

Converting a generated page's Markdown is most of what a warm build costs (a 5,000-entry
bibliography page is a megabyte of Markdown). The result is a function of the page's Markdown,
its place in the site, the host's configuration and the note and bibliography data that
extensions read while converting it (a citation shows the cited entry's label, a section block
renders a note's records; citation cards are filled in afterwards). The first three are the
host's to fingerprint; ``page_dependencies.py`` supplies the last one, and this module the
store (:class:`RenderStore`).

Entries are sealed JSON files written atomically (``base/diskcache.py``): a foreign, truncated
or edited entry is a miss, never an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..base.diskcache import DiskCache, content_key

NAMESPACE = "rendered"
#: The search records of a page, apart from its HTML: they are known only after the page has
#: been through the theme's events, and the HTML is written (and let go) as soon as the page is
#: converted.
SEARCH_NAMESPACE = "rendered-search"


@dataclass
class RenderedPage:
    """What converting one page produced, as the host needs it back."""

    html: str
    #: The table of contents as nested ``{"level", "id", "name", "children"}`` tokens.
    toc: list[dict[str, Any]]
    anchors: list[str]
    #: Links to anchors of other pages (target page -> anchor -> link as written), if the
    #: host collected them.
    anchor_links: dict[str, dict[str, str]] | None
    #: What the page cites (key -> times) and which pages it links to (for backlinks).
    citations: dict[str, int] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    #: The math render cache entries the page used (kept alive while the page is cached).
    math: list[str] = field(default_factory=list)
    #: The title the host derived from the content (no title in the front matter).
    title: str | None = None
    #: The self-checks written on the page, as recorded for the checks page: (anchor, HTML).
    checks: list[tuple[str, str]] = field(default_factory=list)
    #: What the host's search index made of the page (opaque JSON records), and a digest of
    #: the search settings they were made with; ``None`` when not recorded.
    search: list[Any] | None = None
    search_digest: str = ""


class RenderStore:
    """Rendered pages under ``root/rendered/``; ``root=None`` stores nothing.

    ``memory`` (a host that builds again in the same process: ``mkdocs serve``) holds the
    entries of the previous build by key, so a rebuild restores them without reading and
    decoding files; it keeps only the entries this build used (:meth:`keep_used`).
    """

    def __init__(self, root: Path | None, memory: dict[str, RenderedPage] | None = None) -> None:
        self.disk = DiskCache(root)
        self.used: set[str] = set()
        self.memory = memory if root is not None else None

    @property
    def active(self) -> bool:
        return self.disk.root is not None

    @staticmethod
    def key(parts: Iterable[bytes]) -> str:
        return content_key(NAMESPACE, parts)

    def get(self, key: str) -> RenderedPage | None:
        if self.memory is not None and key in self.memory:
            self.used.add(key)
            return self.memory[key]
        data = self.disk.get(NAMESPACE, key)
        try:
            page = _decode(data) if isinstance(data, dict) else None
        except (KeyError, TypeError, ValueError, AttributeError):
            page = None
        if page is not None:
            self.used.add(key)
            search = self.disk.get(SEARCH_NAMESPACE, key)
            if (
                isinstance(search, dict)
                and isinstance(search.get("search"), list)
                and isinstance(search.get("digest"), str)
            ):
                page.search, page.search_digest = search["search"], search["digest"]
            if self.memory is not None:
                self.memory[key] = page
        return page

    def has(self, key: str) -> bool:
        """Whether an entry is stored under ``key`` (not whether it is sound: ``get`` says)."""
        root = self.disk.root
        return root is not None and (root / NAMESPACE / f"{key}.json").is_file()

    def put(self, key: str, page: RenderedPage) -> None:
        """Store ``page`` (its search records too, when it has them)."""
        self.used.add(key)
        if self.memory is not None:
            self.memory[key] = page
        self.disk.put(NAMESPACE, key, _encode(page))
        if page.search is not None:
            self.put_search(key, page.search, page.search_digest)

    def put_search(self, key: str, search: list[Any], digest: str) -> None:
        """Store the search records of the page stored under ``key``."""
        self.disk.put(SEARCH_NAMESPACE, key, {"search": search, "digest": digest})

    def keep_used(self) -> None:
        """Drop from memory what this build did not use (the previous versions of pages)."""
        if self.memory is not None:
            for key in [k for k in self.memory if k not in self.used]:
                del self.memory[key]

    def prune(self, older_than: float) -> None:
        """Remove entries this build did not use and that are older than ``older_than`` (a
        time stamp): what a concurrent build has just written is newer, and stays."""
        if self.disk.root is None:
            return
        for namespace in (NAMESPACE, SEARCH_NAMESPACE):
            self._prune(self.disk.root / namespace, older_than)
        self.used = set()

    def _prune(self, folder: Path, older_than: float) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            name = entry.name
            if not name.endswith(".json") or name[: -len(".json")] in self.used:
                continue
            try:
                if entry.stat().st_mtime < older_than:
                    Path(entry.path).unlink()
            except OSError:
                continue  # gone already, or read-only: only a cache


def _encode(page: RenderedPage) -> dict[str, Any]:
    return {
        "html": page.html,
        "toc": page.toc,
        "anchors": page.anchors,
        "anchor_links": page.anchor_links,
        "citations": page.citations,
        "links": page.links,
        "math": page.math,
        "title": page.title,
        "checks": [list(check) for check in page.checks],
    }


def _decode(data: dict[str, Any]) -> RenderedPage:
    def strings(value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("not a list of strings")
        return list(value)

    def toc(tokens: Any) -> list[dict[str, Any]]:
        if not isinstance(tokens, list):
            raise ValueError("toc")
        out = []
        for token in tokens:
            level, ident, name = token["level"], token["id"], token["name"]
            if not (isinstance(level, int) and isinstance(ident, str) and isinstance(name, str)):
                raise ValueError("toc token")
            out.append(
                {"level": level, "id": ident, "name": name, "children": toc(token["children"])}
            )
        return out

    html = data["html"]
    if not isinstance(html, str):
        raise ValueError("html")
    links = data["anchor_links"]
    if links is not None:
        links = {
            str(target): {str(a): str(href) for a, href in anchors.items()}
            for target, anchors in links.items()
        }
    citations = {str(k): int(v) for k, v in data["citations"].items()}
    title = data["title"]
    if title is not None and not isinstance(title, str):
        raise ValueError("title")
    checks = [(anchor, shown) for anchor, shown in (strings(pair) for pair in data["checks"])]
    return RenderedPage(
        html,
        toc(data["toc"]),
        strings(data["anchors"]),
        links,
        citations,
        strings(data["links"]),
        strings(data["math"]),
        title,
        checks,
    )
