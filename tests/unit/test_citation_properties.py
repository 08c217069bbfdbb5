"""Property-based tests of the citation tokenizer: any text, no traceback, and the load-time
scanner finds exactly the citations the Markdown extension renders."""

from __future__ import annotations

import re
import textwrap

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperguide.core.cite.grammar import parse_group, parse_key, parse_narrative
from paperguide.core.cite.scan import scan_markdown
from paperguide.core.crossrefs.collector import Collector
from paperguide.core.library.loading import load_library
from paperguide.core.site.settings import Settings
from paperguide.mdx.citation_state import CitationState
from paperguide.mdx.citations import CitationsExtension
from paperguide.mdx.context import RenderContext
from tests.helpers import MINIMAL_BIB

BIB_KEYS = frozenset({"ma2019qhadam", "kingma2015adam"})  # the keys of MINIMAL_BIB
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments that look like citations, almost-citations and the syntax around them.
FRAGMENTS = [
    "@kingma2015adam",
    "[@ma2019qhadam]",
    "[see @kingma2015adam, p. 3; -@ma2019qhadam]",
    "@nobody2020",
    "@{nobody2020}",
    "[@{kingma2015adam}]",
    "a@b.com",
    "<me@x.org>",
    "\\@",
    "@",
    "[",
    "]",
    "(",
    ")",
    "`",
    "``",
    "*",
    "_",
    "#",
    "-",
    " ",
    "  ",
    "\n",
    "\n\n",
    "    ",
    "x",
    "word",
    ".",
    ",",
    ";",
    "[^1]",
    "https://x.org/@kingma2015adam",
    "[link](x.md)",
    "<b>",
    "</b>",
    "$@x$",
    "\\",
    "{",
    "}",
    "```\n",
    "~~~\n",
    "> ",
    "1. ",
    "@kingma2015adam.",
    "@{odd key}",
]
# An "@" glued to what comes before it ("@a@b", "[@a]@b", "[l](x)@b") is left out: Python-
# Markdown splits text into nodes around links and citations, and whether a glued "@" then
# starts a citation depends on that split. The note-format guide says to write a space before
# a citation. The look-alikes that contain an "@" on purpose stay in.
LOOK_ALIKES = ("a@b.com", "<me@x.org>", "https://x.org/@kingma2015adam", "\\@", "$@x$")


def _glued(text: str) -> bool:
    for fragment in LOOK_ALIKES:
        text = text.replace(fragment, " ")
    return re.search(r"\S@", text) is not None


texts = (
    st.lists(st.sampled_from(FRAGMENTS), max_size=40)
    .map("".join)
    .filter(lambda text: not _glued(text))
)


@pytest.fixture(scope="module")
def converter(tmp_path_factory):
    root = tmp_path_factory.mktemp("citations")
    (root / "references.bib").write_text(MINIMAL_BIB)
    library = load_library(Settings(root, root))
    reported: list[object] = []
    context = RenderContext(
        library=library, page_src_uri="p.md", page_source="content/p.md", report_to=reported.append
    )
    state = CitationState(collector=Collector())
    md = markdown.Markdown(
        extensions=[
            "attr_list",
            "footnotes",
            "pymdownx.superfences",
            "pymdownx.arithmatex",
            CitationsExtension(context=context, state=state),
        ],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )

    def convert(text: str) -> BeautifulSoup:
        md.reset()
        return BeautifulSoup(md.convert(text), "html.parser")

    return convert


def rendered_keys(soup: BeautifulSoup) -> list[str]:
    """Keys the page shows as citations (known ones link, unknown ones are marked missing)."""
    keys = []
    for item in soup.select(".pg-cite__item"):
        key = item.get("data-key") or item.get_text()
        keys.append(str(key).lstrip("@"))
    return keys


@FAST
@given(st.text(max_size=200))
def test_parsers_never_raise(text):
    for at in range(len(text)):
        parse_key(text, at)
        parse_narrative(text, at)
        parse_group(text, at)
    scan_markdown(text)


@FAST
@given(texts)
def test_extension_never_raises_and_agrees_with_the_scanner(converter, text):
    soup = converter(text)
    # A bare @word cites only a key of the bibliography (issue 13); the rest stays text.
    found = [o.key for o in scan_markdown(text) if o.explicit or o.key in BIB_KEYS]
    assert rendered_keys(soup) == found, textwrap.shorten(repr(text), 300)


@FAST
@given(st.text(alphabet=st.characters(blacklist_characters="`\n\r"), max_size=60))
def test_nothing_inside_a_code_span_becomes_a_citation(converter, text):
    soup = converter(f"`@kingma2015adam {text}`")
    assert soup.select(".pg-cite__item") == []
    assert scan_markdown(f"`@kingma2015adam {text}`") == []


@pytest.mark.parametrize(
    "text",
    [
        " ~~~\n@kingma2015adam```\n~~~\n",  # found by hypothesis: not a fence at top level
        " ~~~\n@kingma2015adam\n ~~~\n",
        "~~~\n@kingma2015adam\n ~~~\n@ma2019qhadam\n~~~\n",  # the closing fence is not indented
        "- a\n ~~~\n @kingma2015adam\n ~~~\n",  # inside a list item it is a fence
        "~~~\n@kingma2015adam\n   ~~~\n",  # never closed: text
    ],
)
def test_indented_fences_are_code_exactly_where_python_markdown_says(converter, text):
    found = [o.key for o in scan_markdown(text) if o.explicit or o.key in BIB_KEYS]
    assert rendered_keys(converter(text)) == found


@pytest.mark.parametrize(
    "text",
    [
        # Found by hypothesis: inside emphasis, Python-Markdown matches the text after a math
        # or code span on its own, where the "@" seemed to start a word.
        "*$@x$@kingma2015adam*",
        "*`c`@kingma2015adam*",
        "*$@x$@kingma2015adam [link](x.md)*",
        # ...while a citation after a hard line break inside emphasis still cites.
        "*a  \n@kingma2015adam*",
        "*$x$ @kingma2015adam*",
    ],
)
def test_an_at_glued_to_a_span_inside_emphasis_is_text(converter, text):
    found = [o.key for o in scan_markdown(text) if o.explicit or o.key in BIB_KEYS]
    assert rendered_keys(converter(text)) == found
