"""Links in a check copied from its page to the "Check yourself" page: rewritten to work there."""

from __future__ import annotations

import pytest

from paperguide.core.crossrefs.page_checks import MARK, group_anchor, rebase, rebase_links


@pytest.mark.parametrize(
    ("href", "from_url", "to_url", "expected"),
    [
        ("#check-1", "sam/mask-decoder/", "checks/", "../sam/mask-decoder/#check-1"),
        ("../../papers/x/#u-a", "sam/mask-decoder/", "checks/", "../papers/x/#u-a"),
        ("../../", "sub/deep/", "checks/", "../"),
        ("../", "sam/", "study/self-test/", "../../"),
        ("#a", "", "checks/", "../#a"),  # the home page
        ("img/a.svg", "sam/", "checks/", "../sam/img/a.svg"),
        ("../papers/x.html?q=1#f", "sam/task.html", "checks.html", "papers/x.html?q=1#f"),
        ("#c", "sam/task.html", "checks.html", "sam/task.html#c"),
        ("https://example.org/a", "sam/", "checks/", "https://example.org/a"),
        ("/abs/", "sam/", "checks/", "/abs/"),
        ("mailto:a@b.c", "sam/", "checks/", "mailto:a@b.c"),
    ],
)
def test_rebase(href, from_url, to_url, expected):
    assert rebase(href, from_url, to_url) == expected


def test_only_marked_links_are_rewritten():
    html = f'<a href="{MARK}#x">a</a><a href="#y">b</a>'
    assert rebase_links(html, "sam/", "checks/") == '<a href="../sam/#x">a</a><a href="#y">b</a>'


def test_group_anchors():
    assert group_anchor("sam/index.md") == "checks-page-sam-index"
    assert group_anchor("A Page_2.md") == "checks-page-a-page-2"
