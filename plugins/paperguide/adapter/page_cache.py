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
- the note and bibliography data of every key the page can show (``core/pages/render_cache``),
  the library's settings and the bibliography style, the plugin's options, custom templates;
- the versions of paperguide (and a digest of its code), MkDocs, Material, Markdown,
  pymdown-extensions and KaTeX.

A page whose conversion logged anything (a broken link, a paperguide diagnostic) is never
stored, so a strict build fails on a warm build exactly as on a cold one. Backlinks, "cited
on" lists and graphs are not in the stored HTML: they are placeholders filled in ``on_env``
from what every page recorded, and a restored page replays its records (citations, links).

The cache is off for a build whose Markdown extensions include one that is not known to depend
only on the page (Python-Markdown's, pymdown-extensions', Material's and paperguide's, minus
those that read other files): such an extension may record state the cache cannot restore.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Mapping
from importlib import metadata
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.toc import AnchorLink, get_toc

from ..core.base.diskcache import code_version
from ..core.crossrefs.collector import Collector
from ..core.library.library import Library
from ..core.library.references import References
from ..core.pages.render_cache import PageDependencies, RenderedPage, RenderStore
from ..core.texmath.render_cache import RenderCache
from ..mdx.context import RenderContext
from .log import log

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

#: Distributions whose behaviour shapes a page's HTML (paperguide's own code is in the key).
VERSIONED = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions")
#: Extension modules known to convert a page from its Markdown alone.
SAFE_PREFIXES = ("markdown.extensions.", "pymdownx.", "material.", "paperguide.")
#: ...except these, which read other files into the page.
UNSAFE = frozenset({"pymdownx.snippets", "pymdownx.b64"})


class PageCache:
    """The render cache of one plugin instance (kept across ``mkdocs serve`` rebuilds)."""

    def __init__(self) -> None:
        self.store = RenderStore(None)
        self.enabled = False
        self.dirty = False
        self.started = 0.0
        self.context: RenderContext | None = None
        self.collector: Collector | None = None
        self.math: RenderCache | None = None
        self.katex_version = ""
        self.extra: list[bytes] = []
        self.dependencies: PageDependencies | None = None
        self._build_key: bytes | None = None
        #: The pages this build converted and restored (src_uri), for the record.
        self.rendered: list[str] = []
        self.restored: list[str] = []

    # -- per build ---------------------------------------------------------------------------

    def start_build(
        self,
        *,
        enabled: bool,
        cache_dir: Path | None,
        dirty: bool,
        context: RenderContext,
        collector: Collector,
        options: Mapping[str, Any],
        templates_dir: str | None,
    ) -> None:
        """``on_config``: where entries go, and what this build's options are."""
        self.enabled = enabled and cache_dir is not None
        self.store = RenderStore(cache_dir if self.enabled else None)
        self.dirty = dirty
        self.started = time.time()
        self.context, self.collector = context, collector
        self.extra = [canonical(options).encode(), _folder_digest(templates_dir)]
        self.dependencies = None
        self._build_key = None
        self.rendered, self.restored = [], []

    def set_sources(
        self,
        library: Library,
        references: References | None,
        math: RenderCache | None,
        katex_version: str,
    ) -> None:
        """``on_files``: the data pages are converted from, and the math engine's version."""
        self.dependencies = PageDependencies(library, references) if self.enabled else None
        self.math = math
        self.katex_version = katex_version

    def attach(self, page: Page) -> None:
        """Route a generated page's conversion through the cache (from ``on_page_markdown``)."""
        # MkDocs 1.6: `_populate_page` calls `page.render(config, files)` right after the
        # `on_page_markdown` events; an instance attribute shadows the method for this page only.
        page.render = _CachedRender(self, page)  # type: ignore[method-assign]

    def post_build(self) -> None:
        """Drop entries no page of this build used (not under ``--dirty``: most pages were not
        even looked up)."""
        if self.store.active and not self.dirty:
            self.store.prune(self.started - 1)

    # -- the key -----------------------------------------------------------------------------

    def _site_key(self, config: MkDocsConfig, files: Files) -> bytes | None:
        if self._build_key is None:
            unsafe = _unsafe_extension(config.markdown_extensions)
            if unsafe is not None:
                log.info(
                    f"paperguide: page cache off for this build: the Markdown extension "
                    f"'{unsafe}' may read files or keep state of its own"
                )
                self.enabled = False
                return None
            digest = hashlib.sha256()
            listing = sorted(
                f"{f.src_uri}\0{f.url}\0{f.dest_uri}\0{f.inclusion.name}" for f in files
            )
            levels = logging.getLogger("mkdocs.structure.pages").getEffectiveLevel()
            for part in (
                _versions().encode(),
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
        stored = self.store.get(key)
        if stored is not None and self._restore(page, stored, files):
            self.restored.append(page.file.src_uri)
            return
        self.rendered.append(page.file.src_uri)
        watch = _Watch(self.context, self.math)
        with watch:
            type(page).render(page, config, files)
        if watch.clean:
            self.store.put(key, self._capture(page, watch.math))

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
            toc=[_token(item) for item in (page.toc or [])],
            anchors=sorted(page.present_anchor_ids or ()),
            anchor_links=anchor_links,
            citations=dict(collector.citations.get(src, {})) if collector else {},
            links=sorted(collector.links.get(src, ())) if collector else [],
            math=sorted(math),
            # A title from the first heading (MkDocs 1.6 keeps it in a private field; the
            # public `title` gives it back, and accepts it as an override on a hit).
            title=None if "title" in page.meta else page.title,
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
        src = page.file.src_uri
        if self.collector is not None:
            for key, times in stored.citations.items():
                for _ in range(times):
                    self.collector.record_citation(src, key)
            for target in stored.links:
                self.collector.record_link(src, target)
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


class _Watch(logging.Handler):
    """Whether anything was logged or reported while a page converted, and which math it
    used."""

    LOGGERS = ("", "mkdocs")  # the root, and MkDocs' own (which does not propagate under its CLI)

    def __init__(self, context: RenderContext | None, math: RenderCache | None) -> None:
        super().__init__(logging.INFO)
        self.context, self.math_cache = context, math
        self.logged = False
        self.reports = 0
        self.math: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.logged = True

    def __enter__(self) -> _Watch:
        for name in self.LOGGERS:
            logging.getLogger(name).addHandler(self)
        self.reports = self.context.reports_made if self.context else 0
        if self.math_cache is not None:
            self.math_cache.watching = self.math
        return self

    def __exit__(self, *exc: object) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self)
        if self.math_cache is not None:
            self.math_cache.watching = None
        if self.context is not None and self.context.reports_made != self.reports:
            self.logged = True
        if exc[0] is not None:
            self.logged = True

    @property
    def clean(self) -> bool:
        return not self.logged


