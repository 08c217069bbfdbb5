"""What every build scenario shares: the environment, one timed build in a fresh process, the
report being written."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "PYTHONUNBUFFERED": "1",
    # The benchmark sites live outside the repository; point them at its pinned KaTeX.
    "PAPERGUIDE_KATEX_DIR": str(HERE.parent / "node_modules" / "katex" / "dist"),
}

#: paperguide's ``cache_dir`` in the benchmark sites (the option's default; corpus.py keeps it).
PG_CACHE = Path(".cache") / "paperguide"


@dataclass
class Report:
    sections: list[str] = field(default_factory=list)
    verdicts: list[tuple[str, str, str, bool]] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.sections.append(text.rstrip() + "\n")
        print(text, flush=True)

    def verdict(self, name: str, target: str, measured: str, met: bool) -> None:
        self.verdicts.append((name, target, measured, met))


def clear_cache(site: Path) -> None:
    """A cold build: nothing of an earlier build's paperguide cache left (math, bibliography,
    rendered pages). Plain MkDocs keeps no cache, so this is a no-op for the plain twin."""
    shutil.rmtree(site / PG_CACHE, ignore_errors=True)


def timed_build(
    site: Path, *, dirty: bool = False, config: str = "mkdocs.yml", cold: bool = False
) -> dict[str, float]:
    """One fresh-process build: seconds, CPU seconds, peak MB, and for paperguide how many
    generated pages the page cache restored and converted (``measure_build.py``)."""
    if cold:
        clear_cache(site)
    args = [sys.executable, str(HERE / "measure_build.py"), str(site / config)]
    if dirty:
        args.append("--dirty")
    done = subprocess.run(args, cwd=site, env=ENV, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(
            f"build failed in {site} (exit {done.returncode}):\n{done.stdout}\n"
            f"{done.stderr[-4000:]}"
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    return statistics.median(values)


def runs_list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)
