"""Run one ``mkdocs build`` in this process and print its wall time, CPU time and peak memory.

Used by the benchmark runner so that every build is a fresh process (as on the command line)
and its peak resident memory can be read with getrusage. CPU time (all threads of the process,
KaTeX's V8 included) is reported next to wall time so a reader can tell a build that computed
more from one that waited (on disk, on a busy machine).

For a paperguide site it also reports how many generated pages the page render cache restored
and how many it converted (read from the plugin instance after the build), so a warm build
whose cache silently misses shows up as a count, not just as a slow time.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time


def main() -> None:
    config_file = sys.argv[1]
    dirty = "--dirty" in sys.argv[2:]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # Show warnings: a strict build that aborts must say why (MkDocs' Abort exits silently).
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)

    start = time.perf_counter()
    cpu_start = time.process_time()
    # Strict, so a benchmark never silently measures a build that skipped work (no KaTeX, say).
    config = load_config(config_file, strict=True)
    config.plugins.on_startup(command="build", dirty=dirty)
    build(config, dirty=dirty)
    config.plugins.on_shutdown()
    seconds = time.perf_counter() - start
    # paperguide's helper processes (``parallel``) count too: their CPU time, and the peak of
    # the largest one added to this process's peak (an upper bound: a forked helper's resident
    # size includes the pages it still shares with this process).
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = time.process_time() - cpu_start + children.ru_utime + children.ru_stime
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + children.ru_maxrss
    result = {"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mb": peak_kb / 1024}
    result.update(page_cache_counts(config))
    print(json.dumps(result))


def page_cache_counts(config: object) -> dict[str, int]:
    """Generated pages restored from / converted past paperguide's page cache in this build;
    empty for a plain site (or if the plugin no longer keeps these lists)."""
    plugins = getattr(config, "plugins", {})
    cache = getattr(plugins.get("paperguide"), "page_cache", None)
    restored, rendered = getattr(cache, "restored", None), getattr(cache, "rendered", None)
    if not isinstance(restored, list) or not isinstance(rendered, list):
        return {}
    return {"restored": len(restored), "converted": len(rendered)}


if __name__ == "__main__":
    main()
