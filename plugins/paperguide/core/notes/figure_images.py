"""A figure's ``image``: checked as written (with the note), then found in the docs folder.

An image is a file of the docs folder, written relative to the note's file (``overview.svg``
next to it, ``../images/plot.png`` elsewhere), so MkDocs publishes it and rewrites its URL like
any other link. Two kinds of check, because they change at different times:

- :func:`written_problems` looks only at the note's text (alt text, the path's form, the file
  type); it runs with the note's other rules and is cached with them.
- :func:`place_images` looks at the disk (does the file exist, does it stay inside the docs
  folder once symbolic links are followed, how large is the image); it runs on every build,
  since adding the missing file or replacing the image changes the answer without changing the
  note. It opens only a file it has allowed, and reads only its header (``image_size``).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..base.diagnostics import Diagnostic, Severity, format_field_path
from .image_size import read_image_size
from .model import DataPath, Figure, Note

#: What browsers show in an ``<img>`` everywhere; the order is the one hints list.
IMAGE_SUFFIXES: tuple[str, ...] = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
_RELATIVE_HINT = "write it relative to the note: 'overview.svg' next to it, or '../images/x.svg'"

#: ``(data path, message, hint)`` of one problem.
Problem = tuple[DataPath, str, str]


def written_problems(note: Note) -> Iterator[Problem]:
    """Problems visible in the note's text; each makes the figure's image unusable."""
    for figure in note.figures:
        if figure.image is None:
            # Alt text with nothing to describe is most often a misspelt ``image`` key.
            if figure.alt is not None:
                yield (
                    (*figure.at, "alt"),
                    f"figure '{figure.id}': 'alt' describes an image, but there is no 'image'",
                    "add 'image:' with the file's path next to the note, or remove 'alt'",
                )
            continue
        where = (*figure.at, "image")
        if figure.alt is None:
            yield (
                where,
                f"figure '{figure.id}': an image needs 'alt'",
                "add 'alt:' saying what the image shows, for readers who cannot see it",
            )
        elif not figure.alt.strip():
            yield (
                (*figure.at, "alt"),
                f"figure '{figure.id}': 'alt' is empty",
                "say what the image shows, for readers who cannot see it",
            )
        problem = _path_problem(figure.image, note.src_uri)
        if problem is not None:
            yield where, *problem


def _path_problem(image: str, note_src_uri: str) -> tuple[str, str] | None:
    """Why ``image`` cannot name a docs-folder file, as ``(message, hint)``."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", image) and not re.match(r"^[A-Za-z]:[\\/]", image):
        return (
            f"image '{image}' is a URL; images are files in the docs folder",
            "save the image next to the note (pages make no external requests)",
        )
    if image.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", image):
        return f"image path '{image}' is absolute", _RELATIVE_HINT
    if "\\" in image:
        return f"image path '{image}' uses backslashes", "use forward slashes: images/x.svg"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(note_src_uri), image))
    if target == ".." or target.startswith("../"):
        return f"image path '{image}' leads outside the docs folder", _RELATIVE_HINT
    if any(part.startswith(".") for part in target.split("/")):
        return (
            f"image path '{image}' names a hidden file or folder, which MkDocs does not publish",
            "move the image to a folder whose name does not start with '.'",
        )
    suffix = posixpath.splitext(image)[1]
    if suffix.lower() not in IMAGE_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "a file without an extension"
        return f"{shown} is not an image type a figure can show", "use " + _suffixes()
    return None


def _suffixes() -> str:
    return ", ".join(IMAGE_SUFFIXES[:-1]) + " or " + IMAGE_SUFFIXES[-1]


def place_images(
    note: Note, note_path: Path, content_dir: Path, display: Callable[[Path], str]
) -> tuple[Note, list[Diagnostic]]:
    """The note with each usable image's docs-folder path and size set (``Figure.image_uri``,
    ``Figure.image_size``), and a diagnostic for each image that is missing or leads outside
    the docs folder (an error), or whose size cannot be read (a note: it still shows).

    ``note_path`` is where the note was found (a link's own place, not its target), so the
    image is looked for next to the file the author edits.
    """
    problems: list[Diagnostic] = []
    figures: list[Figure] = []
    for figure in note.figures:
        uri, size = None, None
        if figure.image is not None:
            where = (*figure.at, "image")
            uri, located = _locate(figure.image, note_path, content_dir, display)
            problem = None if located is None else (*located, Severity.ERROR)
            if uri is not None:
                size = read_image_size(content_dir / uri)
                if size is None:
                    problem = _unsized(figure.image)
            if problem is not None:
                line, column = note.locate(where)
                message, hint, severity = problem
                field = format_field_path(where)
                problems.append(
                    Diagnostic(note.source, line, column, message, field, hint, severity)
                )
        if (uri, size) != (figure.image_uri, figure.image_size):
            figure = replace(figure, image_uri=uri, image_size=size)
        figures.append(figure)
    if all(a is b for a, b in zip(figures, note.figures, strict=True)):
        return note, problems
    return replace(note, figures=tuple(figures)), problems


def _locate(
    image: str, note_path: Path, content_dir: Path, display: Callable[[Path], str]
) -> tuple[str | None, tuple[str, str] | None]:
    """``(docs-folder path, None)`` for a usable image, else ``(None, (message, hint))``."""
    docs = Path(os.path.normpath(content_dir.absolute()))
    target = Path(os.path.normpath(note_path.absolute().parent / image))
    if not target.is_relative_to(docs):
        return None, (f"image path '{image}' leads outside the docs folder", _RELATIVE_HINT)
    real = target.resolve()
    if not real.is_relative_to(content_dir.resolve()):
        return None, (
            f"image '{image}' links to a file outside the docs folder",
            "copy the image into the docs folder instead of linking to it",
        )
    if not real.is_file():
        return None, (
            f"image file '{image}' not found",
            f"looked for {display(target)}; the path is relative to the note",
        )
    return target.relative_to(docs).as_posix(), None


def _unsized(image: str) -> tuple[str, str, Severity]:
    return (
        f"the size of image '{image}' could not be read; it is shown without one",
        "until it loads, the page cannot keep its room and may shift; save it again (an SVG "
        "with width and height or a viewBox on its root, or a PNG, JPEG, GIF or WebP)",
        Severity.INFO,
    )


def linked_outside(notes: Iterable[Note], content_dir: Path) -> set[str]:
    """Docs-folder paths of figure images that are symbolic links leading out of the docs
    folder: refused as images, and not to be published as files either."""
    docs = Path(os.path.normpath(content_dir.absolute()))
    found: set[str] = set()
    for note in notes:
        base = (docs / note.src_uri).parent
        for figure in note.figures:
            if figure.image is None or figure.image_uri is not None:
                continue
            target = Path(os.path.normpath(base / figure.image))
            if target.is_relative_to(docs) and not target.resolve().is_relative_to(
                content_dir.resolve()
            ):
                found.add(target.relative_to(docs).as_posix())
    return found
