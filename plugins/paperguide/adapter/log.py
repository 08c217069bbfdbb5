"""Diagnostics to MkDocs' plugin logger, so that ``mkdocs build --strict`` fails on them.

A logger outside the ``mkdocs.`` tree is ignored by strict mode, hence ``get_plugin_logger``.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.plugins import get_plugin_logger

from ..core.base.diagnostics import Diagnostic, Severity

log = get_plugin_logger("paperguide")


def report(diagnostic: Diagnostic) -> None:
    """Log one diagnostic at the level that matches its severity."""
    if diagnostic.severity >= Severity.WARNING:
        log.warning(diagnostic.format())
    else:
        log.info(diagnostic.format())


def report_all(diagnostics: Iterable[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        report(diagnostic)


def report_clash(src_uri: str) -> None:
    report(
        Diagnostic(
            src_uri,
            None,
            None,
            "a hand-written page has the path of a generated page",
            hint="rename or move it; paperguide generates this page",
        )
    )
