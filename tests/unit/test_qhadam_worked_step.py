"""The QHAdam note's step by hand, recomputed.

The note's body has a section "One QHAdam step by hand" with two Markdown tables: the setting
(hyperparameters, starting point, gradients) and the step, one row per intermediate quantity
with its value as printed. This test reads both tables from the note, recomputes every quantity
with its own small QHAdam (written after qhoptim's `QHAdam.step`, which keeps its moving
averages already bias-corrected through a running weight), cross-checks that against the
paper's form (raw averages divided by 1 - beta^(t+1)), and requires each printed value to equal
the computed one rounded to the digits printed. A wrong digit anywhere in the tables, or a
decimal number in the section's prose that is not one of the checked values, fails it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest

from paperguide.core.notes.loading import load_note
from tests.helpers import REPO

NOTE = REPO / "content" / "papers" / "ma2019qhadam.md"
SECTION = "### One QHAdam step by hand"

# The setting table's rows, by the TeX in their first cell.
SETTING_KEYS = {
    r"$\alpha$": "alpha",
    r"$\beta_1$": "beta1",
    r"$\beta_2$": "beta2",
    r"$\nu_1$": "nu1",
    r"$\nu_2$": "nu2",
    r"$\epsilon$": "eps",
    r"$\theta_0$": "theta0",
    r"$\nabla \hat{L}_0(\theta_0)$": "grad0",
    r"$\nabla \hat{L}_1(\theta_1)$": "grad1",
}


@dataclass
class Row:
    quantity: str  # the first cell, as written (TeX)
    value: str  # the last cell, as printed


def _section(body: str) -> str:
    start = body.index(SECTION)
    rest = body[start + len(SECTION) :]
    end = re.search(r"^#{1,3} ", rest, flags=re.MULTILINE)
    return rest[: end.start()] if end else rest


def _tables(section: str) -> list[list[Row]]:
    """Every Markdown table in the section, header and rule dropped."""
    tables: list[list[Row]] = []
    current: list[list[str]] = []
    for line in [*section.splitlines(), ""]:
        if line.startswith("|"):
            current.append([cell.strip() for cell in line.strip().strip("|").split("|")])
            continue
        if current:
            tables.append([Row(cells[0], cells[-1]) for cells in current[2:]])
            current = []
    return tables


def _number(text: str) -> float:
    """A printed value: a decimal, or a power of ten written as $10^{-8}$."""
    power = re.fullmatch(r"\$10\^\{(-?\d+)\}\$", text)
    if power:
        return 10.0 ** int(power[1])
    return float(text)


def _matches(printed: str, computed: float) -> bool:
    """Does ``printed`` equal ``computed`` rounded to the decimal places printed?"""
    if printed.startswith("$10^"):
        return math.isclose(_number(printed), computed, rel_tol=1e-12)
    places = -Decimal(printed).as_tuple().exponent
    return f"{computed:.{places}f}" == printed


class QHAdamLikeQhoptim:
    """One scalar parameter, updated the way qhoptim's PyTorch `QHAdam.step` does it: a running
    weight w <- 1 + beta * w turns the decay into 1 - 1/w, so the buffers hold the
    bias-corrected averages directly."""

    def __init__(self, alpha, beta1, beta2, nu1, nu2, eps, theta):
        self.alpha, self.beta1, self.beta2 = alpha, beta1, beta2
        self.nu1, self.nu2, self.eps, self.theta = nu1, nu2, eps, theta
        self.w1 = self.w2 = 0.0
        self.avg = self.avg_sq = 0.0

    def step(self, grad: float) -> dict[str, float]:
        self.w1 = 1.0 + self.beta1 * self.w1
        self.w2 = 1.0 + self.beta2 * self.w2
        keep1, keep2 = 1.0 - 1.0 / self.w1, 1.0 - 1.0 / self.w2
        self.avg = keep1 * self.avg + (1.0 - keep1) * grad
        self.avg_sq = keep2 * self.avg_sq + (1.0 - keep2) * grad * grad
        numerator = self.nu1 * self.avg + (1.0 - self.nu1) * grad
        root = math.sqrt(self.nu2 * self.avg_sq + (1.0 - self.nu2) * grad * grad)
        denominator = root + self.eps
        step = self.alpha * numerator / denominator
        self.theta -= step
        return {
            "g_corrected": self.avg,
            "s_corrected": self.avg_sq,
            "numerator": numerator,
            "root": root,
            "ratio": numerator / denominator,
            "step": step,
            "theta": self.theta,
        }


def _paper_form(s: dict[str, float]) -> list[dict[str, float]]:
    """Both steps as the paper writes them: raw averages from zero, then divided by the weight
    1 - beta^(t+1) they have accumulated."""
    g = sq = 0.0
    theta = s["theta0"]
    out = []
    for t, grad in enumerate((s["grad0"], s["grad1"])):
        g = s["beta1"] * g + (1 - s["beta1"]) * grad
        sq = s["beta2"] * sq + (1 - s["beta2"]) * grad**2
        g_c = g / (1 - s["beta1"] ** (t + 1))
        s_c = sq / (1 - s["beta2"] ** (t + 1))
        num = (1 - s["nu1"]) * grad + s["nu1"] * g_c
        root = math.sqrt((1 - s["nu2"]) * grad**2 + s["nu2"] * s_c)
        theta -= s["alpha"] * num / (root + s["eps"])
        out.append({"g": g, "s": sq, "g_corrected": g_c, "s_corrected": s_c, "theta": theta})
    return out


@pytest.fixture(scope="module")
def worked():
    note = load_note(NOTE, "ma2019qhadam.md", "papers/ma2019qhadam.md").note
    assert note is not None and note.body
    assert SECTION in note.body, "the note has no step worked by hand"
    section = _section(note.body)
    tables = _tables(section)
    assert len(tables) == 2, "expected a setting table and a step table"
    setting_rows, step_rows = tables
    setting = {SETTING_KEYS[row.quantity]: _number(row.value) for row in setting_rows}
    assert set(setting) == set(SETTING_KEYS.values()), setting
    return section, setting, step_rows


def _expected(setting: dict[str, float]) -> dict[str, float]:
    """Every quantity the step table prints, keyed by the TeX of its first cell."""
    opt = QHAdamLikeQhoptim(
        setting["alpha"],
        setting["beta1"],
        setting["beta2"],
        setting["nu1"],
        setting["nu2"],
        setting["eps"],
        setting["theta0"],
    )
    first = opt.step(setting["grad0"])
    second = opt.step(setting["grad1"])
    paper = _paper_form(setting)
    for ours, theirs in zip((first, second), paper, strict=True):
        for name in ("g_corrected", "s_corrected", "theta"):
            assert math.isclose(ours[name], theirs[name], rel_tol=1e-12), name
    return {
        r"$g_1$": paper[0]["g"],
        r"$g'_1$": first["g_corrected"],
        r"$s_1$": paper[0]["s"],
        r"$s'_1$": first["s_corrected"],
        r"$\theta_1$": first["theta"],
        r"$g_2$": paper[1]["g"],
        r"$1 - \beta_1^2$": 1 - setting["beta1"] ** 2,
        r"$g'_2$": second["g_corrected"],
        r"$s_2$": paper[1]["s"],
        r"$1 - \beta_2^2$": 1 - setting["beta2"] ** 2,
        r"$s'_2$": second["s_corrected"],
        "numerator": second["numerator"],
        "square root": second["root"],
        "numerator / denominator": second["ratio"],
        r"step $\alpha \cdot$ ratio": second["step"],
        r"$\theta_2$": second["theta"],
    }


def test_every_printed_intermediate_matches_the_formula(worked):
    _, setting, step_rows = worked
    expected = _expected(setting)
    printed = {row.quantity: row.value for row in step_rows}
    assert set(printed) == set(expected), sorted(set(printed) ^ set(expected))
    wrong = {
        q: (printed[q], expected[q]) for q in expected if not _matches(printed[q], expected[q])
    }
    assert not wrong, wrong


def test_the_prose_prints_no_number_the_tables_do_not_check(worked):
    section, _, step_rows = worked
    setting_rows = _tables(section)[0]
    checked = {row.value for row in [*setting_rows, *step_rows]}
    prose = "\n".join(line for line in section.splitlines() if not line.startswith("|"))
    stray = [n for n in re.findall(r"\d+\.\d+", prose) if n not in checked]
    assert not stray, stray


def test_a_wrong_digit_is_caught(worked):
    """The comparison is tight: one unit in the last printed place is a failure."""
    _, setting, step_rows = worked
    expected = _expected(setting)
    for row in step_rows:
        if row.value.startswith("$"):
            continue
        places = -Decimal(row.value).as_tuple().exponent
        nudged = f"{Decimal(row.value) + Decimal(1).scaleb(-places):.{places}f}"
        assert not _matches(nudged, expected[row.quantity]), row
