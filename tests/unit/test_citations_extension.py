"""The citations extension under plain Python-Markdown (no MkDocs), given a Library."""

from __future__ import annotations

import textwrap

import markdown
import pytest
from bs4 import BeautifulSoup

from paperguide.core.cite.scan import scan_markdown
from paperguide.core.crossrefs.collector import Collector
from paperguide.core.library.loading import load_library
from paperguide.core.site.settings import Settings
from paperguide.mdx.citation_state import CitationState
from paperguide.mdx.citations import CitationsExtension
from paperguide.mdx.context import RenderContext
from tests.helpers import MINIMAL_BIB

BIB = MINIMAL_BIB + textwrap.dedent("""\
    @inproceedings{ioffe2015batch,
      author = {Ioffe, Sergey and Szegedy, Christian},
      title = {Batch Normalization},
      booktitle = {ICML}, year = {2015},
      doi = {10.5555/3045118.3045167}
    }
    @misc{he.2016:resnet,
      author = {He, Kaiming and others},
      title = {Deep Residual Learning},
      year = {2016}
    }
    @misc{evil,
      author = {<img src=x onerror=alert(1)> and Doe, Jane},
      title = {<script>alert("x")</script> *bold* [@ioffe2015batch] $\\ell_1$},
      year = {2020},
      url = {javascript:alert(1)}
    }
    """)

NOTE = textwrap.dedent("""\
    key: ma2019qhadam
    status: first-pass
    summary: |
      QHAdam mixes *averages*; see @kingma2015adam for the original.

      A second paragraph that stays off the card.
    context:
      - title: A talk
        url: https://example.org/talk
    unknowns:
      - id: a
        category: assumed
        question: Why?
      - id: b
        category: wrong
        question: Really?
        status: resolved
        answer: Yes.
    """)


@pytest.fixture
def make(tmp_path):
    content = tmp_path / "content"
    (content / "papers").mkdir(parents=True)
    (content / "references.bib").write_text(BIB)
    (content / "papers" / "ma2019qhadam.yml").write_text(NOTE)
    library = load_library(Settings(content, tmp_path))
    # The hostile entry's javascript: URL is reported (and never linked); nothing else is wrong.
    assert [(e.field, e.line) for e in library.errors] == [("url", 28)]

    def factory(page="guides/page.md", page_text=None, **state_options):
        reported = []
        context = RenderContext(
            library=library,
            page_src_uri=page,
            page_source=f"content/{page}",
            report_to=reported.append,
            page_text=page_text,
        )
        state = CitationState(collector=Collector(), **state_options)
        md = markdown.Markdown(
            extensions=[
                "attr_list",
                "toc",
                "footnotes",
                "pymdownx.superfences",
                "pymdownx.arithmatex",
                CitationsExtension(context=context, state=state),
            ],
            extension_configs={"pymdownx.arithmatex": {"generic": True}},
        )
        return md, reported, state

    return factory


def render(md, text):
    md.reset()
    return BeautifulSoup(md.convert(textwrap.dedent(text)), "html.parser")


def cited(soup):
    """The keys of the citations in the text (not in cards or the reference list)."""
    return [
        item["data-key"]
        for item in soup.select(".pg-cite__item")
        if not item.find_parent("pg-card") and not item.find_parent(class_="pg-reflist")
    ]


def test_bracketed_citation_links_to_our_notes(make):
    md, reported, _ = make()
    soup = render(md, "See [@ma2019qhadam].")
    group = soup.select_one("p > .pg-cite--group")
    assert group.get_text(" ", strip=True).startswith("( Ma and Yarats, 2019")
    link = group.select_one("a.pg-cite__link")
    assert link["href"] == "../papers/ma2019qhadam.md"
    assert link.get_text() == "Ma and Yarats, 2019"
    assert reported == []


def test_paper_without_note_links_to_bibliography_anchor(make):
    md, _, _ = make()
    link = render(md, "[@ioffe2015batch]").select_one("a.pg-cite__link")
    assert link["href"] == "../bibliography.md#ref-ioffe2015batch"


