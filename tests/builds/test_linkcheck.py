"""The offline link check (lychee) on real builds: the example site is clean, breakage is caught."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import MINIMAL_BIB, REPO
from tests.linkcheck import check_links, remaps, site_url_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def example_site(example_build):
    return example_build


def test_the_example_site_has_no_broken_internal_link_or_anchor(example_site):
    site_url = site_url_of(REPO / "mkdocs.yml")
    report = check_links(example_site.site, site_url)
    assert [b.format() for b in report.broken] == []
    assert report.returncode == 0
    # It really looked: every page, its anchors, and the absolute links of 404.html.
    assert report.ok > 100
    assert report.total == report.ok + report.excluded
    print(report.summary())


def test_absolute_and_canonical_links_are_checked_not_excluded(example_site):
    """Without the remaps, 404.html's /paperguide/... links would be reported broken."""
    site_url = site_url_of(REPO / "mkdocs.yml")
    assert site_url and remaps(example_site.site, site_url)
    with_remaps = check_links(example_site.site, site_url)
    without = check_links(example_site.site, None)
    assert with_remaps.broken == []
    assert any(b.page == "404.html" for b in without.broken)
    # Canonical <link> URLs are full site_url addresses: checked locally, not skipped.
    assert with_remaps.excluded < without.excluded


PAGES = {
    "content/references.bib": MINIMAL_BIB,
    "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nunknowns:\n"
    "  - id: nu\n    category: explained\n    question: What is nu?\n",
    # Raw HTML links: MkDocs' validation does not look at them, the strict build passes.
    "content/index.md": (
        "# Home\n\n"
        '<a href="papers/ma2019qhadam/#u-nu">a real unknown</a>\n'
        '<a href="papers/ma2019qhadam/#u-missing">a missing anchor</a>\n'
        '<a href="guides/gone/">a missing page</a>\n'
        '<a href="/sub/papers/">absolute, present</a>\n'
        '<a href="/sub/nowhere/">absolute, missing</a>\n'
        '<a href="https://example.com/offline">external</a>\n'
    ),
}


def test_broken_raw_html_links_and_anchors_are_caught(site):
    result = site(PAGES, config={"site_url": "https://example.org/sub/"})
    assert result.ok, result.warnings() or result.error  # MkDocs alone would publish this
    report = check_links(result.site, "https://example.org/sub/")
    broken = sorted((b.page, b.url.rsplit("/site/", 1)[-1]) for b in report.broken)
    assert broken == [
        ("index.html", "guides/gone"),
        ("index.html", "nowhere"),
        ("index.html", "papers/ma2019qhadam#u-missing"),
    ]
    assert all(b.line for b in report.broken)
    assert report.excluded >= 1  # the external link, skipped offline


def test_the_command_line_fails_on_a_broken_link_and_passes_on_a_clean_site(site):
    result = site(PAGES, config={"site_url": "https://example.org/sub/"})
    config = result.root / "mkdocs.yml"

    def run(target):
        return subprocess.run(
            [sys.executable, "-m", "tests.linkcheck", str(target), "--config", str(config)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )

    broken = run(result.site)
    assert broken.returncode == 1
    assert "index.html:" in broken.stdout and "3 broken" in broken.stdout
    index = result.site / "index.html"
    html = index.read_text("utf-8")
    for bad in ('href="papers/ma2019qhadam/#u-missing"', 'href="guides/gone/"'):
        html = html.replace(bad, 'href="papers/"')
    index.write_text(html.replace('href="/sub/nowhere/"', 'href="/sub/"'), "utf-8")
    clean = run(result.site)
    assert clean.returncode == 0, clean.stdout
    assert "0 broken" in clean.stdout
    missing = run(result.root / "no-site")
    assert missing.returncode == 2 and "run `make build` first" in missing.stderr
