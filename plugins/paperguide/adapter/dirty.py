"""Generated pages that MkDocs' ``--dirty`` mode can skip when they have not changed.

MkDocs rebuilds, under ``--dirty``, only the pages whose source file is newer than their
output; an in-memory generated page has no source file and so is rebuilt every time. Under
``--dirty`` each generated page is therefore backed by a copy on disk (in the cache folder, never
in ``docs_dir``) that is rewritten only when its Markdown changes: saving one note rebuilds that
note's guide page and the listings whose text changed, not the whole library.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, InclusionLevel

from ..core.base.diskcache import atomic_write_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class GeneratedFiles:
    """Makes the ``File`` for a generated page: in memory, or (``--dirty``) backed on disk."""

    def __init__(self) -> None:
        self.dirty = False
        self.root: Path | None = None

    def configure(self, *, dirty: bool, cache_dir: Path | None) -> None:
        self.dirty = dirty
        if dirty and self.root is None:
            self.root = (
                (cache_dir / "pages")
                if cache_dir
                else Path(tempfile.mkdtemp(prefix="paperguide-pages-"))
            )

    def make(
        self,
        config: MkDocsConfig,
        src_uri: str,
        content: str,
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
    ) -> File:
        if not self.dirty or self.root is None:
            return File.generated(config, src_uri, content=content, inclusion=inclusion)
        path = self.root / src_uri
        data = content.encode("utf-8")
        try:
            unchanged = path.read_bytes() == data
        except OSError:
            unchanged = False
        if not unchanged:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_text(path, content)
            except OSError:
                # The folder went away or turned read-only mid-session: this page is simply
                # rebuilt every time, like any in-memory page.
                return File.generated(config, src_uri, content=content, inclusion=inclusion)
        return File.generated(config, src_uri, abs_src_path=str(path), inclusion=inclusion)