def test_every_syntax_form(make):
    md, reported, _ = make()
    cases = {
        "[@ioffe2015batch]": "(Ioffe and Szegedy, 2015)",
        "[@ioffe2015batch, p. 3]": "(Ioffe and Szegedy, 2015, p. 3)",
        "[@ioffe2015batch p. 3]": "(Ioffe and Szegedy, 2015, p. 3)",
        "[see @ioffe2015batch, §2]": "(see Ioffe and Szegedy, 2015, §2)",
        "[@ioffe2015batch; @kingma2015adam]": "(Ioffe and Szegedy, 2015; Kingma and Ba, 2015)",
        "[-@ioffe2015batch]": "(2015)",
        "@ioffe2015batch": "Ioffe and Szegedy (2015)",
        "@ioffe2015batch [p. 3]": "Ioffe and Szegedy (2015, p. 3)",
        "@he.2016:resnet.": "He et al. (2016).",
        "@{he.2016:resnet}": "He et al. (2016)",
    }
    for source, expected in cases.items():
        soup = render(md, source)
        for card in soup.select("pg-card"):
            card.decompose()
        soup.select_one(".pg-reflist").decompose()
        soup.select_one("#references").decompose()
        assert " ".join(soup.get_text().split()) == expected, source
    assert reported == []


def test_narrative_citations_at_sentence_end_and_in_emphasis(make):
    md, _, _ = make()
    soup = render(md, "As @ioffe2015batch, and *@kingma2015adam*; (@ma2019qhadam).")
    assert cited(soup) == ["ioffe2015batch", "kingma2015adam", "ma2019qhadam"]
    assert soup.select_one("em .pg-cite__item")["data-key"] == "kingma2015adam"
    text = soup.p.get_text("", strip=True)
    assert "Szegedy (2015)," in text.replace("Ioffe, S.", "")


LOOK_ALIKES = {
    "code span": "`@ioffe2015batch` and ``[@ioffe2015batch]``",
    "fenced code": "```python\n@ioffe2015batch\ndef f(): ...\n```",
    "indented code": "Text.\n\n    [@ioffe2015batch]\n",
    "inline link text": "[about @ioffe2015batch](https://example.org)",
    "citation-looking link": "[@ioffe2015batch](https://example.org)",
    "link in group syntax": "[see @ioffe2015batch](other.md)",
    "autolink": "<https://example.org/@ioffe2015batch>",
    "e-mail autolink": "<ioffe@example.org>",
    "e-mail": "write to sergey@ioffe2015batch.org",
    "@ inside a word": "foo@ioffe2015batch",
    "URL path": "https://example.org/@ioffe2015batch",
    "escaped": "\\@ioffe2015batch and \\[@ioffe2015batch]",
    "footnote": "Text[^note].\n\n[^note]: A footnote.",
    "inline math": "$a@ioffe2015batch$",
    "raw html": '<span title="@ioffe2015batch">x</span>',
    "reference definition": "[@ioffe2015batch]: https://example.org\n\n[@ioffe2015batch]",
    "image": "![@ioffe2015batch](pic.png)",
    "decorator in code": "```python\n@decorator\nclass A: ...\n```",
}


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_look_alikes_stay_untouched(make, name):
    md, reported, _ = make()
    soup = render(md, LOOK_ALIKES[name])
    assert soup.select(".pg-cite__item") == [], name
    assert reported == []


def test_look_alikes_keep_their_own_meaning(make):
    md, _, _ = make()
    soup = render(md, LOOK_ALIKES["code span"])
    assert [c.get_text() for c in soup.select("code")] == ["@ioffe2015batch", "[@ioffe2015batch]"]
    soup = render(md, LOOK_ALIKES["citation-looking link"])
    assert soup.select_one("a")["href"] == "https://example.org"
    assert soup.select_one("a").get_text() == "@ioffe2015batch"
    soup = render(md, LOOK_ALIKES["escaped"])
    assert soup.p.get_text() == "@ioffe2015batch and [@ioffe2015batch]"
    soup = render(md, LOOK_ALIKES["footnote"])
    assert soup.select_one("sup a")["href"].startswith("#fn:")
    soup = render(md, LOOK_ALIKES["e-mail autolink"])
    assert soup.select_one("a")["href"].startswith("mailto:") or "&#" in str(soup)


