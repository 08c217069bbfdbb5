"""Citations, bibliography, backlinks, concepts and the relations graph, wired into MkDocs.

The plugin (``plugin.py``) calls in at its events:

- ``on_config``: register the citations extension, reset what the last build collected, load
  the CSL style if one is configured (a wrong name fails here, with the reason);
- ``on_files``: load concept pages (front matter checked), keep them out of the navigation
  warnings, add the bibliography, its .bib download, the graph page and the concepts list;
- ``on_page_markdown``: tell the extension which file it is rendering and append the
  "cited by" and "connections" sections to paper and concept pages;
- ``on_env``: every page has rendered, so everything collected is complete: fill in backlinks,
  "cited on" lists and graphs (Material's tags plugin does its listings the same way).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..core.backlinks import Collector
from ..core.cache import FileCache
from ..core.citations import scan_markdown
from ..core.concepts import Concept, load_concepts
from ..core.crossref_pages import (
    BACKLINKS_PLACEHOLDER,
    CITED_ON_PREFIX,
    GLOBAL_GRAPH_PLACEHOLDER,
    GRAPH_PLACEHOLDER,
    bib_download,
    bibliography_page,
    concepts_index_page,
    graph_page,
)
from ..core.csl import CslFormatter, CslUnavailable
from ..core.frontmatter import split_front_matter
from ..core.graph import EDGE_LABELS, Graph, Node, build_graph, concept_node_id, paper_node_id
from ..core.graph_svg import global_svg, legend, local_svg
from ..core.html_render import render_html, safe
from ..core.library import Library, Settings
from ..core.pages import GeneratedPage
from ..core.references import BibliographyOptions, References, ref_anchor
from ..core.render import render
from ..core.textfile import read_text
from ..mdx.citation_state import CitationState
from ..mdx.citations import CitationsExtension
from ..mdx.context import RenderContext
from .log import log, report_all

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from .config import PaperguideConfig

_CITED_ON = re.compile(re.escape(CITED_ON_PREFIX) + r"(\S+) -->")


@dataclass(frozen=True)
class BacklinkItem:
    title: str
    href: str
    cites: int
    links: bool


class CrossRefs:
    """The cross-reference features of one plugin instance (kept across serve rebuilds)."""

    def __init__(self) -> None:
        self.collector = Collector()
        self.state = CitationState(collector=self.collector)
        self.concepts: dict[str, Concept] = {}
        self.library: Library | None = None
        self.references: References | None = None
        self.csl: CslFormatter | None = None
        self._csl_style = ""
        self.bibliography_keys: list[str] = []
        self.pages: dict[str, str] = {}  # src_uri -> what we generated there
        self.note_pages: dict[str, str] = {}  # guide page src_uri -> note key
        self.templates_dir: Path | None = None

    # -- on_config ---------------------------------------------------------------------------

    def on_config(
        self, config: MkDocsConfig, options: PaperguideConfig, context: RenderContext
    ) -> None:
        self.options = options
        self.collector.reset()
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

    # -- on_files ----------------------------------------------------------------------------

    def bibliography_options(self) -> BibliographyOptions:
        bib = self.options.bibliography
        return BibliographyOptions(
            page=bib.page.strip("/") or None,
            cited_only=bib.cited_only,
            download=bib.download.strip("/") or None,
            style=self._csl_style or None,
        )

    def on_files(
        self,
        files: Files,
        config: MkDocsConfig,
        library: Library,
        settings: Settings,
        cache: FileCache,
    ) -> None:
        self.library = library
        self.note_pages = {library.paper_src_uri(key): key for key in library.notes}
        self.pages = {}
        concepts_dir = self.options.concepts_dir.strip("/")
        self.concepts, problems = load_concepts(settings, concepts_dir, cache)
        report_all(problems)
        for concept in self.concepts.values():
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
        if options.page:
            keys = self._bibliography_keys(files, library, options)
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
        if options.download:
            sources = []
            for name in settings.bib_files:
                path = settings.resolve(name)
                text, _problems = read_text(path, settings.display(path))
                if text is not None:
                    sources.append((name, text))
            self._add_file(files, config, options.download, bib_download(sources), "download")
        graph = self.options.graph_page.strip("/")
        if graph:
            self._add(files, config, graph_page(graph, self.templates_dir), "graph")
        index = f"{concepts_dir}/index.md"
        if self.concepts and files.get_file_from_path(index) is None:
            self._add(
                files,
                config,
                concepts_index_page(self.concepts, index, concepts_dir, self.templates_dir),
                "concepts",
            )

    def _bibliography_keys(
        self, files: Files, library: Library, options: BibliographyOptions
    ) -> list[str]:
        """Every entry, or (``cited_only``) the keys cited or related in notes and cited in any
        page's source."""
        if not options.cited_only:
            return list(library.bibliography.entries)
        cited = {c.key for found in library.citations.values() for c in found}
        # Related papers link to their entries from the guide pages, so they are listed too.
        cited |= {rel.key for note in library.notes.values() for rel in note.related}
        for file in files.documentation_pages():
            text = file.content_string
            if "@" in text:
                body = split_front_matter(text).body
                cited.update(o.key for o in scan_markdown(body))
        return [key for key in cited if key in library.bibliography]

    def _add(self, files: Files, config: MkDocsConfig, page: GeneratedPage, kind: str) -> None:
        self._add_file(files, config, page.src_uri, page.markdown, kind)

    def _add_file(
        self, files: Files, config: MkDocsConfig, src_uri: str, content: str, kind: str
    ) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            from .plugin import report_clash

            report_clash(src_uri)
            files.remove(existing)
        # Listed in the navigation only if the site's nav names them (the example site does);
        # citations and the papers index link to them either way, so no "not in nav" warning.
        inclusion = InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
        self.pages[src_uri] = kind

    # -- on_page_markdown ---------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, page: Page, settings: Settings, context: RenderContext
    ) -> str:
        src = page.file.src_uri
        self.collector.start_page(src)
        library = self.library
        note_key = self._note_key(src)
        if note_key is not None and library is not None:
            note = library.notes[note_key]
            path = settings.resolve(note.src_uri)
            self.state.set_page_text(lambda: read_text(path, note.source)[0])
        else:
            self.state.set_page_text(lambda: page.file.content_string)
        if note_key is not None:
            heading = "Cited by and linked from"
        elif src in self.concepts:
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
        library, refs = self.library, self.references
        if library is None or refs is None:
            return
        started = time.perf_counter()
        pages = {f.src_uri: f for f in files.documentation_pages() if f.page is not None}
        paper_pages = self.note_pages

        def counts(src: str) -> bool:
            """Listings (index, bibliography, dashboards) do not count as citing or linking."""
            file = pages.get(src)
            return file is not None and (file.generated_by is None or src in paper_pages)

        citations = {p: dict(k) for p, k in self.collector.citations.items() if counts(p)}
        links = {p: set(t) for p, t in self.collector.links.items() if counts(p)}
        graph = self._graph(library, refs, citations, links)
        built = time.perf_counter()
        for file in pages.values():
            page = file.page
            assert page is not None
            content = page.content or ""
            if "<!-- paperguide:" not in content:
                continue
            if BACKLINKS_PLACEHOLDER in content:
                html = self._backlinks(file, pages, paper_pages, citations, links)
                content = content.replace(BACKLINKS_PLACEHOLDER, html)
            if GRAPH_PLACEHOLDER in content:
                content = content.replace(GRAPH_PLACEHOLDER, self._local_graph(file, graph, pages))
            if GLOBAL_GRAPH_PLACEHOLDER in content:
                content = content.replace(
                    GLOBAL_GRAPH_PLACEHOLDER, self._global_graph(file, graph, pages)
                )
            if CITED_ON_PREFIX in content:
                content = self._cited_on(file, content, pages, citations)
            page.content = content
        log.debug(
            "paperguide: graph of %d nodes in %.3f s, pages filled in %.3f s",
            len(graph.nodes),
            built - started,
            time.perf_counter() - built,
        )

    def _graph(
        self,
        library: Library,
        refs: References,
        citations: dict[str, dict[str, int]],
        links: dict[str, set[str]],
    ) -> Graph:
        keys = set(library.notes) | {k for c in citations.values() for k in c}
        keys |= {r.key for n in library.notes.values() for r in n.related}
        short = {}
        targets = {}
        for key in keys:
            label = refs.label(key)
            if label is not None:
                short[key] = f"{label.authors} {label.year}"
            target = refs.bibliography_target(key)
            if target is not None:
                targets[key] = target
        return build_graph(library, self.concepts, citations, links, targets, short)

    def _href(self, file: File, target: str | None, pages: dict[str, File]) -> str | None:
        if target is None:
            return None
        path, _, anchor = target.partition("#")
        other = pages.get(path)
        if other is None:
            return None
        url = other.url_relative_to(file)
        return f"{url}#{anchor}" if anchor else url

    def _title(self, src: str, pages: dict[str, File]) -> str:
        page = pages[src].page
        return str(page.title) if page is not None and page.title else src

    def _backlinks(
        self,
        file: File,
        pages: dict[str, File],
        paper_pages: dict[str, str],
        citations: dict[str, dict[str, int]],
        links: dict[str, set[str]],
    ) -> str:
        src = file.src_uri
        key = paper_pages.get(src)
        sources: dict[str, BacklinkItem] = {}
        for page, keys in citations.items():
            if key is not None and key in keys and page != src:
                href = pages[page].url_relative_to(file)
                sources[page] = BacklinkItem(self._title(page, pages), href, keys[key], False)
        related = self._related_pages(key) if key is not None else set()
        for page, targets in links.items():
            # A link from a related paper's "Related papers" list repeats the relation, which
            # this page lists already; only links from elsewhere are news.
            if src in targets and page != src and page not in sources and page not in related:
                href = pages[page].url_relative_to(file)
                sources[page] = BacklinkItem(self._title(page, pages), href, 0, True)
        notes = [sources[p] for p in sorted(sources) if p in paper_pages]
        others = [sources[p] for p in sorted(sources) if p not in paper_pages]
        groups = [
            (label, items) for label, items in (("In notes", notes), ("On pages", others)) if items
        ]
        empty = (
            "No other page cites or links to this paper yet."
            if key is not None
            else "No page links here yet."
        )
        return render_html("backlinks.html.j2", self.templates_dir, groups=groups, empty=empty)

    def _related_pages(self, key: str) -> set[str]:
        """Guide pages of the papers related to ``key``, in either direction."""
        library = self.library
        if library is None:
            return set()
        keys = {rel.key for rel in library.notes[key].related} if key in library.notes else set()
        keys |= {n.key for n in library.notes.values() if any(r.key == key for r in n.related)}
        return {library.paper_src_uri(k) for k in keys if k in library.notes}

    def _node_for(self, src: str) -> str | None:
        key = self._note_key(src)
        if key is not None:
            return paper_node_id(key)
        concept = self.concepts.get(src)
        return concept_node_id(concept) if concept else None

    def _node_href(self, file: File, pages: dict[str, File]) -> Callable[[Node], str | None]:
        return lambda node: self._href(file, node.target, pages)

    def _local_graph(self, file: File, graph: Graph, pages: dict[str, File]) -> str:
        node = self._node_for(file.src_uri)
        if node is None or node not in {n.id for n in graph.nodes}:
            return ""
        local = graph.neighbourhood(node)
        if len(local.nodes) < 2:
            return '<p class="pg-graph-empty">No connections to other papers or concepts yet.</p>'
        svg = local_svg(graph, node, href=self._node_href(file, pages))
        return render_html(
            "graph.html.j2", self.templates_dir, svg=safe(svg), legend=legend(local), rows=[]
        )

    def _global_graph(self, file: File, graph: Graph, pages: dict[str, File]) -> str:
        if not graph.nodes:
            return '<p class="pg-graph-empty">No papers or concepts yet.</p>'
        href = self._node_href(file, pages)
        svg = global_svg(graph, href=href)
        rows = []
        for edge in graph.edges:
            a, b = graph.node(edge.source), graph.node(edge.target)
            assert a is not None and b is not None
            rows.append(
                (
                    {"title": a.title, "href": href(a)},
                    EDGE_LABELS[edge.kind],
                    {"title": b.title, "href": href(b)},
                )
            )
        return render_html(
            "graph.html.j2", self.templates_dir, svg=safe(svg), legend=legend(graph), rows=rows
        )

    def _cited_on(
        self,
        file: File,
        content: str,
        pages: dict[str, File],
        citations: dict[str, dict[str, int]],
    ) -> str:
        by_anchor = {ref_anchor(k): k for k in self.bibliography_keys}
        citing: dict[str, list[str]] = {}
        for page, keys in sorted(citations.items()):
            for key in keys:
                citing.setdefault(key, []).append(page)

        def fill(match: re.Match[str]) -> str:
            key = by_anchor.get(match.group(1))
            found = citing.get(key, []) if key else []
            items = [(self._title(p, pages), pages[p].url_relative_to(file)) for p in found]
            return render_html("cited_on.html.j2", self.templates_dir, pages=items)

        return _CITED_ON.sub(fill, content)
