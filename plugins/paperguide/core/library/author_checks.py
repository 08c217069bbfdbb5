"""Advice for the author, reported like any other finding and kept off the published page.

How a note's outside context compares with the method's step 1 is a question for whoever
writes the note, not a mistake: ``mkdocs serve`` shows it on the page with the status check,
the ``author_checks`` option publishes both in a draft build, and ``paperguide check --advice``
prints it as information (never failing the check). Readers see the status and goal badges.
(A status ahead of the note's contents is a warning of ``notes/rules.py``, reported by every
build and check.)
"""

from __future__ import annotations

from collections.abc import Iterable

from ..base.diagnostics import Diagnostic, Severity
from ..notes.model import Note
from ..notes.progress import rank
from .reading import context_advice


def author_check_diagnostics(notes: Iterable[Note]) -> list[Diagnostic]:
    """One INFO diagnostic per note whose outside context departs from the method's advice, at
    its ``context`` field. (A status ahead of the note is a warning of the note rules.)"""
    found: list[Diagnostic] = []
    for note in notes:
        if not note.context and rank(note.status) < rank("context"):
            continue  # step 1 not reached yet: nothing to compare
        advice = context_advice(note)
        if advice.follows_advice:
            continue
        where = ("context",) if note.context else ("status",)
        line, column = note.locate(where)
        found.append(
            Diagnostic(
                note.source,
                line,
                column,
                f"outside context: {advice.blog_posts} blog post(s), {advice.videos} video(s); "
                + "; ".join(advice.hints),
                where[0],
                "the method's step 1: two or three blog posts and five to ten videos of varied "
                "length (6–60 minutes each) before the first read",
                Severity.INFO,
            )
        )
    return found
