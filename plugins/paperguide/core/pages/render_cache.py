"""Generated pages' HTML kept between builds, keyed by everything that HTML depends on.

Converting a generated page's Markdown is most of what a warm build costs (a 5,000-entry
bibliography page is a megabyte of Markdown). The result is a function of the page's Markdown,
its place in the site, the host's configuration and the note and bibliography data that
extensions read while converting it (a citation's card shows the cited note's summary, a
section block renders a note's records). The first three are the host's to fingerprint; this
module supplies the last one (:class:`PageDependencies`) and the store (:class:`RenderStore`).

Entries are sealed JSON files written atomically (``base/diskcache.py``): a foreign, truncated
or edited entry is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..base.diskcache import DiskCache, content_key
from ..library.library import Library
from ..library.references import References

NAMESPACE = "rendered"

#: A run of characters a citation key is made of (``core/cite/grammar.py``): word characters
#: with ``. : / + -`` between them.
_TOKEN = re.compile(r"[\w.:/+-]+")
_INNER = re.compile(r"[.:/+-]+")
_AFTER_AT = re.compile(r"@([\w.:/+-]+)")
_BRACED = re.compile(r"@\{([^}\n]*)\}")
_BLOCK_LINE = re.compile(r"^[ \t]*///.*$", re.MULTILINE)
#: How far dependencies are followed through notes: a page embeds note A (1), A's record cites
#: B whose card is shown (2), B's summary cites C, shown as a plain label (3).
DEPTH = 3


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
    """Rendered pages under ``root/rendered/``; ``root=None`` stores nothing."""

    def __init__(self, root: Path | None) -> None:
        self.disk = DiskCache(root)
        self.used: set[str] = set()

    @property
    def active(self) -> bool:
        return self.disk.root is not None

    @staticmethod
    def key(parts: Iterable[bytes]) -> str:
        return content_key(NAMESPACE, parts)

    def get(self, key: str) -> RenderedPage | None:
        data = self.disk.get(NAMESPACE, key)
        try:
            page = _decode(data) if isinstance(data, dict) else None
        except (KeyError, TypeError, ValueError, AttributeError):
            page = None
        if page is not None:
            self.used.add(key)
        return page

    def put(self, key: str, page: RenderedPage) -> None:
        self.used.add(key)
        self.disk.put(NAMESPACE, key, _encode(page))

    def prune(self, older_than: float) -> None:
        """Remove entries this build did not use and that are older than ``older_than`` (a
        time stamp): what a concurrent build has just written is newer, and stays."""
        if self.disk.root is None:
            return
        folder = self.disk.root / NAMESPACE
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
        self.used = set()


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
        "search": page.search,
        "search_digest": page.search_digest,
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
    search, search_digest = data.get("search"), data.get("search_digest", "")
    if search is not None and not isinstance(search, list):
        raise ValueError("search")
    if not isinstance(search_digest, str):
        raise ValueError("search_digest")
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
        search,
        search_digest,
    )


class PageDependencies:
    """The note and bibliography data a page's conversion can read, as one digest.

    Extensions read a note or an entry only by its key, and a key reaches a page's conversion
    only as a citation (``@key``) or a block's argument (``/// unknown | key#id``) in its
    Markdown, or inside a note shown there (an answer citing another paper, a summary shown in
    a card). So the keys cited in the Markdown, and those named anywhere in the notes of those
    keys (to :data:`DEPTH`), are the page's inputs; finding more (an ``@`` in code) only costs
    a re-render. A bibliography page, which cites nothing, depends on no note. Each key
    contributes its note, its entry and its citation label (disambiguated against the others).
    """

    def __init__(self, library: Library, references: References | None) -> None:
        self.library = library
        self.references = references
        keys = set(library.notes) | set(library.bibliography.entries) | set(library.unloaded)
        self.keys = frozenset(keys)
        #: Keys the token scan cannot see (spaces, quotes...): looked for as substrings.
        self.odd_keys = tuple(sorted(k for k in keys if not _TOKEN.fullmatch(k)))
        self._mentions: dict[str, frozenset[str]] = {}
        self._digests: dict[str, bytes] = {}

    def _named(self, tokens: Iterable[str]) -> set[str]:
        """The known keys among ``tokens`` and the runs of whole parts inside them
        (``@key.`` names ``key``; ``key#id`` and ``papers/key.md`` name ``key``)."""
        found: set[str] = set()
        keys = self.keys
        for token in set(tokens):
            if token in keys:
                found.add(token)
            parts = _INNER.split(token)
            if len(parts) > 1:
                seps = _INNER.findall(token)
                for i in range(len(parts)):
                    candidate = parts[i]
                    if candidate in keys:
                        found.add(candidate)
                    for j in range(i + 1, len(parts)):
                        candidate += seps[j - 1] + parts[j]
                        if candidate in keys:
                            found.add(candidate)
        return found

    def mentioned(self, text: str) -> set[str]:
        """The known keys ``text`` names anywhere (a note: any of its fields may be shown)."""
        found = self._named(_TOKEN.findall(text))
        found.update(k for k in self.odd_keys if k in text)
        return found

    def cited(self, markdown: str) -> set[str]:
        """The known keys a page's Markdown hands to an extension: after ``@`` (citations, also
        inside code, where they are not) and on ``///`` block lines (embeds, sections)."""
        found = {k for k in _BRACED.findall(markdown) if k in self.keys}
        found |= self._named(_AFTER_AT.findall(markdown))
        blocks = "\n".join(_BLOCK_LINE.findall(markdown))
        if blocks:
            found |= self.mentioned(blocks)
        return found

    def _note_mentions(self, key: str) -> frozenset[str]:
        cached = self._mentions.get(key)
        if cached is None:
            note = self.library.notes.get(key)
            cached = frozenset(self.mentioned(repr(note))) if note is not None else frozenset()
            self._mentions[key] = cached
        return cached

    def keys_of(self, markdown: str) -> set[str]:
        """Every key whose data the conversion of ``markdown`` may read."""
        found = self.cited(markdown)
        frontier = set(found)
        for _ in range(DEPTH):
            reached: set[str] = set()
            for key in frontier:
                reached |= self._note_mentions(key)
            frontier = reached - found
            if not frontier:
                break
            found |= frontier
        return found

    def _digest(self, key: str) -> bytes:
        cached = self._digests.get(key)
        if cached is None:
            library = self.library
            entry = library.bibliography.get(key)
            label = self.references.label(key) if self.references and entry else None
            text = "\0".join(
                (
                    key,
                    repr(library.notes.get(key)),
                    repr(entry),
                    repr(label),
                    repr(library.is_unloaded(key)),
                )
            )
            cached = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
            self._digests[key] = cached
        return cached

    def digest(self, markdown: str) -> bytes:
        """One digest of the data of every key :meth:`keys_of` finds."""
        total = hashlib.sha256()
        for key in sorted(self.keys_of(markdown)):
            total.update(self._digest(key))
        return total.digest()

    def library_digest(self) -> bytes:
        """What every conversion may read beyond single keys."""
        library = self.library
        parts = [
            repr(library.settings),
            repr(sorted(library.note_tex_failed)),
            repr(sorted(library.slugs.items())),
        ]
        refs = self.references
        if refs is not None:
            parts.append(repr(refs.options))
            if refs.csl is not None:
                # A CSL style may number or disambiguate against the whole bibliography.
                parts.append(f"{refs.csl.name}:{refs.csl.digest}:{library.bibliography.digest}")
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).digest()
