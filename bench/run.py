"""paperguide benchmarks: every figure measured side by side with plain MkDocs in the same run.

    python bench/run.py --out bench/RESULTS.md            # the full suite (make bench)
    python bench/run.py --quick --out /tmp/results.md     # tiny sizes, to check the harness

Scenarios (the bars of DESIGN §6):
  a. build time of N notes vs plain mkdocs-material building the same generated Markdown
  b. the cost of a 10,000-entry .bib: first build, later builds (disk cache), serve rebuild
  c. save-to-reload latency of `mkdocs serve` after editing one note
  d. built-site size per paper as N grows
  e. peak memory of the builds in (a) and (d)
  f. the cost of each input limit up to its bound (bench/limits.py)
  g. a full bibliography page of tugboat.bib on a warm build (bench/bibliography_page.py)
Scenario (a) also explains its ratio: features switched off one at a time (ablation), and both
builds under cProfile, self time grouped by package (bench/profile_build.py).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.baseline import write_baseline  # noqa: E402
from bench.bibliography_page import scenario_bibliography_page  # noqa: E402
from bench.corpus import write_site  # noqa: E402
from bench.limits import scenario_limits  # noqa: E402

ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "PYTHONUNBUFFERED": "1",
    # The benchmark sites live outside the repository; point them at its pinned KaTeX.
    "PAPERGUIDE_KATEX_DIR": str(HERE.parent / "node_modules" / "katex" / "dist"),
}


@dataclass
class Report:
    sections: list[str] = field(default_factory=list)
    verdicts: list[tuple[str, str, str, bool]] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.sections.append(text.rstrip() + "\n")
        print(text, flush=True)

    def verdict(self, name: str, target: str, measured: str, met: bool) -> None:
        self.verdicts.append((name, target, measured, met))


def timed_build(site: Path, *, dirty: bool = False, config: str = "mkdocs.yml") -> dict[str, float]:
    """One fresh-process build; returns seconds and peak MB."""
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


def scenario_build_ratio(work: Path, papers: int, runs: int, report: Report) -> None:
    site = write_site(work / f"pg-{papers}", papers)
    plain = write_baseline(site, work / f"plain-{papers}")
    timed_build(site)  # warm the OS file cache and KaTeX/disk caches once, for both sides alike
    timed_build(plain)
    ours, theirs = [], []
    for _ in range(runs):  # alternate, so background load affects both sides alike
        theirs.append(timed_build(plain))
        ours.append(timed_build(site))
    t_ours = median([r["seconds"] for r in ours])
    t_plain = median([r["seconds"] for r in theirs])
    ratio = t_ours / t_plain
    cpu_ours = median([r["cpu_seconds"] for r in ours])
    cpu_plain = median([r["cpu_seconds"] for r in theirs])
    report.add(f"""## a. Build time at N = {papers} papers

Same pages, same theme and Markdown extensions. Baseline: the Markdown paperguide generates,
written out as ordinary pages (embeds expanded into the same Markdown their templates produce)
and built by plain MkDocs + Material. Median of {runs} alternating runs each, fresh process per
build, after one warm-up build of each.

| | median build (s) | runs (s) | median CPU (s) | peak memory (MB) |
|---|---:|---|---:|---:|
| plain mkdocs-material | {t_plain:.2f} | {", ".join(f"{r['seconds']:.2f}" for r in theirs)} | {cpu_plain:.2f} | {max(r["peak_mb"] for r in theirs):.0f} |
| paperguide | {t_ours:.2f} | {", ".join(f"{r['seconds']:.2f}" for r in ours)} | {cpu_ours:.2f} | {max(r["peak_mb"] for r in ours):.0f} |

