from __future__ import annotations

import markdown

from paperguide.core.base.markdown_text import (
    escape_math_text,
    escape_text,
    link_url,
    one_line,
    relative_link,
)


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "tables"])


def test_escaped_text_shows_exactly_what_was_written():
    hostile = "<script>alert(1)</script> *bold* _x_ [l](javascript:x) `c` @key $x$ # h | {: .c}"
    html = render(escape_text(hostile))
    assert "<script>" not in html and "<em>" not in html and "<a" not in html
    assert "<code>" not in html and "<strong>" not in html
    import html as htmllib

    text = htmllib.unescape(html.removeprefix("<p>").removesuffix("</p>"))
    assert text == hostile


def test_math_spans_survive_in_titles_but_nothing_else():
    assert escape_math_text("Loss with $\\ell_1$ *and* more").startswith(
        "Loss with $\\ell_1$ &#42;"
    )
    assert "$" not in escape_math_text("cost: $<script>$")


def test_math_is_what_arithmatex_calls_math_and_the_rest_is_text():
    # Issue #11 finding 2: "$ … $" (spaces inside) is not math for arithmatex, so it was parsed
    # as Markdown; now it is escaped like any text, under either arithmatex setting.
    for smart in (True, False):
        md = markdown.markdown(
            escape_math_text(
                "$ [c](javascript:alert(1)) $ $ ![t](https://evil.example/t.png) $"
                ' {: onclick="alert(2)" } \\\\$x$ $a\\$b$'
            ),
            extensions=["attr_list", "pymdownx.arithmatex"],
            extension_configs={"pymdownx.arithmatex": {"generic": True, "smart_dollar": smart}},
        )
        assert "<a" not in md and "<img" not in md and "onclick=" not in md
        assert md.count('class="arithmatex"') == 2, md


def test_urls_are_encoded_for_link_destinations():
    assert link_url("https://x.org/a b(c)") == "https://x.org/a%20b%28c%29"


def test_relative_links_between_pages():
    assert relative_link("papers/x.md#u-a", "papers/index.md") == "x.md#u-a"
    assert relative_link("papers/x.md", "sam/encoder.md") == "../papers/x.md"
    assert relative_link("papers/x.md#top", "papers/x.md") == "#top"
    assert relative_link("papers/x.md", None) == "papers/x.md"


def test_one_line_for_table_cells():
    assert one_line("a\n  b | c") == "a b \\| c"
