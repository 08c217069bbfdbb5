"""Which files are concept pages, and their ids: the one definition the loader and the
prerequisite checks share.

A concept page is any ``.md`` file under the concepts folder, in subfolders too, except the
listing (``index.md``) and hidden files; its id is its path there without ``.md``
(``vision/vit``). In a folder the site did not name (the default ``concepts/``), only pages whose
front matter has a concept-only field count, so a site's own pages there stay its own.
"""

from __future__ import annotations

from pathlib import Path

from ..base.filecache import FileCache
from ..base.frontmatter import split_front_matter
from ..base.textfile import read_text

#: Front-matter fields only a concept page has; in an unclaimed folder they mark one.
CONCEPT_MARKERS = ("aliases", "summary", "topic")


def looks_like_concept(text: str) -> bool:
    """Whether a page's front matter has a concept-only field at its top level."""
    front = split_front_matter(text).yaml_text or ""
    return any(line.split(":", 1)[0] in CONCEPT_MARKERS for line in front.splitlines())


def concept_files(root: Path) -> list[Path]:
    """The candidate concept pages under ``root``, sorted (empty if there is no folder)."""
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.rglob("*.md")
        if p.is_file()
        and p.name != "index.md"
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def concept_id(path: Path, root: Path) -> str:
    return path.relative_to(root).with_suffix("").as_posix()


def _is_marked(path: Path) -> bool:
    text, _problems = read_text(path, path.name)  # the loader reports unreadable ones
    return text is not None and looks_like_concept(text)


def concept_ids(
    root: Path, *, claimed: bool = True, cache: FileCache | None = None
) -> frozenset[str]:
    """Ids of the concept pages under ``root`` (``claimed``: the site named the folder).

    In an unclaimed folder each page is read for its marker once per file version (``cache``
    outlives serve rebuilds), not on every rebuild.
    """
    cache = cache or FileCache()
    return frozenset(
        concept_id(path, root)
        for path in concept_files(root)
        if claimed or cache.get("concept-marker", path, lambda path=path: _is_marked(path))
    )