**Ratio paperguide / plain: {ratio:.3f}** (target ≤ 1.15); in CPU time {cpu_ours / cpu_plain:.3f}.
""")
    report.verdict(f"build overhead at N={papers}", "ratio ≤ 1.15", f"{ratio:.3f}", ratio <= 1.15)
    report.verdict(
        f"peak memory at N={papers}",
        "reported",
        f"{max(r['peak_mb'] for r in ours):.0f} MB (plain "
        f"{max(r['peak_mb'] for r in theirs):.0f} MB)",
        True,
    )
    _ablation(site, runs, {"seconds": t_plain, "cpu_seconds": cpu_plain}, report)
    _profile_split(site, plain, report)


#: paperguide features that do work plain MkDocs does not do at all, switched off one at a time.
ABLATIONS = {
    "math typeset at build time (`math: false`)": {"math": False},
    "citation hover cards (`citation_cards: false`)": {"citation_cards": False},
    "per-paper graphs (`local_graphs: false`)": {"local_graphs": False},
    "all three off": {"math": False, "citation_cards": False, "local_graphs": False},
}


def _ablation(site: Path, runs: int, t_plain: dict[str, float], report: Report) -> None:
    """Where the time above plain goes: the same build with one feature off at a time.

    Each feature-off build is paired with an everything-on build run right before it, and the
    cost is the median of the paired differences: a neighbour's load that slows one pair slows
    both of its builds, so it mostly cancels out.
    """
    import yaml

    base = yaml.safe_load((site / "mkdocs.yml").read_text("utf-8"))
    rows = []
    on_walls: list[float] = []  # every everything-on build: how far one build wanders
    for index, (label, options) in enumerate(ABLATIONS.items()):
        config = dict(base)
        config["plugins"] = [
            {"paperguide": options} if p == "paperguide" else p for p in base["plugins"]
        ]
        name = f"mkdocs-ablation{index}.yml"
        (site / name).write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
        timed_build(site, config=name)  # warm-up, like the main measurement
        pairs = [(timed_build(site), timed_build(site, config=name)) for _ in range(runs)]
        on_walls.extend(a["seconds"] for a, _ in pairs)
        off = {k: median([b[k] for _, b in pairs]) for k in ("seconds", "cpu_seconds")}
        cost = {k: median([a[k] - b[k] for a, b in pairs]) for k in ("seconds", "cpu_seconds")}
        rows.append(
            f"| {label} | {off['seconds']:.2f} | {off['seconds'] / t_plain['seconds']:.3f} | "
            f"{off['cpu_seconds'] / t_plain['cpu_seconds']:.3f} | {cost['seconds']:+.2f} | "
            f"{cost['cpu_seconds']:+.2f} |"
        )
    table = "\n".join(rows)
    spread = max(on_walls) - min(on_walls)
    report.add(f"""### Where the extra time goes

The same corpus rebuilt with one feature switched off at a time. Each feature-off build follows
an everything-on build ({runs} such pairs per row); the cost is the median of the paired
differences, in wall time and in CPU time (they agree closely: a slow build is slow on the CPU,
not waiting on disk or the network). The plain
baseline has none of these: its math is left as `arithmatex` source for a browser script, its
`[@key]` citations stay bracketed text, and it draws no graphs and no backlinks.

| build | median wall (s) | wall ratio to plain | CPU ratio to plain | feature cost, wall (s) | feature cost, CPU (s) |
|---|---:|---:|---:|---:|---:|
{table}

Noise: the {len(on_walls)} everything-on builds of these pairs took {min(on_walls):.2f} to
{max(on_walls):.2f} s, a spread of {spread:.2f} s for the very same build. A feature cost smaller
than that spread (or a negative one) says the feature costs too little to measure this way; the
profile below does not depend on the neighbours' load.
""")


def _profiled(site: Path) -> dict[str, float]:
    args = [sys.executable, str(HERE / "profile_build.py"), str(site / "mkdocs.yml")]
    done = subprocess.run(args, cwd=site, env=ENV, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _profile_split(site: Path, plain: Path, report: Report) -> None:
    """Self time per package, both builds under cProfile: which code the extra time runs in."""
    ours, theirs = _profiled(site), _profiled(plain)
    # Guard the shares: on --quick sizes the two builds can come out equal.
    extra = (sum(ours.values()) - sum(theirs.values())) or 1e-9
    rows = []
    for name in sorted(set(ours) | set(theirs), key=lambda n: theirs.get(n, 0) - ours.get(n, 0)):
        more = ours.get(name, 0.0) - theirs.get(name, 0.0)
        rows.append(
            f"| {name} | {theirs.get(name, 0.0):.1f} | {ours.get(name, 0.0):.1f} | {more:+.1f} | "
            f"{100 * more / extra:+.0f}% |"
        )
    table = "\n".join(rows)
    report.add(f"""### Which code the extra time runs in

One build of each side under cProfile (which slows everything, so read the shares), self time
grouped by the package the function lives in (`bench/profile_build.py`). "Built-ins" are
functions written in C, mostly compiled regular expressions and string methods called by the
packages above them.

| package | plain (s) | paperguide (s) | extra (s) | share of the extra |
|---|---:|---:|---:|---:|
{table}
| **total** | {sum(theirs.values()):.1f} | {sum(ours.values()):.1f} | {extra:+.1f} | 100% |
""")


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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _fetch(url: str) -> str:
    try:
        with _opener.open(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _serve_latency(site: Path, *, dirty: bool, edits: int) -> tuple[list[float], float]:
    port = _free_port()
    args = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    if dirty:
        args.append("--dirty")
    note = site / "content/papers/paper00001.yml"
    original = note.read_text("utf-8")
    url = f"http://127.0.0.1:{port}/papers/paper00001/"
    log = (site / "serve.log").open("w")
    server = subprocess.Popen(args, cwd=site, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    latencies: list[float] = []
    try:
        start = time.perf_counter()
        while "paper00001" not in _fetch(url):
            if server.poll() is not None or time.perf_counter() - start > 900:
                raise RuntimeError((site / "serve.log").read_text()[-3000:])
            time.sleep(0.2)
        startup = time.perf_counter() - start
        for edit in range(edits):
            marker = f"Edited-marker-{edit}-{time.time_ns()}"
            time.sleep(1.5)  # let the watcher settle after the previous rebuild
            written = time.perf_counter()
            note.write_text(
                original.replace("summary: |\n", f"summary: |\n  {marker}\n", 1), "utf-8"
            )
            while marker not in _fetch(url):
                if time.perf_counter() - written > 600:
                    raise RuntimeError("edit never showed up")
                time.sleep(0.05)
            latencies.append(time.perf_counter() - written)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        note.write_text(original, "utf-8")
    return latencies, startup


def scenario_serve(work: Path, papers: int, edits: int, report: Report) -> None:
    site = write_site(work / f"serve-{papers}", papers)
    dirty, dirty_start = _serve_latency(site, dirty=True, edits=edits)
    full, full_start = _serve_latency(site, dirty=False, edits=max(1, edits // 2))
    t_dirty, t_full = median(dirty), median(full)
    report.add(f"""## c. Save-to-reload latency of `mkdocs serve` at N = {papers}

