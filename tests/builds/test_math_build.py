"""Real strict builds: math is typeset at build time, KaTeX's CSS and fonts ship with the site,
and bad TeX fails the build naming the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers import MINIMAL_BIB, build_site

pytestmark = pytest.mark.slow

NOTE = """\
key: ma2019qhadam
summary: Adam with two mixing weights, $\\nu_1$ and $\\nu_2$.
code:
  repo: facebookresearch/qhoptim
  commit: e81dea3f2765780cf4fbb90b87b22ba7604b8625
  map:
    - id: step
      part: The update
      path: qhoptim/pyt/qhadam.py
      lines: 136-147
formulas:
  - id: update
    title: Update
    tex: \\theta_{t+1} = \\theta_t - \\alpha \\frac{g'_{t+1}}{\\sqrt{s'_{t+1}} + \\epsilon}
    symbols:
      - tex: \\alpha
        meaning: learning rate
      - tex: g'_{t+1}
        meaning: momentum
    cases:
      - when: $\\alpha = 0$
        becomes: nothing moves, $\\theta_{t+1} = \\theta_t$.
    code: step
"""

PAGE = """\
# Math

Inline $e^{i\\pi} = -1$ and \\(x < y\\).

$$
\\int_0^1 x\\,dx = \\tfrac{1}{2}
$$

/// formula | ma2019qhadam#update
///
"""


def note_site(site, note: str = NOTE, page: str = PAGE):
    """A site with ``note`` as the QHAdam note and ``page`` as its home page."""
    return site(
        {
            "content/index.md": page,
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": note,
        }
    )


def good_site(site):
    return note_site(site)


def visible_text(article) -> str:
    """Text a reader sees: KaTeX's hidden MathML (with its TeX annotation) left out."""
    for hidden in article.select(".katex-mathml"):
        hidden.decompose()
    return article.get_text(" ")


def test_math_is_typeset_at_build_time(site):
    result = good_site(site)
    assert result.ok, result.warnings()
    assert result.warnings() == []
    for url in ("", "papers/ma2019qhadam/"):
        article = result.article(url)
        assert article.select(".katex"), url
        text = visible_text(article)
        for raw in ("\\(", "\\)", "\\[", "$$", "\\frac", "\\theta"):
            assert raw not in text, (url, raw)
        # No math JavaScript at all: no script types for math, no MathJax/KaTeX scripts.
        html = result.html(url)
        for script in html.find_all("script"):
            assert "math/tex" not in (script.get("type") or "")
            assert not re.search(r"katex|mathjax", script.get("src") or "", re.I)
    home = result.article("")
    assert len(home.select("div.arithmatex > .katex-display")) >= 1
    assert len(home.select(".pg-formula .pg-formula-math .pg-sym-0")) == 1
    assert (
        home.select_one(".pg-formula .pg-code-link a")["href"] == "papers/ma2019qhadam/#code-step"
    )


def test_math_in_a_card_is_typeset_on_a_page_without_math_of_its_own(site):
    result = note_site(site, page="# Plain\n\nNo formulas here, only [@ma2019qhadam].\n")
    assert result.ok, result.warnings()
    summary = result.article("").select_one("pg-card .pg-card__summary")
    assert summary is not None and summary.select(".katex")
    assert "\\nu" not in visible_text(summary)


def test_katex_css_and_fonts_are_served_from_the_site(site):
    result = good_site(site)
    assert result.ok
    page = result.html("papers/ma2019qhadam/")
    links = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    katex_css = [href for href in links if href.endswith("katex.min.css")]
    assert katex_css == ["../../assets/katex/katex.min.css"]  # relative, not a CDN
    assert all(not href.startswith(("http:", "https:", "//")) for href in links)
    css_file = result.site / "assets/katex/katex.min.css"
    css = css_file.read_text("utf-8")
    fonts = re.findall(r"url\(([^)]+)\)", css)
    assert len(fonts) == 20
    for font in fonts:
        assert font.endswith(".woff2")
        assert (css_file.parent / font).is_file(), font
    assert {p.suffix for p in (result.site / "assets/katex/fonts").iterdir()} == {".woff2"}


def test_formulas_js_is_linked_and_small(site):
    result = good_site(site)
    page = result.html("papers/ma2019qhadam/")
    scripts = [s.get("src") for s in page.find_all("script") if s.get("src")]
    assert "../../assets/paperguide/formulas.js" in scripts
    assert (result.site / "assets/paperguide/formulas.js").stat().st_size <= 3 * 1024