def test_scanner_and_extension_agree(make):
    """The load-time scanner finds exactly what the extension renders, in order."""
    md, _, _ = make()
    corpus = [
        *LOOK_ALIKES.values(),
        "[@ioffe2015batch] [see @kingma2015adam, p. 3; -@ma2019qhadam] @he.2016:resnet.",
        "Mixed `@code` and @ioffe2015batch, then [link](x.md) and [@kingma2015adam].",
        "- a list with @ioffe2015batch\n\n    continuation [@kingma2015adam]\n",
        "*@ioffe2015batch* and **[@kingma2015adam]** and _@ma2019qhadam_",
        "[@ioffe2015batch, compare @kingma2015adam]",
        "@ioffe2015batch [p. 3] and @kingma2015adam [see](x.md)",
    ]
    for text in corpus:
        soup = render(md, text)
        assert cited(soup) == [o.key for o in scan_markdown(text)], text


def test_card_is_a_keyboard_reachable_tooltip(make):
    md, _, _ = make()
    soup = render(md, "[@ma2019qhadam] and @ioffe2015batch")
    links = soup.select("a.pg-cite__link")
    assert len(links) == 2
    ids = set()
    for link in links:
        card = soup.find(id=link["aria-describedby"])
        assert card.name == "pg-card"
        assert card["role"] == "tooltip"
        assert card.has_attr("data-search-exclude")
        assert card.parent is link.parent  # shown by :hover / :focus-within of the item
        assert card.select("a, [tabindex]") == []
        ids.add(card["id"])
    assert len(ids) == 2
    noted = soup.find(id=links[0]["aria-describedby"])
    assert noted.select_one(".pg-card__ref").get_text().startswith("Ma, J., & Yarats, D. (2019)")
    summary = noted.select_one(".pg-card__summary")
    assert summary.select_one("em").get_text() == "averages"
    # A citation inside the summary is plain text on the card: no link, no nested card.
    assert "Kingma and Ba (2015)" in summary.get_text()
    assert "second paragraph" not in summary.get_text()
    assert noted.select_one(".pg-card__meta").get_text() == "First pass · 1 open unknown"
    other = soup.find(id=links[1]["aria-describedby"])
    assert other.select_one(".pg-card__meta").get_text() == "No notes on this paper yet"


def test_cards_can_be_switched_off(make):
    md, _, _ = make(cards=False)
    soup = render(md, "[@ioffe2015batch]")
    assert soup.select("pg-card") == []
    assert not soup.select_one("a.pg-cite__link").has_attr("aria-describedby")


def test_no_card_inside_headings(make):
    md, _, _ = make()
    soup = render(md, "# About @ioffe2015batch\n\nText [@ioffe2015batch].")
    heading = soup.h1
    assert heading.select("pg-card") == []
    assert not heading.select_one("a").has_attr("aria-describedby")
    assert heading["id"] == "about-ioffe-and-szegedy-2015"
    assert len(soup.select("p pg-card")) == 1


def test_reference_list_at_the_end(make):
    md, _, _ = make()
    soup = render(md, "[@kingma2015adam] then @ioffe2015batch then [@kingma2015adam]")
    heading = soup.find(id="references")
    assert heading.name == "h2"
    items = soup.select(".pg-reflist > li")
    assert [i["data-key"] for i in items] == ["ioffe2015batch", "kingma2015adam"]
    first = items[0]
    assert first.select_one(".pg-ref__text").get_text().startswith("Ioffe, S., & Szegedy, C.")
    hrefs = [a["href"] for a in first.select("a")]
    assert hrefs == [
        "../bibliography.md#ref-ioffe2015batch",
        "https://doi.org/10.5555/3045118.3045167",
    ]
    assert soup.find_all(recursive=False)[-1]["class"] == ["pg-reflist"]


