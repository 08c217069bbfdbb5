"""paperguide reads the .bib files Debian ships as biber (the reference) does: people and years.

Every .bib file of texlive-base and texlive-bibtex-extra is read by ``biber --tool`` and by
paperguide (``parse_bib_text`` + ``assemble``); people (author, editor: family, given, prefix,
suffix), years and titles are compared entry by entry (see compare.py, normalise.py). At least
99.5 % of people and of years must agree, not counting the differences reviewed and listed with a
reason in allowed_differences.yml. Titles are reported, not asserted: biber leaves most LaTeX in
them, so their comparison form is rougher. The report is printed in the terminal summary and
written, with every difference as TSV, to pytest's temporary folder.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from .biber import BIB_ROOT, read_biblatexml
from .compare import compare_file, load_allowed, overall, paperguide_entries
from .conftest import REPORT
from .report import format_report, write_differences

THRESHOLD = 99.5
ALLOWED = Path(__file__).with_name("allowed_differences.yml")


def test_allow_list_is_well_formed():
    """Each allowed difference names a Debian file, an entry, a field, both values and a reason."""
    for item in load_allowed(ALLOWED):
        assert item.field == "entry" or item.field in ("year", "title") or "[" in item.field
        assert not Path(item.file).is_absolute() and item.file.endswith(".bib"), item


def test_paperguide_reads_like_biber(biber_outputs, request, tmp_path_factory):
    texts, xml, biber_seconds = biber_outputs
    start = time.perf_counter()
    allowed = {a.ident() for a in load_allowed(ALLOWED)}
    results = []
    for path, text in texts.items():
        name = path.relative_to(BIB_ROOT).as_posix()
        reference = read_biblatexml(xml[path])
        results.append(
            compare_file(name, len(text.encode()), reference, paperguide_entries(text, name))
        )
    rates = overall(results, allowed)
    seconds = biber_seconds + time.perf_counter() - start
    report = format_report(results, allowed, rates, THRESHOLD, seconds)
    folder = tmp_path_factory.mktemp("biber-conformance-report")
    (folder / "report.txt").write_text(report + "\n", "utf-8")
    every = [d for r in results for d in r.differences]
    write_differences(folder / "differences.tsv", every, allowed)
    request.config.stash[REPORT] = f"{report}\n(report and all differences in {folder})"
    print(report)

    present = {d[:3] for d in (d.ident() for d in every)}
    stale = [a for a in load_allowed(ALLOWED) if a.ident()[:3] not in present]
    assert not stale, f"allowed differences that no longer occur (remove them): {stale}"
    failing = {c: r for c, r in rates.items() if c in ("people", "years") and r < THRESHOLD}
    if failing:
        pytest.fail(
            "paperguide disagrees with biber on more than "
            f"{100 - THRESHOLD:.1f}% of "
            + " and ".join(f"{c} ({r:.2f}% agree)" for c, r in failing.items())
            + f"\n{report}",
            pytrace=False,
        )
