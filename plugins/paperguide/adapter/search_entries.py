"""Material's search records of a generated page, kept with the page in the render cache.

On a warm build most of the time left was Material's search plugin parsing, tag by tag, the
HTML of pages restored from the page cache (``page_cache.py``): the same HTML as last time,
giving the same records. The records of a page are a function of the HTML the search plugin
reads (the stored HTML with backlinks and "cited on" lists filled in, which change without
the page being converted again), of what the page cache key already covers (table of contents,
URL, title and front matter; Material's version) and of the search plugin's settings. So the
records made for a page are stored under its key (in a file of their own, ``render_cache.py``)
with a digest of that HTML and those settings, and a restored page whose digest matches hands
them back instead of being parsed again. The digest is of the whole page as the search plugin
gets it (its citation cards still empty, ``page_cache.py``), taken before formulas and cards are
taken out for the search plugin (``search.py``): the part the search reads follows from it, so
a page whose records serve is not even lightened. The written ``search_index.json`` is the
same either way (tests compare it with a cold build's).

Material 9.x keeps the index in ``plugin.search_index`` (a ``SearchIndex`` created in its
``on_config``) whose ``add_entry_from_context(page)`` appends to ``entries``; that is feature-
detected on every build, and any other search plugin (MkDocs' own, a later Material) is left
alone: its pages are simply parsed as before.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from .page_key import canonical

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from .page_cache import PageCache

#: The module of the search plugin whose index this understands (mkdocs-material 9.x).
MATERIAL_SEARCH = "material.plugins.search.plugin"


def material_search_index(config: MkDocsConfig) -> Any | None:
    """The search index of Material's search plugin in this build, if it has the shape this
    module relies on."""
    for plugin in config.plugins.values():
        if type(plugin).__module__ != MATERIAL_SEARCH:
            continue
        index = getattr(plugin, "search_index", None)
        if isinstance(getattr(index, "entries", None), list) and callable(
            getattr(index, "add_entry_from_context", None)
        ):
            return index
    return None


def settings_digest(index: Any) -> str:
    """The search settings the records depend on (the segmenter for Chinese, if installed)."""
    import importlib.util

    jieba = importlib.util.find_spec("jieba") is not None
    text = f"{canonical(getattr(index, 'config', {}))}\0jieba={jieba}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class SearchEntries:
    """Routes the search index's reading of a cached page through the page cache."""

    def __init__(self, cache: PageCache) -> None:
        self.cache = cache
        #: Pages whose records were made in this build (to be written, ``page_done``).
        self.changed: set[str] = set()
        self.settings: str | None = None  # this build's search settings, when attached
        #: Per page of this build: the digest of its whole HTML (:meth:`known`).
        self.digests: dict[str, str] = {}

    def known(self, page: Page) -> bool:
        """Before the search plugin reads ``page`` (and before formulas and cards are taken out
        of it for the search, ``search.py``): whether its stored records are those of this
        HTML. The digest is of the whole page, which determines the part the search reads."""
        stored = self.cache.entry(page) if self.settings is not None else None
        if stored is None or not page.content:
            return False
        text = f"{self.settings}\0{page.content}"
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        self.digests[page.file.src_uri] = digest
        return stored.search is not None and stored.search_digest == digest

    def attach(self, config: MkDocsConfig) -> None:
        """Wrap this build's index (``on_files``: after every plugin's ``on_config``)."""
        self.changed, self.settings, self.digests = set(), None, {}
        index = material_search_index(config) if self.cache.enabled else None
        if index is None or "add_entry_from_context" in vars(index):
            return
        self.settings = settings_digest(index)
        read = index.add_entry_from_context  # the bound method of the class

        def add_entry_from_context(page: Page) -> None:
            stored = self.cache.entry(page)
            digest = self.digests.pop(page.file.src_uri, None)
            if stored is None or digest is None:  # not a cached page, or not seen whole
                read(page)
                return
            if stored.search is not None and stored.search_digest == digest:
                index.entries.extend(stored.search)  # decoded afresh for this build
                return
            before = len(index.entries)
            read(page)
            stored.search = index.entries[before:]
            stored.search_digest = digest
            self.changed.add(page.file.src_uri)

        # An instance attribute shadows the class's method for this index only.
        index.add_entry_from_context = add_entry_from_context

    def page_done(self, page: Page) -> None:
        """After the search plugin read ``page``: the cache writes its entry if needed."""
        self.cache.page_done(page, changed=page.file.src_uri in self.changed)
