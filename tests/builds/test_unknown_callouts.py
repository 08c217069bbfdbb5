"""Unknown callouts on the built example site: the question is the title, category and status are
badges, each category is explained once per page, resolved questions start folded and the rest
open, and everything folded is still in the page."""

from __future__ import annotations

import re

import pytest

from paperguide.core.notes import labels
from tests.helpers import REPO, BuildResult

KEY = "kirillov2023segment"
GUIDE = f"papers/{KEY}/"


@pytest.fixture(scope="module")
def example(example_build) -> BuildResult:
    return example_build


def _unknowns():
    from paperguide.core.notes.loading import load_note

    name = f"{KEY}.yml"
    return load_note(REPO / "content" / "papers" / name, name, f"papers/{name}").note.unknowns


def _plain(markdown: str) -> str:
    """The words of a one-line Markdown question (emphasis and code marks dropped)."""
    return " ".join(re.sub(r"[*`]", "", markdown).split())


def _words(tag) -> str:
    return " ".join(tag.get_text(" ").split()).replace(" ?", "?").replace(" ,", ",")


def test_every_unknown_is_a_fold_titled_by_its_question(example):
    article = example.article(GUIDE)
    unknowns = _unknowns()
    assert len(article.select(".pg-unknown")) == len(unknowns) == 18
    for unknown in unknowns:
        callout = article.select_one(f"#u-{unknown.id}")
        assert callout.name == "details" and "pg-unknown" in callout["class"], unknown.id
        summary = callout.find(True)
        assert summary.name == "summary", unknown.id
        question = summary.select_one(".pg-unknown-question")
        assert _plain(question.get_text()) == _plain(unknown.question), unknown.id
        category = summary.select_one(".pg-badge.pg-unknown-category").get_text(strip=True)
        status = summary.select_one(".pg-badge.pg-unknown-status").get_text(strip=True)
        assert (category, status) == (labels.CATEGORY[unknown.category], unknown.status)
        # Resolved questions start folded; open and disputed ones are shown.
        assert callout.has_attr("open") == (unknown.status != "resolved"), unknown.id


def test_folded_callouts_keep_their_answer_and_evidence_in_the_page(example):
    article = example.article(GUIDE)
    for unknown in _unknowns():
        callout = article.select_one(f"#u-{unknown.id}")
        answer = callout.select_one(".pg-answer-label").find_next_sibling()
        assert answer.find_parent("details") is callout and answer.get_text(strip=True)
        assert len(callout.select(".pg-evidence-label + ul > li")) == len(unknown.evidence)


def test_each_category_is_explained_once_as_its_group_intro(example):
    article = example.article(GUIDE)
    text = " ".join(article.get_text(" ").split())
    for category in {u.category for u in _unknowns()}:
        definition = labels.CATEGORY_DEFINITION[category]
        assert text.count(definition) == 1, category
        heading = article.select_one(f"#unknowns-{category}")
        intro = heading.find_next_sibling()
        assert "pg-category-lead" in intro["class"] and definition in intro.get_text()
        # ... with the way to the guide page that says how to handle such unknowns.
        assert intro.select_one(f"a[href$='guides/unknowns/#{category}']")
    for callout in article.select(".pg-unknown"):
        assert not callout.select(".pg-unknown-definition, .pg-unknown-label")


def test_the_unknowns_lead_counts_and_the_page_control_opens_them(example):
    article = example.article(GUIDE)
    lead = article.select_one("#unknowns + p")
    counts = "18 questions: 4 open, 2 disputed, 12 resolved (folded)."
    assert lead.get_text(" ", strip=True) == counts
    # "Expand all" and "Collapse all" act on every fold of the page, from one control near the
    # top (tests/builds/test_guide_folds.py), not from the section.
    assert not lead.select(".pg-fold-all")
    assert len(article.select(".pg-fold-all")) == 1


def test_embedded_callouts_link_their_category_and_their_guide_page(example):
    article = example.article("sam/training/")
    callout = article.select_one("details.pg-unknown--hand-waved")
    assert callout.has_attr("open") and not callout.has_attr("id")
    meta = callout.select_one(".pg-unknown-meta")
    hrefs = [a["href"] for a in meta.select("a")]
    assert hrefs == [f"../../papers/{KEY}/#u-focal-dice-ratio", "../../guides/unknowns/#hand-waved"]
    assert not callout.select("summary a")
