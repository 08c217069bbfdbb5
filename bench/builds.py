"""Cold and warm builds of N papers, each side by side with plain mkdocs-material building the
same pages (scenarios a, h and i).

- **Cold**: paperguide's ``cache_dir`` emptied before each build (math, bibliography and page
  caches all gone); plain MkDocs keeps no cache.
- **Warm**: the cache of the build before is present and one note has been edited since
  (``edit.py``); the plain twin gets the same edit in its copy of that note's page and, having no
  cache, rebuilds everything.

Runs alternate between the two sides (so a neighbour's load slows both alike), each build is a
fresh process, and the figures are medians of wall time, CPU time and peak memory. Every warm
build is checked: the edited note's page, its cards on the pages citing it and the backlinks the
edit touches must show the edit, and the page cache's counts of restored and converted pages
are reported, so a cache that silently misses cannot pass for a fast one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.baseline import write_baseline
from bench.corpus import write_site
from bench.edit import (
    Edit,
    check_corpus,
    check_edit,
    edit_note,
    edit_plain,
    first_summary_line,
    note_path,
    plain_page,
    site_page,
)
from bench.harness import Report, median, runs_list, timed_build

COLD_TARGET = 1.15
WARM_TARGET = 0.5
MEMORY_TARGET = 1.5
#: How much worse a ratio at N = 2,000 may come out than at N = 500 and still count as "no
#: worse": the spread of one build's time on this machine is several percent.
NOISE = 0.05


@dataclass
class Runs:
    """The builds of one side in one mode."""

    results: list[dict[str, float]] = field(default_factory=list)

    def med(self, name: str) -> float:
        return median([r[name] for r in self.results])

    def list(self, name: str = "seconds") -> str:
        return runs_list([r[name] for r in self.results])

    def counts(self) -> str:
        """Restored/converted generated pages per build, as "r/c" (paperguide only)."""
        return ", ".join(
            f"{int(r['restored'])}/{int(r['converted'])}" if "converted" in r else "n/a"
            for r in self.results
        )


@dataclass
class Measured:
    papers: int
    runs: int
    site: Path
    plain: Path
    cold: Runs = field(default_factory=Runs)
    cold_plain: Runs = field(default_factory=Runs)
    warm: Runs = field(default_factory=Runs)
    warm_plain: Runs = field(default_factory=Runs)
    problems: list[str] = field(default_factory=list)

    def ratio(self, mode: str, name: str = "seconds") -> float:
        ours, theirs = getattr(self, mode), getattr(self, f"{mode}_plain")
        return ours.med(name) / theirs.med(name)


def measure(work: Path, papers: int, runs: int, *, cold: bool, warm: bool) -> Measured:
    """Build the N-paper corpus and its plain twin, cold ``runs`` times and/or warm after
    ``runs`` one-note edits."""
    site = write_site(work / f"pg-{papers}", papers)
    plain = write_baseline(site, work / f"plain-{papers}")
    done = Measured(papers, runs, site, plain)
    # One build of each first: the OS file cache and compiled modules, for both sides alike.
    # It also leaves the cache a warm build starts from when no cold runs come before it.
    timed_build(site, cold=True)
    timed_build(plain)
    if cold:
        for _ in range(runs):
            done.cold_plain.results.append(timed_build(plain))
            done.cold.results.append(timed_build(site, cold=True))
    if warm:
        _warm_runs(done)
    return done


def _warm_runs(done: Measured) -> None:
    check_corpus(done.papers)
    note, page = note_path(done.site), plain_page(done.plain)
    note_text, page_text = note.read_text("utf-8"), page.read_text("utf-8")
    first_line = first_summary_line(note_text)
    previous: Edit | None = None
    stamp = time.time_ns()
    try:
        for number in range(done.runs):
            edit = Edit(done.papers, number, stamp)
            edit_note(done.site, note_text, edit)
            edit_plain(done.plain, page_text, first_line, edit)
            done.warm_plain.results.append(timed_build(done.plain))
            done.warm.results.append(timed_build(done.site))
            problems = check_edit(site_page(done.site / "site"), edit, previous)
            done.problems += [f"edit {number + 1}: {p}" for p in problems]
            previous = edit
    finally:
        note.write_text(note_text, "utf-8")
        page.write_text(page_text, "utf-8")


def _table(rows: list[tuple[str, Runs]]) -> str:
    lines = [
        "| | median wall (s) | runs (s) | median CPU (s) | median peak memory (MB) |",
        "|---|---:|---|---:|---:|",
    ]
    for label, runs in rows:
        lines.append(
            f"| {label} | {runs.med('seconds'):.2f} | {runs.list()} | "
            f"{runs.med('cpu_seconds'):.2f} | {runs.med('peak_mb'):.0f} |"
        )
    return "\n".join(lines)


def _generated(runs: Runs) -> int:
    last = runs.results[-1] if runs.results else {}
    return int(last.get("restored", 0) + last.get("converted", 0))


def report_cold(done: Measured, report: Report) -> None:
    """Section a: the cold build and its peak memory."""
    n, runs = done.papers, done.runs
    ratio, cpu = done.ratio("cold"), done.ratio("cold", "cpu_seconds")
    memory = done.ratio("cold", "peak_mb")
    report.add(f"""## a. Cold build at N = {n} papers (and e. its peak memory)

Same pages, same theme and Markdown extensions. Baseline: the Markdown paperguide generates,
written out as ordinary pages (embeds expanded into the same Markdown their templates produce)
and built by plain MkDocs + Material. Cold: paperguide's `cache_dir` is emptied before every
build, so it typesets every formula, parses the bibliography and converts every page (the page
cache restored/converted {done.cold.counts()} of its generated pages; a page converted by a helper process (`parallel`) counts as restored: MkDocs restores it from the cache the helper filled).
Median of {runs}
alternating runs each, fresh process per build, after one unmeasured build of each.

