"""Scenario g: what a full bibliography page of a real, large .bib file costs a warm build.

The input is TUGboat's bibliography (``tugboat.bib``, 4,839 entries, from Debian's
``texlive-bibtex-extra``): the same one-page site is built with the bibliography page and
without it, alternately, each warm (its caches, the page render cache included, left by the
build before), and the difference of the medians is the page's cost. Wall time and the build
process's CPU time are both reported: on a shared machine the wall time grows with the load,
the CPU time hardly, so the verdict reads the CPU time.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

TUGBOAT = Path("/usr/share/texlive/texmf-dist/bibtex/bib/beebe/tugboat.bib")

_CONFIG = """site_name: bibliography page
docs_dir: content
theme: {{name: material}}
plugins:
  - search
  - paperguide:
      bibliography: {{page: "{page}"}}
"""


def _site(root: Path, page: str) -> Path:
    (root / "content").mkdir(parents=True)
    shutil.copyfile(TUGBOAT, root / "content" / "references.bib")
    (root / "content" / "index.md").write_text("# Home\n\nA site with a large bibliography.\n")
    (root / "mkdocs.yml").write_text(_CONFIG.format(page=page))
    return root


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _build(site: Path, env: dict[str, str]) -> tuple[float, float]:
    """One build in a fresh process: (wall seconds, CPU seconds)."""
    started, cpu = time.perf_counter(), _cpu()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml")],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started, _cpu() - cpu


def scenario_bibliography_page(
    work: Path,
    runs: int,
    add: Callable[[str], None],
    verdict: Callable[[str, str, str, bool], None],
    env: dict[str, str],
) -> None:
    if not TUGBOAT.is_file():
        add(
            f"## g. A full bibliography page\n\nSkipped: {TUGBOAT} is missing "
            "(install Debian's texlive-bibtex-extra).\n"
        )
        return
    with_page = _site(work / "with-page", "bibliography.md")
    without = _site(work / "without-page", "")
    cold = {"with": _build(with_page, env), "without": _build(without, env)}
    warm: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
    for _ in range(runs):
        warm["with"].append(_build(with_page, env))
        warm["without"].append(_build(without, env))

    def med(side: str, i: int) -> float:
        return statistics.median(run[i] for run in warm[side])

    wall = {side: med(side, 0) for side in warm}
    cpu = {side: med(side, 1) for side in warm}
    extra_wall, extra_cpu = wall["with"] - wall["without"], cpu["with"] - cpu["without"]
    load = os.getloadavg()[0]
    add(f"""## g. A full bibliography page ({TUGBOAT.name}, 4,839 entries)

One-page site, built warm (its caches from the build before) with the default full bibliography
page and without it, alternately, {runs} times each; medians of wall time and of the build
process's CPU time. Formatted references, labels and order come from the store keyed by the
bibliography's content (`core/library/reference_cache.py`), and the page's HTML from the page
render cache (`core/pages/render_cache.py`, `adapter/page_cache.py`): a warm build converts
no Markdown for it. Load average when the scenario ended: {load:.1f} on {os.cpu_count()} cores.

| | cold wall (s) | warm wall, median (s) | warm CPU, median (s) |
|---|---:|---:|---:|
| with the bibliography page | {cold["with"][0]:.2f} | {wall["with"]:.2f} | {cpu["with"]:.2f} |
| without it | {cold["without"][0]:.2f} | {wall["without"]:.2f} | {cpu["without"]:.2f} |
| **the page's cost** | {cold["with"][0] - cold["without"][0]:.2f} | {extra_wall:.2f} | **{extra_cpu:.2f}** |

What a warm build still spends on the page (cProfile of the warm build): Material's search
plugin parsing the page's HTML for the index, writing the page's Markdown from the Library
(the Jinja template over every entry), filling the "cited on" lists, and reading the stored
HTML (a few hundredths of a second). That profile predates search records kept with cached
pages: a restored page now gives the index its stored records instead of being parsed
(`adapter/search_entries.py`; not profiled again here).
""")
    verdict(
        "full bibliography page of 4,839 entries, warm build",
        "≤ +1 s",
        f"+{extra_cpu:.2f} s CPU (+{extra_wall:.2f} s wall)",
        extra_cpu <= 1,
    )
