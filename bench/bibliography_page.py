"""Scenario g: what a full bibliography page of a real, large .bib file costs a warm build.

The input is TUGboat's bibliography (``tugboat.bib``, 4,839 entries, from Debian's
``texlive-bibtex-extra``): the same one-page site is built with the bibliography page and
without it, alternately, each warm (its cache left by the build before), and the difference of
the medians is the page's cost.
"""

from __future__ import annotations

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


def _build(site: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml")],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


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
    warm: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(runs):
        warm["with"].append(_build(with_page, env))
        warm["without"].append(_build(without, env))
    with_s, without_s = statistics.median(warm["with"]), statistics.median(warm["without"])
    extra = with_s - without_s
    add(f"""## g. A full bibliography page ({TUGBOAT.name}, 4,839 entries)

One-page site, built warm (its cache from the build before) with the default full bibliography
page and without it, alternately, {runs} times each; medians. Formatted references, labels
and order come from the store keyed by the bibliography's content (`core/library/
reference_cache.py`); what remains is Python-Markdown converting the ~1.1 MB page and
Material's search reading it.

| | cold (s) | warm, median (s) |
|---|---:|---:|
| with the bibliography page | {cold["with"]:.2f} | {with_s:.2f} |
| without it | {cold["without"]:.2f} | {without_s:.2f} |
| **the page's cost** | {cold["with"] - cold["without"]:.2f} | **{extra:.2f}** |
""")
    verdict(
        "full bibliography page of 4,839 entries, warm build",
        "≤ +1 s",
        f"+{extra:.2f} s",
        extra <= 1,
    )