def test_reference_list_can_be_switched_off_and_skips_pages_without_citations(make):
    md, _, _ = make(reference_list=False)
    assert render(md, "[@ioffe2015batch]").find(id="references") is None
    md, _, _ = make()
    assert render(md, "No citations here.").find(id="references") is None


def test_self_citation_on_own_page_links_to_the_bibliography(make):
    md, _, _ = make(page="papers/ma2019qhadam.md")
    link = render(md, "[@ma2019qhadam]").select_one("a.pg-cite__link")
    assert link["href"] == "../bibliography.md#ref-ma2019qhadam"


def test_unknown_key_is_reported_with_page_line_and_column(make):
    text = (
        "---\ntitle: x\n---\n\n# Page\n\n"
        "Fine [@ioffe2015batch].\nBroken [see @ioffe2015bach, p. 2].\n"
    )
    md, reported, _ = make(page_text=text)
    soup = render(md, text.split("---\n", 2)[2])
    missing = soup.select_one(".pg-cite__item--missing")
    assert missing.get_text() == "@ioffe2015bach"
    assert [d.format() for d in reported] == [
        "content/guides/page.md:8:13: unknown citation key 'ioffe2015bach'; "
        "did you mean 'ioffe2015batch'?"
    ]


def test_each_occurrence_of_an_unknown_key_is_reported(make):
    # Braced: a bare @nokey is no citation since issue 13 (left as text, not reported).
    text = "@{nokey} and\n[@nokey]\n"
    md, reported, _ = make(page_text=text)
    render(md, text)
    assert [(d.line, d.column) for d in reported] == [(1, 1), (2, 2)]


def test_collector_records_citations_and_links(make):
    md, _, state = make(page="guides/page.md")
    render(
        md,
        "[@ma2019qhadam] @ioffe2015batch [notes](../papers/ma2019qhadam.md#u-a) [x](https://e.org)",
    )
    assert state.collector.citations == {"guides/page.md": {"ma2019qhadam": 1, "ioffe2015batch": 1}}
    # Citation links and reference-list links are citations, not "mentions".
    assert state.collector.links == {"guides/page.md": {"papers/ma2019qhadam.md"}}


def test_hostile_bibliography_fields_are_escaped(make):
    md, _, _ = make()
    html = md.convert("[@evil]")
    soup = BeautifulSoup(html, "html.parser")
    assert "<script" not in html and "<img" not in html
    assert "javascript:" not in " ".join(a.get("href", "") for a in soup.select("a"))
    card = soup.select_one(".pg-card__ref").get_text()
    assert '<script>alert("x")</script> *bold* [@ioffe2015batch]' in card
    assert soup.select("pg-card .pg-cite__item") == []  # the title's "[@…]" is not a citation
    assert soup.select_one(".pg-card__ref .arithmatex") is not None  # math in titles stays math


def test_a_card_book_converts_each_card_with_a_fresh_stash(make):
    """The book's converter is used for every card of a build: what one card stashed (its
    math, raw HTML) is not carried into the next, where the raw-HTML postprocessor would read
    it again."""
    from paperguide.mdx.citation_cards import CardBook
    from paperguide.mdx.citations import CitationsExtension

    md, _, state = make()
    citations = next(e for e in md.registeredExtensions if isinstance(e, CitationsExtension))
    refs = state.references_for(citations.getConfig("context").library)
    book = CardBook()
    converter = markdown.Markdown(extensions=["pymdownx.arithmatex"])
    book.start(converter)
    converter.htmlStash.store("<b>left by the card before</b>")
    first = book.card("ma2019qhadam", refs)
    assert "averages" in first and "left by" not in first
    assert "left by" not in "".join(map(str, converter.htmlStash.rawHtmlBlocks))
    assert book.card("ma2019qhadam", refs) == first  # once per build
