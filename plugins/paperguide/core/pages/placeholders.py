"""Markers a generated page carries where cross-page parts go once every page is rendered.

Templates write them through the ``placeholders`` global (never as literal text), and the fill
step replaces them, so the two sides cannot drift apart. They are HTML comments: invisible, and
left alone by Python-Markdown.
"""

from __future__ import annotations

#: The "Linked from" list of a paper or concept page.
BACKLINKS = "<!-- paperguide:backlinks -->"
#: A page's local graph of its direct connections.
GRAPH = "<!-- paperguide:graph -->"
#: The graph of every paper and concept, on the graph page.
GLOBAL_GRAPH = "<!-- paperguide:graph-global -->"
#: The self-checks written on pages, on the site-wide "Check yourself" page.
PAGE_CHECKS = "<!-- paperguide:page-checks -->"
#: Starts the "cited on" marker of one bibliography entry (see :func:`cited_on`).
CITED_ON_PREFIX = "<!-- paperguide:cited-on "


def cited_on(anchor: str) -> str:
    """The marker after bibliography entry ``anchor``, replaced by the pages that cite it."""
    return f"{CITED_ON_PREFIX}{anchor} -->"
