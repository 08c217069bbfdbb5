"""``paperguide deck``: write the site's Anki deck (``.apkg``) without building the site.

Without ``-o`` the deck goes next to mkdocs.yml as ``paperguide.apkg``. An existing file is
replaced only with ``--force``; the new file is written beside it first and then moved into
place, so an interrupted run never leaves half a deck, and a link at the target is replaced,
not followed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from ..api import start_katex
from ..core.base.diagnostic_formats import to_text
from ..core.base.diagnostics import Diagnostic, Severity
from ..core.library.loading import load_library
from ..core.site.mkdocs_yml import load_site_config
from ..deck.build import DEFAULT_FILE, make_deck

__all__ = ["DEFAULT_FILE", "run"]
from .errors import UsageError


def output_path(args: argparse.Namespace, config_file: Path) -> Path:
    """Where to write, checked before any work: a folder that exists, not a folder itself,
    and no file already there unless ``--force``."""
    target = Path(args.output) if args.output else config_file.parent / DEFAULT_FILE
    shown = args.output or target.as_posix()
    if target.is_dir():
        raise UsageError(f"{shown} is a folder; give a file name such as {shown}/{DEFAULT_FILE}")
    if not target.parent.is_dir():
        raise UsageError(
            f"there is no folder {target.parent.as_posix()} to write {shown} in; create it first"
        )
    if (target.exists() or target.is_symlink()) and not args.force:
        raise _Exists(f"{shown} already exists; pass --force to replace it")
    return target


class _Exists(Exception):
    """The output exists and ``--force`` was not given (exit 1, like ``new``)."""


def _write(target: Path, data: bytes) -> None:
    handle, name = tempfile.mkstemp(prefix=".paperguide-deck-", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        temporary.chmod(0o644)  # mkstemp's 0600 would keep the deck from others on the machine
        temporary.replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise UsageError(f"cannot write {target.as_posix()}: {exc.strerror or exc}") from None


def run(args: argparse.Namespace) -> int:
    site = load_site_config(Path(args.config))
    try:
        target = output_path(args, site.config_file)
    except _Exists as exc:
        print(f"paperguide deck: {exc}", file=sys.stderr)
        return 1
    katex, problems = start_katex(site)
    reported: list[Diagnostic] = list(problems)
    try:
        library = load_library(site.settings)
        errors = [d for d in library.diagnostics if d.severity >= Severity.ERROR]
        if errors:
            for diagnostic in errors:
                print(to_text(diagnostic), file=sys.stderr)
            print(
                "paperguide deck: the notes have errors (above); fix them and run again "
                "(`paperguide check` lists every problem)",
                file=sys.stderr,
            )
            return 1
        deck = make_deck(library, site.settings, katex, reported.append)
    finally:
        if katex is not None:
            katex.close()
    for diagnostic in dict.fromkeys(reported):
        print(to_text(diagnostic), file=sys.stderr)
    _write(target, deck.data)
    shown = args.output or site.settings.display(target)
    print(f"wrote {shown}: {deck.summary()}")
    return 0
