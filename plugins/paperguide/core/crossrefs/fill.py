"""Filling in what needed every page rendered first: backlinks, "cited on" lists and graphs.

The host calls :meth:`CrossRefFill.fill` on each page once every page has rendered (MkDocs:
``on_env``), like Material's tags plugin fills its listings. Pages carry HTML-comment
placeholders (:mod:`..pages.placeholders`) that become fragments rendered from
``templates/fragments/``. Links come from the host's URL mapper, in the shape of
mkdocs-autorefs' ``fix_refs(html, url_mapper)``, so they work with and without directory URLs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from ..graph.graph import EDGE_LABELS, Graph, Node, build_graph, concept_node_id, paper_node_id
from ..graph.svg import global_svg, legend, local_svg
from ..library.library import Library
from ..library.references import References, ref_anchor
from ..notes import labels
from ..pages import placeholders
from ..study.concepts import Concept
from .collector import PageCheck
from .fragments import render_html, safe
from .index import CrossRefIndex
from .page_checks import SECTION_ANCHOR, CheckGroup, check_groups

#: ``url(target_src_uri, from_src_uri)``: the link from one page to another, relative to the
#: page it is on, or ``None`` when the target is not a page of this build.
UrlMapper = Callable[[str, str], "str | None"]

_CITED_ON = re.compile(re.escape(placeholders.CITED_ON_PREFIX) + r"(\S+) -->")


@dataclass(frozen=True)
class BacklinkItem:
    title: str
    href: str
    cites: int
    links: bool


@dataclass(frozen=True)
class CrossRefFill:
    """One build's fill-in pass over rendered pages."""

    library: Library
    refs: References
    concepts: Mapping[str, Concept]  # by src_uri
    note_pages: Mapping[str, str]  # guide page src_uri -> note key
    bibliography_keys: tuple[str, ...]
    templates_dir: Path | None
    index: CrossRefIndex
    url: UrlMapper
    #: Page titles (plain text) by source path.
    titles: Mapping[str, str]
    #: The checks each page recorded, the pages in navigation order, and each page's URL.
    page_checks: Mapping[str, Sequence[PageCheck]] = field(default_factory=dict)
    page_order: Sequence[str] = ()
    page_urls: Mapping[str, str] = field(default_factory=dict)

    def fill(self, src: str, content: str) -> str:
        """``content`` (the HTML of page ``src``) with its placeholders filled in."""
        if "<!-- paperguide:" not in content:
            return content
        if placeholders.BACKLINKS in content:
            content = content.replace(placeholders.BACKLINKS, self._backlinks(src))
        if placeholders.GRAPH in content:
            content = content.replace(placeholders.GRAPH, self._local_graph(src))
        if placeholders.GLOBAL_GRAPH in content:
            content = content.replace(placeholders.GLOBAL_GRAPH, self._global_graph(src))
        if placeholders.CITED_ON_PREFIX in content:
            content = self._cited_on(src, content)
        if placeholders.PAGE_CHECKS in content:
            content = content.replace(placeholders.PAGE_CHECKS, self._page_checks(src))
        return content

    # -- the checks written on pages -----------------------------------------------------------

    def page_check_groups(self, src: str) -> list[CheckGroup]:
        """The groups the checks page ``src`` lists (also for the host's table of contents)."""
        return check_groups(
            self.page_checks, self.page_order, self.titles, self.page_urls.get, self.url, src
        )

    def _page_checks(self, src: str) -> str:
        groups = self.page_check_groups(src)
        if not groups:
            return ""
        # The template sees a token per check: its HTML goes in afterwards, as it was rendered
        # (render_html drops blank lines, which a code block in an answer keeps).
        checks = [check for group in groups for check in group.checks]
        tokens = [f"\x02pg-check-{n}\x03" for n in range(len(checks))]
        it = iter(tokens)
        shown = [replace(g, checks=tuple(Markup(next(it)) for _ in g.checks)) for g in groups]
        html = render_html(
            "page_checks.html.j2",
            self.templates_dir,
            groups=shown,
            anchor=SECTION_ANCHOR,
            heading=labels.PAGE_CHECKS_HEADING,
        )
        for token, check in zip(tokens, checks, strict=True):
            html = html.replace(token, check, 1)
        return html

    # -- the graph ---------------------------------------------------------------------------

    @cached_property
    def graph(self) -> Graph:
        """The relations graph of this build, drawn from once per page that shows it."""
        library, refs, citations = self.library, self.refs, self.index.citations
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
        return build_graph(
            library,
            self.concepts,
            {p: dict(k) for p, k in citations.items()},
            {p: set(t) for p, t in self.index.links.items()},
            targets,
            short,
        )

    def _href(self, src: str, target: str | None) -> str | None:
        if target is None:
            return None
        path, _, anchor = target.partition("#")
        url = self.url(path, src)
        if url is None:
            return None
        return f"{url}#{anchor}" if anchor else url

    def _node_href(self, src: str) -> Callable[[Node], str | None]:
        return lambda node: self._href(src, node.target)

    def _node_for(self, src: str) -> str | None:
        key = self.note_pages.get(src)
        if key is not None:
            return paper_node_id(key)
        concept = self.concepts.get(src)
        return concept_node_id(concept) if concept else None

    def _local_graph(self, src: str) -> str:
        graph = self.graph
        node = self._node_for(src)
        if node is None or graph.node(node) is None:
            return ""
        local = graph.neighbourhood(node)
        if len(local.nodes) < 2:
            return '<p class="pg-graph-empty">No connections to other papers or concepts yet.</p>'
        svg = local_svg(graph, node, href=self._node_href(src))
        return render_html(
            "graph.html.j2", self.templates_dir, svg=safe(svg), legend=legend(local), rows=[]
        )

    def _global_graph(self, src: str) -> str:
        graph = self.graph
        if not graph.nodes:
            return '<p class="pg-graph-empty">No papers or concepts yet.</p>'
        href = self._node_href(src)
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

    def _link(self, page: str, src: str) -> str:
        # Every page in the index rendered in this build (or, under --dirty, an earlier one).
        url = self.url(page, src)
        assert url is not None, page
        return url

    def _related_pages(self, key: str) -> set[str]:
        """Guide pages of the papers related to ``key``, in either direction."""
        notes = self.library.notes
        keys = self.index.related_to.get(key, frozenset())
        return {self.library.paper_src_uri(k) for k in keys if k in notes}

    def _backlinks(self, src: str) -> str:
        key = self.note_pages.get(src)
        sources: dict[str, BacklinkItem] = {}
        citing = self.index.cited_by.get(key, {}) if key is not None else {}
        for page, count in citing.items():
            if page != src:
                sources[page] = BacklinkItem(self._title(page), self._link(page, src), count, False)
        related = self._related_pages(key) if key is not None else set()
        for page in self.index.linked_from.get(src, frozenset()):
            # A link from a related paper's "Related papers" list repeats the relation, which
            # this page lists already; only links from elsewhere are news.
            if page != src and page not in sources and page not in related:
                sources[page] = BacklinkItem(self._title(page), self._link(page, src), 0, True)
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

    def _cited_on(self, src: str, content: str) -> str:
        by_anchor = {ref_anchor(k): k for k in self.bibliography_keys}
        # Most entries of a large bibliography are cited nowhere: their (empty) list is
        # rendered once, not once per entry.
        uncited = render_html("cited_on.html.j2", self.templates_dir, pages=[])

        def fill(match: re.Match[str]) -> str:
            key = by_anchor.get(match.group(1))
            found = self.index.citing_pages(key) if key else []
            if not found:
                return uncited
            items = [(self._title(p), self._link(p, src)) for p in found]
            return render_html("cited_on.html.j2", self.templates_dir, pages=items)

        return _CITED_ON.sub(fill, content)