def _token(item: AnchorLink) -> dict[str, Any]:
    return {
        "level": item.level,
        "id": item.id,
        "name": item.title,
        "children": [_token(child) for child in item.children],
    }


def canonical(value: Any) -> str:
    """A stable text for configuration values: mappings sorted, objects by their class (and,
    for Markdown extensions, their options), functions by their qualified name."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    if isinstance(value, Mapping):
        items = sorted((str(k), canonical(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        parts = [canonical(v) for v in value]
        if isinstance(value, (set, frozenset)):
            parts.sort()
        return "[" + ",".join(parts) + "]"
    kind = type(value)
    if callable(value) and hasattr(value, "__qualname__"):
        return f"<{getattr(value, '__module__', '?')}.{value.__qualname__}>"
    name = f"{kind.__module__}.{kind.__qualname__}"
    get_configs = getattr(value, "getConfigs", None)
    if callable(get_configs) and not name.startswith("paperguide."):
        # paperguide's extensions hold the render context; their behaviour is in the code
        # digest and the plugin options.
        return f"<{name}:{canonical(get_configs())}>"
    text = repr(value)  # a date in the front matter, a path...
    return f"<{name}>" if " at 0x" in text else f"<{name}:{text}>"


def _builtin_names() -> frozenset[str]:
    return frozenset(
        ep.name
        for ep in entry_points(group="markdown.extensions")
        if ep.value.startswith("markdown.extensions.")
    )


def _unsafe_extension(extensions: list[Any]) -> str | None:
    """The first extension not known to convert a page from its Markdown alone."""
    builtins = _builtin_names()
    for extension in extensions:
        if isinstance(extension, str):
            module = extension.partition(":")[0]
            if module in builtins:
                module = f"markdown.extensions.{module}"
        else:
            module = type(extension).__module__
        if module in UNSAFE or not f"{module}.".startswith(SAFE_PREFIXES):
            return extension if isinstance(extension, str) else type(extension).__qualname__
    return None


def _versions() -> str:
    found = [code_version()]
    for name in VERSIONED:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=?")
    return ";".join(found)


def _folder_digest(folder: str | None) -> bytes:
    """The contents of a custom templates folder (component templates render while pages
    convert)."""
    digest = hashlib.sha256()
    if folder:
        root = Path(folder)
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"?")
    return digest.digest()
