"""The cache folder of a build: the configured one when it can be written, else none.

A read-only checkout, a file where the folder should be, or a folder where ``katex.json``
should be all end the same way: the build runs without a cache and says so in one INFO line,
instead of failing (or tracebacking) at the first write.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.base.diskcache import cache_dir_problem
from .log import log
from .math import CACHE_NAME

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .config import PaperguideConfig


def usable_cache_dir(config: MkDocsConfig, options: PaperguideConfig) -> Path | None:
    """``cache_dir`` resolved next to ``mkdocs.yml``, or ``None`` (disabled or unusable)."""
    if not options.cache_dir:
        return None
    root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
    folder = root / options.cache_dir
    problem = cache_dir_problem(folder, [CACHE_NAME])
    if problem is None:
        return folder
    log.info(f"paperguide: building without a cache: cannot write to it: {problem}")
    return None
