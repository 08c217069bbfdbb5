"""A page that uses no paperguide syntax renders the same with and without the plugin.

Each test builds a probe site twice (strict), without and with paperguide, and compares the
article of every page with a real HTML parser.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.builds.citizen import PLAIN_EXTENSIONS, assert_same_articles, build_pair, fixture_files
from tests.helpers import MINIMAL_BIB

#: A page of the same site that does cite, so the plugin is fully at work next to the probes.
CITING = {
    "content/references.bib": MINIMAL_BIB,
    "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nsummary: $\\beta$ [@kingma2015adam]\n",
    "content/reading.md": textwrap.dedent("""\
        # Reading

        As @kingma2015adam showed, and [@ma2019qhadam]; a typo @kingma2015adm stays text.
        """),
}


def test_prose_pages_are_unchanged(tmp_path: Path) -> None:
    files = {**fixture_files("prose"), **CITING}
    config = {"markdown_extensions": PLAIN_EXTENSIONS, "validation": {"omitted_files": "warn"}}
    without, with_ = build_pair(tmp_path, files, config)
    assert assert_same_articles(without, with_, {"reading/index.html"}) == 3
    # "$" math stays off on the site's own pages and on in the notes' pages.
    assert "$5" in with_.article("money/").get_text()
    assert with_.article("papers/ma2019qhadam/").select_one(".katex") is not None
    # The citing page next to them still cites, and the typo is advice, not a failure.
    reading = with_.html("reading/")
    assert reading.select_one(".pg-cite--narrative[data-key='kingma2015adam']") is not None
    assert "@kingma2015adm" in reading.select_one("article").get_text()
    advice = [m for m in with_.messages if "kingma2015adm" in m]
    assert advice and all(m.startswith("INFO") for m in advice), advice
    assert "content/reading.md:3:" in advice[0], advice
