"""Folds (native ``<details>``, opened by a click or the keyboard without any script), made once
the page is parsed because Markdown cannot write a ``<summary>``. Two kinds:

**Unknown callouts.** A ``<details>`` whose ``<summary>`` is the question, with the category and
status badges beside it; resolved unknowns start folded, open and disputed ones open.

The component template renders the question and then a paragraph of badges
(``.pg-unknown-badges``), and :class:`Folds` moves both into the summary. It runs after
``attr_list``, which is what gives the badge paragraph its class, and after inline processing,
so the question keeps its emphasis, code and math. Only the question's first paragraph can be
the title (a summary holds phrasing content); further paragraphs stay at the top of the body.
An inline unknown's question is the block's body, which its block keeps as a remark: when
nothing comes before the badges, the remark's first paragraph is the question.

**Folds from a marker.** A paragraph with the class ``pg-fold`` becomes the summary of a fold
that holds everything after it up to the next heading, the next marker or the end of its
container: guide pages use it to keep a formula's breakdown, a figure's details or the code map
one click away, with what to scan left in view. A heading with the class goes into the summary
whole (a collapsible subsection) and its fold runs to the next heading of its level or above.
``pg-fold--join`` also pulls the paragraph that follows into the summary (a figure's label and
what it shows make one line); ``pg-fold--open`` starts it open. The marker's other classes go to
the ``<details>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

CALLOUT = "pg-unknown"
BADGES = "pg-unknown-badges"
QUESTION = "pg-unknown-question"
REMARK = "pg-remark"
MARKER = "pg-fold"
JOIN = "pg-fold--join"
OPEN = "pg-fold--open"
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PARAGRAPH_OR_HEADING = HEADINGS | {"p"}


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


def _move_inline(source: etree.Element, target: etree.Element) -> None:
    """Append the text and children of ``source`` to ``target``, in order."""
    last = target[-1] if len(target) else None
    if last is not None:
        last.tail = (last.tail or "") + (source.text or "")
    else:
        target.text = (target.text or "") + (source.text or "")
    target.extend(list(source))


def _is_marker(element: etree.Element) -> bool:
    return element.tag in PARAGRAPH_OR_HEADING and _has_class(element, MARKER)


def _ends(element: etree.Element, level: int) -> bool:
    """Whether ``element`` ends a fold that started at a heading of ``level`` (6: a paragraph)."""
    if element.tag in HEADINGS:
        return int(element.tag[1]) <= level
    return _is_marker(element)


def fold_from(parent: etree.Element, marker: etree.Element) -> None:
    """Make ``marker`` (a child of ``parent``) the summary of a fold of what follows it."""
    classes = (marker.get("class") or "").split()
    children = list(parent)
    start = children.index(marker)
    level = int(marker.tag[1]) if marker.tag in HEADINGS else 6
    end = next(
        (i for i in range(start + 1, len(children)) if _ends(children[i], level)), len(children)
    )
    kept = " ".join(c for c in classes if c not in (JOIN, OPEN))
    details = etree.Element("details", {"class": kept})
    if OPEN in classes:
        details.set("open", "open")
    summary = etree.SubElement(details, "summary")
    if marker.tag in HEADINGS:
        # The heading itself is the title: it keeps its id, so the contents still link to it.
        del marker.attrib["class"]
        summary.append(marker)
    else:
        _move_inline(marker, summary)
    body = children[start + 1 : end]
    lead = body[0] if body else None
    if JOIN in classes and lead is not None and lead.tag == "p" and not lead.get("class"):
        separator = etree.SubElement(summary, "span", {"class": "pg-fold-lead"})
        separator.text = " · "
        _move_inline(lead, separator)
        parent.remove(lead)
        body = body[1:]
    details.tail = marker.tail
    marker.tail = None
    for child in body:
        parent.remove(child)
        details.append(child)
    parent.remove(marker)
    parent.insert(start, details)


class Folds(Treeprocessor):
    """Makes every fold on the page (see the module's docstring)."""

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
        markers = [
            (parent, child) for parent in root.iter() for child in parent if _is_marker(child)
        ]
        for parent, marker in markers:
            fold_from(parent, marker)


class SummaryPermalinks(Treeprocessor):
    """Drops the permalink (``toc``'s ``¶``) from a heading that is a fold's summary.

    A link inside a summary is a control inside a control (axe: nested-interactive), and a click
    on it would both follow it and toggle the fold. The contents still link to the heading.
    Runs after ``toc`` (priority 5), which adds the permalinks.
    """

    def run(self, root: etree.Element) -> None:
        for summary in root.iter("summary"):
            for heading in summary:
                if heading.tag not in HEADINGS:
                    continue
                for link in [a for a in heading if a.tag == "a" and _has_class(a, "headerlink")]:
                    heading.remove(link)
