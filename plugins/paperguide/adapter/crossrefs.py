"""Citations, bibliography, backlinks, concepts and the relations graph, wired into MkDocs.

The plugin (``plugin.py``) calls in at its events:

- ``on_config``: register the citations extension, reset what the last build collected, load
  the CSL style if one is configured (a wrong name fails here, with the reason);
- ``on_files``: keep the Library's concept pages out of the navigation warnings, add the
  bibliography, its .bib download, the graph page, the concepts list and the "Check yourself"
  page (every note's self-checks, then those written on pages);
- ``on_page_markdown``: forget what an earlier render of the page recorded, and append the
  "cited by" and "connections" sections to paper and concept pages;
- ``on_env``: every page has rendered, so everything collected is complete: hand core's fill
  step (``core/crossrefs/fill.py``) each page with a URL mapper built from MkDocs' files (and,
  for the checks page, the ``/// check`` blocks pages recorded, and their entries in its TOC).

What counts as citing, the backlink rules and the graph are core's; this module only says which
pages exist, which the site wrote, and how one page's URL looks from another.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel

from ..core.bib.csl import CslFormatter, CslUnavailable
from ..core.crossrefs.cited import bib_sources, bibliography_keys
from ..core.crossrefs.collector import Collector
from ..core.crossrefs.fill import CrossRefFill
from ..core.crossrefs.index import CrossRefIndex, counting_pages
from ..core.library.library import Library
from ..core.library.references import BibliographyOptions, References
from ..core.pages import placeholders
from ..core.pages.checks import checks_page
from ..core.pages.crossref_pages import (
    bib_download,
    bibliography_page,
    concepts_index_page,
    graph_page,
)
from ..core.pages.generated import GeneratedPage
from ..core.pages.templating import render
from ..mdx.checks import ChecksExtension
from ..mdx.citation_state import CitationState
from ..mdx.citations import CitationsExtension
from ..mdx.context import RenderContext
from .cards import card_converter, card_settings
from .check_listing import add_to_toc, nav_order
from .dirty import GeneratedFiles
from .log import report_clash

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from .config import PaperguideConfig


class CrossRefs:
    """The cross-reference features of one plugin instance (kept across serve rebuilds)."""

    def __init__(self) -> None:
        self.collector = Collector()
        self.state = CitationState(collector=self.collector)
        self.context = RenderContext()  # the plugin's, from on_config
        self.library: Library | None = None
        self.references: References | None = None
        self.csl: CslFormatter | None = None
        self._csl_style = ""
        self.bibliography_keys: list[str] = []
        self.pages: dict[str, str] = {}  # src_uri -> what we generated there
        self.note_pages: dict[str, str] = {}  # guide page src_uri -> note key
        self.templates_dir: Path | None = None
        #: --dirty: keep what earlier builds recorded for the pages this build does not render.
        self.keep_between_builds = False
        self.titles: dict[str, str] = {}
        self.generated = GeneratedFiles()

    # -- on_config ---------------------------------------------------------------------------

    def on_config(
        self, config: MkDocsConfig, options: PaperguideConfig, context: RenderContext
    ) -> None:
        self.options = options
        self.context = context
        if not self.keep_between_builds:
            self.collector.reset()
            self.titles = {}
        self.state.cards = options.citation_cards
        self.state.reference_list = options.reference_lists
        self.templates_dir = Path(options.templates_dir) if options.templates_dir else None
        style = options.bibliography.style.strip()
        if style != self._csl_style or (style and self.csl is None):
            self._csl_style = style
            self.csl = None
            if style:
                path = Path(style)
                if path.suffix == ".csl" and not path.is_absolute() and config.config_file_path:
                    style = str(Path(config.config_file_path).parent / path)
                try:
                    self.csl = CslFormatter(style)
                except CslUnavailable as exc:
                    raise PluginError(f"paperguide: bibliography.style: {exc}") from exc
        config.markdown_extensions.append(CitationsExtension(context=context, state=self.state))
        for extension in config.markdown_extensions:
            if isinstance(extension, ChecksExtension):  # pages record their self-checks here
                extension.collector = self.collector

    # -- on_files ----------------------------------------------------------------------------

    def bibliography_options(self) -> BibliographyOptions:
        bib = self.options.bibliography
        return BibliographyOptions(
            page=bib.page or None,
            cited_only=bib.cited_only,
            download=bib.download or None,
            style=self._csl_style or None,
        )

    def on_files(
        self,
        files: Files,
        config: MkDocsConfig,
        library: Library,
        generated: GeneratedFiles,
    ) -> None:
        self.generated = generated
        self.library = library
        self.note_pages = {library.paper_src_uri(key): key for key in library.notes}
        self.pages = {}
        concepts_dir = library.settings.concepts_dir
        for concept in library.concepts.values():
            file = files.get_file_from_path(concept.src_uri)
            if file is not None and file.inclusion in (
                InclusionLevel.UNDEFINED,
                InclusionLevel.INCLUDED,
            ):
                # Reached through the concepts list, like guide pages through the papers index.
                file.inclusion = InclusionLevel.NOT_IN_NAV
        options = self.bibliography_options()
        # Formatting 10,000 entries takes seconds; a serve rebuild with the same .bib reuses it.
        self.references = References(library, options, self.csl, reuse=self.references)
        self.state.references = self.references
        self.state.book.start(
            card_converter(config, self.context),
            card_settings(config, self.context, self.references),
        )
        # Listings appear when they have something to show: a site that adds the plugin
        # without notes, concepts or entries gets no empty pages.
        has_entries = bool(library.bibliography.entries)
        if options.page and has_entries:
            texts = (file.content_string for file in files.documentation_pages())
            keys = bibliography_keys(library, options.cited_only, texts)
            self.bibliography_keys = keys
            self._add(
                files,
                config,
                bibliography_page(
                    self.references,
                    keys,
                    page=options.page,
                    download=options.download,
                    cited_only=options.cited_only,
                    style_name=self.csl.name if self.csl else "the house author–year style",
                    templates_dir=self.templates_dir,
                ),
                "bibliography",
            )
        if options.download and has_entries:
            download = bib_download(bib_sources(library))
            self._add_file(files, config, options.download, download, "download")
        graph = self.options.graph_page
        if graph and (library.notes or library.concepts):
            self._add(files, config, graph_page(graph, self.templates_dir), "graph")
        if self.options.checks_page:
            # Which pages hold a '/// check' is known once they render; their sources only say
            # whether the page may have something to list beyond the notes' checks.
            pages_have_checks = any(
                "/// check" in file.content_string for file in files.documentation_pages()
            )
            checks = checks_page(
                library,
                self.options.checks_page,
                self.templates_dir,
                pages_have_checks=pages_have_checks,
            )
            if checks is not None:
                self._add(files, config, checks, "checks")
        index = f"{concepts_dir}/index.md"
        if library.concepts and files.get_file_from_path(index) is None:
            self._add(
                files,
                config,
                concepts_index_page(library.concepts, index, concepts_dir, self.templates_dir),
                "concepts",
            )

    def _add(self, files: Files, config: MkDocsConfig, page: GeneratedPage, kind: str) -> None:
        self._add_file(files, config, page.src_uri, page.markdown, kind)

    def _add_file(
        self, files: Files, config: MkDocsConfig, src_uri: str, content: str, kind: str
    ) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            report_clash(src_uri)
            files.remove(existing)
        # Listed in the navigation only if the site's nav names them (the example site does);
        # citations and the papers index link to them either way, so no "not in nav" warning.
        inclusion = InclusionLevel.NOT_IN_NAV
        files.append(self.generated.make(config, src_uri, content, inclusion))
        self.pages[src_uri] = kind

    # -- on_page_markdown ---------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        src = page.file.src_uri
        self.collector.start_page(src)
        note_key = self._note_key(src)
        if note_key is not None:
            heading = "Cited by and linked from"
        elif self.library is not None and src in self.library.concepts:
            heading = "Linked from"
        else:
            return markdown
        section = render(
            "backlinks_section.md.j2",
            self.templates_dir,
            heading=heading,
            graph=self.options.local_graphs,
        )
        return markdown.rstrip("\n") + "\n\n" + section

    def _note_key(self, src_uri: str) -> str | None:
        return self.note_pages.get(src_uri)

    # -- on_env ------------------------------------------------------------------------------

    def on_env(self, files: Files) -> None:
        if self.library is None or self.references is None:
            return
        pages = {f.src_uri: f for f in files.documentation_pages() if f.page is not None}
        for src, file in pages.items():
            if file.page is not None and file.page.title:
                # MkDocs titles are HTML text (a heading's entities, our escaped front matter);
                # the fragments escape what they print, so they get the plain characters.
                self.titles[src] = html.unescape(str(file.page.title))

        def url(target: str, from_src: str) -> str | None:
            other = pages.get(target)
            return other.url_relative_to(pages[from_src]) if other is not None else None

        written = {src for src, file in pages.items() if file.generated_by is None}
        index = CrossRefIndex.build(
            self.collector, self.library, counting_pages(written.__contains__, self.note_pages)
        )
        fill = CrossRefFill(
            self.library,
            self.references,
            self.library.concepts,
            self.note_pages,
            tuple(self.bibliography_keys),
            self.templates_dir,
            index,
            url,
            self.titles,
            page_checks=self.collector.checks,
            page_order=nav_order(pages),
            page_urls={src: file.url for src, file in pages.items()},
        )
        for src, file in pages.items():
            page = file.page
            assert page is not None
            if page.content:
                if placeholders.PAGE_CHECKS in page.content:
                    add_to_toc(page, fill.page_check_groups(src))
                page.content = fill.fill(src, page.content)
