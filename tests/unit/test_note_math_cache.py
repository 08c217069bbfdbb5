"""A note's TeX check is kept on disk: a later build (a fresh process) with the same note and
KaTeX does not parse and typeset it again, and gets the same problems back."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperguide.core.library.loading import load_library
from paperguide.core.site.settings import Settings
from paperguide.core.texmath.katex import Katex, find_dist
from paperguide.mdx.note_math import NoteMathChecker
from tests.helpers import MINIMAL_BIB, QHADAM_UPDATE_NOTE

#: The shared QHAdam note with a summary: one sound formula, one bad inline formula.
NOTE = QHADAM_UPDATE_NOTE.replace(
    "key: ma2019qhadam\n",
    "key: ma2019qhadam\nsummary: Momentum $\\beta$ and a mistake $\\notacommand{x}$.\n",
)


@pytest.fixture
def katex():
    engine = Katex(find_dist(Path.cwd()))
    yield engine
    engine.close()


def _note(tmp_path: Path, text: str):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True, exist_ok=True)
    (content / "references.bib").write_text(MINIMAL_BIB)
    (content / "papers" / "ma2019qhadam.yml").write_text(text)
    return load_library(Settings(content, tmp_path)).notes["ma2019qhadam"]


def _counting(katex, monkeypatch) -> list[str]:
    typeset: list[str] = []
    real = katex.render

    def render(tex, *, display):
        typeset.append(tex)
        return real(tex, display=display)

    monkeypatch.setattr(katex, "render", render)
    return typeset


def test_a_checked_note_is_not_typeset_again_by_a_later_build(tmp_path, katex, monkeypatch):
    cache = tmp_path / "cache"
    note = _note(tmp_path, NOTE)
    first = NoteMathChecker(katex, cache)(note)
    problems, failed = first
    assert [p.field for p in problems] == ["summary"] and failed == ["\\notacommand{x}"]
    typeset = _counting(katex, monkeypatch)
    assert NoteMathChecker(katex, cache)(note) == first
    assert typeset == []
    # An edited note is checked again.
    edited = _note(tmp_path, NOTE.replace("g_t", "m_t"))
    NoteMathChecker(katex, cache)(edited)
    assert "\\theta_{t+1} = \\theta_t - \\alpha m_t" in typeset


def test_without_a_cache_folder_every_check_typesets(tmp_path, katex, monkeypatch):
    note = _note(tmp_path, NOTE)
    NoteMathChecker(katex)(note)
    typeset = _counting(katex, monkeypatch)
    NoteMathChecker(katex)(note)
    assert typeset
