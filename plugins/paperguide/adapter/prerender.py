"""Converting generated pages on the other cores during a ``mkdocs build`` (``parallel``).

MkDocs converts pages one after another on one core. On a build whose page cache is cold,
paperguide forks helper processes right after the navigation is made (``on_nav``): they take
generated pages from the end of the list while MkDocs works from the start, convert each
exactly as MkDocs would (``on_pre_page``, the source, every plugin's ``on_page_markdown``,
``Page.render``) and leave the result in the page render cache (``page_cache.py``). When MkDocs
reaches such a page, its cache lookup hits and it restores the page, with its warnings,
backlink records and math, as on any warm build. So correctness rests on the cache key: a page
a helper converted differently (a plugin that behaves differently in a copy of the process)
has another key, and MkDocs converts it itself.

What a helper does not do:

- log: a page whose conversion logged or reported anything is not stored (as always), so MkDocs
  converts it again and the warning is shown once, by the build that counts it;
- typeset math: a V8 engine (KaTeX's) does not survive a fork, as its threads are not copied.
  Every formula of the notes has been typeset by then (the notes' TeX is checked when the
  Library loads, or was in an earlier build whose results the math cache holds), so a helper
  finds them in the engine's caches; a formula it does not find makes it leave that page to
  MkDocs;
- anything after conversion: templates, search and the written site stay MkDocs' work.

It runs only for ``mkdocs build`` (``serve`` has threads, which ``fork`` does not copy), with the
page cache on, on a system with ``fork`` and more than one usable core, when every plugin of
the site is one known to convert a page from its Markdown alone and to keep to its process
(:data:`SAFE_PLUGINS`: the search plugins, Material's meta, offline and info, and paperguide)
and there are enough generated pages to pay for the start.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import time
from multiprocessing import get_context
from typing import TYPE_CHECKING, Any

from .log import log

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from .plugin import PaperguidePlugin

#: Plugin modules whose page events are known to depend on the page alone and to do nothing
#: outside the process (Material's blog, social cards, privacy and projects plugins write files
#: or start threads of their own, and are not here).
SAFE_PLUGINS = frozenset(
    {
        "mkdocs.contrib.search",
        "material.plugins.search.plugin",
        "material.plugins.meta.plugin",
        "material.plugins.offline.plugin",
        "material.plugins.info.plugin",
        "paperguide.adapter.plugin",
    }
)
#: Fewer generated pages than this are converted faster than a helper starts.
MIN_PAGES = 24
#: Helpers at most (each holds a copy-on-write copy of the build's memory).
MAX_HELPERS = 3


class _NoNewMath(Exception):
    """Raised in a helper that meets a formula the math cache does not hold."""


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def unsafe_plugin(config: MkDocsConfig) -> str | None:
    for name, plugin in config.plugins.items():
        if type(plugin).__module__ not in SAFE_PLUGINS:
            return name
    return None


class Prerender:
    """The helpers of one build, and where MkDocs has got to."""

    def __init__(self) -> None:
        self.children: list[int] = []
        self.order: dict[str, int] = {}
        self.shared: Any = None  # [MkDocs' position, the helpers' next page from the end]
        #: Per position: the helper converting that page (its pid), 0 when none is.
        self.taken: Any = None
        self.lock: Any = None
        self.in_helper = False  # set in a helper, where page events are its own

    def start(self, plugin: PaperguidePlugin, config: MkDocsConfig, files: Files) -> None:
        """``on_nav``: fork the helpers, if this build is one they can help."""
        self.finish()
        cache = plugin.page_cache
        if (
            not plugin.config.parallel
            or plugin.is_serve
            or plugin.dirty
            or not hasattr(os, "fork")
            or not cache.usable(config, files)
        ):
            return
        helpers = min(MAX_HELPERS, usable_cores() - 1)
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        todo = [i for i, page in enumerate(pages) if page.file.src_uri in cache.pages]
        if helpers < 1 or len(todo) < MIN_PAGES:
            return
        unsafe = unsafe_plugin(config)
        if unsafe is not None:
            log.debug(f"paperguide: pages converted on one core: plugin '{unsafe}' is not known")
            return
        self.order = {page.file.src_uri: i for i, page in enumerate(pages)}
        context = get_context("fork")
        self.shared = context.RawArray("i", [-1, len(todo)])
        self.taken = context.RawArray("i", len(pages))
        self.lock = context.Lock()
        sys.stdout.flush()
        sys.stderr.flush()
        for _ in range(helpers):
            pid = os.fork()
            if pid == 0:  # the helper
                code = 1
                try:
                    self._help(plugin, config, files, [pages[i] for i in todo], todo)
                    code = 0
                finally:
                    os._exit(code)
            self.children.append(pid)

    def reached(self, page: Page) -> None:
        """MkDocs is converting ``page`` (``on_page_markdown``): helpers stop before it, and if
        one is converting it right now, MkDocs waits for that rather than do it twice."""
        if self.shared is None or self.in_helper:
            return
        position = self.order.get(page.file.src_uri)
        if position is None:
            return
        with self.lock:
            self.shared[0] = position
            helper = self.taken[position]
        while helper and self.taken[position] == helper and helper in self.children:
            try:
                ended, _ = os.waitpid(helper, os.WNOHANG)
            except ChildProcessError:
                ended = helper
            if ended:  # it stopped (or failed) with the page unfinished: MkDocs converts it
                self.children.remove(helper)
                break
            time.sleep(0.002)

    def finish(self, *, stop: bool = False) -> None:
        """Wait for the helpers (each stops at the page MkDocs has reached, or after one more
        page); ``stop``: end them now (the build failed)."""
        for pid in self.children:
            with contextlib.suppress(ChildProcessError, ProcessLookupError):
                if stop:
                    os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
        self.children, self.shared, self.taken, self.lock = [], None, None, None
        self.order = {}

    # -- in a helper -------------------------------------------------------------------------

    def _help(
        self,
        plugin: PaperguidePlugin,
        config: MkDocsConfig,
        files: Files,
        pages: list[Page],
        positions: list[int],
    ) -> None:
        self.in_helper = True
        _quiet()
        katex = plugin.math.active
        if katex is not None:
            katex._engine = _refuse  # type: ignore[method-assign]  # see the module docstring
        me = os.getpid()
        while True:
            with self.lock:
                self.shared[1] -= 1
                index = self.shared[1]
                if index < 0 or positions[index] <= self.shared[0]:
                    return
                self.taken[positions[index]] = me
            page = pages[index]
            try:
                page = config.plugins.on_pre_page(page, config=config, files=files)
                page.read_source(config)
                page.markdown = config.plugins.on_page_markdown(
                    page.markdown, page=page, config=config, files=files
                )
                key = plugin.page_cache.key(page, config, files)
                if key is None or plugin.page_cache.store.has(key):
                    continue  # stored already (a warm build): MkDocs restores it
                page.render(config, files)
                plugin.page_cache.page_done(page)
            except Exception:  # noqa: BLE001 - MkDocs converts this page itself and reports
                continue
            finally:
                self.taken[positions[index]] = 0


def _refuse() -> Any:
    raise _NoNewMath


def _quiet() -> None:
    """A helper's messages are not shown: the page cache still sees them (it watches the
    loggers), and MkDocs shows them when it converts that page itself."""
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.addHandler(logging.NullHandler())
