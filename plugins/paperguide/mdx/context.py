"""What extensions need to know about the build: the library and the page being rendered."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.base.diagnostics import Diagnostic
from ..core.base.markdown_text import relative_link
from ..core.library.library import Library
from ..core.texmath.katex import Katex

Reporter = Callable[[Diagnostic], None]

_fallback_log = logging.getLogger("paperguide")


def _log_reporter(diagnostic: Diagnostic) -> None:
    _fallback_log.warning(diagnostic.format())


@dataclass
class RenderContext:
    """Shared, mutable per-page state for all paperguide extensions.

    ``page_src_uri`` is the page's path inside the content directory (for relative links);
    ``page_source`` is how diagnostics name it (e.g. ``content/sam/index.md``).
    """

    library: Library | None = None
    page_src_uri: str | None = None
    page_source: str = "<markdown>"
    #: The page was generated from note data (guide pages, dashboards): anything wrong in it
    #: comes from a note and was reported, with its line, when the library loaded.
    page_generated: bool = False
    report_to: Reporter = field(default=_log_reporter)
    #: Typesets math at build time (see :mod:`.math`); ``None`` leaves math to the page.
    katex: Katex | None = None
    #: This page reads "$" math only in embedded note prose (see ``gate.py``), and how deep
    #: the parser is in such prose right now.
    note_math_only: bool = False
    note_prose_depth: int = 0
    #: Problems already reported in this build: an embed shown on two pages is reported once.
    reported: set[Diagnostic] = field(default_factory=set)

    def link(self, target_src_uri: str) -> str:
        """A link from the current page to another page (``papers/x.md#anchor``)."""
        return relative_link(target_src_uri, self.page_src_uri)

    def reported_at_note(self, tex: str) -> bool:
        """Whether ``tex`` comes from a note and its failure was reported there already."""
        return self.library is not None and tex in self.library.note_tex_failed

    def report(self, message: str, hint: str | None = None, line: int | None = None) -> None:
        """Report an author mistake found while rendering the current page."""
        self.report_diagnostic(Diagnostic(self.page_source, line, None, message, hint=hint))

    def report_diagnostic(self, diagnostic: Diagnostic) -> None:
        """Report ``diagnostic`` unless this build has already reported the same one."""
        if diagnostic not in self.reported:
            self.reported.add(diagnostic)
            self.report_to(diagnostic)