From writing one note to the served guide page containing the edit (polled over HTTP on
127.0.0.1). `--dirty` is the documented fast path; the full rebuild is what plain MkDocs does.

| mode | median (s) | each edit (s) | first build (s) |
|---|---:|---|---:|
| `mkdocs serve --dirty` | {t_dirty:.2f} | {", ".join(f"{v:.2f}" for v in dirty)} | {dirty_start:.1f} |
| `mkdocs serve` (full rebuild) | {t_full:.2f} | {", ".join(f"{v:.2f}" for v in full)} | {full_start:.1f} |
""")
    report.verdict(
        f"serve save-to-reload at N={papers} (--dirty)", "≤ 2 s", f"{t_dirty:.2f} s", t_dirty <= 2
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


def machine_facts() -> str:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    versions = ", ".join(
        f"{name} {version(name)}"
        for name in (
            "mkdocs",
            "mkdocs-material",
            "pymdown-extensions",
            "markdown",
            "bibtexparser",
            "paperguide",
        )
    )
    return (
        f"- Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}\n- Packages: {versions}\n"
    )


def splice(out: Path, report: Report) -> None:
    """Put one scenario's sections and summary rows into an existing results file, in place of
    the same ones (a new file if there is none), keeping every other scenario's figures."""
    text = out.read_text("utf-8") if out.is_file() else ""
    for section in report.sections:
        title = section.split("\n", 1)[0]
        prefix = title.split("(")[0].split(". ")[0] + ". "  # "## g. "
        start = next((i for i in _heading_starts(text) if text.startswith(prefix, i)), None)
        if start is None:
            text = text.rstrip("\n") + "\n\n" + section
            continue
        end = next((i for i in _heading_starts(text) if i > start), len(text))
        text = text[:start] + section + ("\n" if end < len(text) else "") + text[end:]
    for name, target, measured, met in report.verdicts:
        row = f"| {name} | {target} | {measured} | {'met' if met else '**not met**'} |"
        lines = text.split("\n")
        text = "\n".join(row if line.startswith(f"| {name} |") else line for line in lines)
    out.write_text(text, "utf-8")
    print(f"updated {out}")


def _heading_starts(text: str) -> list[int]:
    return [i + 1 for i in range(len(text)) if text.startswith("\n## ", i)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=HERE / "work")
    parser.add_argument("--quick", action="store_true", help="tiny sizes; checks the harness")
    parser.add_argument(
        "--only",
        choices=["limits", "bibpage"],
        help="run one scenario alone; its section and summary rows replace theirs in --out",
    )
    args = parser.parse_args()
    quick = args.quick
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    report = Report()
    started = time.perf_counter()
    if args.only == "limits":
        scenario_limits(args.work / "limits", report.add, ENV)
        splice(args.out, report)
        return
    if args.only == "bibpage":
        scenario_bibliography_page(args.work / "bibpage", 3, report.add, report.verdict, ENV)
        splice(args.out, report)
        return
    scenario_build_ratio(args.work, 10 if quick else 500, 1 if quick else 3, report)
    scenario_bib(args.work, 300 if quick else 10_000, report)
    scenario_serve(args.work, 5 if quick else 500, 1 if quick else 3, report)
    scenario_size(args.work, [5, 10] if quick else [100, 250, 500, 1000], report)
    scenario_limits(args.work / "limits", report.add, ENV)
    scenario_bibliography_page(
        args.work / "bibpage", 1 if quick else 3, report.add, report.verdict, ENV
    )
    elapsed = time.perf_counter() - started
    verdicts = "\n".join(
        f"| {name} | {target} | {measured} | {'met' if met else '**not met**'} |"
        for name, target, measured, met in report.verdicts
    )
    header = f"""# paperguide benchmark results

Generated by `python bench/run.py --out bench/RESULTS.md{" --quick" if quick else ""}` (`make bench`)
in {elapsed / 60:.1f} minutes. Corpus: `bench/corpus.py` (realistic third-pass notes: context,
unknowns in all five categories, figures, code map, method, results, two formulas with symbols,
related papers, citations).

{machine_facts()}
## Summary

| bar | target | measured | |
|---|---|---|---|
{verdicts}

"""
    args.out.write_text(header + "\n".join(report.sections), "utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