def test_bad_tex_on_a_page_fails_naming_the_page(site):
    result = site(
        {
            "content/index.md": "# Home\n",
            "content/notes/bad.md": "# Bad\n\nThis $\\frac{1}{$ breaks.\n",
            "content/references.bib": MINIMAL_BIB,
        }
    )
    assert not result.ok
    [problem] = result.warnings()
    assert "content/notes/bad.md: bad TeX in inline math" in problem
    assert "KaTeX parse error" in problem


def test_bad_tex_in_note_prose_names_the_note_even_when_embedded(site):
    note = NOTE.replace("learning rate", "learning rate $\\rate$")
    result = note_site(site, note)
    assert not result.ok
    problems = result.warnings()
    assert problems, result.error
    assert all("content/papers/ma2019qhadam.yml" in p for p in problems), problems
    assert any("\\rate" in p for p in problems)


def test_bad_formula_tex_names_note_formula_and_line(site):
    note = NOTE.replace("\\sqrt{s'_{t+1}}", "\\sqroot{s'_{t+1}}")
    result = note_site(site, note, page="# Home\n")
    assert not result.ok
    [problem] = result.warnings()
    assert "paperguide: content/papers/ma2019qhadam.yml:14:10: " in problem
    assert "formula 'update' is not valid TeX" in problem
    assert (
        "Undefined control sequence: \\sqroot at position 50: …frac{g'_{t+1}}{\\sqroot{" in problem
    )
    assert "(field formulas[0].tex)" in problem


def test_an_explained_symbol_that_never_occurs_is_reported_with_its_line(site):
    note = NOTE.replace("- tex: g'_{t+1}", "- tex: g_{t+1}")
    result = note_site(site, note, page="# Home\n")
    assert not result.ok
    [problem] = result.warnings()
    assert "content/papers/ma2019qhadam.yml:18:" in problem
    assert "symbol 'g_{t+1}' does not occur in formula 'update'" in problem


def test_missing_katex_is_one_clear_error(site, monkeypatch, tmp_path):
    monkeypatch.delenv("PAPERGUIDE_KATEX_DIR")
    result = site(
        {"content/index.md": "# Home\n\n$x$\n", "content/references.bib": MINIMAL_BIB},
        config={"plugins": ["search", {"paperguide": {"katex_dir": "nowhere/dist"}}]},
    )
    assert not result.ok
    [problem] = result.warnings()
    assert "KaTeX not found" in problem and "nowhere/dist/katex.min.js" in problem
    assert "run 'make setup'" in problem
    assert "Traceback" not in "\n".join(result.messages)


def test_math_can_be_left_to_the_site(site):
    result = site(
        {"content/index.md": "# Home\n\n$x$\n", "content/references.bib": MINIMAL_BIB},
        config={"plugins": ["search", {"paperguide": {"math": False}}]},
    )
    assert result.ok, result.warnings()
    assert result.article("").select_one("span.arithmatex").get_text() == "\\(x\\)"
    assert not (result.site / "assets/katex").exists()


def test_the_disk_cache_is_written_next_to_mkdocs_yml(site, tmp_path: Path):
    result = good_site(site)
    assert result.ok
    cache = tmp_path / ".cache/paperguide/katex.json"
    assert cache.is_file() and "katex" in cache.read_text("utf-8")
    assert not (tmp_path / "content/.cache").exists()


def test_serve_rebuilds_reuse_rendered_math(tmp_path):
    """The plugin instance (and its KaTeX cache) survives rebuilds, as under ``mkdocs serve``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    good = build_site(
        tmp_path,
        {
            "content/index.md": PAGE,
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": NOTE,
        },
    )
    assert good.ok

    def rebuild() -> int:
        config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        katex = config.plugins["paperguide"].math.katex
        return katex.renders

    first = rebuild()
    (tmp_path / "content/index.md").write_text(PAGE + "\nNew $z^3$ here.\n")
    second = rebuild()
    assert second == first + 1  # only the new formula was typeset
    page = BeautifulSoup((tmp_path / "site/index.html").read_text("utf-8"), "html.parser")
    assert len(page.select("article .katex")) > 3


def test_formulas_stay_out_of_the_search_index(site):
    """KaTeX writes a formula three times (HTML, MathML, TeX); search results showed all three
    as glyph soup, so formulas are not indexed (the prose around them is)."""
    import json

    result = site(
        {
            "content/index.md": "# Home\n\nThe step size $\\alpha_{t}$ alone.\n",
            "content/references.bib": MINIMAL_BIB,
        }
    )
    assert result.ok, result.warnings()
    index = json.loads((result.site / "search/search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"] == "")
    assert "\\alpha" not in text and "α" not in text, text
    assert "The step size" in text and "alone." in text
    # The page itself still carries all three (screen readers and copy-as-TeX need them).
    html = (result.site / "index.html").read_text("utf-8")
    assert "\\alpha_{t}" in html and html.count("α") >= 2
