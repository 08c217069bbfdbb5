"""Downloads the site publishes: the JSON Schemas and (the ``deck`` option) the Anki deck.

Each file is handed to MkDocs as a generated file, so MkDocs writes it where it writes every
page, under ``site_dir``: the deck's path is one the option's check keeps inside the site.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files, InclusionLevel

from ..core.library.library import Library
from ..core.notes.schema import SCHEMA_NAMES, schema_text
from ..core.site.settings import Settings
from ..core.texmath.katex import Katex
from ..deck.build import make_deck
from .log import log, report, report_clash

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def add_deck(
    files: Files,
    config: MkDocsConfig,
    src_uri: str,
    library: Library,
    settings: Settings,
    katex: Katex | None,
) -> None:
    """Make the deck from ``library`` and add it to the site at ``src_uri``."""
    deck = make_deck(library, settings, katex, report)
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        report_clash(src_uri)
        files.remove(existing)
    files.append(
        File.generated(config, src_uri, content=deck.data, inclusion=InclusionLevel.NOT_IN_NAV)
    )
    log.debug(f"paperguide: {src_uri}: {deck.summary()}")


def add_schemas(files: Files, config: MkDocsConfig) -> None:
    """``schema/<name>.schema.json`` for each schema, unless the site has its own file there."""
    for name in SCHEMA_NAMES:
        src_uri = f"schema/{name}.schema.json"
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=schema_text(name)))
