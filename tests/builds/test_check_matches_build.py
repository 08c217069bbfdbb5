"""``paperguide check`` reports exactly what a strict build reports (#12.3).

A copy of the example site gets one mistake of every kind the build finds: in notes (fields,
prose TeX), the tracker, a concept's front matter, the bibliography, and Markdown pages
(a missing citation key, a missing embed, bad TeX). ``check`` and ``mkdocs build --strict``
must list the same problems, line for line (file, line, column, message, field, hint).
"""

from __future__ import annotations

from pathlib import Path

from paperguide.commands.check import collect
from paperguide.core.base.diagnostics import Severity
from paperguide.core.site.mkdocs_yml import load_site_config
from tests.helpers import build_site, copy_example

PREFIX = "WARNING  paperguide: "


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / "content" / name
    text = path.read_text("utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _append(root: Path, name: str, text: str) -> None:
    path = root / "content" / name
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def _break(root: Path) -> None:
    # Pages: a key not in the bibliography, an embed of a missing formula, bad TeX.
    _append(root, "guides/studying-math.md", "\nAs in [@ioffe2015batchnorm].\n")
    _append(root, "sam/task.md", "\n/// formula | kirillov2023segment#no-such-formula\n///\n")
    _append(root, "sam/limitations.md", "\nThe loss $\\frac{1}{2$ again.\n")
    # A self-check without an answer, on a page.
    _append(root, "sam/training.md", "\n/// check\nWhy twenty to one?\n///\n")
    # A note: a misspelt field, bad TeX in prose.
    _edit(root, "papers/kirillov2023segment.yml", "    question:", "    questoin:")
    _edit(
        root,
        "papers/kirillov2023segment.yml",
        "  SAM recasts segmentation",
        "  With $\\fracc{a}{b}$, SAM recasts segmentation",
    )
    # The tracker, a concept's front matter, the bibliography.
    # A self-check about a formula the note does not have.
    _edit(root, "papers/kirillov2023segment.yml", "about: min-over-masks", "about: min-over-mask")
    _edit(root, "tracker.yml", "status: green", "status: orange")
    _edit(root, "concepts/focal-loss.md", "aliases: [FL]", "aliases: [FL]\nsumary: typo")
    _append(root, "references.bib", "\n@misc{ma2019qhadam, title={again}}\n")


def test_check_and_a_strict_build_report_the_same_problems(tmp_path):
    root = copy_example(tmp_path / "site")
    _break(root)

    site = load_site_config(root / "mkdocs.yml")
    _, found = collect(site)
    checked = {d.format() for d in found if d.severity >= Severity.WARNING}

    result = build_site(root, config_file=root / "mkdocs.yml")
    assert not result.ok
    built = {w.removeprefix(PREFIX) for w in result.warnings() if w.startswith(PREFIX)}
    others = [w for w in result.warnings() if not w.startswith(PREFIX)]

    assert checked == built, (sorted(checked - built), sorted(built - checked))
    # One error per mistake: ten mistakes, ten lines, and MkDocs adds nothing of its own.
    assert len(built) == 10, "\n".join(sorted(built))
    assert others == []
    page_citation = next(d for d in built if "ioffe2015batchnorm" in d)
    assert page_citation.startswith("content/guides/studying-math.md:")
    assert "did you mean 'ioffe2015batch'?" in page_citation
    about = next(d for d in built if "min-over-mask'" in d)
    assert "(field checks[0].about)" in about and "did you mean 'min-over-masks'?" in about
    assert next(d for d in built if "'/// check' has no answer" in d).startswith(
        "content/sam/training.md"
    )
    prose_tex = next(d for d in built if "fracc" in d)
    assert prose_tex.startswith("content/papers/kirillov2023segment.yml:10:10: ")
