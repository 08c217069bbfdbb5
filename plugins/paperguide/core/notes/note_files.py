"""Which files in the papers folder are notes: YAML files, and Markdown with a ``key``."""

from __future__ import annotations

from pathlib import Path

from ..base.frontmatter import split_front_matter
from ..base.textfile import read_bytes

NOTE_SUFFIXES = (".yml", ".yaml", ".md")
YAML_SUFFIXES = (".yml", ".yaml")


def is_note_text(name: str, text: str) -> bool:
    """Whether a file in the papers folder is a note rather than a page of the site.

    A YAML file always is. A Markdown page is a note only when its front matter names a
    ``key``: a site that already has ``papers/*.md`` pages keeps them as they are. The check
    reads the front matter's top-level lines, not its YAML, so a note whose YAML is broken is
    still recognised (and its mistake reported).
    """
    if name.endswith(YAML_SUFFIXES):
        return True
    if not name.endswith(".md"):
        return False
    front = split_front_matter(text).yaml_text
    if front is None:
        return False
    return any(line.split(":", 1)[0] == "key" for line in front.splitlines() if ":" in line)


def is_note_file(path: Path) -> bool:
    """:func:`is_note_text` for a file on disk (a Markdown file is read; unreadable: no)."""
    if path.name.endswith(YAML_SUFFIXES):
        return True
    if not path.name.endswith(".md"):
        return False
    # Read as notes are (non-blocking, size-capped): a FIFO or a link to /dev/zero named like a
    # note must not hang or fill memory. One that cannot be read counts as a note, so loading
    # it reports why, instead of the file vanishing without a word.
    data, problems = read_bytes(path, path.name)
    if data is None:
        return bool(problems)
    return is_note_text(path.name, data.decode("utf-8", errors="replace"))
