"""YAML syntax errors in plain words, at the line to fix, with the likely fix (#12.4).

PyYAML's own words ("expected <block end>, but found '?'", "mapping values are not allowed
here") describe its parser, not the author's line; these cases are the usual mistakes in notes.
"""

from __future__ import annotations

import pytest

from paperguide.core.base.yamlsource import load_yaml

CASES = {
    "list item without its dash": (
        "key: a\nunknowns:\n  - id: a\n    question: q\n  id: b\n    question: r\n",
        (5, 3),
        "this line is at the indentation of the list's items but does not start with '- '",
        "write '- ' before it",
    ),
    "scalar item without its dash": (
        "key: a\ntags:\n  - a\n  b\n",
        (4, 3),
        "'b' is neither a field ('name: value') nor a list item ('- value')",
        "start it with '- '",
    ),
    "unquoted colon in a value": (
        "key: a\nsummary: Note: this matters\n",
        (2, 14),
        "the value of 'summary' contains ': ', which YAML reads as the start of another field",
        "put the whole value in quotes (summary: \"...: ...\"), or write 'summary: |'",
    ),
    "field indented too far": (
        "key: a\nunknowns:\n  - id: a\n      question: q\n",
        (4, 7),
        "'question:' is indented more than the field above it, so YAML reads it as more text "
        "of that field's value, not as a field",
        "indent it with 4 spaces like the field above",
    ),
    "field indented too little": (
        "key: a\nunknowns:\n  - id: a\n    question: q\n   category: x\n",
        (5, 4),
        "this line is indented 3 spaces, which does not line up with the fields of the list "
        "item above",
        "the item's fields start 4 spaces in",
    ),
    "unclosed bracket": (
        "key: a\nsummary: [unclosed\n",
        (2, 10),
        "the '[' here is never closed with ']'",
        "put the value in quotes",
    ),
    "unclosed quote": (
        'key: a\nsummary: "unclosed\n',
        (2, 10),
        "the quote that starts here is never closed",
        "end the value with the same quote character",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_syntax_error_says_what_is_wrong_with_the_line_and_how_to_fix_it(case):
    text, (line, column), message, hint = CASES[case]
    doc = load_yaml(text, "content/papers/a.yml", line_offset=0)
    (problem,) = doc.diagnostics
    assert (problem.line, problem.column) == (line, column)
    assert problem.message == f"YAML syntax error: {message}"
    assert hint in (problem.hint or "")
    assert "expected <" not in problem.format() and "indicator" not in problem.format()


def test_front_matter_lines_are_counted_from_the_top_of_the_file():
    doc = load_yaml("key: a\nsummary: Note: this\n", "content/papers/a.md", line_offset=1)
    (problem,) = doc.diagnostics
    assert problem.line == 3
