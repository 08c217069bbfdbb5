"""Watching one page's conversion: was anything logged or reported, which math did it use;
and the table of contents as storable tokens (see ``page_cache.py``)."""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.structure.toc import AnchorLink

from ..core.texmath.render_cache import RenderCache
from ..mdx.context import RenderContext


class Watch(logging.Handler):
    """Whether anything was logged or reported while a page converted, and which math it
    used."""

    LOGGERS = ("", "mkdocs")  # the root, and MkDocs' own (which does not propagate under its CLI)

    def __init__(self, context: RenderContext | None, math: RenderCache | None) -> None:
        super().__init__(logging.INFO)
        self.context, self.math_cache = context, math
        self.logged = False
        self.reports = 0
        self.math: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.logged = True

    def __enter__(self) -> Watch:
        for name in self.LOGGERS:
            logging.getLogger(name).addHandler(self)
        self.reports = self.context.reports_made if self.context else 0
        if self.math_cache is not None:
            self.math_cache.watching = self.math
        return self

    def __exit__(self, *exc: object) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self)
        if self.math_cache is not None:
            self.math_cache.watching = None
        if self.context is not None and self.context.reports_made != self.reports:
            self.logged = True
        if exc[0] is not None:
            self.logged = True

    @property
    def clean(self) -> bool:
        return not self.logged


def toc_token(item: AnchorLink) -> dict[str, Any]:
    return {
        "level": item.level,
        "id": item.id,
        "name": item.title,
        "children": [toc_token(child) for child in item.children],
    }
