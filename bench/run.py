"""paperguide benchmarks: every figure measured side by side with plain MkDocs in the same run.

    python bench/run.py --out bench/RESULTS.md            # the full suite (make bench)
    python bench/run.py --quick --out /tmp/results.md     # tiny sizes, to check the harness
    python bench/run.py --only cold warm --papers 40 --papers-large 0 --out /tmp/r.md

Scenarios (the bars of DESIGN §6; ``--only`` names in brackets):
  a. [cold] cold build of N notes vs plain mkdocs-material building the same generated Markdown,
     and (e) its peak memory; explained by features switched off one at a time (ablation) and
     both builds under cProfile, self time grouped by package (bench/explain.py)
  h. [warm] warm build: the cache of the previous build, one note edited (bench/builds.py)
  c. [serve] save-to-reload latency of `mkdocs serve` after editing one note, with and without
     --dirty, and the served pages checked after each full rebuild (bench/serve.py)
  i. [large] cold and warm builds again at the larger N (--papers-large; 0 skips it)
  b. [bib] the cost of a 10,000-entry .bib: first build, later builds (disk cache), serve rebuild
  d. [size] built-site size per paper as N grows (and e. peak memory)
  f. [limits] the cost of each input limit up to its bound (bench/limits.py)
  g. [bibpage] a full bibliography page of tugboat.bib on a warm build (bench/bibliography_page.py)
``--only`` runs some scenarios and splices their sections and summary rows into --out.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.bibliography_page import scenario_bibliography_page  # noqa: E402
from bench.builds import measure, report_cold, report_large, report_warm  # noqa: E402
from bench.corpus import write_site  # noqa: E402
from bench.explain import (  # noqa: E402
    COLD_PROFILE,
    WARM_PROFILE,
    ablation,
    profile_pair,
    profile_table,
)
from bench.harness import ENV, Report, median, timed_build  # noqa: E402
from bench.limits import scenario_limits  # noqa: E402
from bench.results import previous_ratio, splice, write_results  # noqa: E402
from bench.serve import scenario_serve  # noqa: E402

SCENARIOS = ("cold", "warm", "serve", "large", "bib", "size", "limits", "bibpage")


_BIB_PROBE = r"""
import json, sys, time
from pathlib import Path
from paperguide.core.base.filecache import FileCache
from paperguide.core.site.settings import Settings
from paperguide.core.library.loading import load_bibliography
root = Path(sys.argv[1])
settings = Settings(root / "content", root, cache_dir=root / ".cache" / "paperguide")
cache = FileCache()
t0 = time.perf_counter(); bib, _ = load_bibliography(settings, cache); t1 = time.perf_counter()
again, _ = load_bibliography(settings, cache); t2 = time.perf_counter()
print(json.dumps({"first": t1 - t0, "rebuild": t2 - t1, "entries": len(bib)}))
"""


def scenario_bib(work: Path, entries: int, report: Report) -> None:
    site = write_site(work / f"bib-{entries}", papers=2, bib_entries=entries)
    cache_dir = site / ".cache"

    def probe() -> dict[str, float]:
        done = subprocess.run(
            [sys.executable, "-c", _BIB_PROBE, str(site)],
            cwd=site,
            env=ENV,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout)

    shutil.rmtree(cache_dir, ignore_errors=True)
    cold = [probe()]
    warm = [probe() for _ in range(3)]
    shutil.rmtree(cache_dir, ignore_errors=True)
    cold += [probe() for _ in range(2)]
    first = median([c["first"] for c in cold])
    later = median([w["first"] for w in warm])
    rebuild = median([w["rebuild"] for w in warm])
    report.add(f"""## b. A {entries:,}-entry bibliography

Time to load and check the bibliography (parse, macros, duplicate keys), each in a fresh
process. "First build" starts with no disk cache; "later builds" find the on-disk cache left by
an earlier build; "serve rebuild" is the second load in the same process (the plugin instance
and its cache persist across `mkdocs serve` rebuilds).

| | median (s) | target |
|---|---:|---|
| first build | {first:.3f} | ≤ 2 s |
| later builds (disk cache) | {later:.3f} | ≤ 0.1 s |
| serve rebuild | {rebuild:.4f} | ≈ 0 |
""")
    report.verdict(f"{entries:,}-entry .bib, first build", "≤ 2 s", f"{first:.3f} s", first <= 2)
    report.verdict(
        f"{entries:,}-entry .bib, later builds", "≤ 0.1 s", f"{later:.3f} s", later <= 0.1
    )
    report.verdict(
        f"{entries:,}-entry .bib, serve rebuild", "≈ 0", f"{rebuild:.4f} s", rebuild <= 0.01
    )


def _site_bytes(site_dir: Path) -> int:
    return sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())


def scenario_size(work: Path, sizes: list[int], report: Report) -> None:
    rows = []
    for papers in sizes:
        site = write_site(work / f"size-{papers}", papers)
        result = timed_build(site)
        built = site / "site"
        total = _site_bytes(built)
        search = (built / "search/search_index.json").stat().st_size
        page = (built / "papers/paper00001/index.html").stat().st_size
        home = (built / "index.html").stat().st_size
        rows.append((papers, total, search, page, home, result["seconds"], result["peak_mb"]))
    # Linear growth means a constant cost per added paper: compare the increments between
    # consecutive sizes (the fixed part, theme assets and fonts, drops out of the differences).
    increments = [
        ((t2 - s2) - (t1 - s1)) / (n2 - n1)
        for (n1, t1, s1, *_), (n2, t2, s2, *_) in itertools.pairwise(rows)
    ]
    spread = (
        (max(increments) - min(increments)) / statistics.mean(increments)
        if len(increments) > 1
        else 0.0
    )
    pages = [r[3] for r in rows]
    page_spread = (max(pages) - min(pages)) / statistics.mean(pages)
    table = "\n".join(
        f"| {n} | {total / 1e6:.1f} | {search / 1e6:.1f} | {(total - search) / n / 1e3:.1f} | "
        f"{page / 1e3:.1f} | {home / 1e3:.1f} | {secs:.1f} | {secs / n * 1e3:.0f} | {mb:.0f} |"
        for n, total, search, page, home, secs, mb in rows
    )
    report.add(f"""## d. Built-site size as N grows (and e. peak memory)

