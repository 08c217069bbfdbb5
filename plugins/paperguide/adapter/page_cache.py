"""The page render cache, wired into MkDocs: generated pages skip Python-Markdown when nothing
their HTML depends on has changed (``page_cache`` option).

MkDocs 1.6 offers no event between ``on_page_markdown`` and ``Page.render``, and no way to
supply a page's HTML instead of converting it; so for each generated page the plugin sets an
instance attribute ``render`` (shadowing ``Page.render`` for that one object, MkDocs 1.6.x) that
looks the page up and either restores what rendering sets (``content``, ``toc``,
``present_anchor_ids``, ``links_to_anchors``, the public attributes that ``Page.render``
fills, and ``title`` when it comes from the first heading) or calls the real ``Page.render``
and stores the result. The key covers:

- the page's Markdown as it is converted (after every plugin's ``on_page_markdown``), its
  front matter, ``src_uri`` and URL;
- the Markdown extensions and their options, the link validation settings, every file of the
  site with its URL and inclusion (links are checked and rewritten against them);
- the notes the page shows and the citation data of the keys it cites (its citation cards are
  stored empty and filled in on every build: ``core/pages/page_dependencies``), the library's
  settings and the bibliography style, the plugin's options, custom templates;
- the versions of paperguide (and a digest of its code), MkDocs, Material, Markdown,
  pymdown-extensions and KaTeX.

A page whose conversion logged anything (a broken link, a paperguide diagnostic) is never
stored, so a strict build fails on a warm build exactly as on a cold one; any other is written
as soon as it is converted (its search records apart, once known). Backlinks, "cited on" lists
and graphs are not in the stored HTML: they are placeholders filled in ``on_env`` from what
every page recorded, and a restored page replays its records (citations, links, checks).

The cache is off for a build whose Markdown extensions include one that is not known to depend
only on the page (Python-Markdown's, pymdown-extensions', Material's and paperguide's, minus
those that read other files): such an extension may record state the cache cannot restore.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from mkdocs.structure.toc import get_toc

from ..core.crossrefs.collector import Collector
from ..core.pages.page_dependencies import PageDependencies
from ..core.pages.render_cache import RenderedPage, RenderStore
from ..core.texmath.render_cache import RenderCache
from ..mdx.citation_state import CitationState
from ..mdx.context import RenderContext
from .log import log
from .page_key import canonical, folder_digest, unsafe_extension, versions
from .page_watch import Watch, toc_token

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from .plugin import PaperguidePlugin


class PageCache:
    """The render cache of one plugin instance (kept across ``mkdocs serve`` rebuilds)."""

    def __init__(self) -> None:
        self.store = RenderStore(None)
        self.kept: dict[str, RenderedPage] = {}  # under serve: the last build's entries
        self.enabled = False
        self.dirty = False
        self.started = 0.0
        self.context: RenderContext | None = None
        self.collector: Collector | None = None
        self.citations: CitationState | None = None
        self.math: RenderCache | None = None
        self.katex_version = ""
        self.extra: list[bytes] = []
        self.dependencies: PageDependencies | None = None
        self.previous: PageDependencies | None = None
        self.pages: frozenset[str] = frozenset()
        self._build_key: bytes | None = None
        self.rendered: list[str] = []  # the pages this build converted (src_uri)...
        self.restored: list[str] = []  # ...and those it restored
        #: Each cached page's key and entry until it is through the theme (search_entries.py).
        self.entries: dict[str, tuple[str, RenderedPage]] = {}

    # -- per build ---------------------------------------------------------------------------

    def start_build(self, plugin: PaperguidePlugin) -> None:
        """``on_config``: where entries go, and what this build's options are."""
        options = plugin.config
        self.enabled = options.page_cache and plugin.cache_dir is not None
        # Serve rebuilds restore the previous build's entries from memory (render_cache.py).
        memory = self.kept if plugin.is_serve else None
        self.store = RenderStore(plugin.cache_dir if self.enabled else None, memory)
        self.dirty = plugin.dirty
        self.started = time.time()
        self.context, self.collector = plugin.context, plugin.crossrefs.collector
        self.citations = plugin.crossrefs.state
        self.extra = [canonical(options).encode(), folder_digest(options.templates_dir)]
        # A serve rebuild reuses what the last build found in the notes that did not change.
        self.previous = self.dependencies if plugin.is_serve else None
        self.dependencies = None
        self.pages = frozenset()
        self._build_key = None
        self.rendered, self.restored = [], []
        self.entries = {}

    def set_sources(self, plugin: PaperguidePlugin) -> None:
        """``on_files``: the pages paperguide generated, the data they are converted from and
        the math engine."""
        library, katex = plugin.library, plugin.math.active
        if not self.enabled or library is None:
            self.dependencies = None
            return
        self.dependencies = PageDependencies(library, plugin.crossrefs.references, self.previous)
        self.pages = frozenset(plugin.generated) | frozenset(plugin.crossrefs.pages)
        self.math = katex.disk if katex is not None else None
        self.katex_version = katex.version if katex is not None else ""

    def usable(self, config: MkDocsConfig, files: Files) -> bool:
        """Whether this build can store and restore pages at all."""
        return (
            self.enabled
            and self.store.active
            and self.dependencies is not None
            and self._site_key(config, files) is not None
        )

    def attach(self, page: Page) -> None:
        """Route a generated page's conversion through the cache (from ``on_page_markdown``)."""
        if self.dependencies is None or page.file.src_uri not in self.pages:
            return
        # MkDocs 1.6: `_populate_page` calls `page.render(config, files)` right after the
        # `on_page_markdown` events; an instance attribute shadows the method for this page only.
        page.render = _CachedRender(self, page)  # type: ignore[method-assign]

    def entry(self, page: Page) -> RenderedPage | None:
        """What the cache holds for ``page`` in this build (restored or about to be stored)."""
        found = self.entries.get(page.file.src_uri)
        return found[1] if found is not None else None

    def page_done(self, page: Page, *, changed: bool = False) -> None:
        """``page`` is through the theme's events: write its search records if ``changed``
        (made in this build; its HTML was written when it was converted)."""
        found = self.entries.pop(page.file.src_uri, None)
        if found is not None and changed and found[1].search is not None:
            self.store.put_search(found[0], found[1].search, found[1].search_digest)

    def post_build(self) -> None:
        """Drop entries no page of this build used (not under ``--dirty``: few were seen)."""
        self.entries = {}
        self.store.keep_used()
        if self.store.active and not self.dirty:
            self.store.prune(self.started - 1)

    # -- the key -----------------------------------------------------------------------------

    def _site_key(self, config: MkDocsConfig, files: Files) -> bytes | None:
        if self._build_key is None:
            unsafe = unsafe_extension(config.markdown_extensions)
            if unsafe is not None:
                log.info(
                    f"paperguide: page cache off for this build: the Markdown extension "
                    f"'{unsafe}' may read files or keep state of its own"
                )
                self.enabled, self.dependencies = False, None  # said once; no page attaches
                return None
            digest = hashlib.sha256()
            listing = sorted(
                f"{f.src_uri}\0{f.url}\0{f.dest_uri}\0{f.inclusion.name}" for f in files
            )
            levels = logging.getLogger("mkdocs.structure.pages").getEffectiveLevel()
            for part in (
                versions().encode(),
                self.katex_version.encode(),
                canonical(config.markdown_extensions).encode(),
                canonical(config.mdx_configs).encode(),
                canonical(config.validation).encode(),
                str(levels > logging.DEBUG).encode(),
                str(config.use_directory_urls).encode(),
                "\n".join(listing).encode("utf-8", "surrogatepass"),
                self.dependencies.library_digest() if self.dependencies else b"",
                *self.extra,
            ):
                digest.update(len(part).to_bytes(8, "little") + part)
            self._build_key = digest.digest()
        return self._build_key

    def key(self, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.enabled or self.dependencies is None or page.markdown is None:
            return None
        site = self._site_key(config, files)
        if site is None:
            return None
        markdown = page.markdown
        return self.store.key(
            [
                site,
                page.file.src_uri.encode("utf-8", "surrogatepass"),
                page.file.url.encode("utf-8", "surrogatepass"),
                markdown.encode("utf-8", "surrogatepass"),
                canonical(page.meta).encode("utf-8", "surrogatepass"),
                self.dependencies.digest(markdown),
            ]
        )

    # -- hit and miss ------------------------------------------------------------------------

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        key = self.key(page, config, files)
        if key is None:
            type(page).render(page, config, files)
            return
        src = page.file.src_uri
        stored = self.store.get(key)
        if stored is not None and self._restore(page, stored, files):
            self.restored.append(src)
            self.entries[src] = (key, self._without_html(stored))
            return
        self.rendered.append(src)
        watch = Watch(self.context, self.math)
        # Stored with empty cards, filled in on every build (fill_cards): a page does not depend
        # on what the cards of the papers it cites say (``mdx/citation_cards.py``).
        assert self.citations is not None  # set with the context (start_build)
        with self.citations.cards_deferred(), watch:
            type(page).render(page, config, files)
        if watch.clean:  # written now, and the HTML is the page's alone (peak memory)
            captured = self._capture(page, watch.math)
            self.store.put(key, captured)
            self.entries[src] = (key, self._without_html(captured))

    def _without_html(self, stored: RenderedPage) -> RenderedPage:
        # The page holds the HTML; only `mkdocs serve` keeps it too, for the next rebuild.
        return stored if self.store.memory is not None else replace(stored, html="")

    def fill_cards(self, page: Page) -> None:
        """Put this build's cards into ``page`` (``on_page_context``, once the search plugin
        has read it: cards are not indexed, so its stored search records still serve)."""
        if self.citations is not None and page.content:
            library = self.context.library if self.context else None
            page.content = self.citations.fill_cards(page.content, library)

    def _capture(self, page: Page, math: set[str]) -> RenderedPage:
        src = page.file.src_uri
        collector = self.collector
        anchor_links = None
        if page.links_to_anchors is not None:
            anchor_links = {
                target.src_uri: dict(links) for target, links in page.links_to_anchors.items()
            }
        return RenderedPage(
            html=page.content or "",
            toc=[toc_token(item) for item in (page.toc or [])],
            anchors=sorted(page.present_anchor_ids or ()),
            anchor_links=anchor_links,
            citations=dict(collector.citations.get(src, {})) if collector else {},
            links=sorted(collector.links.get(src, ())) if collector else [],
            math=sorted(math),
            # A title from the first heading (MkDocs 1.6 keeps it in a private field; the
            # public `title` gives it back, and accepts it as an override on a hit).
            title=None if "title" in page.meta else page.title,
            checks=[(c.anchor, c.html) for c in collector.checks.get(src, ())] if collector else [],
        )

    def _restore(self, page: Page, stored: RenderedPage, files: Files) -> bool:
        anchor_links = None
        if stored.anchor_links is not None:
            anchor_links = {}
            for src_uri, links in stored.anchor_links.items():
                target = files.get_file_from_path(src_uri)
                if target is None:
                    return False
                anchor_links[target] = dict(links)
        # What `Page.render` sets in MkDocs 1.6 (public attributes, documented there).
        page.content = stored.html
        page.toc = get_toc(stored.toc)  # type: ignore[arg-type]
        page.present_anchor_ids = set(stored.anchors)
        if anchor_links is not None:
            page.links_to_anchors = anchor_links
        if stored.title is not None and "title" not in page.meta:
            page.title = stored.title  # a weak_property in MkDocs 1.6: assignable
        if self.collector is not None:
            self.collector.replay(page.file.src_uri, stored.citations, stored.links, stored.checks)
        if self.math is not None:
            self.math.keep(stored.math)
        return True


class _CachedRender:
    """``page.render`` for one generated page: the cache decides whether to convert it."""

    def __init__(self, cache: PageCache, page: Page) -> None:
        self.cache, self.page = cache, page

    def __call__(self, config: MkDocsConfig, files: Files) -> None:
        page = self.page
        try:
            self.cache.render(page, config, files)
        finally:
            # The page is rendered once per build; back to the class's method afterwards.
            vars(page).pop("render", None)
