"""The one-note edit of the warm-build and serve scenarios, and what must be true afterwards.

The edit puts a marker line at the top of one note's summary, with a citation of a paper that
note did not cite before (a different one each edit). So it changes the note's guide page,
every card of the note on the pages citing it, and the backlinks of the newly cited paper (and
of the one cited by the previous edit, which must lose its backlink). The plain twin gets the
same line in the same page, as text (plain MkDocs has no cards or backlinks to update).

The corpus (``corpus.py``) has note *i* cite notes *i*+1, *i*+2 and *i*+3 (modulo N), so the
edited note ``paper00001`` is shown as a card on ``paper00000`` and ``paper{N-1}``, and cites
none of the papers from N/2 on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

EDITED = 1  #: the index of the note every edit changes


def key(index: int) -> str:
    return f"paper{index:05d}"


def url(index: int) -> str:
    return f"papers/{key(index)}/"


@dataclass(frozen=True)
class Edit:
    """The ``number``-th edit of a corpus of ``papers`` notes."""

    papers: int
    number: int
    stamp: int  #: makes the marker unique across runs over the same files

    @property
    def marker(self) -> str:
        return f"Edited-marker-{self.number}-{self.stamp}"

    @property
    def target(self) -> int:
        """The paper this edit newly cites: one the edited note does not cite otherwise."""
        return self.papers // 2 + self.number % max(1, self.papers // 2 - 1)

    @property
    def line(self) -> str:
        return f"{self.marker} [@{key(self.target)}]"


def check_corpus(papers: int) -> None:
    if papers < 10:
        raise SystemExit(f"the edit scenarios need at least 10 papers (got {papers})")


def edit_note(site: Path, original: str, edit: Edit) -> None:
    """Write the edited note (from its ``original`` text, so edits do not pile up)."""
    text = original.replace("summary: |\n", f"summary: |\n  {edit.line}\n", 1)
    if text == original:
        raise RuntimeError("the bench note has no block summary to edit")
    note_path(site).write_text(text, "utf-8")


def note_path(site: Path) -> Path:
    return site / "content" / "papers" / f"{key(EDITED)}.yml"


def plain_page(plain: Path) -> Path:
    return plain / "content" / "papers" / f"{key(EDITED)}.md"


def edit_plain(plain: Path, original: str, first_summary_line: str, edit: Edit) -> None:
    """The same edit on the plain twin's page: the marker line above the summary's first."""
    if first_summary_line not in original:
        raise RuntimeError("the summary is not in the plain twin's page")
    text = original.replace(first_summary_line, f"{edit.line}\n{first_summary_line}", 1)
    plain_page(plain).write_text(text, "utf-8")


def first_summary_line(note_text: str) -> str:
    match = re.search(r"^summary: \|\n  (.+)$", note_text, re.MULTILINE)
    if match is None:
        raise RuntimeError("the bench note has no block summary")
    return match.group(1)


def _backlinks(html: str) -> set[str]:
    """The pages (``paperNNNNN``) listed under "Cited by and linked from"."""
    soup = BeautifulSoup(html, "html.parser")
    found = set()
    for block in soup.select(".pg-backlinks"):
        for link in block.select("a[href]"):
            match = re.search(r"(paper\d{5})/?(?:#.*)?$", str(link["href"]))
            if match:
                found.add(match.group(1))
    return found


def _cards_with(html: str, marker: str) -> int:
    soup = BeautifulSoup(html, "html.parser")
    return sum(marker in card.get_text() for card in soup.select(".pg-card__summary"))


def check_edit(page: Callable[[str], str], edit: Edit, previous: Edit | None) -> list[str]:
    """What is wrong on the built site after ``edit`` (``page(url)`` returns a page's HTML);
    an empty list when the note's page, its cards and every backlink it touches are right."""
    problems = []
    n = edit.papers
    edited = key(EDITED)
    own = page(url(EDITED))
    if edit.marker not in own:
        problems.append(f"{edited}: the edited summary is missing")
    for citing in (0, n - 1):
        if not _cards_with(page(url(citing)), edit.marker):
            problems.append(f"{key(citing)}: no card of {edited} shows the edit")
    missing = {key(0), key(n - 1), key(n - 2)} - _backlinks(own)
    if missing:
        problems.append(f"{edited}: backlinks lost {', '.join(sorted(missing))}")
    if edited not in _backlinks(page(url(edit.target))):
        problems.append(f"{key(edit.target)}: no backlink to {edited}, which now cites it")
    if previous is not None and previous.target != edit.target:
        left = key(previous.target)
        if edited in _backlinks(page(url(previous.target))):
            problems.append(f"{left}: stale backlink to {edited}")
    return problems


def site_page(site_dir: Path) -> Callable[[str], str]:
    """``page(url)`` for a built site on disk."""

    def read(relative: str) -> str:
        path = site_dir / relative / "index.html"
        return path.read_text("utf-8") if path.is_file() else ""

    return read
