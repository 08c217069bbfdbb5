"""What ``mkdocs serve`` watches besides ``docs_dir``: paperguide's inputs kept elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

    from ..core.site.settings import Settings


def watch_inputs(
    server: LiveReloadServer, settings: Settings, config: MkDocsConfig, templates_dir: str | None
) -> None:
    docs = Path(config.docs_dir).resolve()
    for path in sorted(settings.data_files):
        # MkDocs watches docs_dir; data kept elsewhere (../references.bib) is ours to watch.
        if not path.is_relative_to(docs) and path.exists():
            server.watch(str(path))
    if templates_dir:
        server.watch(str(templates_dir))
