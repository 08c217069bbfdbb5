"""The citation grammar (core/cite/grammar.py) and the source scanner (core/cite/scan.py)."""

from __future__ import annotations

import pytest

from paperguide.core.cite.grammar import (
    CiteItem,
    is_citation_start,
    parse_group,
    parse_key,
    parse_narrative,
)
from paperguide.core.cite.scan import scan_markdown


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ioffe2015batch", "ioffe2015batch"),
        ("he.2016:resnet", "he.2016:resnet"),
        ("a/b-c+d_e", "a/b-c+d_e"),
        ("key.", "key"),
        ("key,", "key"),
        ("key:", "key"),
        ("key;", "key"),
        ("key)", "key"),
        ("key's", "key"),
        ("key...", "key"),
        ("key.-x", "key.-x"),
        ("{odd key!}", "odd key!"),
        ("_private", "_private"),
        ("Ünïcode2020", "Ünïcode2020"),
    ],
)
def test_key_grammar(text, key):
    parsed = parse_key(text, 0)
    assert parsed is not None
    assert parsed[0] == key


@pytest.mark.parametrize("text", ["", " key", ".key", "-key", "{", "{}", "{a\nb}", "(x)"])
def test_not_a_key(text):
    assert parse_key(text, 0) is None


@pytest.mark.parametrize(
    ("text", "at", "starts"),
    [
        ("@key", 0, True),
        ("see @key", 4, True),
        ("(@key)", 1, True),
        ("*@key*", 1, True),
        ('"@key"', 1, True),
        ("a@b.com", 1, False),
        ("x.com/@user", 6, False),
        ("name@host", 4, False),
        ("@@key", 1, False),
        ("\\@key", 1, False),
        ("`@key", 1, False),
        ("@ key", 0, False),
        ("@.key", 0, False),
    ],
)
def test_citation_start(text, at, starts):
    assert is_citation_start(text, at) is starts


def test_group_with_prefix_locator_and_suppressed_author():
    group = parse_group("[see @a, p. 3; -@b; @c §2]", 0)
    assert group is not None
    assert group.items == (
        CiteItem("a", "see", ", p. 3", False),
        CiteItem("b", "", "", True),
        CiteItem("c", "", "§2", False),
    )
    assert (group.start, group.end, group.narrative) == (0, 26, False)


@pytest.mark.parametrize(
    "text",
    [
        "[^1]",  # footnote reference
        "[text]",
        "[mail a@b.com]",  # no citation start
        "[@a; plain text]",  # a part without a citation
        "[@a",  # unclosed
        "[x [@a] y]",  # nested brackets: the outer one is not a group
        "[]",
    ],
)
def test_not_a_group(text):
    assert parse_group(text, 0) is None


def test_narrative_with_and_without_locator():
    # Bare: a citation only if "key" is in the bibliography (issue 13); braced: always.
    assert parse_narrative("@key rest", 0).items == (CiteItem("key", bare=True),)
    assert parse_narrative("@{key} rest", 0).items == (CiteItem("key"),)
    group = parse_narrative("@key [p. 3] rest", 0)
    assert group.items == (CiteItem("key", "", "p. 3", bare=True),)
    assert group.end == len("@key [p. 3]")
    # A following link or footnote is not a locator.
    assert parse_narrative("@key [text](url)", 0).end == 4
    assert parse_narrative("@key [^1]", 0).end == 4
    assert parse_narrative("a@key", 1) is None


def keys(text):
    return [o.key for o in scan_markdown(text)]


def test_scanner_finds_every_form():
    text = "[@a] [see @b, p. 3; -@c] and @d. Also @e [p. 4], (@f) and *@g*."
    assert keys(text) == ["a", "b", "c", "d", "e", "f", "g"]
    found = scan_markdown(text)
    assert all(text[o.offset] == "@" for o in found)


@pytest.mark.parametrize(
    "text",
    [
        "`@code`",
        "``a `@b` c``",
        "```\n@fenced\n```",
        "~~~python\n@decorator\ndef f(): ...\n~~~",
        "para\n\n    @indented_code\n",
        "$a@b$ and $$\n@x\n$$",
        "\\(@x\\) \\[@y\\]",
        "[link @k](https://example.org)",
        "[ref @k][id]\n\n[id]: https://example.org",
        "![alt @k](img.png)",
        "<https://example.org/@user>",
        "<a@b.com>",
        "mail a@b.com and x.com/@user",
        '<span title="@k">x</span>',
        "\\@escaped",
        "[^1]",
        "[@k]: https://example.org",
        "<div>\n@in_html_block\n</div>",
    ],
)
def test_scanner_skips_look_alikes(text):
    assert keys(text) == []


def test_scanner_reads_list_continuations_and_text_after_code():
    text = "- item\n\n    continued @a\n\n`code` then @b"
    assert keys(text) == ["a", "b"]


def test_locator_citations_are_found_too():
    assert keys("[@a, compare @b]") == ["a", "b"]
