"""Each author mistake fails the strict build with one line naming file, line and field."""

from __future__ import annotations

import pytest

from tests.helpers import MINIMAL_BIB

GOOD_NOTE = "key: ma2019qhadam\n"

CASES = {
    "unknown field": (
        {"content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nsumary: typo\n"},
        "content/papers/ma2019qhadam.yml:2:1: unknown field 'sumary' (field sumary); "
        "did you mean 'summary'?",
    ),
    "wrong enum": (
        {"content/papers/ma2019qhadam.yml": "key: ma2019qhadam\ngoal: everything\n"},
        "content/papers/ma2019qhadam.yml:2:7: 'everything' is not an allowed value (field goal);"
        " expected one of: gist, reproduce",
    ),
    "key missing from bibliography": (
        {"content/papers/vaswani2017.yml": "key: vaswani2017\n"},
        "content/papers/vaswani2017.yml:1:6: the key 'vaswani2017' is not in the bibliography "
        "(field key)",
    ),
    "duplicate ids": (
        {"content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nfigures:\n  - id: a\n  - id: a\n"},
        "content/papers/ma2019qhadam.yml:4:9: duplicate figure id 'a' (field figures[1].id)",
    ),
    "id that is not a slug": (
        {"content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nfigures:\n  - id: ../x\n"},
        "content/papers/ma2019qhadam.yml:3:9: '../x' is not a valid id (field figures[0].id)",
    ),
    "resolved without answer": (
        {
            "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nunknowns:\n  - id: a\n"
            "    category: wrong\n    question: q\n    status: resolved\n"
        },
        "content/papers/ma2019qhadam.yml:6:13: unknown 'a' is resolved but has no answer "
        "(field unknowns[0].status)",
    ),
    "symbol not in the formula": (
        {
            "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nformulas:\n  - id: f\n"
            "    tex: a + b\n    symbols:\n      - tex: c\n        meaning: m\n"
        },
        "content/papers/ma2019qhadam.yml:6:14: symbol 'c' does not occur in formula 'f' "
        "(field formulas[0].symbols[0].tex)",
    ),
    "status ahead of content": (
        {"content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nstatus: third-pass\n"},
        "content/papers/ma2019qhadam.yml:2:9: status 'third-pass' is ahead of what the note "
        "contains",
    ),
    "YAML syntax error": (
        {"content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nsummary: [unclosed\n"},
        "content/papers/ma2019qhadam.yml:2:10: YAML syntax error: the '[' here is never closed",
    ),
    "duplicate BibTeX key": (
        {"content/references.bib": MINIMAL_BIB + "\n@misc{ma2019qhadam, title={again}}\n"},
        "content/references.bib:14:1: duplicate key 'ma2019qhadam' (first defined on line 1)",
    ),
    "BibTeX parse error": (
        {"content/references.bib": MINIMAL_BIB + "\n@misc{broken, title={x}\n@misc{z, a={b}}\n"},
        "content/references.bib:14:1: cannot parse this entry",
    ),
    "BibTeX undefined macro": (
        {"content/references.bib": MINIMAL_BIB + "\n@misc{z,\n  journal = nowhere\n}\n"},
        "content/references.bib:15:3: undefined macro 'nowhere' (field journal)",
    ),
    "embed of a missing formula": (
        {"content/index.md": "# Home\n\n/// formula | ma2019qhadam#nope\n///\n"},
        "content/index.md: '/// formula | ma2019qhadam#nope': the note 'ma2019qhadam' has no "
        "formula 'nope'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_mistake_fails_strict_build_with_a_located_message(site, case):
    files, expected = CASES[case]
    base = {
        "content/index.md": "# Home\n",
        "content/references.bib": MINIMAL_BIB,
        "content/papers/ma2019qhadam.yml": GOOD_NOTE,
    }
    result = site({**base, **files})
    assert not result.ok
    assert "Aborted with" in (result.error or "")
    warnings = result.warnings()
    matching = [w for w in warnings if expected in w]
    assert matching, "\n".join(warnings)
    assert matching[0].startswith("WARNING  paperguide: ")
    # One line per problem: no traceback, no multi-line message.
    assert all("\n" not in w and "Traceback" not in w for w in warnings)


def test_all_problems_in_one_build(site):
    result = site(
        {
            "content/index.md": "# Home\n",
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nsumary: x\ngoal: nope\n",
            "content/papers/kingma2015adam.yml": "key: kingma2015adam\nfigures:\n  - id: A B\n",
        }
    )
    assert not result.ok
    joined = "\n".join(result.warnings())
    for needle in ("sumary", "'nope'", "'A B' is not a valid id"):
        assert needle in joined


def test_without_strict_the_site_still_builds_with_the_good_parts(site):
    result = site(
        {
            "content/index.md": "# Home\n",
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nsummary: Fine.\ngoal: nope\n",
            "content/papers/kingma2015adam.yml": "key: [broken\n",
        },
        strict=False,
    )
    assert result.ok
    assert result.warnings()
    assert (result.site / "papers/ma2019qhadam/index.html").exists()
    # The note that cannot be loaded gets a page listing its problems instead of a guide (#12).
    heading = result.article("papers/kingma2015adam/").select_one("h1").get_text()
    assert heading == "kingma2015adam: this note cannot be loaded"
