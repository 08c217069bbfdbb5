"""Tagging explained symbols inside a formula: robust occurrences, valid TeX, real KaTeX output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from paperguide.core.texmath.katex import DIST_ENV, Katex
from paperguide.core.texmath.reader import TexSyntaxError
from paperguide.core.texmath.tagging import tag_symbols
from tests.helpers import REPO

QHADAM = (
    r"\theta_{t+1} = \theta_t - \alpha \left[ \frac{(1 - \nu_1)\, \nabla \hat{L}_t(\theta_t)"
    r" + \nu_1\, g'_{t+1}}{\sqrt{(1 - \nu_2) \left(\nabla \hat{L}_t(\theta_t)\right)^2"
    r" + \nu_2\, s'_{t+1}} + \epsilon} \right]"
)
QHADAM_SYMBOLS = [
    r"\theta_{t+1}",
    r"\theta_t",
    r"\alpha",
    r"\nu_1",
    r"\nabla \hat{L}_t(\theta_t)",
    "g'_{t+1}",
    r"\nu_2",
    "s'_{t+1}",
    r"\epsilon",
]


@pytest.fixture(scope="module")
def katex():
    engine = Katex(Path(os.environ.get(DIST_ENV) or REPO / "node_modules/katex/dist"))
    yield engine
    engine.close()


def occurrences(html: str, index: int) -> int:
    soup = BeautifulSoup(html, "html.parser")
    return len(soup.select(f".katex-html .pg-sym.pg-sym-{index}"))


def test_every_qhadam_symbol_is_tagged_where_it_occurs(katex):
    tagged = tag_symbols(QHADAM, QHADAM_SYMBOLS)
    # theta_t appears once alone and twice inside the gradient; nu_1 twice; the gradient twice.
    assert tagged.counts == (1, 3, 1, 2, 2, 1, 2, 1, 1)
    html = katex.render(tagged.tex, display=True)
    for index, count in enumerate(tagged.counts):
        assert occurrences(html, index) == count, QHADAM_SYMBOLS[index]


def test_mu_b_is_found_in_both_spellings_inside_a_frac(katex):
    formula = r"\hat{x}_i = \frac{x_i - \mu_{\mathcal{B}}}{\sqrt{\sigma_\mathcal{B}^2 + \epsilon}}"
    formula += r" + \mu_\mathcal{B}"
    tagged = tag_symbols(formula, [r"\mu_\mathcal{B}", r"\sigma_{\mathcal{B}}^2"])
    assert tagged.counts == (2, 1)
    html = katex.render(tagged.tex, display=True)
    assert occurrences(html, 0) == 2
    assert occurrences(html, 1) == 1


def test_hat_v_t_plus_1_is_not_v_t(katex):
    formula = r"\hat{v}_{t+1} = \frac{v_{t+1}}{1 - \beta_2^{t+1}}, \quad v_t \ne \hat v_{t+1}"
    tagged = tag_symbols(formula, [r"\hat v_{t+1}", "v_t", "v_{t+1}"])
    assert tagged.counts == (2, 1, 1)
    soup = BeautifulSoup(katex.render(tagged.tex, display=True), "html.parser")
    hat = soup.select(".pg-sym-0")
    assert len(hat) == 2 and all(el.select_one(".accent-body") for el in hat)
    assert soup.select_one(".pg-sym-1").select_one(".accent-body") is None


def test_script_order_and_braces_do_not_matter():
    assert tag_symbols("x^2_i + y", ["x_i^2"]).counts == (1,)
    assert tag_symbols("a_{b}", ["a_b"]).counts == (1,)


def test_tags_inside_scripts_stay_valid_tex(katex):
    tagged = tag_symbols(r"g'_{t+1} = \beta_1^{t+1} g_t", ["t", r"\beta_1"])
    assert tagged.counts == (3, 1)
    html = katex.render(tagged.tex, display=False)  # raises if the wrapping broke the TeX
    assert occurrences(html, 0) == 3


def test_nested_occurrences_nest(katex):
    tagged = tag_symbols(r"\nabla L(\theta_t)", [r"\nabla L(\theta_t)", r"\theta_t"])
    assert tagged.counts == (1, 1)
    soup = BeautifulSoup(katex.render(tagged.tex, display=False), "html.parser")
    outer = soup.select_one(".katex-html .pg-sym-0")
    assert outer.select_one(".pg-sym-1") is not None


def test_partly_overlapping_occurrences_are_left_alone():
    tagged = tag_symbols("a b c", ["a b", "b c"])
    assert tagged.counts == (1, 0)


def test_missing_and_malformed_symbols_count_zero():
    tagged = tag_symbols(r"x + y", ["z", r"\frac{a", "y"])
    assert tagged.counts == (0, 0, 1)


def test_a_malformed_formula_raises():
    with pytest.raises(TexSyntaxError):
        tag_symbols(r"\frac{a}{b", ["a"])


def test_untagged_text_is_kept_byte_for_byte():
    formula = r"a_{1}  +\quad b"
    assert tag_symbols(formula, []).tex == formula
    assert tag_symbols(formula, ["b"]).tex == r"a_{1}  +\quad {\htmlClass{pg-sym pg-sym-0}{b}}"
