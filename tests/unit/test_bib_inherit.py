"""crossref, xdata and @preamble macros, read as biber reads them (issue 15, findings 3, 4, 9)."""

from __future__ import annotations

import textwrap

from paperguide.core.bib.bibtex import parse_bib_text
from paperguide.core.bib.macros import assemble
from paperguide.core.bib.preamble import apply_macros, one_argument_macros


def load(text: str):
    bibliography, problems = assemble([parse_bib_text(textwrap.dedent(text), "refs.bib")])
    return bibliography, problems


def test_a_paper_takes_its_proceedings_title_as_booktitle_and_the_rest_as_is():
    bib, problems = load("""\
        @inproceedings{roe2016,
          author = {Roe, Rita}, title = {Small Things}, crossref = {Conf16}, pages = {1--9}}
        @proceedings{conf16,
          title = {Proceedings of the Conference on Things}, year = 2016,
          editor = {Poe, Paul}, publisher = {ACM}, shorttitle = {Things}, label = {CT}}
        """)
    assert problems == []
    child = bib.get("roe2016")
    assert child.title == "Small Things"
    assert child.year == "2016"
    assert child.text("booktitle") == "Proceedings of the Conference on Things"
    assert child.text("publisher") == "ACM" and child.text("editor") == "Poe, Paul"
    assert child.venue == "Proceedings of the Conference on Things"
    # What names the parent itself stays with the parent.
    assert child.raw("shorttitle") is None and child.raw("label") is None
    assert child.raw("pages") == "1--9"


def test_the_childs_own_fields_win_and_chains_pass_fields_down():
    bib, _ = load("""\
        @mvbook{works, title = {Collected Works}, author = {Doe, Jane}, year = 1990,
          publisher = {Old Press}}
        @book{vol2, title = {Letters}, crossref = {works}, volume = 2, publisher = {New Press}}
        @inbook{chap, title = {To a Friend}, crossref = {vol2}, pages = 3}
        """)
    chapter = bib.get("chap")
    assert chapter.text("booktitle") == "Letters"
    assert chapter.text("maintitle") == "Collected Works"
    assert chapter.text("publisher") == "New Press"  # the nearer ancestor's value
    assert chapter.year == "1990"
    assert chapter.text("bookauthor") == "Doe, Jane" and chapter.short_authors == "Doe"


def test_xdata_fields_are_shared_and_the_xdata_entry_is_not_listed():
    bib, problems = load("""\
        @xdata{press, publisher = {Some Press}, location = {Town}}
        @book{one, title = {One}, year = 2001, xdata = {press}}
        @book{two, title = {Two}, year = 2002, xdata = {press}, location = {City}}
        """)
    assert problems == []
    assert "press" not in bib
    assert bib.get("one").text("location") == "Town"
    assert bib.get("two").text("location") == "City"
    assert bib.get("two").text("publisher") == "Some Press"


def test_a_crossref_to_nothing_is_one_located_warning_and_the_entry_stays():
    bib, problems = load("""\
        @misc{a, title = {A}}

        @inproceedings{b, title = {B}, crossref = {nowhere}}
        """)
    assert bib.get("b").title == "B"
    [problem] = problems
    assert (problem.path, problem.line, problem.field) == ("refs.bib", 3, "crossref")
    assert "nowhere" in problem.message


def test_a_crossref_cycle_ends():
    bib, _ = load("""\
        @book{a, title = {A}, crossref = {b}}
        @book{b, year = 2000, crossref = {a}}
        """)
    # biber refuses a cycle; here it ends where it closes, so the build goes on.
    assert bib.get("a").year == "2000"
    assert bib.get("b").year == "2000"


def test_preamble_noopsort_steers_sorting_and_prints_nothing():
    bib, problems = load("""\
        @preamble{"\\newcommand{\\noopsort}[1]{} "}
        @book{b, author = {Knuth, Donald}, title = {T}, year = {{\\noopsort{1973c}}1981}}
        """)
    assert problems == []
    assert bib.get("b").year == "1981"


def test_preamble_macro_shapes():
    macros = one_argument_macros(
        [
            "\\providecommand{\\SortNoop}[1]{}",
            "\\def\\keep#1{#1}",
            "\\newcommand{\\bold}[1]{\\textbf{#1}}",  # not a simple shape: left alone
        ]
    )
    assert macros == {"SortNoop": False, "keep": True}
    assert apply_macros("{\\SortNoop{a}}B \\keep{C{D}} \\bold{E}", macros) == "{}B C{D} \\bold{E}"


def test_an_empty_url_is_no_warning():
    _, problems = load("@misc{a, title = {A}, url = {}, doi = {}}\n@misc{b, url = { }}\n")
    assert problems == []