| papers | site (MB) | search index (MB) | per paper excl. search (KB) | one guide page (KB) | home page (KB) | build (s) | per paper (ms) | peak (MB) |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
{table}

Each added paper costs {", ".join(f"{i / 1e3:.1f}" for i in increments)} KB between
consecutive sizes (search index excluded; spread {spread:.1%}), and one guide page varies by
{page_spread:.1%}: the site grows linearly because no page embeds the list of all papers.
""")
    report.verdict(
        "site size per paper, N=" + "..".join(map(str, [sizes[0], sizes[-1]])),
        "linear growth",
        f"increment spread {spread:.1%}, page spread {page_spread:.1%}",
        spread < 0.10 and page_spread < 0.05,
    )


def scenario_builds(
    work: Path, papers: int, runs: int, scenarios: set[str], report: Report
) -> dict[str, float]:
    """Scenarios a and h at one N; returns their ratios (for the comparison at the larger N)."""
    cold, warm = "cold" in scenarios, "warm" in scenarios
    done = measure(work, papers, runs, cold=cold, warm=warm)
    # Right after the warm builds, while their cache is the one present (the ablation's builds
    # below each start from an empty one).
    warm_profile = profile_pair(done.site, done.plain, cold=False) if warm else None
    ratios = {}
    if cold:
        report_cold(done, report)
        ratios["cold"] = done.ratio("cold")
        plain = {k: done.cold_plain.med(k) for k in ("seconds", "cpu_seconds")}
        ablation(done.site, runs, plain, report)
        profile_table(profile_pair(done.site, done.plain, cold=True), COLD_PROFILE, report)
    if warm_profile is not None:
        report_warm(done, report)
        ratios["warm"] = done.ratio("warm")
        profile_table(warm_profile, WARM_PROFILE, report)
    return ratios


def scenario_large(
    work: Path,
    papers: int,
    small: int,
    runs: int,
    reference: dict[str, float],
    out: Path,
    report: Report,
) -> None:
    """Scenario i; the ratios at the smaller N come from this run, else from ``out``."""
    names = {
        "cold": f"cold build at N={small}",
        "warm": f"warm build, one note edited, at N={small}",
    }
    known = {mode: reference.get(mode, previous_ratio(out, name)) for mode, name in names.items()}
    done = measure(work, papers, runs, cold=True, warm=True)
    report_large(done, known, small, report)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--quick", action="store_true", help="tiny sizes; checks the harness")
    parser.add_argument("--papers", type=int, help="N of scenarios a, h, c (default 500)")
    parser.add_argument(
        "--papers-large", type=int, help="N of scenario i (default 2000; 0 skips it)"
    )
    parser.add_argument("--runs", type=int, help="runs per side, and edits (default 3)")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=SCENARIOS,
        help="run these scenarios alone; their sections and summary rows replace theirs in --out",
    )
    args = parser.parse_args()
    quick = args.quick
    papers = args.papers or (10 if quick else 500)
    large = args.papers_large if args.papers_large is not None else (20 if quick else 2000)
    runs = args.runs or (1 if quick else 3)
    edits = max(2, runs)  # two at least: the second one checks the first one's backlink is gone
    scenarios = set(args.only or SCENARIOS)
    if large <= 0:
        scenarios.discard("large")
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    report = Report()
    started = time.perf_counter()
    ratios: dict[str, float] = {}
    if scenarios & {"cold", "warm"}:
        ratios = scenario_builds(args.work, papers, runs, scenarios, report)
    if "serve" in scenarios:
        scenario_serve(args.work, papers, edits, report)
    if "large" in scenarios:
        scenario_large(args.work, large, papers, runs, ratios, args.out, report)
    if "bib" in scenarios:
        scenario_bib(args.work, 300 if quick else 10_000, report)
    if "size" in scenarios:
        scenario_size(args.work, [5, 10] if quick else [100, 250, 500, 1000], report)
    if "limits" in scenarios:
        scenario_limits(args.work / "limits", report.add, ENV)
    if "bibpage" in scenarios:
        scenario_bibliography_page(
            args.work / "bibpage", 1 if quick else 3, report.add, report.verdict, ENV
        )
    if args.only:
        splice(args.out, report)
        return
    command = " ".join(["python bench/run.py", *sys.argv[1:]])
    write_results(args.out, report, command, (time.perf_counter() - started) / 60)


if __name__ == "__main__":
    main()
