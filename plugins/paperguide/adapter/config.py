"""The ``paperguide`` plugin's options in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


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
