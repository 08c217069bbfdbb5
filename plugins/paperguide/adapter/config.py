"""The ``paperguide`` plugin's options in ``mkdocs.yml``."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from ..core.site.options import BIBLIOGRAPHY_PATH_OPTIONS, PATH_OPTIONS, PathOption
from ..core.site.paths import UnsafePath


class SitePath(c.BaseConfigOption[str]):
    """A path inside the docs (or project) folder, checked when the config loads by the rule
    that ``paperguide check`` applies too (:class:`~paperguide.core.site.options.PathOption`)."""

    def __init__(self, spec: PathOption) -> None:
        super().__init__()
        self.spec = spec
        self.default = spec.default

    def run_validation(self, value: Any) -> str:
        try:
            return self.spec.clean(value)
        except UnsafePath as exc:
            raise ValidationError(str(exc)) from exc


class BibliographyConfig(base.Config):
    """Options under ``bibliography:``."""

    page = SitePath(BIBLIOGRAPHY_PATH_OPTIONS["page"])
    """Where the bibliography page goes (a ``.md`` path in ``docs_dir``); ``""`` or ``null`` for
    none (citations then link to DOI/arXiv)."""

    cited_only = c.Type(bool, default=False)
    """List only the entries cited somewhere on the site, not the whole .bib file."""

    download = SitePath(BIBLIOGRAPHY_PATH_OPTIONS["download"])
    """Publish the .bib files (joined) under this path of the site, linked from the page;
    ``""`` or ``null`` for none."""

    style = c.Type(str, default="")
    """A CSL style for references (``apa``, ``ieee``, ``nature``, … or a ``.csl`` file), instead
    of the house author–year style. Needs ``pip install 'paperguide[csl]'``. In-text citations
    stay author–year."""


class PaperguideConfig(base.Config):
    """Options of the ``paperguide`` plugin. Paths are relative to ``docs_dir``."""

    enabled = c.Type(bool, default=True)
    """Turn paperguide off; the site then builds from its hand-written pages only."""

    papers_dir = SitePath(PATH_OPTIONS["papers_dir"])
    """Folder of paper notes (``<key>.yml``, or ``<key>.md`` whose front matter has ``key``),
    relative to ``docs_dir``; guide pages are generated there. Required: ``""`` is refused."""

    bib_files = c.ListOfItems(c.Type(str), default=["references.bib"])
    """BibTeX files, in order (``@string`` macros of earlier files apply to later ones)."""

    templates_dir = c.Optional(c.Dir(exists=True))
    """A folder searched before the packaged templates; copy a template there to change it."""

    cache_dir = SitePath(PATH_OPTIONS["cache_dir"])
    """Where slow work (the parsed bibliography, typeset math, generated pages' HTML) is
    cached, a folder inside the project (relative to mkdocs.yml, no ``..``). ``""`` or
    ``null`` turns the disk cache off. Safe to delete at any time."""

    schema_downloads = c.Type(bool, default=True)
    """Publish the JSON Schemas under ``schema/``, for editors in other repositories."""

    deck = SitePath(PATH_OPTIONS["deck"])
    """Publish an Anki deck of the notes' study cards under this path of the site (an
    ``.apkg`` file, e.g. ``paperguide.apkg``), the same file ``paperguide deck`` writes;
    ``""`` or ``null`` (the default) for none."""

    math = c.Type(bool, default=True)
    """Typeset math at build time with KaTeX, so pages need no math JavaScript. Turn it off to
    leave ``pymdownx.arithmatex``'s output to a script of the site's own."""

    katex_dir = c.Optional(c.Type(str))
    """KaTeX's ``dist`` folder (relative to ``mkdocs.yml``). Default: ``$PAPERGUIDE_KATEX_DIR``,
    else the nearest ``node_modules/katex/dist`` at or above ``mkdocs.yml`` (``make setup``
    installs the pinned version there)."""

    math_cache = c.Type(bool, default=True)
    """Keep rendered math in ``katex.json`` inside ``cache_dir``, so a cold build skips KaTeX
    for formulas it has already typeset."""

    page_cache = c.Type(bool, default=True)
    """Keep the HTML of the pages paperguide generates inside ``cache_dir``, so a build
    converts only the generated pages whose Markdown, embedded notes, cited entries,
    extensions, site files or versions changed; citation cards, backlinks and graphs are
    filled in fresh every build. ``false``: convert every page every build."""
    parallel = c.Type(bool, default=True)
    """On ``mkdocs build``, convert generated pages the page cache does not hold in helper
    processes on the other cores while MkDocs works through the rest (needs ``page_cache``;
    only when the site's other plugins are search, or Material's meta, offline or info).
    ``false``: one core."""
    tracker_file = SitePath(PATH_OPTIONS["tracker_file"])
    """The math tracker (areas, topics, G/Y/R) in ``docs_dir``; the tracker page is generated
    when it exists. ``""`` or ``null``: no tracker."""

    author_checks = c.Type(bool, default=False)
    """Publish the author's checks on guide pages: whether the claimed reading status is
    supported by the note, and how its outside context compares with the method's advice. They
    always show under ``mkdocs serve``; ``paperguide check`` reports a status ahead of the note
    (a warning) and, with ``--advice``, the context advice. Turn this on for a draft build;
    readers otherwise see the status and goal badges."""

    unknowns_guide = SitePath(PATH_OPTIONS["unknowns_guide"])
    """The page explaining the five categories of unknowns, with one ``#<category>`` anchor
    each; a guide page's category groups and the callouts elsewhere link there. Leave the page
    out (or set ``""``/``null``) for no links."""
    # -- cross-references (citations, bibliography, backlinks, concepts, graph) ---------------

    bibliography = c.SubConfig(BibliographyConfig)
    """The bibliography page, its BibTeX download and the citation style (the rows below)."""

    citation_cards = c.Type(bool, default=True)
    """Give every citation a card (reference, summary, status) shown on hover and focus."""

    reference_lists = c.Type(bool, default=True)
    """End every page that cites with a "References" list of what it cites."""

    concepts_dir = SitePath(PATH_OPTIONS["concepts_dir"])
    """Folder of concept pages, relative to ``docs_dir``: a page there is a concept when its
    front matter has ``aliases``, ``summary`` or ``topic`` (other pages are left alone); their
    ids are valid prerequisites. ``""`` or ``null``: no concept pages."""

    graph_page = SitePath(PATH_OPTIONS["graph_page"])
    """Where the relations graph of all papers and concepts goes, when there are any relations
    to draw; ``""`` or ``null`` for none."""

    checks_page = SitePath(PATH_OPTIONS["checks_page"])
    """Where the "Check yourself" page goes: every note's self-checks (``checks[]``), grouped by
    paper, then the ``/// check`` blocks of every page, grouped by page, when there are any;
    ``""`` or ``null`` for none. Each guide page keeps its own "Check yourself" section either
    way."""

    local_graphs = c.Type(bool, default=True)
    """Draw each paper's and concept's direct connections on its page."""
