"""Reference formatting: the house author–year style and CSL styles, both HTML-safe."""

from __future__ import annotations

import textwrap

import markdown
import pytest
from bs4 import BeautifulSoup

from paperguide.core.bib.bibtex import parse_bib_text
from paperguide.core.bib.csl import CslFormatter, CslUnavailable, sanitize_csl_html
from paperguide.core.bib.house_style import CitationLabels, format_reference
from paperguide.core.bib.macros import assemble
from paperguide.core.library.references import ref_anchor

BIB = textwrap.dedent("""\
    @article{smith2020a,
      author = {Smith, Ann and Jones, Bob},
      title = {Zebras},
      journal = {Journal of Stripes}, volume = {3}, number = {2}, pages = {10--20},
      year = {2020}
    }
    @article{smith2020b,
      author = {Smith, Ann and Jones, Bob},
      title = {Antelopes},
      journal = {Journal of Horns}, year = {2020}
    }
    @book{knuth1984,
      author = {Knuth, Donald E.}, title = {The {\\TeX}book},
      publisher = {Addison-Wesley}, year = {1984}
    }
    @misc{many2021,
      author = {A, A. and B, B. and C, C. and D, D. and E, E. and F, F. and G, G.
                and H, H. and I, I.},
      title = {Many Authors}, year = {2021}, eprint = {2101.00001}, archivePrefix = {arXiv}
    }
    @misc{nodate,
      author = {{The Transformer Team}}, title = {Undated}
    }
    @article{evil,
      author = {<img src=x onerror=alert(1)> and O'Brien, Q},
      title = {<script>alert("x")</script> \\& *emph* _u_ [@other] {\\$}x`y`},
      journal = {J <b>bold</b>}, year = {2020},
      url = {javascript:alert(1)}, doi = {10.1/"><script>alert(2)</script>}
    }
    """)


@pytest.fixture(scope="module")
def bibliography():
    bib, problems = assemble([parse_bib_text(BIB, "test.bib")])
    # Only the hostile entry's javascript: URL is a problem (reported, and never linked).
    assert [p.field for p in problems] == ["url"]
    assert "not 'javascript:'" in problems[0].message
    return bib


def html_of(markdown_text: str) -> str:
    """How a page shows a formatted reference (generated Markdown is rendered like this)."""
    return markdown.markdown(markdown_text)


def test_labels_disambiguate_same_authors_and_year(bibliography):
    labels = CitationLabels(bibliography)
    assert labels.label("smith2020b").parenthetical() == "Smith and Jones, 2020a"  # Antelopes
    assert labels.label("smith2020a").narrative("p. 3") == "Smith and Jones (2020b, p. 3)"
    assert labels.label("knuth1984").narrative() == "Knuth (1984)"
    assert labels.label("nodate").parenthetical() == "The Transformer Team, n.d."
    assert labels.label("many2021").parenthetical(suppress_author=True) == "2021"
    assert labels.label("missing") is None


def test_house_style(bibliography):
    labels = CitationLabels(bibliography)
    text = BeautifulSoup(
        html_of(format_reference(bibliography.get("smith2020a"), labels.label("smith2020a"))),
        "html.parser",
    )
    assert text.get_text() == (
        "Smith, A., & Jones, B. (2020b). Zebras. Journal of Stripes, 3(2), 10–20."
    )
    assert text.select_one("em").get_text() == "Journal of Stripes"
    book = html_of(format_reference(bibliography.get("knuth1984")))
    assert BeautifulSoup(book, "html.parser").get_text() == (
        "Knuth, D. E. (1984). The TeXbook. Addison-Wesley."
    )
    many = BeautifulSoup(html_of(format_reference(bibliography.get("many2021"))), "html.parser")
    assert many.get_text() == (
        "A, A., B, B., C, C., D, D., E, E., F, F., et al. (2021). Many Authors. arXiv:2101.00001."
    )


