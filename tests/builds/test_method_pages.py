"""Real strict builds: the unknowns dashboard, per-category pages, reading progress, the tracker."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from paperguide.core.notes import labels
from paperguide.core.notes.model import CATEGORIES
from tests.helpers import REPO, BuildResult, build_site

BIB = textwrap.dedent("""\
    @article{alpha2020, author = {A, B}, title = {Alpha & <i>friends</i>}, journal = {J},
             year = {2020}}
    @article{beta2021, author = {C, D}, title = {Beta}, journal = {J}, year = {2021}}
    @article{gamma2022, author = {E, F}, title = {Gamma}, journal = {J}, year = {2022}}
    """)

TRACKER = textwrap.dedent("""\
    areas:
      - id: one
        title: Linear <b>algebra</b> & "co"
        topics:
          - {id: t-green, title: Green topic, status: green}
          - {id: t-red-a, title: Red A, status: red}
          - {id: t-yellow, title: Yellow topic, status: yellow}
      - id: two
        title: Two
        resources:
          - {title: A course, url: "https://example.com/course", kind: course}
        topics:
          - {id: t-red-b, title: Red B, status: red, evidence: "Failed the *exercises*."}
          - {id: t-yellow-b, title: Yellow B, status: yellow}
    """)

NOTES = {
    "alpha2020.yml": """\
        key: alpha2020
        status: first-pass
        prerequisites: [t-green, t-red-a, t-yellow]
        unknowns:
          - {id: a1, category: hand-waved, question: Why 0.7?}
          - {id: a2, category: assumed, question: What is X?, topic: t-red-b}
          - {id: a3, category: wrong, question: Is eq. 3 right?, status: disputed}
        context:
          - {title: Post, url: "https://example.com/1", kind: blog}
        """,
    "beta2021.yml": """\
        key: beta2021
        status: first-pass
        prerequisites: [t-red-b, t-yellow, t-green, my-concept]
        unknowns:
          - {id: b1, category: hand-waved, question: Why this *constant*?}
          - {id: b2, category: assumed, question: What is Y?, topic: t-red-b}
          - {id: b3, category: assumed, question: What is Z?, topic: my-concept}
          - {id: b4, category: hand-waved, question: Resolved?, status: resolved, answer: Yes.}
        context:
          - {title: Talk, url: "https://example.com/t", kind: talk, minutes: 120}
        """,
    "gamma2022.yml": """\
        key: gamma2022
        status: done
        prerequisites: [t-red-b, t-yellow-b]
        """,
}

GUIDE = "# Unknowns\n\n" + "".join(f"## {c} {{: #{c} }}\n\nText.\n\n" for c in CATEGORIES)


def site_files(**overrides: str) -> dict[str, str]:
    files = {
        "content/index.md": "# Home\n\n[All unknowns](unknowns/index.md)\n",
        "content/references.bib": BIB,
        "content/tracker.yml": TRACKER,
        "content/guides/unknowns.md": GUIDE,
        # A summary marks the page as a concept in the default folder (issue 13), for the
        # prerequisite checks as for the concept pages (one definition, issue 14).
        "content/concepts/my-concept.md": "---\nsummary: An idea.\n---\n\n# My concept\n",
        **{f"content/papers/{name}": textwrap.dedent(text) for name, text in NOTES.items()},
    }
    files.update(overrides)
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> BuildResult:
    root = tmp_path_factory.mktemp("method")
    # "done" is ahead of gamma's empty note: a warning, so this build is not strict.
    result = build_site(root, site_files(), strict=False)
    assert result.ok, result.error
    assert [m for m in result.warnings() if "ahead of what the note contains" not in m] == []
    return result


def resolve(result: BuildResult, page_url: str, href: str) -> tuple[Path, str]:
    """The built file and fragment a link on ``page_url`` points to."""
    parts = urlsplit(urljoin(f"http://site/{page_url}", href))
    path = result.site / parts.path.lstrip("/")
    if parts.path.endswith("/"):
        path = path / "index.html"
    return path, parts.fragment


def assert_link_target_exists(result: BuildResult, page_url: str, href: str) -> None:
    path, fragment = resolve(result, page_url, href)
    assert path.is_file(), href
    if fragment:
        assert f'id="{fragment}"' in path.read_text("utf-8"), href


# -- the dashboard --------------------------------------------------------------------------


def test_dashboard_counts_per_category_and_status(built):
    article = built.article("unknowns/")
    rows = {}
    for tr in article.select("table tbody tr"):
        cells = [td.get_text(strip=True) for td in tr.find_all("td")]
        rows[cells[0]] = [int(c) for c in cells[1:]]
    assert rows == {
        "Assumed background": [3, 0, 0, 3],
        "Explained, but hard": [0, 0, 0, 0],
        "Hand-waved": [2, 1, 0, 3],
        "Got wrong": [0, 0, 1, 1],
        "Reviewer padding": [0, 0, 0, 0],
        "All": [5, 1, 1, 7],
    }
    intro = article.find("p").get_text(" ", strip=True)
    assert intro.startswith("7 unknowns in 2 papers, 5 still open.")


def test_dashboard_lists_every_unknown_by_category_linking_to_the_exact_callout(built):
    article = built.article("unknowns/")
    seen = {}
    for category in CATEGORIES:
        heading = article.find(id=category)
        assert heading is not None and heading.name == "h2"
        items = []
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            if sibling.name == "ul":
                items.extend(sibling.find_all("li", recursive=False))
        assert heading.get_text().startswith(f"{labels.CATEGORY[category]} ({len(items)})")
        seen[category] = []
        for item in items:
            meta = item.select_one("p.pg-entry")
            link = meta.find("a")
            assert_link_target_exists(built, "unknowns/", link["href"])
            seen[category].append(
                (link["href"], meta["data-status"], meta["data-paper"], link.get_text())
            )
    assert seen["hand-waved"] == [
        ("../papers/beta2021/#u-b1", "open", "beta2021", "Beta"),
        ("../papers/beta2021/#u-b4", "resolved", "beta2021", "Beta"),
        ("../papers/alpha2020/#u-a1", "open", "alpha2020", "Alpha & <i>friends</i>"),
    ]
    assert [s[0] for s in seen["assumed"]] == [
        "../papers/beta2021/#u-b2",
        "../papers/beta2021/#u-b3",
        "../papers/alpha2020/#u-a2",
    ]
    assert seen["padding"] == []
    assert article.find(id="padding").find_next_sibling("p", class_="pg-none") is not None
    # Markdown in a question is rendered; the hostile title stays text.
    assert article.select_one("#hand-waved ~ ul em").get_text() == "constant"
    assert article.find("i") is None


def test_dashboard_filter_form_is_hidden_until_the_script_runs(built):
    article = built.article("unknowns/")
    form = article.select_one("form[data-pg-filter]")
    assert form.has_attr("hidden")
    assert [o["value"] for o in form.select("select[name=status] option")] == [
        "",
        "open",
        "resolved",
        "disputed",
    ]
    papers = [(o["value"], o.get_text()) for o in form.select("select[name=paper] option")]
    assert papers == [
        ("", "every paper"),
        ("beta2021", "Beta"),
        ("alpha2020", "Alpha & <i>friends</i>"),
    ]
    scripts = [s["src"] for s in built.html("unknowns/").select("script[src]")]
    assert "../assets/paperguide/unknowns-filter.js" in scripts


def test_per_category_pages_gather_the_unknowns_of_every_paper_with_answers(built):
    article = built.article("unknowns/hand-waved/")
    assert article.h1.get_text(strip=True).startswith("Everything authors hand-waved")
    entries = article.select("li > p.pg-entry")
    assert {e["data-category"] for e in entries} == {"hand-waved"}
    sources = [e.find("a")["href"] for e in entries]
    assert sources == [
        "../../papers/beta2021/#u-b1",
        "../../papers/beta2021/#u-b4",
        "../../papers/alpha2020/#u-a1",
    ]
    for href in sources:
        assert_link_target_exists(built, "unknowns/hand-waved/", href)
    assert [h["id"] for h in article.select("h2[id]")] == ["paper-beta2021", "paper-alpha2020"]
    resolved = entries[1].find_parent("li").get_text(" ", strip=True)
    assert resolved.startswith("Resolved?") and resolved.endswith("Answer: Yes.")
    wrong = built.article("unknowns/wrong/").select_one("p.pg-entry")
    assert (wrong["data-status"], wrong.find("a")["href"]) == (
        "disputed",
        "../../papers/alpha2020/#u-a3",
    )
    assert "None yet" in built.article("unknowns/padding/").get_text()


def test_background_to_learn_first_groups_assumed_unknowns_by_topic(built):
    article = built.article("unknowns/assumed/")
    groups = [
        (h["id"], [e.find("a")["href"].rpartition("#")[2] for e in _until_next_h2(h)])
        for h in article.select("h2[id]")
    ]
    assert groups == [("topic-t-red-b", ["u-b2", "u-a2"]), ("topic-my-concept", ["u-b3"])]
    meta = article.find(id="topic-t-red-b").find_next_sibling("p")
    assert meta.select_one(".pg-topic-status--red").get_text() == "red"
    link = meta.find("a")
    assert link["href"] == "../../tracker/#topic-t-red-b"
    assert_link_target_exists(built, "unknowns/assumed/", link["href"])
    assert "needed by 2 papers" in meta.get_text()
    concept = article.find(id="topic-my-concept").find_next_sibling("p").find("a")
    assert_link_target_exists(built, "unknowns/assumed/", concept["href"])


def _until_next_h2(heading):
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        found.extend(sibling.select("li > p.pg-entry"))
    return found


# -- the tracker ----------------------------------------------------------------------------


def test_tracker_study_next_is_red_then_yellow_most_needed_first(built):
    article = built.article("tracker/")
    items = article.find(id="study-next").find_next_sibling("ol").find_all("li")
    order = [li.find("a").get_text() for li in items]
    assert order == ["Red B", "Red A", "Yellow topic", "Yellow B"]
    first = items[0].get_text(" ", strip=True)
    assert "blocks 2 papers" in first
    assert [a.get_text() for a in items[0].find_all("a")[1:]] == ["Gamma", "Beta"]
    assert "needed by 2 papers" in items[2].get_text()
    for li in items:
        for link in li.find_all("a"):
            assert_link_target_exists(built, "tracker/", link["href"])


def test_every_red_topic_links_to_the_papers_it_blocks(built):
    article = built.article("tracker/")
    expected = {"t-red-a": ["Alpha & <i>friends</i>"], "t-red-b": ["Gamma", "Beta"]}
    for topic_id, papers in expected.items():
        heading = article.find(id=f"topic-{topic_id}")
        meta = heading.find_next_sibling("p")
        assert meta.select_one(".pg-topic-status--red") is not None
        assert "Blocks:" in meta.get_text()
        links = meta.find_all("a")
        assert [a.get_text() for a in links] == papers
        for link in links:
            path, _ = resolve(built, "tracker/", link["href"])
            assert path.parent.name in {"alpha2020", "beta2021", "gamma2022"}
            assert path.is_file()
    evidence = article.find(id="topic-t-red-b").find_next_sibling("p").find_next_sibling("p")
    assert evidence.em.get_text() == "exercises"


def test_tracker_chart_counts_and_escapes(built):
    html = (built.site / "tracker" / "index.html").read_text("utf-8")
    assert "<b>algebra</b>" not in html
    svg = built.article("tracker/").select_one("figure.pg-chart-figure svg")
    assert svg["role"] == "img"
    rows = {}
    for group in svg.select("g.pg-chart-row"):
        rows[group["data-label"]] = {
            rect["class"][1].removeprefix("pg-bar--"): int(rect["data-count"])
            for rect in group.select("rect")
        }
    assert rows == {
        'Linear <b>algebra</b> & "co"': {"green": 1, "red": 1, "yellow": 1},
        "Two": {"red": 1, "yellow": 1},
    }
    labels_ = [t.get_text() for t in svg.select("text.pg-chart-label")]
    assert labels_ == ['Linear <b>algebra</b> & "co"', "Two"]
    assert svg.find("b") is None
    assert (
        svg.select_one("desc")
        .get_text()
        .startswith('Linear <b>algebra</b> & "co": 1 green, 1 yellow, 1 red (of 3 topics)')
    )
    assert "3 green · " not in built.article("tracker/").get_text()
    total = built.article("tracker/").select_one(".pg-tracker-total").get_text()
    assert total.startswith("1 green · 2 yellow · 2 red, in 2 areas")


# -- reading progress on paper pages and the papers index ----------------------------------


def test_paper_pages_show_readiness_from_prerequisites(built):
    beta = built.article("papers/beta2021/").select_one(".pg-readiness")
    assert beta.get_text(" ", strip=True) == (
        "Readiness: 1 green · 1 yellow · 1 red ; red: Red B ; yellow: Yellow topic"
        " · concepts: my-concept"
    )
    for link in beta.find_all("a"):
        assert_link_target_exists(built, "papers/beta2021/", link["href"])
    gamma = built.article("papers/gamma2022/").select_one(".pg-readiness")
    assert (
        gamma.get_text(" ", strip=True)
        == "Readiness: 1 yellow · 1 red ; red: Red B ; yellow: Yellow B"
    )
    alpha = built.article("papers/alpha2020/").select_one(".pg-readiness")
    assert alpha.get_text(" ", strip=True) == (
        "Readiness: 1 green · 1 yellow · 1 red ; red: Red A ; yellow: Yellow topic"
    )


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> BuildResult:
    """The same site built with ``author_checks: true`` (a draft build)."""
    root = tmp_path_factory.mktemp("drafts")
    config = {"plugins": ["search", {"paperguide": {"author_checks": True}}]}
    result = build_site(root, site_files(), config=config, strict=False)
    assert result.ok, result.error
    return result


def test_author_checks_are_reported_not_published(built):
    """Readers see the status and goal badges, not the author's checks; the status ahead of the
    note stays a warning of the build, at the field."""
    for page in ("papers/gamma2022/", "papers/alpha2020/", "papers/beta2021/"):
        whole = built.html(page)
        assert whole.select(".pg-progress, .pg-context-advice") == []
        text = whole.get_text()
        assert "Reading status" not in text and "The method suggests" not in text
    gamma = built.article("papers/gamma2022/")
    assert gamma.select_one(".pg-badge--status").get_text() == "Done"
    [ahead] = built.warnings()
    assert "gamma2022.yml" in ahead and "(field status)" in ahead


def test_mkdocs_serve_shows_the_author_checks(tmp_path):
    served = build_site(tmp_path, site_files(), strict=False, command="serve")
    assert served.ok, served.error
    alpha = served.article("papers/alpha2020/")
    assert alpha.select_one(".pg-progress") is not None
    assert alpha.select_one(".pg-context-advice") is not None


def test_a_draft_build_publishes_the_author_checks(drafts):
    gamma = drafts.article("papers/gamma2022/").select_one(".pg-progress")
    assert "pg-progress--ahead" in gamma["class"]
    assert gamma.get_text(" ", strip=True).startswith(
        "Reading status: claimed Done , but the note supports only Queued"
    )
    alpha = drafts.article("papers/alpha2020/")
    assert (
        alpha.select_one(".pg-progress")
        .get_text(" ", strip=True)
        .startswith("Reading status: claimed First pass , which the note supports.")
    )
    hint = alpha.select_one(".pg-context-advice").get_text(" ", strip=True)
    assert hint.startswith("Outside context: 1 blog post, 0 videos.")
    assert "add videos" in hint
    beta = drafts.article("papers/beta2021/").select_one(".pg-context-advice").get_text()
    assert "1 video (120 min)" in beta and "1 video is longer than 60 minutes" in beta
    # A paper that claims to be past the context step but lists none gets the hint too.
    gamma_hint = drafts.article("papers/gamma2022/").select_one(".pg-context-advice").get_text()
    assert gamma_hint.startswith("Outside context: 0 blog posts, 0 videos.")


def test_category_groups_link_to_the_guide_sections(built):
    # A guide page explains each category once, above its group, with a link to the guide.
    article = built.article("papers/alpha2020/")
    categories = {callout["data-category"] for callout in article.select("details.pg-unknown")}
    assert categories
    for category in categories:
        lead = article.select_one(f"#unknowns-{category} + p.pg-category-lead")
        link = lead.select_one("a")
        assert link["href"] == f"../../guides/unknowns/#{category}"
        assert_link_target_exists(built, "papers/alpha2020/", link["href"])


def test_papers_index_has_a_status_chart(built):
    article = built.article("papers/")
    svg = article.select_one("svg.pg-chart")
    counts = {
        g["data-label"]: sum(int(r["data-count"]) for r in g.select("rect"))
        for g in svg.select("g.pg-chart-row")
    }
    assert counts == {
        "Queued": 0,
        "Context gathered": 0,
        "First pass": 2,
        "Second pass": 0,
        "Third pass": 0,
        "Done": 1,
    }
    totals = [t.get_text() for t in svg.select("text.pg-chart-total")]
    assert totals[2] == "2 papers" and totals[5] == "1 paper"
    assert svg.select_one("title").get_text() == "Papers by reading status"
    # Each paper's status is in the table next to the chart.
    statuses = [tr.find_all("td")[2].get_text() for tr in article.select("table tbody tr")]
    assert statuses == ["Done", "First\xa0pass", "First\xa0pass"]  # kept on one line


def test_sources_stay_out_of_the_site(built):
    assert not (built.site / "tracker.yml").exists()
    assert (built.site / "tracker" / "index.html").is_file()


# -- mistakes and site configurations ------------------------------------------------------


def test_an_unknown_prerequisite_fails_a_strict_build_with_its_position(tmp_path):
    note = (
        NOTES["gamma2022.yml"]
        .replace("status: done", "status: queued")
        .replace("t-yellow-b]", "t-yelow-b]")
    )
    result = build_site(
        tmp_path, site_files(**{"content/papers/gamma2022.yml": textwrap.dedent(note)})
    )
    assert not result.ok
    assert any(
        "content/papers/gamma2022.yml:3:26: unknown prerequisite 't-yelow-b' "
        "(field prerequisites[1]); did you mean 't-yellow-b'?" in m
        for m in result.warnings()
    ), result.warnings()


def test_a_site_with_an_explicit_nav_need_not_list_the_new_pages(tmp_path):
    files = site_files(**{"content/papers/gamma2022.yml": "key: gamma2022\n"})
    nav = ["index.md", "papers/index.md", "guides/unknowns.md", "concepts/my-concept.md"]
    result = build_site(tmp_path, files, config={"nav": nav})
    assert result.ok, result.warnings()
    assert result.warnings() == []
    assert (result.site / "unknowns" / "hand-waved" / "index.html").is_file()
    nav = [a.get_text(strip=True) for a in result.html("").select("nav.md-nav--primary a")]
    assert "Unknowns across the library" not in nav


def test_without_a_guide_page_nothing_links_to_it(tmp_path):
    files = site_files(**{"content/papers/gamma2022.yml": "key: gamma2022\n"})
    del files["content/guides/unknowns.md"]
    result = build_site(tmp_path, files)
    assert result.ok, result.warnings()
    article = result.article("papers/alpha2020/")
    assert article.select_one(".pg-category-lead") is not None
    assert not article.select(".pg-category-lead a, .pg-unknown a.pg-unknown-label")


def test_a_guide_page_without_the_category_anchor_fails_strictly(tmp_path):
    files = site_files(**{"content/papers/gamma2022.yml": "key: gamma2022\n"})
    files["content/guides/unknowns.md"] = GUIDE.replace("## wrong {: #wrong }", "## Errors")
    result = build_site(tmp_path, files)
    assert not result.ok
    assert any("guides/unknowns.md#wrong" in m for m in result.warnings()), result.warnings()


# -- the example site: two clicks from home to everything hand-waved ---------------------------


@pytest.fixture(scope="module")
def example(example_build) -> BuildResult:
    return example_build


def _follow(result: BuildResult, page_url: str, text: str) -> str:
    link = result.article(page_url).find("a", string=re.compile(text))
    assert link is not None, f"no link '{text}' on {page_url}"
    path, _ = resolve(result, page_url, link["href"])
    return path.parent.relative_to(result.site).as_posix() + "/"


def test_home_to_everything_hand_waved_in_two_clicks(example):
    dashboard = _follow(example, "", r"^Unknowns$")
    assert dashboard == "unknowns/"
    hand_waved = _follow(example, dashboard, "Everything authors hand-waved")
    assert hand_waved == "unknowns/hand-waved/"
    article = example.article(hand_waved)
    listed = {e.find("a")["href"] for e in article.select("p.pg-entry")}
    # Every hand-waved unknown of every note, and nothing else.
    assert listed == {
        f"../../papers/{key}/#u-{u.id}"
        for key, path in (
            ("kirillov2023segment", "kirillov2023segment.yml"),
            ("ma2019qhadam", "ma2019qhadam.md"),
        )
        for u in _note_unknowns(path)
        if u.category == "hand-waved"
    }
    assert listed
    # The dashboard is in the navigation too.
    nav = [a.get_text(strip=True) for a in example.html("").select("nav.md-nav--primary a")]
    assert "Unknowns" in nav and "Math tracker" in nav


def _note_unknowns(name: str):
    from paperguide.core.notes.loading import load_note

    path = REPO / "content" / "papers" / name
    return load_note(path, name, f"papers/{name}").note.unknowns


def test_example_red_topics_link_to_the_papers_they_block(example):
    article = example.article("tracker/")
    red = [h for h in article.select("h3[id^=topic-]") if "pg-topic--red" in h.get("class", [])]
    assert len(red) >= 2
    for heading in red:
        links = heading.find_next_sibling("p").find_all("a")
        assert links, heading["id"]
        for link in links:
            assert_link_target_exists(example, "tracker/", link["href"])
    readiness = example.article("papers/kirillov2023segment/").select_one(".pg-readiness")
    assert "The multivariable chain rule" in readiness.get_text()


def test_example_guide_shows_all_five_callouts(example):
    article = example.article("guides/unknowns/")
    found = [c["data-category"] for c in article.select("details.pg-unknown")]
    assert found == list(CATEGORIES)
    for category in CATEGORIES:
        assert article.find(id=category) is not None
