"""``--dirty`` and notes that disappear: their pages leave the site, and whatever pointed at them
is rebuilt.

MkDocs' ``--dirty`` neither cleans ``site_dir`` nor rebuilds a page whose source did not change,
so a deleted or renamed note kept its old page (served, with old content) and the pages citing
it kept their links to it. A rebuild is forced the way MkDocs itself decides one is due: the
page's output is removed, so it counts as modified.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files

from ..core.crossrefs.index import CrossRefIndex

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from ..core.crossrefs.collector import Collector
    from ..core.library.library import Library


def prune_gone_notes(
    files: Files,
    config: MkDocsConfig,
    before: Mapping[str, str],
    now: Mapping[str, str],
    collector: Collector,
    library: Library,
    listings: Iterable[str] = (),
) -> set[str]:
    """Remove the guide pages of notes in ``before`` but not ``now`` (src_uri -> key), and the
    outputs of pages that cited, linked or were pointed at by them, and of ``listings`` (pages
    filled from the whole library once every page rendered: graph, bibliography); returns the
    src_uris removed."""
    gone = {src: key for src, key in before.items() if src not in now}
    if not gone:
        return set()
    # Every page counts here, listings included: whatever showed a gone note must go too.
    index = CrossRefIndex.build(collector, library, lambda _src: True)
    stale: set[str] = set(listings)
    for src, key in gone.items():
        stale.update(index.cited_by.get(key, ()), index.linked_from.get(src, ()))
        stale.update(collector.links.get(src, ()))
        stale.update(library.paper_src_uri(k) for k in collector.citations.get(src, {}))
        collector.start_page(src)  # what the gone page cited no longer counts as a backlink
        _remove_output(File(src, config.docs_dir, config.site_dir, config.use_directory_urls))
    for src in stale - set(gone):
        file = files.get_file_from_path(src)
        if file is not None:
            _remove_output(file)
    return set(gone)


def _remove_output(file: File) -> None:
    dest = Path(file.abs_dest_path)
    with contextlib.suppress(OSError):
        dest.unlink()
        if file.use_directory_urls and dest.name == "index.html":
            dest.parent.rmdir()  # only if empty: a page may hold other files there
