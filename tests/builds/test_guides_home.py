"""The method guides and the home page, as built from the repository's own mkdocs.yml.

The guides teach the method with the example notes, so these tests pin what makes them worth
reading: they are in the navigation, they embed real note records (not copies) and those records
cover both papers and all five categories, every cross-link lands on an anchor that exists, the
resources they recommend are the tracker's, and the code links are pinned. The home page must
link every entry point a first-time reader needs.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from paperguide.core.notes.loading import load_note
from paperguide.core.notes.model import CATEGORIES
from tests.helpers import REPO, BuildResult

SAM, QHADAM = "kirillov2023segment", "ma2019qhadam"
SAM_COMMIT = "dca509fe793f601edb92606367a655c15ac00fdf"
QHOPTIM_COMMIT = "e81dea3f2765780cf4fbb90b87b22ba7604b8625"
NOTES = {SAM: "kirillov2023segment.yml", QHADAM: "ma2019qhadam.md"}

# The "Reading method" section of the navigation, in order (URL, nav label).
GUIDES = (
    ("guides/reading-method/", "The reading method"),
    ("guides/unknowns/", "The five kinds of unknowns"),
    ("guides/studying-math/", "Studying the math"),
    ("guides/mapping-code/", "Mapping code onto the paper"),
    ("guides/anki-deck/", "Studying with the Anki deck"),
)
# Every embed a guide must show: (kind, note key, record id). Rendered as div.pg-<kind>.
EMBEDS = {
    "guides/reading-method/": {
        ("unknown", SAM, "fourier-features"),
        ("unknown", QHADAM, "nag-as-qhm"),
        ("unknown", QHADAM, "nu2-role"),
        ("unknown", SAM, "focal-dice-ratio"),
        ("unknown", SAM, "large-objects-claim"),
        ("unknown", SAM, "rai-section"),
    },
    "guides/unknowns/": {
        ("unknown", QHADAM, "why-bias-correction"),
        ("unknown", SAM, "ambiguity"),
        ("unknown", QHADAM, "modulo-bias-correction"),
        ("unknown", SAM, "edetr-label"),
    },
    "guides/studying-math/": {
        ("formula", QHADAM, "bias-corrected-momentum"),
        ("formula", QHADAM, "update"),
    },
    "guides/mapping-code/": {
        ("unknown", SAM, "layerwise-lr-decay"),
        ("unknown", QHADAM, "qhadam-beta1"),
    },
}
# The home page's entry points: where each must lead (a site path, with its fragment).
ENTRY_POINTS = (
    "sam/",
    "papers/ma2019qhadam/#formula-update",
    "unknowns/",
    "unknowns/hand-waved/",
    "guides/reading-method/",
    "guides/studying-math/",
    "guides/mapping-code/",
    "papers/",
    "tracker/",
)
# Facts the guides state, each checked against its source (see /work/research and the notes).
FACTS = {
    "guides/mapping-code/": (
        SAM_COMMIT,  # the pinned segment-anything commit
        "18 September 2024",  # its date (git log -1)
        "15 April 2023",  # last change under segment_anything/ (git log -- segment_anything/)
        QHOPTIM_COMMIT,  # the pinned qhoptim commit
        "26 September 2019",  # last change under qhoptim/
        "contains no training code at all",  # no loss/optimizer/loader/loop at the pin
        "1024 steps",  # test_qhoptim/pyt/util.py: iters=1024
        "70×70",  # window_partition pads 64 to 70
    ),
    "guides/studying-math/": (
        "2nd edition, 2019",  # Blitzstein and Hwang
        "Fall 2011",  # MIT OCW 18.06SC
        "David Jerison and Arthur Mattuck",  # 18.01SC problem sets
    ),
}


@pytest.fixture(scope="module")
def example(example_build) -> BuildResult:
    return example_build


def _unknowns(key: str):
    name = NOTES[key]
    path = REPO / "content" / "papers" / name
    return load_note(path, name, f"papers/{name}").note.unknowns


def _target(page: str, href: str) -> tuple[str, str]:
    """Where a relative link on ``page`` lands: (site path of the page, fragment)."""
    parts = urlsplit(urljoin(f"http://site/{page}", href))
    assert parts.netloc == "site", href
    return parts.path.lstrip("/"), parts.fragment


def _assert_lands(example: BuildResult, page: str, href: str) -> str:
    """The link resolves to a built page and, if it has a fragment, to an id on that page."""
    path, fragment = _target(page, href)
    # A page (a folder's index.html) or a file the site publishes (the Anki deck).
    file = example.site / path / "index.html" if path.endswith("/") or not path else None
    file = file or example.site / path
    assert file.is_file(), f"{page}: {href} -> {path} does not exist"
    if fragment:
        assert example.html(path).find(id=fragment) is not None, f"{page}: no #{fragment} on {path}"
    return f"{path}#{fragment}" if fragment else path


def _record(block, kind: str) -> tuple[str, str, str] | None:
    """(kind, key, id) of an embedded record, read from the link back to it (in a formula's
    title, in the line of links under an unknown's question)."""
    prefix = "u" if kind == "unknown" else kind
    title = block.select_one(".pg-unknown-meta, .pg-formula-title")
    for a in title.select("a[href*='papers/']") if title else []:
        match = re.search(rf"papers/([\w.-]+)/#{prefix}-([a-z0-9-]+)$", a["href"])
        if match:
            return kind, match[1], match[2]
    return None  # an inline unknown written on the page itself


def _embeds(article) -> set[tuple[str, str, str]]:
    """Every embedded record on the page: each links back to its record on its paper."""
    found = set()
    for kind in ("unknown", "formula"):
        for block in article.select(f".pg-{kind}"):
            record = _record(block, kind)
            if record:
                found.add(record)
    return found


def _prose(article) -> str:
    """The page's own words, without the embedded records."""
    for block in article.select("div.pg-formula, details.pg-unknown, div.pg-figure"):
        block.decompose()
    return " ".join(article.get_text(" ").split())


def test_the_guides_are_in_the_reading_method_section(example):
    nav = example.html("").select_one("nav.md-nav--primary")
    label = next(
        lab
        for lab in nav.select("label.md-nav__link")
        if lab.get_text(strip=True) == "Reading method"
    )
    section = nav.select_one(f"nav[aria-labelledby='{label['id']}']")
    links = [(a["href"], a.get_text(strip=True)) for a in section.select("a.md-nav__link[href]")]
    assert links == list(GUIDES)
    for url, _ in GUIDES:
        article = example.article(url)
        assert article is not None and article.h1 is not None, url


@pytest.mark.parametrize("page", sorted(EMBEDS))
def test_guides_embed_real_note_records(example, page):
    article = example.article(page)
    assert not article.select(".pg-embed-error"), page
    found = _embeds(article)
    assert EMBEDS[page] <= found, f"{page}: missing {EMBEDS[page] - found}"
    # Each embedded unknown exists in its note, with the category the page shows for it.
    notes = {key: _unknowns(key) for key in NOTES}
    for block in article.select("details.pg-unknown"):
        record = _record(block, "unknown")
        if record:
            _, key, uid = record
            in_note = next(u for u in notes[key] if u.id == uid)
            assert block["data-category"] == in_note.category, (page, uid)


def test_reading_method_shows_every_category_from_both_papers(example):
    article = example.article("guides/reading-method/")
    embedded = _embeds(article)
    categories = {b["data-category"] for b in article.select("details.pg-unknown")}
    assert categories == set(CATEGORIES)
    assert {key for _, key, _ in embedded} == {SAM, QHADAM}
    # The three passes are all there, with the anchors other pages link to.
    for anchor in ("goal", "context", "first-read", "sorting", "second-read", "third-read"):
        assert article.find(id=anchor) is not None, anchor
    assert {a.get_text() for a in article.select("#at-a-glance ~ table strong")} >= {
        "Pass 1",
        "Pass 2",
        "Pass 3",
    }


def test_the_sorting_table_lists_every_unknown_under_its_category(example):
    page = "guides/reading-method/"
    table = example.article(page).find(id="sorting-examples").find_next("table")
    listed = {}
    for row in table.select("tbody tr"):
        category = _target(page, row.td.a["href"])[1]
        assert category in CATEGORIES, category
        for a in row.select("td a[href*='#u-']"):
            path, fragment = _target(page, a["href"])
            key = path.split("/")[1]
            listed[(key, fragment.removeprefix("u-"))] = category
    expected = {(key, u.id): u.category for key in NOTES for u in _unknowns(key)}
    assert listed == expected


@pytest.mark.parametrize("page", [url for url, _ in GUIDES] + [""])
def test_every_internal_link_lands(example, page):
    article = example.article(page)
    for a in article.select("a[href]"):
        href = a["href"]
        if href.startswith(("http:", "https:", "mailto:")) or href.startswith("#pg-cite"):
            continue
        if href.startswith("#"):
            assert article.find(id=href[1:]) is not None, f"{page}: {href}"
            continue
        _assert_lands(example, page, href)


def test_studying_math_uses_the_tracker(example):
    page = "guides/studying-math/"
    article = example.article(page)
    for anchor in ("choosing", "resources", "green-yellow-red", "red-to-green", "breakdowns"):
        assert article.find(id=anchor) is not None, anchor
    internal = [a["href"] for a in article.select("a[href]") if not a["href"].startswith("http")]
    tracker_links = {
        fragment
        for path, fragment in map(lambda h: _target(page, h), internal)
        if path == "tracker/"
    }
    tracker = yaml.safe_load((REPO / "content/tracker.yml").read_text("utf-8"))
    areas = {f"area-{area['id']}" for area in tracker["areas"]}
    topics = {f"topic-{t['id']}" for area in tracker["areas"] for t in area["topics"]}
    assert areas <= tracker_links  # every area of the learning path is introduced
    assert len(tracker_links & topics) >= 8
    assert "study-next" in tracker_links
    # Only resources the tracker lists (their URLs were checked) are recommended.
    resources = [r for area in tracker["areas"] for r in area.get("resources", [])]
    resources += [r for a in tracker["areas"] for t in a["topics"] for r in t.get("resources", [])]
    known = {r["url"] for r in resources if r.get("url")}
    external = {a["href"] for a in _prose_links(article) if a["href"].startswith("http")}
    assert external and external <= known, external - known


def _prose_links(article):
    """The page's own links: not those inside embedded records, not Material's edit button."""
    for block in article.select("div.pg-formula, details.pg-unknown, a.md-content__button"):
        block.decompose()
    return article.select("a[href]")


def test_mapping_code_links_are_pinned_and_name_real_rows(example):
    page = "guides/mapping-code/"
    article = example.article(page)
    prose_links = [a["href"] for a in _prose_links(example.article(page))]
    github = [href for href in prose_links if href.startswith("https://github.com/")]
    assert github
    for href in github:
        assert f"/blob/{QHOPTIM_COMMIT}/" in href or f"/blob/{SAM_COMMIT}/" in href, href
    rows = {
        _assert_lands(example, page, href)
        for href in prose_links
        if "#code-" in href and not href.startswith("http")
    }
    assert "papers/kirillov2023segment/#code-map" in rows
    assert "papers/ma2019qhadam/#code-map" in rows
    assert len({r for r in rows if r.startswith("papers/kirillov2023segment/#code-")}) >= 8
    assert article.select_one("pre code") is not None  # the YAML example of a map row


@pytest.mark.parametrize("page", sorted(FACTS))
def test_guides_state_the_facts(example, page):
    text = _prose(example.article(page))
    for fact in FACTS[page]:
        assert " ".join(fact.split()) in text, f"{page}: {fact!r}"


def test_home_links_every_entry_point(example):
    home = example.article("")
    links = [a["href"] for a in _prose_links(home)]
    assert all(not href.startswith(("http:", "https:")) for href in links), links
    targets = {_assert_lands(example, "", href) for href in links}
    for entry in ENTRY_POINTS:
        path, _, fragment = entry.partition("#")
        assert (f"{path}#{fragment}" if fragment else path) in targets, entry
    # The entry points are cards: one titled link per card, the deep dive first.
    cards = home.select("div.grid.cards > ul > li")
    assert len(cards) == 6
    first = [card.select_one("strong a")["href"] for card in cards]
    assert _target("", first[0])[0] == "sam/"
    assert _target("", first[1]) == ("papers/ma2019qhadam/", "formula-update")
