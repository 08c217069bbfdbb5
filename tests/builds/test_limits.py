"""Issue #11, findings 5, 6 and 10: every input bound ends in one located diagnostic, in
``paperguide check`` and in a build alike, never a MemoryError, a hang or a wrong message."""

from __future__ import annotations

from paperguide.core.base.limits import (
    MAX_BIB_FILE_BYTES,
    MAX_BIB_VALUE_CHARS,
    MAX_LIST_ITEMS,
    MAX_TEX_CHARS,
    MAX_TEXT_FILE_BYTES,
)
from tests.clitools import make_site, run_cli, run_process
from tests.helpers import MINIMAL_BIB

GIB = 1024**3


def _string_bomb(levels: int = 40) -> str:
    lines = ["@string{m0 = {ab}}"]
    lines += [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, levels)]
    lines.append(f"@misc{{ma2019qhadam, title = m{levels - 1}, year = {{2019}}}}")
    return "\n".join(lines) + "\n"


def test_a_string_bomb_is_one_diagnostic_not_an_exhausted_machine(tmp_path):
    make_site(tmp_path, {"ma2019qhadam.yml": "key: ma2019qhadam\n"}, bib=_string_bomb())
    # Capped at 3 GiB and 120 s: before the bound, this took all 23 GB of RAM.
    done = run_process("check", cwd=tmp_path, max_memory=3 * GIB, timeout=120)
    assert "Traceback" not in done.err and "MemoryError" not in done.err, done.err[-2000:]
    assert done.code == 1
    problems = [line for line in done.out.splitlines() if "longer than" in line]
    assert len(problems) == 1, done.out
    assert problems[0].startswith("content/references.bib:")
    assert f"{MAX_BIB_VALUE_CHARS:,} characters" in problems[0]
    assert "@string 'm" in problems[0] and "write the value out" in problems[0]


def test_a_long_field_without_macros_is_bounded_too(tmp_path):
    title = "x" * (MAX_BIB_VALUE_CHARS + 1)
    bib = MINIMAL_BIB + f"@misc{{long, title = {{{title}}}, year = {{2020}}}}\n"
    make_site(tmp_path, bib=bib)
    done = run_cli("check", cwd=tmp_path)
    assert done.code == 1
    assert any("field 'title' is longer than" in line for line in done.lines), done.out


def test_a_formula_over_the_limit_is_located_and_not_typeset(tmp_path, site):
    tex = "x + " * (MAX_TEX_CHARS // 4) + "y"
    note = f"key: ma2019qhadam\nformulas:\n  - id: big\n    tex: '{tex}'\n"
    make_site(tmp_path / "check", {"ma2019qhadam.yml": note})
    done = run_cli("check", cwd=tmp_path / "check")
    assert done.code == 1
    assert done.lines == [
        f"content/papers/ma2019qhadam.yml:4:10: formula 'big' is {len(tex):,} characters long, "
        f"over the limit of {MAX_TEX_CHARS:,}; it is not typeset (field formulas[0].tex); "
        "split it into several formulas (typesetting time grows faster than its length)"
    ]
    result = site(
        {
            "content/index.md": f"# Home\n\n${tex}$\n",
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": note,
        },
        strict=False,
    )
    limit_lines = [w for w in result.warnings() if "over the limit" in w]
    # One per problem: the note's formula once (from the check), the page's math once.
    assert len(limit_lines) == 2, limit_lines
    assert any(w.startswith("WARNING  paperguide: content/index.md") for w in limit_lines)
    assert result.article("").select(".katex") == []


def test_files_over_the_size_limits_are_skipped_with_a_diagnostic(tmp_path):
    big_note = "key: ma2019qhadam\nsummary: |\n" + "  word\n" * (MAX_TEXT_FILE_BYTES // 7 + 1)
    big_bib = MINIMAL_BIB + "% padding\n" * (MAX_BIB_FILE_BYTES // 10 + 1)
    make_site(tmp_path, {"ma2019qhadam.yml": big_note}, bib=big_bib)
    done = run_cli("check", cwd=tmp_path)
    assert done.code == 1
    assert (
        "content/papers/ma2019qhadam.yml: the file is larger than the limit of 2.0 MB; it is "
        "skipped; split it into several files"
    ) in done.lines
    assert (
        "content/references.bib: the file is larger than the limit of 16.0 MB; it is skipped; "
        "split it into several files"
    ) in done.lines


def test_a_list_over_the_limit_is_named_for_what_it_is(tmp_path):
    # 210,000 plain tags used to be refused as an "alias bomb".
    tags = "  - a\n" * 210_000  # 1.3 MB: under the file size limit
    make_site(tmp_path, {"ma2019qhadam.yml": f"key: ma2019qhadam\ntags:\n{tags}"})
    done = run_cli("check", cwd=tmp_path)
    assert done.code == 1
    assert done.lines == [
        f"content/papers/ma2019qhadam.yml:3:3: refused to load the file: a list has 210,000 "
        f"items, over the limit of {MAX_LIST_ITEMS:,}; notes list tens of items, not "
        "thousands; is this file generated?"
    ]
