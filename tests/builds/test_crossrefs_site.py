"""Real strict builds: citations, cards, backlinks, bibliography (all, cited-only, CSL), graph."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from paperguide.core.library.references import ref_anchor
from tests.helpers import MINIMAL_BIB, BuildResult, build_site

BIB = MINIMAL_BIB + textwrap.dedent("""\
    @inproceedings{ioffe2015batch,
      author = {Ioffe, Sergey and Szegedy, Christian},
      title = {Batch Normalization},
      booktitle = {ICML}, year = {2015}, doi = {10.5555/3045118.3045167}
    }
    @misc{he.2016:resnet,
      author = {He, Kaiming and others},
      title = {Deep Residual Learning}, year = {2016}, url = {https://example.org/resnet}
    }
    @misc{evil,
      author = {<img src=x onerror=alert(1)> and Doe, Jane},
      title = {<script>alert("x")</script> "quoted" 'single' [@ma2019qhadam]},
      year = {2020}, url = {https://example.org/"onmouseover=alert(1)}
    }
    @misc{uncited2000, author = {Nobody, N.}, title = {Never Cited}, year = {2000}}
    @misc{related2001, author = {Rel, R.}, title = {Only Related}, year = {2001}}
    """)

FILES: dict[str, str | bytes] = {
    "content/references.bib": BIB,
    "content/papers/ma2019qhadam.yml": textwrap.dedent("""\
        key: ma2019qhadam
        summary: QHAdam generalises Adam [@kingma2015adam].
        related:
          - key: kingma2015adam
            relation: extends
          - key: related2001
            relation: compares-with
        """),
    "content/papers/kingma2015adam.md": textwrap.dedent("""\
        ---
        key: kingma2015adam
        summary: Adaptive moments, with bias correction.
        ---

        Batch statistics are a different story [@ioffe2015batch]; see also the
        [bias correction](../concepts/bias-correction.md) concept.
        """),
    "content/index.md": "# Home\n\nStart with [@ma2019qhadam] and @evil.\n",
    "content/guides/a.md": textwrap.dedent("""\
        # A guide

        As @kingma2015adam showed, and [see @he.2016:resnet, §3; -@ioffe2015batch].
        Our [QHAdam notes](../papers/ma2019qhadam.md) and `@notacitation`, mail a@b.com.
        """),
    "content/concepts/bias-correction.md": textwrap.dedent("""\
        ---
        title: Bias correction
        aliases: [debiasing]
        summary: Undoing the zero start of moving averages.
        ---

        # Bias correction

        Introduced by @kingma2015adam; kept by [QHAdam](../papers/ma2019qhadam.md).
        """),
    "content/zzz.md": "# Last page\n\nRendered after every paper page: [@ma2019qhadam].\n",
}


def build(tmp_path: Path, extra: dict | None = None, **plugin_options) -> BuildResult:
    config = {
        "plugins": ["search", {"paperguide": plugin_options}] if plugin_options else None,
    }
    return build_site(
        tmp_path,
        {**FILES, **(extra or {})},
        config={k: v for k, v in config.items() if v is not None},
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    result = build(tmp_path_factory.mktemp("crossrefs"))
    assert result.ok, result.error or result.warnings()
    assert result.warnings() == []
    return result


def resolve(result: BuildResult, page_url: str, href: str) -> tuple[Path, str]:
    """The built file a relative href from ``page_url`` points at, and its fragment."""
    parts = urlsplit(urljoin(f"http://site/{page_url}", href))
    path = result.site / unquote(parts.path).lstrip("/")
    if parts.path.endswith("/"):
        path = path / "index.html"
    return path, parts.fragment


def test_citations_open_our_notes_or_the_bibliography_entry(built):
    home = built.article("")
    links = {a.get_text(): a["href"] for a in home.select("p a.pg-cite__link")}
    assert links["Ma and Yarats, 2019"] == "papers/ma2019qhadam/"
    guide = built.article("guides/a/")
    links = {a.get_text(): a["href"] for a in guide.select("p a.pg-cite__link")}
    assert links == {
        "Kingma and Ba (2015)": "../../papers/kingma2015adam/",
        "He et al., 2016": f"../../bibliography/#{ref_anchor('he.2016:resnet')}",
        "2015": "../../bibliography/#ref-ioffe2015batch",
    }
    for page in ("", "guides/a/", "papers/ma2019qhadam/", "concepts/bias-correction/"):
        for link in built.article(page).select("a.pg-cite__link"):
            target, fragment = resolve(built, page, link["href"])
            assert target.is_file(), link
            if fragment:
                assert built.html(str(target.relative_to(built.site))).find(id=fragment), link


def test_every_citation_has_a_card(built):
    for page in ("", "guides/a/", "papers/ma2019qhadam/", "zzz/"):
        article = built.article(page)
        for link in article.select("a.pg-cite__link"):
            card = article.find(id=link["aria-describedby"])
            assert card is not None and card.name == "pg-card"
            assert card["role"] == "tooltip"
            assert card.select_one(".pg-card__ref").get_text(strip=True)
    card = built.article("").find(
        id=built.article("").select_one("a.pg-cite__link")["aria-describedby"]
    )
    assert card.select_one(".pg-card__summary").get_text().startswith("QHAdam generalises Adam")


def test_look_alikes_stay_text_in_a_real_build(built):
    guide = built.article("guides/a/")
    assert guide.select_one("code").get_text() == "@notacitation"
    assert "mail a@b.com" in guide.get_text()


def test_reference_list_ends_each_citing_page(built):
    guide = built.article("guides/a/")
    assert guide.select("h2")[-1]["id"] == "references"
    keys = [li["data-key"] for li in guide.select(".pg-reflist li")]
    assert keys == ["he.2016:resnet", "ioffe2015batch", "kingma2015adam"]
    assert built.article("bibliography/").select(".pg-reflist") == []


def test_paper_page_lists_what_cites_or_links_to_it(built):
    page = built.article("papers/ma2019qhadam/")
    backlinks = page.find(id="cited-by").find_next_sibling("div", class_="pg-backlinks")
    groups = {
        label.get_text(): [
            (li.a.get_text(), li.a["href"], li.select_one(".pg-backlinks__how").get_text())
            for li in label.find_next_sibling("ul").select("li")
        ]
        for label in backlinks.select(".pg-backlinks__label")
    }
    # Independent of page order: zzz.md renders after this page and still shows up.
    assert groups == {
        "On pages": [
            ("Bias correction", "../../concepts/bias-correction/", "links here"),
            ("A guide", "../../guides/a/", "links here"),
            ("Home", "../../", "cites it"),
            ("Last page", "../../zzz/", "cites it"),
        ],
    }
    related = page.find(id="related").find_next_sibling("ul")
    assert "Extends" in related.get_text(" ", strip=True)
    # A related paper without a note opens its bibliography entry.
    assert [a["href"] for a in related.select("a")] == [
        "../kingma2015adam/",
        "../../bibliography/#ref-related2001",
    ]
    other = built.article("papers/kingma2015adam/")
    related = other.find(id="related").find_next_sibling("ul").get_text(" ", strip=True)
    assert "Is extended by" in related  # the relation shows in both directions
    groups = [label.get_text() for label in other.select(".pg-backlinks__label")]
    assert groups == ["In notes", "On pages"]
    notes = other.select_one(".pg-backlinks__list").get_text(" ", strip=True)
    assert "Quasi-hyperbolic" in notes and "cites it" in notes


def test_concept_page_lists_linking_pages_and_front_matter(built):
    concept = built.article("concepts/bias-correction/")
    items = [a.get_text() for a in concept.select(".pg-backlinks__list a")]
    assert items == ["Adam: A Method for Stochastic Optimization"]
    assert concept.find(id="connections") is not None
    index = built.article("concepts/")
    entry = index.select_one("li")
    assert entry.a["href"] == "bias-correction/"
    assert "(also: debiasing)" in entry.get_text()
    assert "zero start of moving averages" in entry.get_text()
    # The list says what concept pages are before listing them (issue 16).
    intro = index.select_one("p")
    assert intro is not None and intro.get_text().startswith("Background ideas the papers")
    assert "1 concept, alphabetically" in index.get_text()


def test_bibliography_lists_every_entry_anchored_with_links_and_cited_on(built):
    bib = built.article("bibliography/")
    entries = {p["id"]: p for p in bib.select("p.pg-ref")}
    assert len(entries) == 7
    assert all(re.fullmatch(r"ref-[A-Za-z0-9_-]+", anchor) for anchor in entries)
    ma = entries["ref-ma2019qhadam"]
    assert [a.get_text() for a in ma.select("a")][:2] == ["Our notes", "arXiv"]
    assert ma.select_one("a")["href"] == "../papers/ma2019qhadam/"
    cited_on = [a.get_text() for a in ma.select(".pg-citedon a")]
    assert cited_on == ["Home", "Last page"]
    ioffe = entries["ref-ioffe2015batch"]
    assert "https://doi.org/10.5555/3045118.3045167" in [a["href"] for a in ioffe.select("a")]
    # Pages in the order of their paths, independent of the order they rendered in.
    assert [a.get_text() for a in ioffe.select(".pg-citedon a")] == [
        "A guide",
        "Adam: A Method for Stochastic Optimization",
    ]
    assert entries["ref-uncited2000"].select(".pg-citedon") == []
    download = bib.select_one("a.pg-bib-download")
    assert download["href"] == "../bibliography.bib" and download["download"] == "bibliography.bib"
    text = (built.site / "bibliography.bib").read_text("utf-8")
    assert "@misc{uncited2000" in text and "% ---- references.bib ----" in text


def test_hostile_entry_is_inert_everywhere(built):
    for page in ("", "bibliography/"):
        html = (built.site / page / "index.html").read_text("utf-8")
        article = built.article(page)
        assert article.find("script") is None
        assert article.find("img") is None
        assert "javascript:" not in " ".join(a.get("href", "") for a in article.select("a"))
        assert "<script>alert" not in html
        assert '<script>alert("x")</script>' in article.get_text()


def test_graph_page_and_local_graphs_link_to_real_pages(built):
    graph = built.article("graph/")
    svg = graph.select_one("svg.pg-graph")
    assert svg is not None
    labels = sorted(a["aria-label"] for a in svg.select("a.pg-graph__node"))
    assert any(label.startswith("Bias correction") for label in labels)
    assert any(label.startswith("Quasi-hyperbolic") for label in labels)
    for node in svg.select("a.pg-graph__node"):
        target, fragment = resolve(built, "graph/", node["xlink:href"])
        assert target.is_file(), node["xlink:href"]
        if fragment:  # papers without notes open their bibliography entry
            assert built.html(str(target.relative_to(built.site))).find(id=fragment)
    kinds = {edge["class"][1] for edge in svg.select(".pg-graph__edge")}
    assert {"pg-graph__edge--extends", "pg-graph__edge--cites", "pg-graph__edge--links"} <= kinds
    rows = graph.select(".pg-graph-list li")
    assert len(rows) == len(svg.select(".pg-graph__edge"))
    local = built.article("papers/ma2019qhadam/").select_one("#connections ~ figure svg")
    centre = local.select_one(".pg-graph__node--centre")
    assert centre["aria-label"].startswith("Quasi-hyperbolic")


def test_cited_only_bibliography(tmp_path):
    result = build(tmp_path, bibliography={"cited_only": True})
    assert result.ok, result.warnings()
    bib = result.article("bibliography/")
    ids = sorted(p["id"] for p in bib.select("p.pg-ref"))
    assert "ref-uncited2000" not in ids
    # Cited in pages or notes, or related in a note (guide pages link those to their entries).
    assert set(ids) == {
        "ref-ma2019qhadam",
        "ref-ioffe2015batch",
        "ref-kingma2015adam",
        "ref-evil",
        "ref-related2001",
        ref_anchor("he.2016:resnet"),
    }
    assert "cited on this site" in bib.get_text()


def test_csl_style(tmp_path):
    result = build(tmp_path, bibliography={"style": "apa"})
    assert result.ok, result.warnings()
    bib = result.article("bibliography/")
    ma = bib.find(id="ref-ma2019qhadam")
    assert ma.get_text().startswith("Ma, J., & Yarats, D. (2019). Quasi-hyperbolic momentum")
    assert ma.select_one("i") is not None
    evil = bib.find(id="ref-evil")
    assert evil.find("script") is None and evil.find("img") is None
    assert '<script>alert("x")</script>' in evil.get_text()
    card = result.article("").select_one("pg-card .pg-card__ref")
    assert card.get_text().startswith("Ma, J., & Yarats, D. (2019).")
    assert "American Psychological Association" not in bib.get_text()  # just the short name
    assert "formatted in apa" in bib.get_text()


def test_unknown_csl_style_fails_the_build_with_the_reason(tmp_path):
    result = build(tmp_path, bibliography={"style": "no-such-style"})
    assert not result.ok
    log = "\n".join(result.messages)
    assert "bibliography.style" in log and "no CSL style named 'no-such-style'" in log


def test_unknown_key_in_a_page_fails_strict_naming_file_line_and_column(tmp_path):
    result = build(
        tmp_path,
        {"content/guides/bad.md": "---\ntitle: Bad\n---\n# Bad\n\nSee [@ioffe2015bach] here.\n"},
    )
    assert not result.ok
    assert result.warnings() == [
        "WARNING  paperguide: content/guides/bad.md:6:6: unknown citation key 'ioffe2015bach'; "
        "did you mean 'ioffe2015batch'?"
    ]


def test_unknown_key_in_note_prose_fails_strict_naming_the_note(tmp_path):
    # Bracketed: a bare @kingma2015adm is a word, with advice only, since issue 13.
    note = "key: ma2019qhadam\nsummary: |\n  Builds on [@kingma2015adm] and more.\n"
    result = build(tmp_path, {"content/papers/ma2019qhadam.yml": note})
    assert not result.ok
    assert result.warnings() == [
        "WARNING  paperguide: content/papers/ma2019qhadam.yml:3:14: unknown citation key "
        "'kingma2015adm' (field summary); did you mean 'kingma2015adam'?"
    ]


def test_bad_concept_front_matter_fails_strict_with_position(tmp_path):
    # concepts_dir named explicitly (issue 13): every page there is then a concept; with the
    # default folder a page without a concept field is the site's own and is left alone.
    result = build(
        tmp_path,
        {"content/concepts/bad.md": "---\ntitle: Bad\naliasses: [x]\n---\n\n# Bad\n"},
        concepts_dir="concepts",
    )
    assert not result.ok
    assert len(result.warnings()) == 1
    assert result.warnings()[0].startswith("WARNING  paperguide: content/concepts/bad.md:3:1: ")
    assert "aliasses" in result.warnings()[0] and "aliases" in result.warnings()[0]


def test_features_can_be_switched_off(tmp_path):
    result = build(
        tmp_path,
        bibliography={"page": "", "download": ""},
        graph_page="",
        local_graphs=False,
        citation_cards=False,
        reference_lists=False,
    )
    assert result.ok, result.warnings()
    assert not (result.site / "bibliography").exists()
    assert not (result.site / "bibliography.bib").exists()
    assert not (result.site / "graph").exists()
    home = result.article("")
    assert home.select("pg-card") == [] and home.find(id="references") is None
    # Without a bibliography page, a paper without notes links to its own DOI/URL.
    guide = result.article("guides/a/")
    hrefs = [a.get("href") for a in guide.select(".pg-cite__link")]
    assert "https://example.org/resnet" in hrefs
    assert result.article("papers/ma2019qhadam/").find(id="connections") is None


def test_unknown_key_in_embedded_note_prose_is_reported_once(tmp_path):
    note = (
        "key: ma2019qhadam\nunknowns:\n  - id: a\n    category: assumed\n"
        "    question: Is [@kingma2015adm] right?\n"
    )
    page = "# Embeds\n\n/// unknown | ma2019qhadam#a\n///\n\nAnd here [@kingma2015adm] again.\n"
    result = build(tmp_path, {"content/papers/ma2019qhadam.yml": note, "content/embeds.md": page})
    assert not result.ok
    # Once for the note (exact position), once for the page's own text; the embedded copy and
    # the note's guide page add nothing.
    assert result.warnings() == [
        "WARNING  paperguide: content/papers/ma2019qhadam.yml:5:19: unknown citation key "
        "'kingma2015adm' (field unknowns[0].question); did you mean 'kingma2015adam'?",
        "WARNING  paperguide: content/embeds.md:6:11: unknown citation key 'kingma2015adm'; "
        "did you mean 'kingma2015adam'?",
    ]


def test_a_javascript_url_in_the_bibliography_is_reported_and_never_linked(tmp_path):
    bib = FILES["content/references.bib"] + (
        "@misc{jsurl, title = {Linked how?}, year = {2021}, url = {javascript:alert(2)}}\n"
    )
    page = "# Cites\n\nSee [@jsurl].\n"
    strict = build(tmp_path / "strict", {"content/references.bib": bib, "content/js.md": page})
    assert not strict.ok
    assert any(
        "only http and https links are allowed, not 'javascript:'" in w and "(field url)" in w
        for w in strict.warnings()
    )
    relaxed = build_site(
        tmp_path / "relaxed",
        {**FILES, "content/references.bib": bib, "content/js.md": page},
        strict=False,
    )
    for url in ("bibliography/", "js/"):
        hrefs = [a.get("href", "") for a in relaxed.article(url).select("a")]
        assert not any(h.lower().startswith("javascript:") for h in hrefs), hrefs


def test_each_card_is_converted_once_per_build_and_reads_the_same_everywhere(
    tmp_path, card_conversions
):
    converted = card_conversions
    # QHAdam is cited on two written pages (and Adam three times on the guide page); each card
    # is converted once in the build.
    extra = {
        "content/guides/b.md": "# B\n\n@kingma2015adam, [@kingma2015adam] and [@ma2019qhadam].\n"
    }
    result = build(tmp_path, extra)
    assert result.ok, result.error or result.warnings()
    assert sorted(converted) == sorted(set(converted))
    assert {"ma2019qhadam", "kingma2015adam"} <= set(converted)

    def cards(page: str, key: str) -> set[str]:
        article = result.article(page)
        found = set()
        for item in article.select(f'.pg-cite__item[data-key="{key}"]'):
            if item.find_parent("pg-card"):
                continue  # a citation inside a card is a plain label
            card = item.find("pg-card")
            assert card is not None and card.get_text(strip=True)
            assert not card.has_attr("data-pg-card")  # filled in: no placeholder left
            found.add("".join(str(child) for child in card.children))
        return found

    # The same card on a written page and on a generated guide page (QHAdam's summary cites
    # Adam), and several citations of one paper on one page.
    adam = cards("guides/b/", "kingma2015adam")
    assert len(adam) == 1
    assert (
        adam
        == cards("papers/ma2019qhadam/", "kingma2015adam")
        == cards("guides/a/", "kingma2015adam")
    )
    assert cards("", "ma2019qhadam") == cards("guides/b/", "ma2019qhadam")
