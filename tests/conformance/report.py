"""The conformance report: a per-file agreement table, the overall rates and sample differences."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .compare import CATEGORIES, Difference, FileResult, rate

SAMPLES = 25


def _cell(result: FileResult, category: str, allowed: set[tuple[str, ...]]) -> str:
    total = result.totals[category]
    if not total:
        return "-"
    bad = result.disagreements(category, allowed)
    return f"{rate(total - bad, total):6.2f}% ({bad})"


def format_report(
    results: Sequence[FileResult],
    allowed: set[tuple[str, ...]],
    rates: dict[str, float],
    threshold: float,
    seconds: float,
) -> str:
    lines = [
        f"paperguide vs biber on {len(results)} Debian .bib files ({seconds:.1f} s); "
        "agreement % (differences not on the allow-list)",
        f"{'file':42} {'KiB':>6} {'biber':>5} {'ours':>5} {'both':>5} "
        f"{'people':>16} {'years':>16} {'titles':>16}",
    ]
    for r in results:
        lines.append(
            f"{r.file:42} {r.size / 1024:6.0f} {r.biber_entries:5} {r.paperguide_entries:5} "
            f"{r.shared:5} " + " ".join(f"{_cell(r, c, allowed):>16}" for c in CATEGORIES)
        )
    totals = {c: sum(r.totals[c] for r in results) for c in CATEGORIES}
    lines.append(
        "overall: "
        + ", ".join(f"{c} {rates[c]:.2f}% of {totals[c]}" for c in CATEGORIES)
        + f" (the bar, for people and years: {threshold}%)"
    )
    every = [d for r in results for d in r.differences if d.ident() not in allowed]
    fields = Counter(d.category for d in every)
    lines.append("differences by kind: " + ", ".join(f"{k} {n}" for k, n in fields.most_common()))
    lines.append(f"first {SAMPLES} differences in people and years (file, key, field):")
    shown = [d for d in every if d.category in ("people", "years")][:SAMPLES]
    lines += [
        f"  {d.file} {d.key} {d.field}: biber {d.biber!r} / ours {d.paperguide!r}" for d in shown
    ]
    return "\n".join(lines)


def write_differences(path: Path, differences: Sequence[Difference], allowed: set) -> None:
    """Every difference, one a row (tab-separated), for sorting the causes out."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["file", "key", "field", "biber", "paperguide", "allowed"])
        for d in differences:
            writer.writerow([*d.ident(), "yes" if d.ident() in allowed else ""])
