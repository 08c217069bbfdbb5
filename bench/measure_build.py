"""Run one ``mkdocs build`` in this process and print its wall time, CPU time and peak memory.

Used by the benchmark runner so that every build is a fresh process (as on the command line)
and its peak resident memory can be read with getrusage. CPU time (all threads of the process,
KaTeX's V8 included) is reported next to wall time so a reader can tell a build that computed
more from one that waited (on disk, on a busy machine).
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
    cpu_seconds = time.process_time() - cpu_start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mb": peak_kb / 1024}))


if __name__ == "__main__":
    main()
