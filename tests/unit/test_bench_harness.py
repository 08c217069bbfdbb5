"""The benchmark harness's own logic (no builds, no timings): the results file keeps every
verdict, and the warm/serve edit check tells a correct site from a stale one."""

from __future__ import annotations

from pathlib import Path

from bench.edit import Edit, check_edit, key, url
from bench.harness import Report
from bench.results import previous_ratio, splice

RESULTS = """# results

## Summary

| bar | target | measured | |
|---|---|---|---|
| cold build at N=500 | ratio ≤ 1.15 | 1.447 (CPU 1.451) | **not met** |

## a. Cold build at N = 500 papers

old figures
"""


def test_splice_replaces_a_row_and_adds_a_new_one(tmp_path: Path):
    out = tmp_path / "RESULTS.md"
    out.write_text(RESULTS, "utf-8")
    report = Report()
    report.add("## a. Cold build at N = 500 papers\n\nnew figures\n")
    report.verdict("cold build at N=500", "ratio ≤ 1.15", "1.100 (CPU 1.1)", True)
    report.verdict("warm build at N=500", "ratio ≤ 0.5", "0.300", True)
    splice(out, report)
    text = out.read_text("utf-8")
    assert "| cold build at N=500 | ratio ≤ 1.15 | 1.100 (CPU 1.1) | met |" in text
    # A row the file did not have yet joins the summary table, not the end of the file.
    summary = text.split("## a.")[0]
    assert "| warm build at N=500 | ratio ≤ 0.5 | 0.300 | met |" in summary
    assert "new figures" in text and "old figures" not in text


def test_previous_ratio_reads_the_summary(tmp_path: Path):
    out = tmp_path / "RESULTS.md"
    out.write_text(RESULTS, "utf-8")
    assert previous_ratio(out, "cold build at N=500") == 1.447
    assert previous_ratio(out, "warm build at N=500") is None
    assert previous_ratio(tmp_path / "missing.md", "cold build at N=500") is None


def _page(cards: str = "", backlinks: tuple[str, ...] = ()) -> str:
    items = "".join(f'<li><a href="../{k}/">{k}</a></li>' for k in backlinks)
    return (
        f'<span class="pg-card__summary">{cards}</span>'
        f'<div class="pg-backlinks"><ul>{items}</ul></div>'
    )


def _site(edit: Edit, *, stale: bool) -> dict[str, str]:
    n = edit.papers
    pages = {url(i): _page() for i in range(n)}
    pages[url(1)] = f"<p>{edit.marker}</p>" + _page(backlinks=(key(0), key(n - 1), key(n - 2)))
    for citing in (0, n - 1):
        pages[url(citing)] = _page(cards=f"{edit.marker} and the rest")
    pages[url(edit.target)] = _page(backlinks=(key(1),))
    if stale:
        pages[url(edit.target - 1)] = _page(backlinks=(key(1),))
    return pages


def test_check_edit_accepts_a_correct_site_and_names_what_is_stale():
    previous, edit = Edit(20, 0, 7), Edit(20, 1, 7)
    assert previous.target != edit.target
    assert check_edit(_site(edit, stale=False).__getitem__, edit, previous) == []
    problems = check_edit(_site(edit, stale=True).__getitem__, edit, previous)
    assert problems == [f"{key(previous.target)}: stale backlink to {key(1)}"]
    blank = {u: "" for u in _site(edit, stale=False)}
    assert len(check_edit(blank.__getitem__, edit, None)) == 5


def test_splice_keeps_subsections_with_their_section(tmp_path: Path):
    out = tmp_path / "RESULTS.md"
    out.write_text(RESULTS + "\n## c. Serve\n\nserve figures\n", "utf-8")
    report = Report()
    report.add("## a. Cold build at N = 500 papers\n\nnew figures\n")
    report.add("### Where the extra time goes\n\nablation\n")
    splice(out, report)
    text = out.read_text("utf-8")
    assert text.index("new figures") < text.index("ablation") < text.index("## c. Serve")
    assert text.count("### Where the extra time goes") == 1


def test_splice_into_a_new_file_puts_the_summary_first(tmp_path: Path):
    out = tmp_path / "RESULTS.md"
    report = Report()
    report.add("## c. Serve\n\nserve figures\n")
    report.verdict("serve", "≤ 3 s", "2.00 s", True)
    splice(out, report)
    text = out.read_text("utf-8")
    assert text.index("## Summary") < text.index("| serve | ≤ 3 s | 2.00 s | met |")
    assert text.index("| serve |") < text.index("## c. Serve")


def test_the_serve_breakdown_takes_nested_events_out_and_accounts_for_every_second():
    from bench.serve import _breakdown_table
    from bench.serve_breakdown import _parts

    run = {
        "total": 10.0,
        "pages": 4.0,  # of which 1.0 in page events
        "events:page_markdown": 1.0,
        "theme": 3.0,  # of which 0.5 in page_context and 1.0 writing
        "events:page_context": 0.5,
        "writing": 1.0,
        "static files": 0.2,
        "events:files": 1.5,
        "theme templates": 1.2,
    }
    parts = _parts([run, {**run, "total": 12.0}, {**run, "total": 11.0}])
    assert parts["pages"] == 3.0 and parts["theme"] == 1.5 and parts["writing"] == 1.0
    assert parts["total"] == 11.0
    shown = ("pages", "theme", "writing", "static files", "events:page_markdown")
    listed = sum(parts[p] for p in (*shown, "events:page_context", "events:files", "other"))
    assert abs(listed - parts["total"]) < 1e-9  # nothing counted twice, nothing left out
    table = _breakdown_table(parts, served=12.5, edits=3)
    assert "| **rebuild, in one process** | **11.00** |" in table
    assert "answering | 1.50 |" in table
