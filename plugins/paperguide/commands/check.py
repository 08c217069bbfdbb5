"""``paperguide check``: validate every note and .bib file without building the site."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..core.concepts import load_concepts
from ..core.diagnostic_formats import Counts, to_github, to_json, to_step_summary, to_text
from ..core.diagnostics import Diagnostic, Severity
from ..core.katex import Katex, KatexUnavailable, find_dist
from ..core.library import Library, load_library
from ..core.pages import generate_pages
from ..mdx.note_math import NoteMathChecker
from ..mdx.page_check import check_pages
from .siteconfig import SiteConfig, load_site_config

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


def _start_katex(site: SiteConfig) -> tuple[Katex | None, list[Diagnostic]]:
    """The KaTeX a build of this site would use, or the diagnostic the build would give."""
    options = site.options
    if options.get("math", True) is False:
        return None, []
    katex_dir = options.get("katex_dir")
    try:
        dist = find_dist(site.config_file.parent, katex_dir if isinstance(katex_dir, str) else None)
        return Katex(dist), []
    except KatexUnavailable as exc:
        name = site.config_file.name
        return None, [Diagnostic(name, None, None, str(exc), "plugins.paperguide", exc.hint)]


def collect(site: SiteConfig) -> tuple[Library, list[Diagnostic]]:
    """Everything a strict build of ``site`` reports about its content, without building it:
    notes, bibliography, tracker, concepts, and the Markdown pages (citations, embeds, TeX)."""
    katex, problems = _start_katex(site)
    try:
        library = load_library(
            site.settings, check_tex=NoteMathChecker(katex) if katex is not None else None
        )
        concepts_dir = site.options.get("concepts_dir")
        concepts_dir = concepts_dir.strip("/") if isinstance(concepts_dir, str) else "concepts"
        _, concept_problems = load_concepts(site.settings, concepts_dir)
        templates = site.options.get("templates_dir")
        templates_dir = site.config_file.parent / templates if isinstance(templates, str) else None
        # Generating the pages finds what only a template can (a broken override).
        generate_pages(library, templates_dir, None, concept_problems)
        page_problems = check_pages(
            library, site.markdown_extensions, katex, str(templates_dir or "")
        )
    finally:
        if katex is not None:
            katex.close()
    # A problem shown on several pages is reported once, as the build does.
    found = dict.fromkeys([*problems, *library.diagnostics, *concept_problems, *page_problems])
    return library, list(found)


def run(args: argparse.Namespace) -> int:
    site = load_site_config(Path(args.config))
    library, found = collect(site)
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
