"""Where the commands may write: inside the repository, never through a symbolic link.

A repository comes from other people; a link planted in it (``schemas/note.schema.json`` ->
anywhere, ``content/papers`` -> another folder) must not turn ``paperguide new`` into a way to
write files elsewhere on the machine that runs it.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import UsageError


def _absolute(path: Path) -> Path:
    return Path(os.path.normpath(path.absolute()))


def check_write_target(path: Path, root: Path) -> None:
    """Raise :class:`UsageError` if writing ``path`` would follow a link, or leave ``root``."""
    root_abs, root_real = _absolute(root), root.resolve()
    target = _absolute(path)

    def shown(p: Path) -> str:
        return p.relative_to(root_abs).as_posix() if p.is_relative_to(root_abs) else p.as_posix()

    if target.is_relative_to(root_abs):
        folder = root_abs
        for part in target.relative_to(root_abs).parts[:-1]:
            folder = folder / part
            if folder.is_symlink() and not folder.resolve().is_relative_to(root_real):
                raise UsageError(
                    f"{shown(folder)} leads outside the repository (it is a symbolic link); "
                    "paperguide writes only inside the repository: make it a real folder"
                )
    if target.is_symlink():
        raise UsageError(
            f"{shown(target)} is a symbolic link; paperguide does not write through links: "
            "delete the link and run the command again"
        )