def test_house_style_escapes_every_field(bibliography):
    html = html_of(format_reference(bibliography.get("evil")))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None and soup.find("b") is None
    assert [t.name for t in soup.find_all(True)] == ["p", "em"]  # only the venue in italics
    assert '<script>alert("x")</script> & *emph* _u_ [@other] $x`y`' in soup.get_text()
    assert "O'Brien" in soup.get_text()


@pytest.mark.parametrize("style", ["apa", "ieee", "nature", "chicago-author-date"])
def test_csl_styles_escape_every_field(bibliography, style):
    formatter = CslFormatter(style)
    entries = [bibliography.get(k) for k in ("evil", "smith2020a", "knuth1984")]
    out = formatter.format(entries)
    assert set(out) == {"evil", "smith2020a", "knuth1984"}
    html = html_of(out["evil"])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None and soup.find("b") is None
    assert soup.find("a") is None  # no link at all, so no javascript: link either
    # Only inline markup: a numbered style's "1. " must not turn into a Markdown list.
    assert {t.name for t in soup.find_all(True)} <= {"p", "i", "em", "b", "sup", "sub", "span"}
    assert '<script>alert("x")</script>' in soup.get_text()
    assert "javascript:" not in html.split(">", 1)[0]


def test_csl_numbering_and_spacing(bibliography):
    out = CslFormatter("ieee").format(
        [bibliography.get("smith2020a"), bibliography.get("knuth1984")]
    )
    assert out["smith2020a"].startswith("&#91;1&#93; A. Smith and B. Jones")
    assert out["knuth1984"].startswith("&#91;2&#93; D. E. Knuth")
    apa = BeautifulSoup(
        html_of(CslFormatter("apa").format([bibliography.get("smith2020a")])["smith2020a"]),
        "html.parser",
    )
    assert apa.get_text().startswith("Smith, A., & Jones, B. (2020). Zebras.")
    assert apa.select_one("i").get_text().startswith("Journal of Stripes")


def test_csl_mixed_case_keys_stay_apart():
    bib, _ = assemble(
        [
            parse_bib_text(
                "@misc{Key, title={Upper}, year={2001}}\n@misc{key, title={Lower}, year={2002}}",
                "x.bib",
            )
        ]
    )
    out = CslFormatter("apa").format([bib.get("Key"), bib.get("key")])
    assert "Upper" in out["Key"] and "Lower" in out["key"]


def test_unknown_csl_style_is_a_clear_error(tmp_path):
    with pytest.raises(CslUnavailable, match="no CSL style named 'not-a-style'"):
        CslFormatter("not-a-style")
    with pytest.raises(CslUnavailable, match="does not exist"):
        CslFormatter(str(tmp_path / "missing.csl"))
    broken = tmp_path / "broken.csl"
    broken.write_text("<not xml")
    with pytest.raises(CslUnavailable, match="cannot read the CSL style"):
        CslFormatter(str(broken))


def test_sanitizer_keeps_only_allowed_tags():
    text = sanitize_csl_html(
        '<i>ok</i> <script>bad()</script> <a href="javascript:x">link</a> '
        '<span style="font-variant:small-caps;">Caps</span> <l>light</l> *x* $\\alpha$'
    )
    assert text == (
        '<i>ok</i> bad&#40;&#41; link <span class="pg-smallcaps">Caps</span> light &#42;x&#42; '
        "$\\alpha$"
    )


@pytest.mark.parametrize(
    ("key", "anchor"),
    [
        ("kirillov2023segment", "ref-kirillov2023segment"),
        ("Smith_2020-a", "ref-Smith_2020-a"),
    ],
)
def test_anchor_keeps_simple_keys(key, anchor):
    assert ref_anchor(key) == anchor


def test_anchor_is_safe_and_distinct_for_punctuated_keys():
    anchors = {ref_anchor(k) for k in ("he.2016:resnet", "he-2016-resnet", "he/2016/resnet")}
    assert len(anchors) == 3
    for anchor in anchors:
        assert anchor.startswith("ref-he-2016-resnet")
        assert all(c.isalnum() or c in "-_" for c in anchor)
    assert ref_anchor("he.2016:resnet") == ref_anchor("he.2016:resnet")  # stable
