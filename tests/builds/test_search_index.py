"""The site search sees each page without the parts it skips anyway, and indexes the same text.

See ``paperguide/adapter/search.py``: formulas' visual layer and citation cards are taken out of
``page.content`` while Material's search reads it. These tests check, with Material's own search
parser, that the index of every example page is unchanged by that, and that it really holds
each formula once and no card text.
"""

from __future__ import annotations

import json
import re

from material.plugins.search.plugin import Parser

from paperguide.adapter.search import without_excluded


def _index(html: str) -> list[tuple[str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [("".join(s.title), "".join(s.text)) for s in parser.data]


def test_the_index_is_the_same_without_the_excluded_parts(example_build):
    pages = sorted(example_build.site.rglob("index.html"))
    changed = 0
    for path in pages:
        article = example_build.html(str(path.parent.relative_to(example_build.site)) + "/")
        body = article.select_one("article")
        if body is None:
            continue
        html = body.decode_contents()
        lighter = without_excluded(html)
        assert _index(lighter) == _index(html), path
        changed += lighter != html
    assert changed >= 10  # formulas and citations are on many pages: the swap really did work


def test_the_built_index_has_no_formulas_and_no_cards(example_build):
    index = json.loads((example_build.site / "search/search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "pg-card" not in text and "No notes on this paper yet" not in text
    # Rendered formulas stay out; TeX quoted in a code example (the note-format guide shows a
    # check about nu_1 in YAML) is text like any other code.
    prose = re.sub(r"<pre>.*?</pre>", " ", text, flags=re.DOTALL)
    assert "\\nu_1" not in prose and "ν1" not in prose
    assert "moving average" in text  # the prose around the formulas is indexed


PAGE_WITH_MATH = {
    "content/references.bib": "",
    "content/index.md": "# Home\n\nEnergy $E = mc^2$ and more prose.\n",
}


def test_a_formula_page_keeps_its_formula_and_other_plugins_see_the_full_page(site):
    result = site(PAGE_WITH_MATH)
    assert result.ok, result.error
    assert result.warnings() == []
    page = result.html("")
    assert page.select_one("article pg-math.katex") is not None  # restored for the template


def test_a_plugin_that_rewrites_the_page_meanwhile_is_named_not_silently_undone(site, tmp_path):
    # A hook runs at the default priority, i.e. while the formulas are out of page.content.
    (tmp_path / "rewrite.py").write_text(
        "def on_page_context(context, page, **kwargs):\n"
        "    page.content += '<p>added by a hook</p>'\n"
        "    return context\n",
        "utf-8",
    )
    result = site(PAGE_WITH_MATH, config={"hooks": ["rewrite.py"]}, strict=False)
    assert result.ok, result.error
    assert any(
        "another plugin changed the page" in w and "index.md" in w for w in result.warnings()
    )
    assert result.html("").select_one("article pg-math.katex") is not None  # formulas kept
