"""The ``paperguide`` command: work with notes without building the site."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from . import __version__
from .core.diagnostics import Severity
from .core.library import Settings, load_library


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its ``!!python/...`` or ``!ENV`` tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_ConfigLoader.add_multi_constructor("", _ignore_tag)


def settings_from_mkdocs_yml(config_file: Path) -> Settings:
    """The content locations the ``paperguide`` plugin would use for this config file."""
    data: dict[str, Any] = {}
    if config_file.is_file():
        loaded = yaml.load(config_file.read_text("utf-8"), Loader=_ConfigLoader)
        data = loaded if isinstance(loaded, dict) else {}
    root = config_file.parent
    options: dict[str, Any] = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("paperguide"), dict):
            options = plugin["paperguide"]
    docs_dir = root / str(data.get("docs_dir") or "docs")
    bib_files = options.get("bib_files") or ["references.bib"]
    return Settings(
        content_dir=docs_dir,
        root_dir=root,
        papers_dir=str(options.get("papers_dir") or "papers").strip("/"),
        bib_files=tuple(str(b) for b in bib_files),
        tracker_file=str(options.get("tracker_file") or "tracker.yml"),
        concepts_dir=str(options.get("concepts_dir") or "concepts").strip("/"),
    )


def _check(args: argparse.Namespace) -> int:
    settings = settings_from_mkdocs_yml(Path(args.config))
    library = load_library(settings)
    problems = [d for d in library.diagnostics if d.severity >= Severity.WARNING]
    for diagnostic in library.diagnostics:
        print(diagnostic.format())
    notes = len(library.notes)
    entries = len(library.bibliography)
    summary = (
        f"{notes} note{'s' * (notes != 1)}, {entries} bibliography entr"
        f"{'ies' if entries != 1 else 'y'}: "
    )
    print(
        summary
        + (f"{len(problems)} problem{'s' * (len(problems) != 1)}" if problems else "no problems"),
        file=sys.stderr,
    )
    return 1 if problems else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperguide",
        description="Work with paperguide notes: check them without building the site.",
    )
    parser.add_argument("--version", action="version", version=f"paperguide {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate every note and .bib file; exit 1 if there is a problem",
        description="Validate all notes and bibliography files and print every problem as "
        "'path:line:col: message (field ...); hint'. Exits 1 if there is any.",
    )
    check.add_argument(
        "--config", "-f", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)"
    )
    check.set_defaults(run=_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
