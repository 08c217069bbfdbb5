"""Which concept ids exist, from the file names in ``concepts/`` (nothing else is read).

Notes may name a concept page (``concepts/<id>.md``) as a prerequisite. The concept pages
themselves belong to another part of paperguide; this module only needs to know which ids are
valid, so it lists file names and stays independent of how those pages are loaded.
"""

from __future__ import annotations

from pathlib import Path

from .slugs import is_slug


def concept_ids(folder: Path) -> frozenset[str]:
    """Ids of the ``<id>.md`` files directly in ``folder`` (empty if there is none)."""
    if not folder.is_dir():
        return frozenset()
    return frozenset(
        p.stem
        for p in folder.iterdir()
        if p.suffix == ".md" and p.stem != "index" and is_slug(p.stem) and p.is_file()
    )
