"""One mistake, one error, at its source (#12.2, #12.5).

Bad TeX in a note's prose is reported once, at the note's field, not at every page whose hover
cards show it; an unclosed brace in a formula is reported once; a misspelt required field gives
one "did you mean" line and nothing downstream (no missing embed, no MkDocs anchor warning).
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import MINIMAL_BIB, build_site, copy_example


def test_bad_tex_in_prose_and_an_unclosed_brace_are_each_reported_once_at_the_note(tmp_path):
    result = build_site(
        tmp_path,
        {
            "content/index.md": "# Home\n\nSee [@ma2019qhadam].\n",
            "content/other.md": "# Other\n\nSee [@ma2019qhadam] and [@kingma2015adam].\n",
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": (
                "key: ma2019qhadam\n"
                "summary: The rule $\\frac{a$ mixes.\n"
                "formulas:\n"
                "  - id: f\n"
                "    tex: \\frac{a\n"
            ),
        },
    )
    assert not result.ok
    warnings = sorted(result.warnings())
    assert len(warnings) == 2, "\n".join(warnings)
    assert warnings[0].startswith(
        "WARNING  paperguide: content/papers/ma2019qhadam.yml:2:10: bad TeX in inline math "
        "'\\frac{a'"
    )
    assert "(field summary)" in warnings[0]
    assert warnings[1].startswith(
        "WARNING  paperguide: content/papers/ma2019qhadam.yml:5:10: formula 'f' has malformed TeX"
    )


def test_a_misspelt_required_field_is_one_error_and_the_page_keeps_its_record(tmp_path: Path):
    root = copy_example(tmp_path / "site")
    note = root / "content/papers/kirillov2023segment.yml"
    text = note.read_text("utf-8")
    line = text[: text.index("    question:")].count("\n") + 1
    note.write_text(text.replace("    question:", "    questoin:", 1), "utf-8")

    result = build_site(root, config_file=root / "mkdocs.yml")

    assert not result.ok
    assert result.warnings() == [
        f"WARNING  paperguide: content/papers/kirillov2023segment.yml:{line}:5: unknown field "
        "'questoin' (field unknowns[0].questoin); did you mean 'question'?"
    ]
    # The unknown is still on its page, under its anchor, with the question it was given.
    callout = result.html("papers/kirillov2023segment/").select_one("#u-mae-pretraining")
    assert callout is not None
