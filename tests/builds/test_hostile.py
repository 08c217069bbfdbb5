"""Hostile and huge input, through real builds: escaped or rejected, never a traceback, and
nothing written outside the site directory.

Policy (documented in the note-format guide): plain-text fields (titles, names, ids, labels,
URLs, BibTeX fields) are escaped; prose fields are Markdown rendered exactly like MkDocs pages,
raw HTML included — notes are trusted like pages and reviewed like code.
"""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from tests.helpers import MINIMAL_BIB

XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"

HOSTILE_BIB = MINIMAL_BIB + textwrap.dedent(f"""\
    @misc{{evil,
      author = {{{XSS} and Doe, Jane}},
      title = {{Overridden by the note}},
      year = {{2020}}
    }}
    @misc{{evil2,
      author = {{{XSS} and Doe, Jane}},
      title = {{Title {XSS} *not em* [@ma2019qhadam] `code`}},
      howpublished = {{{XSS}}},
      year = {{2020 {XSS}}},
      url = {{javascript:alert(3)}}
    }}
    """)

HOSTILE_NOTE = textwrap.dedent(f"""\
    key: evil
    title: "Note title {XSS}"
    tags: ["{XSS}"]
    summary: Prose is Markdown, so <b>raw HTML</b> renders as in any MkDocs page.
    context:
      - title: "Context {XSS}"
        url: https://example.org/ok
        kind: blog
    unknowns:
      - id: u1
        category: wrong
        question: Is this escaped?
        where: "Where {XSS}"
    figures:
      - id: f1
        label: "Figure {XSS}"
        scale: "log {XSS}"
    code:
      repo: example/repo
      commit: 0123456789abcdef0123456789abcdef01234567
      map:
        - part: "Part {XSS}"
          path: "src/{XSS}.py"
          symbol: "Sym{XSS}"
    formulas:
      - id: f
        tex: x + y
        symbols:
          - tex: x
            meaning: m
            kind: "kind {XSS}"
    related:
      - key: ma2019qhadam
        relation: uses
    """)


def _snapshot(root: Path) -> set[Path]:
    return {
        p
        for p in root.rglob("*")
        if "site" not in p.relative_to(root).parts[:1]
        and ".cache" not in p.relative_to(root).parts[:1]
    }


def _no_injection(article) -> None:
    assert article.find("script") is None
    assert article.find("img") is None
    for element in article.find_all(True):
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (element.name, name)
            if name == "href":
                assert not str(value).lower().startswith(("javascript:", "data:")), value


def test_html_in_text_fields_is_shown_not_executed(site):
    result = site(
        {
            "content/index.md": "# Home\n",
            "content/references.bib": HOSTILE_BIB,
            "content/papers/evil.yml": HOSTILE_NOTE,
            "content/papers/evil2.yml": "key: evil2\n",
        },
        strict=False,
    )
    assert result.ok
    article = result.article("papers/evil/")
    _no_injection(article)
    text = article.get_text()
    assert text.count("<script>alert(1)</script>") >= 8  # shown literally, field by field
    # A BibTeX title is data: no emphasis, no citation, no code span, the characters as typed.
    from_bib = result.article("papers/evil2/")
    _no_injection(from_bib)
    assert from_bib.h1.find(["em", "code", "a"]) is None
    assert "*not em* [@ma2019qhadam] `code`" in from_bib.h1.get_text()
    assert "<script>alert(1)</script>" in from_bib.select_one(".pg-byline").get_text()
    # Prose fields follow the Markdown-page policy: raw HTML is HTML.
    assert article.select_one("#summary").find_next("p").find("b").get_text() == "raw HTML"
    # The javascript: URL in the .bib is a diagnostic and is not linked.
    assert any(
        "only http and https links are allowed" in w and "(field url)" in w
        for w in result.warnings()
    )


@pytest.mark.parametrize(
    "field,value,needle",
    [
        ("context", "  - title: t\n    url: javascript:alert(1)\n", "context[0].url"),
        (
            "context",
            "  - title: t\n    url: data:text/html;base64,PHNjcmlwdD4=\n",
            "context[0].url",
        ),
        (
            "unknowns",
            "  - id: a\n    category: assumed\n    question: q\n    evidence: "
            "['javascript:alert(1)']\n",
            "unknowns[0].evidence[0]",
        ),
    ],
)
def test_dangerous_urls_are_rejected(site, field, value, needle):
    note = f"key: ma2019qhadam\n{field}:\n{value}"
    files = {
        "content/index.md": "# Home\n",
        "content/references.bib": MINIMAL_BIB,
        "content/papers/ma2019qhadam.yml": note,
    }
    strict = site(files)
    assert not strict.ok
    assert any(needle in w for w in strict.warnings()), strict.warnings()
    relaxed = site(files, strict=False)
    _no_injection(relaxed.article("papers/ma2019qhadam/"))


