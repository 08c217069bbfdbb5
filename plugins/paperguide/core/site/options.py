"""The plugin's path options, checked by one rule, and the one ``Settings`` built from them.

The MkDocs plugin (``adapter/config.py``) and every command (``core/site/mkdocs_yml.py``) take the
path options' defaults and checks from :data:`PATH_OPTIONS`, and build their :class:`Settings`
with :func:`settings_from_options`, so a build and ``paperguide check`` read the same folders.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .paths import UnsafePath, inside_path
from .settings import Settings, existing_default_bibs


@dataclass(frozen=True)
class PathOption:
    """One option naming a place in the site.

    ``off``: ``""``/``null`` is accepted and means "none" (stored as ``""``); otherwise refused.
    ``suffix``: the ending a page path must have. ``hidden``: whether a part may start with
    ``.``. ``read_only``: the path is only read, never written to, so it may lie anywhere.
    """

    default: str
    off: bool
    suffix: str | None = None
    hidden: bool = False
    read_only: bool = False
    example: str | None = None  # a value for the hint, when the default ("") shows none

    def clean(self, value: Any) -> str:
        """The value as it will be used, or :class:`UnsafePath` saying what is wrong."""
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.off:
                return ""
            raise UnsafePath(
                "cannot be empty: give a folder relative to docs_dir "
                f"(the default is {self.default!r})"
            )
        if not isinstance(value, str):
            raise UnsafePath(f"expected a path (text), got {type(value).__name__}")
        if self.read_only:
            return value.strip()
        try:
            return inside_path(value, suffix=self.suffix, hidden=self.hidden)
        except UnsafePath as exc:
            raise UnsafePath(
                f"{exc}; give a relative path inside the folder, without '..' "
                f"(e.g. {self.example or self.default!r})"
            ) from exc


#: The plugin's top-level path options.
PATH_OPTIONS: dict[str, PathOption] = {
    "papers_dir": PathOption("papers", off=False),
    "cache_dir": PathOption(".cache/paperguide", off=True, hidden=True),
    "tracker_file": PathOption("tracker.yml", off=True, read_only=True),
    "unknowns_guide": PathOption("guides/unknowns.md", off=True, suffix=".md"),
    "concepts_dir": PathOption("concepts", off=True),
    "graph_page": PathOption("graph.md", off=True, suffix=".md"),
    "checks_page": PathOption("checks.md", off=True, suffix=".md"),
    "deck": PathOption("", off=True, suffix=".apkg", example="paperguide.apkg"),
}
#: The path options under ``bibliography:``.
BIBLIOGRAPHY_PATH_OPTIONS: dict[str, PathOption] = {
    "page": PathOption("bibliography.md", off=True, suffix=".md"),
    "download": PathOption("bibliography.bib", off=True),
}

#: The options that say where content lives (the fields of :class:`Settings` they fill).
_CONTENT_PATHS = ("papers_dir", "tracker_file", "concepts_dir", "unknowns_guide")


def settings_from_options(
    options: Mapping[str, Any],
    *,
    content_dir: Path,
    root_dir: Path,
    given: Collection[str],
    cache_dir: Path | None,
) -> Settings:
    """Where content lives, from the plugin's options.

    ``options`` may be the plugin's checked configuration or the raw mapping from mkdocs.yml:
    a path value that does not pass :data:`PATH_OPTIONS` keeps its default here (the plugin
    refuses it when mkdocs.yml loads, which is where that mistake is reported). ``given`` names
    the options the site wrote itself: a folder it names is paperguide's entirely, and a
    ``bib_files`` left at its default is read only when the file exists.
    ``cache_dir`` is the usable cache folder (the caller checks that it can be written).
    """
    values: dict[str, Any] = {}
    for name in _CONTENT_PATHS:
        if name not in options:
            continue
        try:
            values[name] = PATH_OPTIONS[name].clean(options[name])
        except UnsafePath:
            continue
    bibs = options.get("bib_files", Settings.bib_files)
    if isinstance(bibs, str):
        bibs = [bibs]
    bib_files = (
        tuple(str(b) for b in bibs) if isinstance(bibs, list | tuple) else Settings.bib_files
    )
    if "bib_files" not in given:
        bib_files = existing_default_bibs(content_dir, bib_files)
    return Settings(
        content_dir=content_dir,
        root_dir=root_dir,
        bib_files=bib_files,
        cache_dir=cache_dir,
        papers_claimed="papers_dir" in given,
        concepts_claimed="concepts_dir" in given,
        **values,
    )
