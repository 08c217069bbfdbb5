"""Check anchors: unique on their page, whatever mix of note and page checks it shows."""

from __future__ import annotations

from markdown import Markdown
from markdown.preprocessors import Preprocessor


class CheckAnchors:
    """The check anchors of the page being converted, so that each is unique on its page.

    A hand-written check is ``check-<id>``, or ``check-<n>`` for the n-th ``/// check`` of the
    page; a note's checks as :func:`.checks.check_anchor` says. Should two meet (an id
    ``2`` beside the second check without one), the later one takes a suffix. Reset at the start
    of each conversion by :class:`NewPage`.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.taken: set[str] = set()
        self.page_checks = 0

    def claim(self, anchor: str) -> str:
        unique, n = anchor, 1
        while unique in self.taken:
            n += 1
            unique = f"{anchor}-{n}"
        self.taken.add(unique)
        return unique


class NewPage(Preprocessor):
    """Forgets the anchors of the previous conversion (a ``Markdown`` may convert many).

    Page-wide: Markdown rendered into the page mid-way (``markdown_into.py``) skips it."""

    def __init__(self, md: Markdown, anchors: CheckAnchors) -> None:
        super().__init__(md)
        self.anchors = anchors

    def run(self, lines: list[str]) -> list[str]:
        self.anchors.reset()
        return lines
