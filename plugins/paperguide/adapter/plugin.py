"""``paperguide`` MkDocs plugin: loads notes and BibTeX, adds guide pages, wires the extensions.

Events used (and why):

- ``on_startup``: keeps one plugin instance (and its file cache) across ``mkdocs serve`` rebuilds.
- ``on_config``: register the Markdown extensions with a shared render context; refresh templates.
- ``on_files``: load the Library (cached per file), report problems, drop note/BibTeX sources
  from the output, add the generated pages.
- ``on_page_markdown``: escape the front-matter title the theme prints raw; point the render
  context at the page being converted (a new frozen page context); route a generated page's
  conversion through the page cache (``page_cache.py``).
- ``on_post_build`` / ``on_shutdown``: save the math and page caches; stop the KaTeX engine.
- ``on_env``: fill in what needed every page rendered first (backlinks, graphs: ``crossrefs.py``).
- ``on_serve``: watch sources that live outside ``docs_dir``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..core.base.diagnostics import Diagnostic
from ..core.base.filecache import FileCache
from ..core.base.textfile import read_text
from ..core.library.library import Library
from ..core.library.loading import load_library
from ..core.notes.figure_images import linked_outside
from ..core.pages.generated import GeneratedPage
from ..core.pages.guide import generate_pages
from ..core.pages.templating import refresh_templates
from ..core.site.options import settings_from_options
from ..core.site.settings import Settings
from ..mdx.checks import ChecksExtension
from ..mdx.context import PageContext, PageText, RenderContext
from ..mdx.embeds import EmbedsExtension
from ..mdx.note_math import NoteMathChecker
from .cache_dir import usable_cache_dir
from .config import PaperguideConfig
from .crossrefs import CrossRefs
from .dirty import GeneratedFiles
from .dirty_prune import prune_gone_notes
from .downloads import add_deck, add_schemas
from .log import report, report_all, report_clash
from .math import MathSupport
from .package_assets import package_assets
from .page_cache import PageCache
from .page_meta import escape_meta
from .prerender import Prerender
from .search import SearchView
from .search_entries import SearchEntries
from .serve_watch import watch_inputs

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.base import ConfigErrors, ConfigWarnings
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

#: Extensions the generated Markdown relies on; added when the site does not list them.
REQUIRED_EXTENSIONS = ("attr_list", "tables", "toc")

#: CSS and JS shipped in the package; every file there is published under this folder and
#: linked from every page, so a site gets paperguide's look without copying anything.
ASSETS_URI = "assets/paperguide"


class PaperguidePlugin(BasePlugin[PaperguideConfig]):
    """Turns ``papers/*.yml|md`` notes and BibTeX into cross-linked guide pages."""

    def __init__(self) -> None:
        self.cache = FileCache()
        self.context = RenderContext(report_to=report)
        self.library: Library | None = None
        self.generated: dict[str, GeneratedPage] = {}
        self.is_serve = False
        self.math = MathSupport()  # outlives serve rebuilds, and so does its render cache
        self.crossrefs = CrossRefs()
        self.page_cache = PageCache()  # generated pages' HTML between builds (page_cache.py)
        self.search_entries = SearchEntries(self.page_cache)  # and their search records
        self.prerender = Prerender()  # helper processes on a cold build (prerender.py)
        self.files = GeneratedFiles()
        self.dirty = False
        self.search_view = SearchView()  # see _hide_from_search
        self.given: frozenset[str] = frozenset()  # options the site set (see load_config)
        self.cache_dir: Path | None = None  # the usable cache folder of this build, if any

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        # Which options the site wrote: a folder named explicitly is paperguide's entirely,
        # a default one only where its pages look like paperguide's (Settings.papers_claimed).
        self.given = frozenset(options)
        return super().load_config(options, config_file_path)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.is_serve = command == "serve"
        # Under --dirty, backlinks collected in earlier builds stand for the pages not rebuilt.
        self.dirty = dirty
        self.crossrefs.keep_between_builds = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        refresh_templates()
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        for asset in package_assets():
            uri = f"{ASSETS_URI}/{asset.name}"
            if asset.suffix == ".css":
                if uri not in config.extra_css:
                    config.extra_css.append(uri)
            elif uri not in map(str, config.extra_javascript):
                script = ExtraScriptValue(uri)
                script.defer = True
                config.extra_javascript.append(script)
        for blocks in (EmbedsExtension, ChecksExtension):  # a note's records; self-checks
            config.markdown_extensions.append(
                blocks(context=self.context, templates_dir=self.config.templates_dir or "")
            )
        self.cache_dir = usable_cache_dir(config, self.config)
        self.math.configure(self.config, config, self.context, self.cache_dir)
        self.context.start_build(katex=self.math.active)
        self.crossrefs.on_config(config, self.config, self.context)
        self.page_cache.start_build(self)
        return config

    def settings(self, config: MkDocsConfig) -> Settings:
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return settings_from_options(
            self.config,
            content_dir=Path(config.docs_dir),
            root_dir=root,
            given=self.given,
            cache_dir=self.cache_dir,
        )

    # Run after other plugins have added their files, so ours win any clash visibly.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        settings = self.settings(config)
        self.files.configure(dirty=self.dirty, cache_dir=settings.cache_dir)
        guide_pages_before = dict(self.crossrefs.note_pages)
        katex = self.context.katex
        checker = NoteMathChecker(katex, settings.cache_dir) if katex is not None else None
        self.library = load_library(settings, self.cache, checker)
        self.context.set_library(self.library)
        report_all(self.library.diagnostics)
        self._drop_sources(files, settings)
        templates = Path(self.config.templates_dir) if self.config.templates_dir else None
        self.generated = {}
        bibliography_page = self.crossrefs.bibliography_options().page
        problems: list[Diagnostic] = []
        for page in generate_pages(
            self.library,
            templates,
            bibliography_page,
            problems,
            # The author previewing with `mkdocs serve` sees them; published pages do not.
            author_checks=self.config.author_checks or self.is_serve,
        ):
            if page.src_uri == self.library.papers_index_src_uri and files.get_file_from_path(
                page.src_uri
            ):
                # The site's own papers/index.md stays: it may link the guide pages itself.
                continue
            self._add(files, config, page)
        report_all(problems)
        self.crossrefs.on_files(files, config, self.library, self.files)
        if self.dirty:
            prune_gone_notes(
                files,
                config,
                guide_pages_before,
                self.crossrefs.note_pages,
                self.crossrefs.collector,
                self.library,
                self.crossrefs.pages,
            )
        for asset in package_assets():
            files.append(
                File.generated(config, f"{ASSETS_URI}/{asset.name}", abs_src_path=str(asset))
            )
        self.math.files(files, config)
        if self.config.deck and self.library.notes:
            add_deck(files, config, self.config.deck, self.library, settings, katex)
        self.page_cache.set_sources(self)
        self.search_entries.attach(config)
        if self.config.schema_downloads and self.library.notes:
            add_schemas(files, config)
        return files

    def _drop_sources(self, files: Files, settings: Settings) -> None:
        """Inputs (notes, the configured .bib files, the tracker) are not pages or downloads;
        nor is a figure image refused for linking outside the docs folder (see figure_images)."""
        notes = self.library.notes.values() if self.library else ()
        refused = linked_outside(notes, settings.content_dir)
        for file in list(files):
            path = file.abs_src_path
            if file.src_uri in refused or (path and settings.is_input(file.src_uri, Path(path))):
                files.remove(file)

    def _add(self, files: Files, config: MkDocsConfig, page: GeneratedPage) -> None:
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            report_clash(page.src_uri)
            files.remove(existing)
        # Guide pages are reached through the papers index, not the navigation: Material embeds
        # the whole navigation in every page, so listing hundreds of papers there would make
        # every page's size grow with the library.
        hidden = page.note_key or (page.nav_optional and config.nav is not None)
        inclusion = InclusionLevel.NOT_IN_NAV if hidden else InclusionLevel.UNDEFINED
        file = self.files.make(config, page.src_uri, page.markdown, inclusion)
        if page.edit_uri:
            file.edit_uri = page.edit_uri
        files.append(file)
        self.generated[page.src_uri] = page

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        escape_meta(page.meta)
        settings = self.settings(config)
        generated = self.generated.get(page.file.src_uri)
        note = (
            self.library.note(generated.note_key)
            if (self.library and generated and generated.note_key)
            else None
        )
        if note is not None:
            # Mistakes on a guide page are the note's: named, and located, in the note's file.
            path = settings.resolve(note.src_uri)
            source = note.source
            text = PageText(lambda: read_text(path, source)[0])
        else:
            path = Path(page.file.abs_src_path or Path(config.docs_dir) / page.file.src_uri)
            source = settings.display(path)
            text = PageText(lambda: page.file.content_string)
        self.context.start_page(PageContext(page.file.src_uri, source, generated is not None, text))
        self.prerender.reached(page)
        self.page_cache.attach(page)  # generated pages only
        return self.crossrefs.on_page_markdown(markdown, page)

    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment | None:
        self.prerender.finish()  # every page is converted: the helpers are done
        if self.config.enabled:
            self.crossrefs.on_env(files)
        return env

    # Material's search reads each page at priority 0, tokenizing even what it skips: it gets
    # the page without those parts, the template the full page (search.py, search_entries.py).
    @event_priority(50)
    def _hide_from_search(self, context: Any, *, page: Page, **_: Any) -> Any:
        if not self.search_entries.known(page):  # a page whose stored records serve: as it is
            self.search_view.hide(page)
        return context

    @event_priority(-50)
    def _restore_after_search(self, context: Any, *, page: Page, **_: Any) -> Any:
        self.search_entries.page_done(page)
        self.search_view.restore(page)
        self.page_cache.fill_cards(page)  # cached pages' cards (page_cache.py)
        return context

    on_page_context = CombinedEvent(_hide_from_search, _restore_after_search)

    # Last, so the helpers see the navigation every other plugin made.
    @event_priority(-100)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.config.enabled:
            self.prerender.start(self, config, files)
        return nav

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.prerender.finish()
        self.math.post_build()
        self.page_cache.post_build()

    def on_build_error(self, *, error: Exception) -> None:
        self.prerender.finish(stop=True)

    def on_shutdown(self) -> None:
        self.prerender.finish()
        self.math.close()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        watch_inputs(server, self.settings(config), config, self.config.templates_dir)
        return server
