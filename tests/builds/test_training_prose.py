"""``method.training`` takes prose, like ``data`` and ``architecture``, or the mapping (#12.6)."""

from __future__ import annotations

from tests.helpers import MINIMAL_BIB, build_site


def _note(training: str) -> dict[str, str]:
    return {
        "content/index.md": "# Home\n",
        "content/references.bib": MINIMAL_BIB,
        "content/papers/ma2019qhadam.yml": (
            "key: ma2019qhadam\nmethod:\n  data: Benchmarks.\n" + training
        ),
    }


def test_training_as_prose_builds_strict_and_renders_under_its_heading(tmp_path):
    result = build_site(
        tmp_path,
        _note("  training: SGD with momentum 0.9, cited from [@kingma2015adam].\n"),
    )
    assert result.ok, "\n".join(result.warnings()) or result.error
    page = result.html("papers/ma2019qhadam/")
    heading = page.select_one("#method-training")
    assert heading is not None and heading.get_text(strip=True).startswith("Training")
    # On the guide page the subsection is a fold whose summary is its heading (mdx/folds.py).
    fold = heading.find_parent("details")
    assert fold is not None and heading.parent is fold.summary
    paragraph = fold.summary.find_next_sibling("p")
    assert paragraph is not None
    assert "SGD with momentum 0.9" in paragraph.get_text()
    # Prose is Markdown like every other prose field: the citation is a link.
    assert paragraph.select_one("a[href]") is not None
    # No sub-headings of the mapping form are invented for prose.
    assert page.select_one("#method-training-optimizer") is None


def test_training_as_a_mapping_still_renders_each_part(tmp_path):
    result = build_site(tmp_path, _note("  training:\n    optimizer: Adam.\n    losses: L2.\n"))
    assert result.ok, "\n".join(result.warnings()) or result.error
    page = result.html("papers/ma2019qhadam/")
    assert page.select_one("#method-training-optimizer") is not None
    assert page.select_one("#method-training-losses") is not None


def test_training_of_another_type_names_both_accepted_forms(tmp_path):
    result = build_site(tmp_path, _note("  training: [a, b]\n"))
    assert not result.ok
    (warning,) = result.warnings()
    assert "content/papers/ma2019qhadam.yml:4:13: expected text or a mapping of fields" in warning
    assert "method.training" in warning
