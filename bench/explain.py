"""Why the cold build costs what it does (scenario a): features switched off one at a time
(ablation), and both builds under cProfile with self time grouped by package
(``profile_build.py``). Every build here is cold, like the one they explain."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.harness import ENV, HERE, Report, clear_cache, median, timed_build

#: paperguide features that do work plain MkDocs does not do at all, switched off one at a time.
ABLATIONS = {
    "math typeset at build time (`math: false`)": {"math": False},
    "citation hover cards (`citation_cards: false`)": {"citation_cards": False},
    "per-paper graphs (`local_graphs: false`)": {"local_graphs": False},
    "all three off": {"math": False, "citation_cards": False, "local_graphs": False},
}


def ablation(site: Path, runs: int, t_plain: dict[str, float], report: Report) -> None:
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
        pairs = [
            (timed_build(site, cold=True), timed_build(site, config=name, cold=True))
            for _ in range(runs)
        ]
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

The same corpus rebuilt cold with one feature switched off at a time. Each feature-off build
follows an everything-on build ({runs} such pairs per row); the cost is the median of the paired
differences, in wall time and in CPU time. CPU time includes paperguide's helper processes
(option `parallel`), so on a cold build it exceeds wall time: work moved to the second core
shows in CPU time, not in wall time. The plain
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


def _profiled(site: Path, *, cold: bool) -> dict[str, float]:
    if cold:
        clear_cache(site)
    args = [sys.executable, str(HERE / "profile_build.py"), str(site / "mkdocs.yml")]
    done = subprocess.run(args, cwd=site, env=ENV, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


Profile = tuple[dict[str, float], dict[str, float]]


def profile_pair(site: Path, plain: Path, *, cold: bool) -> Profile:
    """One build of each side under cProfile: (paperguide, plain) self time per package.
    ``cold=False`` profiles whatever build the site's cache makes of it now."""
    return _profiled(site, cold=cold), _profiled(plain, cold=cold)


COLD_PROFILE = """### Which code the extra time runs in

One cold build of each side under cProfile (which slows everything, so read the shares), self
time grouped by the package the function lives in (`bench/profile_build.py`). "Built-ins" are
functions written in C, mostly compiled regular expressions and string methods called by the
packages above them."""

WARM_PROFILE = """### Which code a warm build runs

One more warm build under cProfile, right after the warm builds above (their cache present,
the edited note just restored: again one note changed), against the plain build of the same
pages; self time per package as in scenario a. A negative "extra" is work the cache saved."""


def profile_table(profile: Profile, intro: str, report: Report) -> None:
    """Self time per package of both builds: which code the difference runs in."""
    ours, theirs = profile
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
    report.add(f"""{intro}

| package | plain (s) | paperguide (s) | extra (s) | share of the extra |
|---|---:|---:|---:|---:|
{table}
| **total** | {sum(theirs.values()):.1f} | {sum(ours.values()):.1f} | {extra:+.1f} | 100% |
""")