{_table([("plain mkdocs-material", done.cold_plain), ("paperguide, cold", done.cold)])}

**Ratio paperguide / plain: {ratio:.3f}** (target ≤ {COLD_TARGET}); in CPU time {cpu:.3f}.
**Peak memory ratio: {memory:.2f}** (target ≤ {MEMORY_TARGET}).
""")
    report.verdict(
        f"cold build at N={n}",
        f"ratio ≤ {COLD_TARGET}",
        f"{ratio:.3f} (CPU {cpu:.3f})",
        ratio <= COLD_TARGET,
    )
    report.verdict(
        f"peak memory, cold build at N={n}",
        f"ratio ≤ {MEMORY_TARGET}",
        f"{memory:.2f} ({done.cold.med('peak_mb'):.0f} MB vs "
        f"{done.cold_plain.med('peak_mb'):.0f} MB)",
        memory <= MEMORY_TARGET,
    )


def _warm_facts(done: Measured) -> tuple[float, float, int, int, bool]:
    ratio, cpu = done.ratio("warm"), done.ratio("warm", "cpu_seconds")
    converted = int(done.warm.med("converted")) if "converted" in done.warm.results[0] else -1
    total = _generated(done.warm)
    # A cache that restored nothing is a cache that missed, however fast the build came out.
    sound = not done.problems and converted >= 0 and converted < total
    return ratio, cpu, converted, total, sound


def _correctness(done: Measured) -> str:
    if done.problems:
        return "**Wrong after a warm build:**\n\n" + "\n".join(f"- {p}" for p in done.problems)
    return (
        "Every warm build was checked and found correct: the edited summary on its page and "
        "on its cards on the pages citing it, its own backlinks, a backlink on the paper the "
        "edit newly cites and none left on the one the previous edit cited."
    )


def report_warm(done: Measured, report: Report) -> None:
    """Section h: the warm build after one note was edited."""
    n, runs = done.papers, done.runs
    ratio, cpu, converted, total, sound = _warm_facts(done)
    report.add(f"""## h. Warm build at N = {n} papers, one note edited

The cache of the build before is present; then one note (`paper00001`) is edited: a line at the
top of its summary, with a citation of a paper it did not cite, so its guide page, every card of
it on the pages citing it and two papers' backlinks change. The plain twin gets the same line in
the same page and rebuilds everything (it has no cache). {runs} edits, each followed by one
build of each side, alternating; medians.

{_table([("plain mkdocs-material", done.warm_plain), ("paperguide, warm", done.warm)])}

Generated pages restored/converted by the page cache, per warm build: {done.warm.counts()}
(of {total}; a page converted by a helper process (`parallel`) counts as restored: MkDocs restores it from the cache the helper filled).

**Ratio paperguide / plain: {ratio:.3f}** (target ≤ {WARM_TARGET}); in CPU time {cpu:.3f}.

{_correctness(done)}
""")
    report.verdict(
        f"warm build, one note edited, at N={n}",
        f"ratio ≤ {WARM_TARGET}, pages correct",
        f"{ratio:.3f} (CPU {cpu:.3f}; {converted} of {total} generated pages converted"
        f"{'' if not done.problems else f'; {len(done.problems)} wrong'})",
        ratio <= WARM_TARGET and sound,
    )


def report_large(
    done: Measured, reference: dict[str, float | None], small: int, report: Report
) -> None:
    """Section i: cold and warm at a larger N, against the ratios at the smaller one."""
    n = done.papers
    cold, warm = done.ratio("cold"), done.ratio("warm")
    _, _, converted, total, sound = _warm_facts(done)
    rows = []
    for mode, ratio, absolute in (("cold", cold, COLD_TARGET), ("warm", warm, WARM_TARGET)):
        before = reference.get(mode)
        bound = before * (1 + NOISE) if before is not None else absolute
        target = (
            f"ratio ≤ N={small}'s {before:.3f} (+{NOISE:.0%} noise)"
            if before is not None
            else f"ratio ≤ {absolute} (no N={small} figure to compare)"
        )
        rows.append((mode, ratio, before, target, ratio <= bound))
    table = "\n".join(
        f"| {mode} | {ratio:.3f} | {'' if before is None else f'{before:.3f}'} |"
        for mode, ratio, before, _, _ in rows
    )
    builds = _table(
        [
            ("plain mkdocs-material, cold", done.cold_plain),
            ("paperguide, cold", done.cold),
            ("plain mkdocs-material, after the edit", done.warm_plain),
            ("paperguide, warm", done.warm),
        ]
    )
    report.add(f"""## i. Cold and warm builds at N = {n:,} papers

Scenarios a and h again at N = {n:,} ({done.runs} runs each): the ratios to plain Material must be
no worse than at N = {small}.

{builds}

Warm builds restored/converted {done.warm.counts()} of {total} generated pages (a page a
helper process converted counts as restored).

| build | ratio at N = {n:,} | ratio at N = {small} |
|---|---:|---:|
{table}

Peak memory ratio, cold: {done.ratio("cold", "peak_mb"):.2f}.

{_correctness(done)}
""")
    for mode, ratio, _, target, met in rows:
        name = "cold build" if mode == "cold" else "warm build, one note edited,"
        extra = f" ({converted} of {total} converted)" if mode == "warm" else ""
        report.verdict(
            f"{name} at N={n}",
            target,
            f"{ratio:.3f}{extra}",
            met and (mode == "cold" or sound),
        )
