"""A hostile contributor's inputs: one payload in every plain-text field of every input kind,
and the whole-page checks that prove none of it became markup (shared by build and browser tests).

Prose fields (summary, answers, takeaways...) are Markdown like any page and are reviewed like
code, so they are left out; ids and keys are validated by the schema (issue #12), also left out.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from tests.helpers import MINIMAL_BIB

#: Markers for ids and classes a payload asks for; slugs are lower case, so these never come
#: from an ordinary heading anchor.
ID_MARK = "PWNID"
CLASS_MARK = "PWNCLS"
EVIL_HOST = "evil.example"

#: Everything that reached a page raw at some point: raw HTML, attribute breakouts, Markdown
#: links and images, attr_list, and the same inside ``$ … $`` (not math for arithmatex).
TEXT_PAYLOAD = (
    '<img src=x onerror=alert(1)>"><script>alert(2)</script>'
    " [j](javascript:alert(3)) ![i](https://evil.example/i.png)"
    f' {{: #{ID_MARK} .{CLASS_MARK} onclick="alert(4)" }}'
    " $ [k](javascript:alert(5)) $ $ ![t](https://evil.example/t.png) $"
)
#: KaTeX commands that set ids, classes, styles or data attributes from data: refused.
MATH_PAYLOAD = (
    f"$\\htmlId{{{ID_MARK}}}{{x}}$ $\\htmlClass{{{CLASS_MARK}}}{{y}}$"
    " $\\htmlStyle{background:url(https://evil.example/s.png)}{z}$"
    " $\\htmlData{onclick=alert(6)}{w}$"
)


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML flow scalars


def payload_files(payload: str) -> dict[str, str]:
    """A small site with ``payload`` in every plain-text field of every kind of input."""
    p = _q(payload)
    bib = MINIMAL_BIB + (
        f"@inproceedings{{evil,\n  author = {{{payload} and Doe, Jane}},\n"
        f"  title = {{{payload}}},\n  booktitle = {{{payload}}},\n  year = {{2020}}\n}}\n"
        f"@misc{{evilmd,\n  author = {{Doe, Jane}},\n  title = {{{payload}}},\n"
        f"  howpublished = {{{payload}}},\n  year = {{2021}}\n}}\n"
    )
    note = f"""\
key: evil
title: {p}
tags: [{p}]
context:
  - title: {p}
    url: https://example.org/ok
    kind: blog
unknowns:
  - id: u1
    category: hand-waved
    question: Is this escaped?
    where: {p}
figures:
  - id: f1
    label: {p}
    x: {p}
    y: {p}
    units: {p}
    scale: {p}
code:
  repo: example/repo
  commit: 0123456789abcdef0123456789abcdef01234567
  map:
    - part: {p}
      symbol: {p}
formulas:
  - id: f
    title: {p}
    where: {p}
    tex: x + y
    symbols:
      - tex: x
        meaning: the input
        kind: {p}
related:
  - key: evilmd
    relation: uses
  - key: ma2019qhadam
    relation: uses
prerequisites: [topic-a]
"""
    md_note = f"---\nkey: evilmd\ntitle: {p}\ntags: [{p}]\n---\n\nCites [@evil] and @evil.\n"
    tracker = f"""\
areas:
  - id: area-a
    title: {p}
    resources:
      - title: {p}
        url: https://example.org/r
        kind: book
    topics:
      - id: topic-a
        title: {p}
        status: red
        resources:
          - title: {p}
            url: https://example.org/t
            kind: video
"""
    concept = f"---\ntitle: {p}\naliases: [{p}]\ntopic: topic-a\n---\n\nA concept.\n"
    page = f"---\ntitle: {p}\ndescription: {p}\n---\n\nSee [@evil] and [@evilmd].\n"
    return {
        "content/index.md": "# Home\n\nThe guide: [@evil], [@evilmd].\n",
        "content/references.bib": bib,
        "content/papers/evil.yml": note,
        "content/papers/evilmd.md": md_note,
        "content/tracker.yml": tracker,
        "content/concepts/evil-concept.md": concept,
        "content/front.md": page,
    }


_URL_ATTRS = ("href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href")


def page_problems(html: str, name: str, base: str | None = None) -> list[str]:
    """Every way the whole page (head, header, nav, article, footer) shows injected markup.

    ``base``: the address the site is served at (its own absolute URLs are not "another host").
    """

    def _own(url: str) -> bool:
        parts = urlsplit(url.strip())
        return (not parts.scheme and not parts.netloc) or bool(base and url.startswith(base))

    soup = BeautifulSoup(html, "html.parser")
    problems: list[str] = []
    for el in soup.find_all(True):
        for attr, value in el.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            where = f"{name}: <{el.name} {attr}={text[:60]!r}>"
            if attr.lower().startswith("on"):
                problems.append(f"{where}: event handler")
            if attr.lower() in _URL_ATTRS or attr.lower() == "style":
                squeezed = "".join(text.split()).lower()
                if squeezed.startswith(("javascript:", "data:", "vbscript:")):
                    problems.append(f"{where}: script/data URL")
                if EVIL_HOST in squeezed:
                    problems.append(f"{where}: external resource")
            if attr.lower() in ("src", "srcset", "poster") and not _own(text):
                problems.append(f"{where}: resource from another host")
            if attr.lower() == "id" and ID_MARK in text:
                problems.append(f"{where}: id from data")
            if attr.lower() == "class" and CLASS_MARK in text:
                problems.append(f"{where}: class from data")
        if el.name == "script" and ((el.get("src") and not _own(el["src"])) or "alert" in el.text):
            problems.append(f"{name}: injected <script>")
        if el.name == "link" and el.get("href") and not _own(el["href"]):
            problems.append(f"{name}: <link> to another host {el['href']!r}")
    return problems


def site_problems(site_dir: Path) -> list[str]:
    """:func:`page_problems` over every page, plus the search index Material renders as HTML."""
    problems: list[str] = []
    for path in sorted(site_dir.rglob("*.html")):
        problems += page_problems(path.read_text("utf-8"), path.relative_to(site_dir).as_posix())
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        for doc in json.loads(index.read_text("utf-8"))["docs"]:
            for field in ("title", "text"):
                value = doc.get(field, "")
                if "<img" in value or "<script" in value:
                    problems.append(f"search index {doc['location']}: raw markup in {field}")
    return problems
