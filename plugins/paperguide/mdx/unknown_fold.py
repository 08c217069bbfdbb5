"""An unknown callout as a fold: a ``<details>`` whose ``<summary>`` is the question, with the
category and status badges beside it; resolved unknowns start folded, open and disputed ones
open. Native ``<details>``: it opens with a click or the keyboard without any script.

Markdown cannot write a ``<summary>``, so the component template renders the question and then a
paragraph of badges (``.pg-unknown-badges``), and :class:`FoldUnknowns` moves both into the
summary once the page is parsed. It runs after ``attr_list``, which is what gives the badge
paragraph its class, and after inline processing, so the question keeps its emphasis, code and
math. Only the question's first paragraph can be the title (a summary holds phrasing content);
further paragraphs stay at the top of the body. An inline unknown's question is the block's
body, which its block keeps as a remark: when nothing comes before the badges, the remark's first
paragraph is the question.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

CALLOUT = "pg-unknown"
BADGES = "pg-unknown-badges"
QUESTION = "pg-unknown-question"
REMARK = "pg-remark"


def _has_class(element: etree.Element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def _first_paragraph(parent: etree.Element) -> etree.Element | None:
    first = next(iter(parent), None)
    return first if first is not None and first.tag == "p" else None


def fold(callout: etree.Element, badges: etree.Element) -> None:
    """Make ``callout`` (with ``badges``, its badge paragraph, among its children) a fold."""
    summary = etree.Element("summary")
    children = list(callout)
    before = children[: children.index(badges)]
    home = callout
    if not before:  # an inline unknown: the question is the block's body
        home = next((c for c in children if _has_class(c, REMARK)), callout)
    first = _first_paragraph(home)
    if first is not None and first is not badges:
        question = etree.SubElement(summary, "span", {"class": QUESTION})
        question.text = first.text
        question.extend(list(first))
        question.tail = " "
        home.remove(first)
        if home is not callout and len(home) == 0 and not (home.text or "").strip():
            callout.remove(home)
    callout.remove(badges)
    badges.tag = "span"
    badges.tail = None
    summary.append(badges)
    callout.insert(0, summary)
    callout.tag = "details"
    if callout.get("data-status") != "resolved":
        callout.set("open", "open")


class FoldUnknowns(Treeprocessor):
    """Folds every unknown callout on the page (see the module's docstring)."""

    def run(self, root: etree.Element) -> None:
        # Collected first: folding changes the tree being walked.
        found = [
            (callout, badges)
            for callout in root.iter()
            if _has_class(callout, CALLOUT)
            for badges in callout
            if _has_class(badges, BADGES)
        ]
        for callout, badges in found:
            fold(callout, badges)
