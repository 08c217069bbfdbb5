from __future__ import annotations

import pytest

from paperguide.core.texmath.reader import TexSyntaxError, find_occurrences, parse

QHADAM = (
    r"\theta_{t+1} = \theta_t - \alpha \left[ \frac{(1 - \nu_1) g_t + \nu_1 g'_{t+1}}"
    r"{\sqrt{\hat{v}_{t+1}} + \epsilon} \right] + v_t"
)


def spans(formula: str, symbol: str) -> list[str]:
    return [formula[a:b] for a, b in find_occurrences(formula, symbol)]


def test_braces_do_not_matter():
    formula = r"\hat{x} = \frac{x - \mu_{\mathcal{B}}}{\sigma} + \mu_\mathcal{B}"
    assert spans(formula, r"\mu_\mathcal{B}") == [r"\mu_{\mathcal{B}}", r"\mu_\mathcal{B}"]
    assert spans(formula, r"\mu_{\mathcal{B}}") == spans(formula, r"\mu_\mathcal{B}")


def test_similar_symbols_are_told_apart():
    assert spans(QHADAM, "v_t") == ["v_t"]
    assert spans(QHADAM, r"\hat v_{t+1}") == [r"\hat{v}_{t+1}"]
    assert spans(QHADAM, "g'_{t+1}") == ["g'_{t+1}"]
    assert spans(QHADAM, r"\theta_t") == [r"\theta_t"]
    assert spans(QHADAM, "x") == []


def test_every_occurrence_is_found():
    assert spans(QHADAM, r"\nu_1") == [r"\nu_1", r"\nu_1"]


def test_script_order_does_not_matter():
    assert find_occurrences("x^2_i + y", "x_i^2") == [(0, 5)]


def test_unbalanced_braces_raise():
    with pytest.raises(TexSyntaxError):
        parse(r"\frac{a}{b")
    with pytest.raises(TexSyntaxError):
        parse("a}")
