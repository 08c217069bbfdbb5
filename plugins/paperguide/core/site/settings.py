"""Where a site keeps its content: the one description every loader and command reads."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from ..notes.note_files import NOTE_SUFFIXES, is_note_file


@dataclass(frozen=True)
class Settings:
    """Where content lives. Relative paths are relative to ``content_dir``."""

    content_dir: Path
    root_dir: Path
    papers_dir: str = "papers"
    bib_files: tuple[str, ...] = ("references.bib",)
    tracker_file: str = "tracker.yml"  # the math tracker (optional)
    concepts_dir: str = "concepts"  # concept pages; their file names are valid prerequisite ids
    unknowns_guide: str = "guides/unknowns.md"  # the page explaining the five categories
    cache_dir: Path | None = None  # on-disk cache for slow cold-start work; None disables it
    #: Whether the site named the folder itself (claiming every page in it) or left the default,
    #: under which only pages that look like paperguide's are taken: notes with a ``key``,
    #: concepts with ``aliases``/``summary``/``topic``. A site's own pages there stay its own.
    papers_claimed: bool = True
    concepts_claimed: bool = True

    def is_note_path(self, path: Path) -> bool:
        """Whether a file in the papers folder is a note (see ``papers_claimed``)."""
        if not path.name.endswith(NOTE_SUFFIXES):
            return False
        return self.papers_claimed or is_note_file(path)

    def display(self, path: Path) -> str:
        """A path as authors see it: relative to the project root when inside it.

        The link's own path comes first: a note that is a symbolic link to ``/etc/passwd`` is
        shown as ``content/papers/x.yml``, never as the target it points to.
        """
        lexical = Path(os.path.normpath(path.absolute()))
        for candidate, root in (
            (lexical, Path(os.path.normpath(self.root_dir.absolute()))),
            (path.resolve(), self.root_dir.resolve()),
        ):
            if candidate.is_relative_to(root):
                return candidate.relative_to(root).as_posix()
        return path.as_posix()

    def resolve(self, relative: str) -> Path:
        path = Path(relative)
        return path if path.is_absolute() else self.content_dir / path

    @functools.cached_property
    def data_files(self) -> frozenset[Path]:
        """The configured .bib files and the tracker, resolved: inputs read as data, never
        published as they are (a folder's other .bib files are the site's own)."""
        found = {self.resolve(b).resolve() for b in self.bib_files}
        if self.tracker_file:
            found.add(self.resolve(self.tracker_file).resolve())
        return frozenset(found)

    def is_input(self, src_uri: str, path: Path) -> bool:
        """Whether the docs-folder file ``src_uri`` (at ``path``) is read as data, not a page:
        a note, a configured .bib file, the tracker."""
        if src_uri.startswith(self.papers_dir + "/") and self.is_note_path(path):
            return True
        return path.resolve() in self.data_files


def existing_default_bibs(content_dir: Path, bib_files: tuple[str, ...]) -> tuple[str, ...]:
    """The default ``bib_files`` that exist. The default is a convention, not a demand: a site
    without ``references.bib`` (one that just added the plugin) has no bibliography, and no
    warning about it; a file the site names itself must exist."""
    return tuple(b for b in bib_files if (content_dir / b).is_file())
