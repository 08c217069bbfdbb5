"""Helper processes on a cold build (``parallel``, adapter/prerender.py): pages they convert
reach MkDocs through the page cache, and the site, its warnings and its math are the same as
on one core.

Which pages MkDocs converted itself is counted by wrapping ``Page.render`` in this process (a
helper's conversions happen in its own copy of it), never by timing.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from paperguide.adapter import prerender
from tests.helpers import MINIMAL_BIB, build_site, site_digests

pytestmark = pytest.mark.slow

PAPERS = 30  # above MIN_PAGES, so the helpers start


def _site(formula: str = "a^2 + b^2") -> dict[str, str | bytes]:
    bib = [MINIMAL_BIB]
    files: dict[str, str | bytes] = {"content/index.md": "# Home\n\nSee [@paper00].\n"}
    for i in range(PAPERS):
        key = f"paper{i:02d}"
        bib.append(f"@article{{{key}, author={{Doe, Jane}}, title={{Paper {i}}}, year={{2020}}}}\n")
        cited = f"paper{(i + 1) % PAPERS:02d}"
        files[f"content/papers/{key}.yml"] = textwrap.dedent(f"""\
            key: {key}
            summary: Paper {i} builds on [@{cited}].
            formulas:
              - id: f
                title: Formula {i}
                tex: '{formula} + {i}'
                symbols:
                  - tex: a
                    meaning: a length
            """)
    files["content/references.bib"] = "".join(bib)
    return files


@pytest.fixture(autouse=True)
def two_cores(monkeypatch) -> None:
    """Tests run on any machine: a one-core runner still forks a helper."""
    monkeypatch.setattr(prerender, "usable_cores", lambda: 2)


@pytest.fixture
def helpers_first(monkeypatch) -> None:
    """MkDocs waits until the helpers have ended before it converts a page, so they take every
    page they can (without this, which pages they reach first depends on the machine)."""
    real = prerender.Prerender.start

    def start(self, plugin, config, files) -> None:
        real(self, plugin, config, files)
        self.finish()

    monkeypatch.setattr(prerender.Prerender, "start", start)


def _config(parallel: bool) -> dict:
    return {"plugins": ["search", {"paperguide": {"parallel": parallel}}]}


def test_helpers_convert_pages_and_the_site_is_the_same_as_on_one_core(
    tmp_path, renders, helpers_first
):
    one = build_site(tmp_path / "one", _site(), config=_config(False))
    assert one.ok, one.error or one.warnings()
    on_one_core = set(renders)
    renders.clear()
    many = build_site(tmp_path / "many", _site(), config=_config(True))
    assert many.ok, many.error or many.warnings()
    guides = {f"papers/paper{i:02d}.md" for i in range(PAPERS)}
    assert guides <= on_one_core
    # MkDocs converted none of the guide pages itself: the helpers did...
    assert not guides & set(renders)
    # ...and the site is byte for byte the one a single core builds.
    assert site_digests(many.site) == site_digests(one.site)


def test_a_warning_on_a_page_a_helper_met_is_shown_once(tmp_path, renders, helpers_first):
    files = _site()
    # The last paper, which a helper reaches first, links to a missing page.
    last = f"content/papers/paper{PAPERS - 1:02d}.yml"
    files[last] = str(files[last]).replace("summary: ", "summary: See [gone](../nowhere.md). ", 1)
    result = build_site(tmp_path, files, config=_config(True), strict=False)
    assert result.ok
    assert len([w for w in result.warnings() if "nowhere.md" in w]) == 1
    assert f"papers/paper{PAPERS - 1:02d}.md" in renders  # not stored: MkDocs converted it
    strict = build_site(tmp_path / "strict", files, config=_config(True))
    assert not strict.ok


@pytest.mark.parametrize("forget", [False, True])
def test_math_reaches_helpers_typeset_and_new_math_is_left_to_mkdocs(
    tmp_path, renders, helpers_first, monkeypatch, forget
):
    # A helper cannot use KaTeX's engine (V8 does not survive a fork). The notes' formulas
    # were typeset while the notes were checked, so it finds them in memory; with that memory
    # forgotten, it meets every formula as new and leaves those pages to MkDocs. The site is
    # that of a one-core build either way, and the math cache keeps the notes' formulas.
    if forget:
        real_help = prerender.Prerender._help

        def forgetful_help(self, plugin, *args) -> None:
            plugin.math.active._memory.clear()
            plugin.math.active.disk.entries.clear()
            real_help(self, plugin, *args)

        monkeypatch.setattr(prerender.Prerender, "_help", forgetful_help)
    files = _site(formula=r"\frac{a}{y}")
    # The helpers' build first: KaTeX's memory lives as long as the process, and a one-core
    # build before it would have typeset every formula the pages need.
    many = build_site(tmp_path / "many", files, config=_config(True))
    assert many.ok, many.error or many.warnings()
    converted_by_mkdocs = set(renders)
    one = build_site(tmp_path / "one", files, config=_config(False))
    assert one.ok, one.error or one.warnings()
    guides = {f"papers/paper{i:02d}.md" for i in range(PAPERS)}
    if forget:  # every guide page has a formula: MkDocs converted them all
        assert guides <= converted_by_mkdocs
    else:  # the formulas, symbols tagged, were typeset when the notes loaded
        assert not guides & converted_by_mkdocs
    assert site_digests(many.site) == site_digests(one.site)
    typeset = json.loads((tmp_path / "many/.cache/paperguide/katex.json").read_text("utf-8"))
    alone = json.loads((tmp_path / "one/.cache/paperguide/katex.json").read_text("utf-8"))
    assert len(typeset) >= PAPERS
    assert set(typeset) <= set(alone)


def test_racing_helpers_give_the_same_site(tmp_path, renders):
    """Without waiting: MkDocs and the helpers meet wherever the machine lets them."""
    one = build_site(tmp_path / "one", _site(), config=_config(False))
    many = build_site(tmp_path / "many", _site(), config=_config(True))
    assert one.ok and many.ok
    assert site_digests(many.site) == site_digests(one.site)
