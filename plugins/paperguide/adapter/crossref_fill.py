"""Filling in what needed every page rendered first: backlinks, "cited on" lists and graphs.

Runs in ``on_env`` (every page converted, none written yet), like Material's tags plugin fills
its listings: pages carry HTML-comment placeholders (see ``core/pages/crossref_pages.py``) that are
replaced here with fragments rendered from ``templates/fragments/``. Links are computed with
``File.url_relative_to`` so they work with and without directory URLs.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File, Files

from ..core.crossrefs.collector import Collector
from ..core.crossrefs.fragments import render_html, safe
from ..core.graph.graph import EDGE_LABELS, Graph, Node, build_graph, concept_node_id, paper_node_id
from ..core.graph.svg import global_svg, legend, local_svg
from ..core.library.library import Library
from ..core.library.references import References, ref_anchor
from ..core.pages import placeholders
from ..core.study.concepts import Concept
from .log import log

_CITED_ON = re.compile(re.escape(placeholders.CITED_ON_PREFIX) + r"(\S+) -->")


@dataclass(frozen=True)
class BacklinkItem:
    title: str
    href: str
    cites: int
    links: bool


@dataclass
class Fill:
    """One build's fill-in pass; :meth:`run` edits ``page.content`` of every page in place."""

    library: Library
    refs: References
    concepts: Mapping[str, Concept]
    note_pages: Mapping[str, str]  # guide page src_uri -> note key
    bibliography_keys: list[str]
    templates_dir: Path | None
    #: Page titles by source path. Under --dirty it outlives a build: pages that were not
    #: rebuilt have no title this time, but still appear in other pages' backlinks.
    titles: dict[str, str] = field(default_factory=dict)
    pages: dict[str, File] = field(default_factory=dict)
    citations: dict[str, dict[str, int]] = field(default_factory=dict)
    links: dict[str, set[str]] = field(default_factory=dict)
    #: The same facts indexed the other way round (key -> citing pages, page -> linking pages,
    #: key -> related keys), built once per build: looking them up by scanning every page for
    #: every page made filling in a large library quadratic.
    cited_by: dict[str, dict[str, int]] = field(default_factory=dict)
    linked_from: dict[str, set[str]] = field(default_factory=dict)
    related_to: dict[str, set[str]] = field(default_factory=dict)

    def run(self, files: Files, collector: Collector) -> None:
        started = time.perf_counter()
        self.pages = {f.src_uri: f for f in files.documentation_pages() if f.page is not None}
        for src, file in self.pages.items():
            if file.page is not None and file.page.title:
                # MkDocs titles are HTML text (a heading's entities, our escaped front matter);
                # the fragments escape what they print, so they get the plain characters.
                self.titles[src] = html.unescape(str(file.page.title))
        self.citations = {p: dict(k) for p, k in collector.citations.items() if self._counts(p)}
        self.links = {p: set(t) for p, t in collector.links.items() if self._counts(p)}
        self._index()
        graph = self._graph()
        built = time.perf_counter()
        for file in self.pages.values():
            page = file.page
            assert page is not None
            content = page.content or ""
            if "<!-- paperguide:" not in content:
                continue
            if placeholders.BACKLINKS in content:
                content = content.replace(placeholders.BACKLINKS, self._backlinks(file))
            if placeholders.GRAPH in content:
                content = content.replace(placeholders.GRAPH, self._local_graph(file, graph))
            if placeholders.GLOBAL_GRAPH in content:
                content = content.replace(
                    placeholders.GLOBAL_GRAPH, self._global_graph(file, graph)
                )
            if placeholders.CITED_ON_PREFIX in content:
                content = self._cited_on(file, content)
            page.content = content
        log.debug(
            "graph of %d nodes in %.3f s, pages filled in %.3f s",
            len(graph.nodes),
            built - started,
            time.perf_counter() - built,
        )

    def _counts(self, src: str) -> bool:
        """Listings (indexes, the bibliography, dashboards) do not count as citing or linking."""
        file = self.pages.get(src)
        return file is not None and (file.generated_by is None or src in self.note_pages)

    def _index(self) -> None:
        self.cited_by, self.linked_from, self.related_to = {}, {}, {}
        for page, keys in self.citations.items():
            for key, count in keys.items():
                self.cited_by.setdefault(key, {})[page] = count
        for page, targets in self.links.items():
            for target in targets:
                self.linked_from.setdefault(target, set()).add(page)
        for note in self.library.notes.values():
            for rel in note.related:
                self.related_to.setdefault(note.key, set()).add(rel.key)
                self.related_to.setdefault(rel.key, set()).add(note.key)

    # -- the graph ---------------------------------------------------------------------------

    def _graph(self) -> Graph:
        library, refs = self.library, self.refs
        keys = set(library.notes) | {k for c in self.citations.values() for k in c}
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
        return build_graph(library, self.concepts, self.citations, self.links, targets, short)

    def _href(self, file: File, target: str | None) -> str | None:
        if target is None:
            return None
        path, _, anchor = target.partition("#")
        other = self.pages.get(path)
        if other is None:
            return None
        url = other.url_relative_to(file)
        return f"{url}#{anchor}" if anchor else url

    def _node_href(self, file: File) -> Callable[[Node], str | None]:
        return lambda node: self._href(file, node.target)

    def _node_for(self, src: str) -> str | None:
        key = self.note_pages.get(src)
        if key is not None:
            return paper_node_id(key)
        concept = self.concepts.get(src)
        return concept_node_id(concept) if concept else None

    def _local_graph(self, file: File, graph: Graph) -> str:
        node = self._node_for(file.src_uri)
        if node is None or graph.node(node) is None:
            return ""
        local = graph.neighbourhood(node)
        if len(local.nodes) < 2:
            return '<p class="pg-graph-empty">No connections to other papers or concepts yet.</p>'
        svg = local_svg(graph, node, href=self._node_href(file))
        return render_html(
            "graph.html.j2", self.templates_dir, svg=safe(svg), legend=legend(local), rows=[]
        )

    def _global_graph(self, file: File, graph: Graph) -> str:
        if not graph.nodes:
            return '<p class="pg-graph-empty">No papers or concepts yet.</p>'
        href = self._node_href(file)
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

    # -- lists of pages ----------------------------------------------------------------------

    def _title(self, src: str) -> str:
        return self.titles.get(src, src)

    def _related_pages(self, key: str) -> set[str]:
        """Guide pages of the papers related to ``key``, in either direction."""
        notes = self.library.notes
        keys = self.related_to.get(key, set())
        return {self.library.paper_src_uri(k) for k in keys if k in notes}

    def _backlinks(self, file: File) -> str:
        src = file.src_uri
        key = self.note_pages.get(src)
        sources: dict[str, BacklinkItem] = {}
        citing = self.cited_by.get(key, {}) if key is not None else {}
        for page, count in citing.items():
            if page != src:
                href = self.pages[page].url_relative_to(file)
                sources[page] = BacklinkItem(self._title(page), href, count, False)
        related = self._related_pages(key) if key is not None else set()
        for page in self.linked_from.get(src, set()):
            # A link from a related paper's "Related papers" list repeats the relation, which
            # this page lists already; only links from elsewhere are news.
            if page != src and page not in sources and page not in related:
                href = self.pages[page].url_relative_to(file)
                sources[page] = BacklinkItem(self._title(page), href, 0, True)
        notes = [sources[p] for p in sorted(sources) if p in self.note_pages]
        others = [sources[p] for p in sorted(sources) if p not in self.note_pages]
        groups = [(label, items) for label, items in (("In notes", notes), ("On pages", others))]
        empty = (
            "No other page cites or links to this paper yet."
            if key is not None
            else "No page links here yet."
        )
        return render_html(
            "backlinks.html.j2",
            self.templates_dir,
            groups=[(label, items) for label, items in groups if items],
            empty=empty,
        )

    def _cited_on(self, file: File, content: str) -> str:
        by_anchor = {ref_anchor(k): k for k in self.bibliography_keys}
        citing: dict[str, list[str]] = {}
        for page, keys in sorted(self.citations.items()):
            for key in keys:
                citing.setdefault(key, []).append(page)

        def fill(match: re.Match[str]) -> str:
            key = by_anchor.get(match.group(1))
            found = citing.get(key, []) if key else []
            items = [(self._title(p), self.pages[p].url_relative_to(file)) for p in found]
            return render_html("cited_on.html.j2", self.templates_dir, pages=items)

        return _CITED_ON.sub(fill, content)
