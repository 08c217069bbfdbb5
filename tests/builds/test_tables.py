"""Tables and link lists on guide pages stay readable (issue 16, item 5).

On the example site: code-map identifiers are monospace and break only between their parts;
evidence lists show short labels while the links keep the full URL; symbol tables keep the
structure their stylesheet (formulas.css) pads and aligns. How it looks is checked in the
browser (tests/browser/test_tables_browser.py); these check what the build writes.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers import REPO

SAM = "https://github.com/facebookresearch/segment-anything"
SAM_COMMIT = "dca509fe793f601edb92606367a655c15ac00fdf"
QH_COMMIT = "e81dea3f2765780cf4fbb90b87b22ba7604b8625"


@pytest.fixture(scope="module")
def example(example_build):
    return example_build


def code_map(example, key):
    article = example.article(f"papers/{key}/")
    heading = article.select_one("#code-map")
    assert heading is not None, key
    return heading.find_next("table")


def columns(table):
    names = [th.get_text(strip=True) for th in table.select("thead th")]
    return [dict(zip(names, tr.find_all("td"), strict=True)) for tr in table.select("tbody tr")]


@pytest.mark.parametrize("key", ["kirillov2023segment", "ma2019qhadam"])
def test_code_map_identifiers_are_code_and_break_only_between_parts(example, key):
    rows = columns(code_map(example, key))
    assert rows
    for row in rows:
        for column in ("File", "Symbol"):
            cell = row[column]
            if not cell.get_text(strip=True):
                continue
            code = cell.find("code")
            assert code is not None and "pg-ident" in code["class"], cell
            # <wbr> break chances sit only after '/' or '_', or before '.': never mid-word.
            text = code.decode_contents()
            for match in re.finditer("<wbr/?>", text):
                before = re.sub("<wbr/?>", "", text[: match.start()])
                after = re.sub("<wbr/?>", "", text[match.end() :])
                assert before[-1] in "/_" or after[0] == ".", (before, after)
        path_link = row["File"].find("a")
        if path_link is not None:  # the link keeps the full pinned URL
            assert path_link["href"].startswith("https://github.com/"), path_link


def test_a_dotted_symbol_with_underscores_gets_break_chances(example):
    rows = columns(code_map(example, "ma2019qhadam"))
    symbols = {row["Symbol"].get_text(): row["Symbol"].code for row in rows}
    code = symbols["QHAdam.from_nadam"]
    assert re.sub(r"\s", "", code.decode_contents()) == "QHAdam<wbr/>.from_<wbr/>nadam"
    # Leading and trailing underscores (dunder names) are not split.
    assert symbols["QHAdam.__init__"].decode_contents() == "QHAdam<wbr/>.__init__"


def evidence_links(article, unknown_id):
    callout = article.select_one(f"#u-{unknown_id}")
    assert callout is not None, unknown_id
    label = callout.select_one(".pg-evidence-label")
    return label.find_next("ul").select("a")


@pytest.mark.parametrize(
    ("unknown_id", "expected"),
    [
        (
            "windowed-attention",
            [
                None,  # the @li2022exploring citation, unchanged
                (
                    "image_encoder.py L243–264 @ dca509f",
                    f"{SAM}/blob/{SAM_COMMIT}/segment_anything/modeling/image_encoder.py#L243-L264",
                ),
            ],
        ),
        (
            "ambiguity",
            [None, ("segment-anything.com", "https://segment-anything.com/")],
        ),
    ],
)
def test_evidence_shows_short_labels_with_full_hrefs(example, unknown_id, expected):
    links = evidence_links(example.article("papers/kirillov2023segment/"), unknown_id)
    assert len(links) == len(expected)
    for link, want in zip(links, expected, strict=True):
        if want is None:
            assert "pg-cite__link" in (link.get("class") or []), link
            continue
        text, href = want
        assert link.get_text() == text
        assert link["href"] == href
        assert "pg-evidence-link" in link["class"]  # its underline clears the underscores


def test_no_evidence_link_shows_a_raw_url(example):
    pages = [p for p in (example.site).rglob("index.html")]
    checked = 0
    for page in pages:
        url_path = str(page.parent.relative_to(example.site))
        article = example.article("" if url_path == "." else url_path + "/")
        if article is None:
            continue
        for label in article.select(".pg-evidence-label"):
            for link in label.find_next("ul").select("a[href^='http']"):
                checked += 1
                assert not link.get_text().startswith("http"), (url_path, link)
                assert len(link.get_text()) <= 80
    assert checked > 10


def test_single_line_anchor_in_the_qhadam_evidence(example):
    article = example.article("papers/ma2019qhadam/")
    texts = {
        a.get_text(): a["href"]
        for label in article.select(".pg-evidence-label")
        for a in label.find_next("ul").select("a[href^='https://github.com/']")
    }
    # Both labels come from the note's evidence; the full URL is the href.
    pinned = [t for t in texts if t.endswith(f"@ {QH_COMMIT[:7]}")]
    assert pinned, texts
    for text in pinned:
        assert f"/blob/{QH_COMMIT}/" in texts[text]
        assert re.fullmatch(r"\S+\.\w+( L\d+(–\d+)?)? @ e81dea3", text), text


def test_symbol_tables_keep_the_structure_their_stylesheet_styles(example):
    article = example.article("papers/ma2019qhadam/")
    tables = article.select(".pg-formula table.pg-symbols")
    assert tables
    for table in tables:
        assert [th.get("scope") for th in table.select("thead th")] == ["col"] * 3
        for row in table.select("tbody tr.pg-sym-row"):
            assert len(row.find_all("td")) == 3
            assert "pg-sym-tex" in row.td["class"]
    css = (REPO / "plugins/paperguide/assets/formulas.css").read_text("utf-8")
    # The rules the browser test measures: cell padding and headers aligned like their cells.
    assert re.search(r"\.pg-symbols :is\(th, td\)\s*\{[^}]*padding:", css)
    assert re.search(r"\.pg-symbols th\s*\{[^}]*text-align: start", css)
