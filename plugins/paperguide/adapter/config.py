"""The ``paperguide`` plugin's options in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class BibliographyConfig(base.Config):
    """Options under ``bibliography:``."""

    page = c.Type(str, default="bibliography.md")
    """Where the bibliography page goes; empty for none (citations then link to DOI/arXiv)."""

    cited_only = c.Type(bool, default=False)
    """List only the entries cited somewhere on the site, not the whole .bib file."""

    download = c.Type(str, default="bibliography.bib")
    """Publish the .bib files (joined) under this name, linked from the page; empty for none."""

    style = c.Type(str, default="")
    """A CSL style for references (``apa``, ``ieee``, ``nature``, … or a ``.csl`` file), instead
    of the house author–year style. Needs ``pip install 'paperguide[csl]'``. In-text citations
    stay author–year."""


class PaperguideConfig(base.Config):
    """Options of the ``paperguide`` plugin. Paths are relative to ``docs_dir``."""

    enabled = c.Type(bool, default=True)
    """Turn paperguide off; the site then builds from its hand-written pages only."""

    papers_dir = c.Type(str, default="papers")
    """Folder of paper notes (``<key>.yml`` or ``<key>.md``); guide pages are generated there."""

    bib_files = c.ListOfItems(c.Type(str), default=["references.bib"])
    """BibTeX files, in order (``@string`` macros of earlier files apply to later ones)."""

    templates_dir = c.Optional(c.Dir(exists=True))
    """A folder searched before the packaged templates; copy a template there to change it."""

    cache_dir = c.Type(str, default=".cache/paperguide")
    """Where slow cold-start work (the parsed bibliography) is cached, relative to mkdocs.yml.
    An empty string turns the disk cache off. Safe to delete at any time."""

    schema_downloads = c.Type(bool, default=True)
    """Publish the JSON Schemas under ``schema/``, for editors in other repositories."""

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
    tracker_file = c.Type(str, default="tracker.yml")
    """The math tracker (areas, topics, G/Y/R); the tracker page is generated when it exists."""

    concepts_dir = c.Type(str, default="concepts")
    """Folder of concept pages; their file names (``<id>.md``) are valid prerequisite ids."""

    unknowns_guide = c.Type(str, default="guides/unknowns.md")
    """The page explaining the five categories of unknowns, with one ``#<category>`` anchor
    each; callout labels link there. Leave the page out (or set ``""``) for no links."""
    # -- cross-references (citations, bibliography, backlinks, concepts, graph) ---------------

    bibliography = c.SubConfig(BibliographyConfig)
    """The bibliography page, its BibTeX download and the citation style (see below)."""

    citation_cards = c.Type(bool, default=True)
    """Give every citation a card (reference, summary, status) shown on hover and focus."""

    reference_lists = c.Type(bool, default=True)
    """End every page that cites with a "References" list of what it cites."""

    concepts_dir = c.Type(str, default="concepts")
    """Folder of concept pages (``<id>.md`` with ``title, aliases, summary, topic``)."""

    graph_page = c.Type(str, default="graph.md")
    """Where the relations graph of all papers and concepts goes; empty for none."""

    local_graphs = c.Type(bool, default=True)
    """Draw each paper's and concept's direct connections on its page."""