@pytest.mark.parametrize(
    "note,needle",
    [
        ("key: ../../etc/passwd\n", "is not a valid BibTeX key"),
        ("key: /etc/passwd\n", "is not a valid BibTeX key"),
        ("key: ma2019qhadam\nfigures:\n  - id: ../../x\n", "'../../x' is not a valid id"),
        (
            "key: ma2019qhadam\ncode:\n  repo: a/b\n  commit: abcdef1\n  map:\n"
            "    - part: p\n      path: /etc/passwd\n",
            "must be relative to the repository root",
        ),
    ],
)
def test_path_like_keys_and_ids_are_rejected(site, tmp_path, note, needle):
    before = _snapshot(tmp_path)
    result = site(
        {
            "content/index.md": "# Home\n",
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": note,
        }
    )
    assert not result.ok
    assert any(needle in w for w in result.warnings()), result.warnings()
    written = _snapshot(tmp_path) - before
    assert {p.relative_to(tmp_path).as_posix() for p in written if p.is_file()} <= {
        "mkdocs.yml",
        "content/index.md",
        "content/references.bib",
        "content/papers/ma2019qhadam.yml",
    }


def test_keys_with_slashes_stay_inside_the_site(site, tmp_path):
    bib = MINIMAL_BIB + "@misc{a/../../b, title={Sneaky}}\n"
    result = site(
        {
            "content/index.md": "# Home\n",
            "content/references.bib": bib,
            "content/papers/a-b.yml": "key: a/../../b\n",
        }
    )
    assert result.ok, result.warnings()
    assert (result.site / "papers/a-b/index.html").exists()
    outside = [p for p in tmp_path.rglob("index.html") if "site" not in p.parts]
    assert outside == []


@pytest.mark.parametrize(
    "name,data,needle",
    [
        (
            "content/references.bib",
            MINIMAL_BIB.encode() + b"\n@misc{x, title={a\x00b}}\n",
            "NUL byte",
        ),
        (
            "content/references.bib",
            MINIMAL_BIB.encode() + "@misc{x, title={café}}\n".encode("latin-1"),
            "not valid UTF-8",
        ),
        ("content/papers/ma2019qhadam.yml", b"key: ma2019qhadam\nsummary: \x00\n", "NUL byte"),
        (
            "content/papers/ma2019qhadam.yml",
            b"key: ma2019qhadam\nsummary: \x1f\n",
            "control character U+001F",
        ),
        (
            "content/papers/ma2019qhadam.yml",
            b"key: ma2019qhadam\nsummary: " + b"[" * 300 + b"]" * 300 + b"\n",
            "nested",
        ),
    ],
)
def test_binary_and_broken_encodings(site, name, data, needle):
    files: dict[str, str | bytes] = {
        "content/index.md": "# Home\n",
        "content/references.bib": MINIMAL_BIB,
        "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\n",
    }
    files[name] = data
    result = site(files)
    assert not result.ok
    assert any(needle in w for w in result.warnings()), result.warnings()
    assert not any("Traceback" in m for m in result.messages)


def test_alias_bomb_is_refused_fast(site):
    lines = ["key: ma2019qhadam", "tags: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    start = time.perf_counter()
    result = site(
        {
            "content/index.md": "# Home\n",
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": "\n".join(lines) + "\n",
        }
    )
    assert not result.ok
    assert any("refused to load the file" in w for w in result.warnings())
    assert time.perf_counter() - start < 60  # would not finish at all if expanded


@pytest.mark.slow
def test_a_ten_megabyte_bibliography_builds(site):
    """The whole file is parsed and its last entry is citable, decoded; the published download
    keeps every entry. (The bibliography page lists only what is cited, so the test measures the
    parse, not the rendering of a 75,000-entry page, which the benchmark covers.)"""
    entry = (
        '@article{{key{0}, author={{M{{\\"u}}ller, Anna and Smith, John}}, '
        "title={{A study of {{Things}} number {0}}}, journal={{J}}, year={{2020}}, "
        "doi={{10.1/{0}}}}}\n"
    )
    bib = MINIMAL_BIB + "".join(entry.format(i) for i in range(75_000))
    assert len(bib.encode()) > 10_000_000
    result = site(
        {
            "content/index.md": "# Home\n",
            "content/references.bib": bib,
            "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nsummary: See [@key74999].\n",
        },
        config={
            "plugins": ["search", {"paperguide": {"bibliography": {"cited_only": True}}}],
        },
    )
    assert result.ok, result.warnings()
    assert result.warnings() == []
    card = result.article("papers/ma2019qhadam/").select_one(".pg-card .pg-card__ref")
    assert card is not None and "Müller" in card.get_text() and "number 74999" in card.get_text()
    listed = result.article("bibliography/").select("[id^='ref-']")
    assert {tag["id"] for tag in listed} == {"ref-key74999"}
    download = (result.site / "bibliography.bib").read_text("utf-8")
    assert download.count("@article{key") == 75_000


@pytest.mark.slow
def test_a_note_with_five_thousand_unknowns_builds(site):
    categories = ("assumed", "explained", "hand-waved", "wrong", "padding")
    lines = ["key: ma2019qhadam", "unknowns:"]
    for i in range(5000):
        lines += [
            f"  - id: u{i}",
            f"    category: {categories[i % 5]}",
            f"    question: Question {i} about *this*?",
        ]
    result = site(
        {
            "content/index.md": "# Home\n",
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": "\n".join(lines) + "\n",
        }
    )
    assert result.ok, result.warnings()
    article = result.article("papers/ma2019qhadam/")
    assert len(article.select("details.pg-unknown")) == 5000
    assert article.select_one("#u-u4999")
