from __future__ import annotations

import time

from paperguide.core.base.yaml_limits import MAX_EXPANDED_NODES
from paperguide.core.base.yamlsource import load_yaml


def test_positions_of_keys_and_values_are_one_based():
    doc = load_yaml("a: 1\nlist:\n  - x: 2\n    y: three\n", "f.yml")
    assert doc.diagnostics == []
    assert doc.locator.value_at(("list", 0, "y")) == (4, 8)
    assert doc.locator.key_at(("list", 0, "y")) == (4, 5)
    # A path that does not exist falls back to its nearest ancestor.
    assert doc.locator.value_at(("list", 0, "missing")) == (3, 5)


def test_duplicate_keys_are_reported_at_the_second_key():
    doc = load_yaml("title: a\nsummary: b\ntitle: c\n", "f.yml")
    [problem] = doc.diagnostics
    assert (problem.line, problem.column) == (3, 1)
    assert "duplicate key 'title'" in problem.message
    assert problem.field == "title"


def test_dates_stay_text_and_keys_stay_text():
    doc = load_yaml("when: 2023-04-05\non: yes\n", "f.yml")
    assert doc.data == {"when": "2023-04-05", "on": True}


def test_syntax_error_has_position_and_tab_hint():
    doc = load_yaml("key: x\nunknowns:\n\t- id: a\n", "n.yml")
    [problem] = doc.diagnostics
    assert problem.line == 3
    assert "YAML syntax error" in problem.message
    assert "tab" in (problem.hint or "")


def test_billion_laughs_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    # A guard against expansion (10^10 nodes would never finish), not a speed bar: the bound is
    # far above the milliseconds refusal takes, so a loaded CI machine cannot trip it.
    start = time.perf_counter()
    doc = load_yaml("\n".join(lines), "bomb.yml")
    assert time.perf_counter() - start < 10
    assert doc.data is None
    [problem] = doc.diagnostics
    assert f"{MAX_EXPANDED_NODES:,}" in problem.message


def test_self_referencing_alias_is_refused():
    doc = load_yaml("a: &a [1, *a]\n", "cycle.yml")
    assert doc.data is None
    assert "refers to itself" in doc.diagnostics[0].message


def test_moderate_aliases_are_fine():
    doc = load_yaml("base: &b {kind: blog}\nother: *b\n", "ok.yml")
    assert doc.diagnostics == []
    assert doc.data["other"] == {"kind": "blog"}


def test_deep_nesting_is_a_diagnostic_not_a_crash():
    text = "a: " + "[" * 200 + "]" * 200
    doc = load_yaml(text, "deep.yml")
    assert any("nested" in d.message for d in doc.diagnostics)


def test_line_offset_for_front_matter():
    doc = load_yaml("key: x\nbad: [\n", "n.md", line_offset=1)
    [problem] = doc.diagnostics
    assert problem.line is not None and problem.line >= 3


def test_aliases_are_expanded_only_in_a_document_that_has_some(monkeypatch):
    """Counting the values once aliases are expanded is needed only where a node is shared;
    a note without aliases (nearly all of them) is walked once."""
    from paperguide.core.base import yaml_limits

    walks: list[str] = []
    real = yaml_limits._expanded_size
    monkeypatch.setattr(yaml_limits, "_expanded_size", lambda node: walks.append("x") or real(node))
    assert load_yaml("key: a\nlist: [1, 2, {x: 3}]\n", "n.yml").diagnostics == []
    assert walks == []
    assert load_yaml("a: &v [1, 2]\nb: *v\n", "n.yml").diagnostics == []
    assert walks == ["x"]
