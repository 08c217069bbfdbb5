"""What extensions know about the build and the page: two frozen records behind one handle.

A build's facts (the Library, the KaTeX engine) are fixed once it starts, and a page's (its
path, how diagnostics name it, whether paperguide generated it, its source text) once its
Markdown is made. Extensions are created once per ``Markdown`` instance but must read the
*current* build and page, so they hold a :class:`RenderContext`; only the host replaces what it
points at, whole (:meth:`RenderContext.start_build`, :meth:`RenderContext.start_page`), and no
renderer writes to it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..core.base.diagnostics import Diagnostic
from ..core.base.markdown_text import relative_link
from ..core.library.library import Library
from ..core.texmath.katex import Katex

Reporter = Callable[[Diagnostic], None]

_fallback_log = logging.getLogger("paperguide")


def _log_reporter(diagnostic: Diagnostic) -> None:
    _fallback_log.warning(diagnostic.format())


class PageText:
    """A page's source text, read on first use (only a page with a mistake needs it) and kept,
    so a later conversion for the same page reads it again for free."""

    def __init__(self, load: Callable[[], str | None]) -> None:
        self._load: Callable[[], str | None] | None = load
        self._text = ""

    def __call__(self) -> str:
        if self._load is not None:
            self._text, self._load = self._load() or "", None
        return self._text


@dataclass(frozen=True)
class BuildContext:
    """What one build knows, fixed once it starts."""

    library: Library | None = None
    #: Typesets math at build time (see :mod:`.math`); ``None`` leaves math to the page.
    katex: Katex | None = None


@dataclass(frozen=True)
class PageContext:
    """The page being converted.

    ``src_uri`` is its path inside the content directory (for relative links); ``source`` is how
    diagnostics name it (``content/sam/index.md``, or the note a guide page comes from).
    """

    src_uri: str | None = None
    source: str = "<markdown>"
    #: Generated from note data (guide pages, dashboards): anything wrong in it comes from a
    #: note and was reported, with its line, when the library loaded.
    generated: bool = False
    #: The file ``source`` names, to give a mistake a line and column.
    text: PageText | None = None


class RenderContext:
    """The current build and page, as shared by every paperguide extension and its host."""

    def __init__(
        self,
        library: Library | None = None,
        page_src_uri: str | None = None,
        page_source: str = "<markdown>",
        page_generated: bool = False,
        report_to: Reporter = _log_reporter,
        katex: Katex | None = None,
        page_text: str | None = None,
    ) -> None:
        self.report_to = report_to
        self.build = BuildContext(library, katex)
        text = PageText(lambda: page_text) if page_text is not None else None
        self.page = PageContext(page_src_uri, page_source, page_generated, text)
        #: Problems already reported in this build: an embed shown on two pages is reported once.
        self._reported: set[Diagnostic] = set()
        #: Every report made, repeats included: a page whose conversion reported anything (even
        #: a problem another page reported first) is never served from a render cache.
        self.reports_made = 0

    # -- the host's side ---------------------------------------------------------------------

    def start_build(self, library: Library | None = None, katex: Katex | None = None) -> None:
        """A new build: its library and engine; nothing reported yet."""
        self.build = BuildContext(library, katex)
        self._reported = set()

    def set_library(self, library: Library | None) -> None:
        """The build's library, once loaded (after the extensions were registered)."""
        self.build = replace(self.build, library=library)

    def start_page(self, page: PageContext) -> None:
        """Point every extension at ``page`` (before its ``Markdown`` is made or converts)."""
        self.page = page

    # -- the extensions' side ----------------------------------------------------------------

    @property
    def library(self) -> Library | None:
        return self.build.library

    @property
    def katex(self) -> Katex | None:
        return self.build.katex

    @property
    def page_src_uri(self) -> str | None:
        return self.page.src_uri

    @property
    def page_source(self) -> str:
        return self.page.source

    @property
    def page_generated(self) -> bool:
        return self.page.generated

    def page_text(self) -> str:
        """The current page's source text, or ``""`` when the host gave none."""
        return self.page.text() if self.page.text is not None else ""

    def link(self, target_src_uri: str) -> str:
        """A link from the current page to another page (``papers/x.md#anchor``)."""
        return relative_link(target_src_uri, self.page.src_uri)

    def reported_at_note(self, tex: str) -> bool:
        """Whether ``tex`` comes from a note and its failure was reported there already."""
        library = self.build.library
        return library is not None and tex in library.note_tex_failed

    def report(self, message: str, hint: str | None = None, line: int | None = None) -> None:
        """Report an author mistake found while rendering the current page."""
        self.report_diagnostic(Diagnostic(self.page.source, line, None, message, hint=hint))

    def report_diagnostic(self, diagnostic: Diagnostic) -> None:
        """Report ``diagnostic`` unless this build has already reported the same one."""
        self.reports_made += 1
        if diagnostic not in self._reported:
            self._reported.add(diagnostic)
            self.report_to(diagnostic)
