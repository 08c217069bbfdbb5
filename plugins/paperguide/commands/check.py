"""``paperguide check``: validate every note and .bib file without building the site."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..api import open_config
from ..core.base.diagnostic_formats import Counts, to_github, to_json, to_step_summary, to_text
from ..core.base.diagnostics import Diagnostic, Severity
from ..core.library.author_checks import author_check_diagnostics
from ..core.library.library import Library
from ..core.site.mkdocs_yml import SiteConfig, load_site_config

FORMATS = ("text", "json", "github")


def _github_path(root: Path) -> Callable[[str], str]:
    """Maps a diagnostic path (relative to the site root) to one relative to the checkout.

    GitHub places annotations by repository-relative path; the site may live in a subfolder of
    the repository, so paths are re-based on ``$GITHUB_WORKSPACE`` (or the working directory).
    """
    base = Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd()).resolve()

    def convert(path: str) -> str:
        absolute = (root / path).resolve()
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            return path

    return convert


def failed(diagnostics: list[Diagnostic], allow_warnings: bool) -> bool:
    threshold = Severity.ERROR if allow_warnings else Severity.WARNING
    return any(d.severity >= threshold for d in diagnostics)


def collect(site: SiteConfig) -> tuple[Library, list[Diagnostic]]:
    """Everything a strict build of ``site`` reports, without building it (see
    :meth:`paperguide.api.Site.check`, which does the work)."""
    opened = open_config(site)
    return opened.library, opened.check()


def run(args: argparse.Namespace) -> int:
    site = load_site_config(Path(args.config))
    library, found = collect(site)
    if args.advice:
        found = [*found, *author_check_diagnostics(library.notes.values())]
    diagnostics = sorted(found, key=lambda d: (d.path, d.line or 0, d.column or 0))
    counts = Counts.of(diagnostics, len(library.notes), len(library.bibliography))
    bad = failed(diagnostics, args.allow_warnings)
    if not site.has_plugin and args.format != "json":
        print(
            f"paperguide: note: {site.config_file} does not list the paperguide plugin; "
            "checked the default locations",
            file=sys.stderr,
        )
    if args.format == "json":
        print(to_json(diagnostics, counts, ok=not bad))
        return 1 if bad else 0
    if args.format == "github":
        to_repo = _github_path(site.settings.root_dir)
        for diagnostic in diagnostics:
            print(to_github(diagnostic, to_repo))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            with Path(summary_file).open("a", encoding="utf-8") as out:
                out.write(to_step_summary(diagnostics, counts, to_repo))
    else:
        for diagnostic in diagnostics:
            print(to_text(diagnostic))
    print(counts.summary(), file=sys.stderr)
    return 1 if bad else 0
