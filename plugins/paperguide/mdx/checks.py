"""Self-checks: a question, then a "Show answer" fold that reveals the answer.

- ``/// checks | <key>``: every ``checks[]`` entry of a note (guide pages and the site-wide
  "Check yourself" page are made of these);
- ``/// check`` (optionally ``/// check | <key>#<address>``) on a hand-written page: the body is
  the question, and a nested ``/// answer`` block holds the answer.

The answer sits in a native ``<details>``, so it opens by click or keyboard without any script
(the page is readable with JavaScript off, and the answer is still in the page for search). The
fold's title is a fixed label, not Markdown, so the blocks build it as elements directly instead
of leaving it to a tree processor as the unknown callouts must (``unknown_fold.py``).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any, ClassVar

from markdown import Markdown
from pymdownx.blocks.block import Block, type_any, type_boolean

from ..core.base.slugs import is_slug
from ..core.crossrefs.collector import Collector
from ..core.notes import labels
from ..core.notes.about import about_problem, resolve_about
from ..core.notes.model import Check, Note
from ..core.pages.templating import render
from .check_anchors import CheckAnchors, NewPage
from .check_record import PRIORITY, RECORD_ATTR, CheckRecorder
from .context import RenderContext
from .embed_sections import NoteBlocksExtension, error_box
from .gate import NOTE_TAG, note_prose, reads_math_only_in_notes
from .markdown_into import CHECK_ANCHORS, render_markdown_into
from .math import mark_source

CHECK = "pg-check"
QUESTION = "pg-check-question"
ANSWER = "pg-check-answer"
ANSWER_BODY = "pg-check-answer-body"
ABOUT = "pg-check-about"


def check_anchor(check: Check, number: int) -> str:
    """The element id of a note's check on its guide page: ``check-<id>``, or without an id
    ``check-<n>`` (``number``: its 1-based position in the note)."""
    return f"check-{check.id or number}"


def answer_fold(parent: etree.Element) -> tuple[etree.Element, etree.Element]:
    """Append the answer's fold to ``parent``: the ``<details>`` and the body to fill."""
    details = etree.SubElement(parent, "details", {"class": ANSWER})
    summary = etree.SubElement(details, "summary")
    summary.text = labels.SHOW_ANSWER
    body = etree.SubElement(details, "div", {"class": ANSWER_BODY})
    return details, body


def _about_line(
    md: Markdown, parent: etree.Element, markdown: str, templates_dir: Path | None
) -> None:
    line = etree.SubElement(parent, "div", {"class": ABOUT})
    render_markdown_into(md, line, markdown)


def about_markdown(
    context: RenderContext, note: Note, about: str, templates_dir: Path | None
) -> str | None:
    """The "About: …" line linking to what ``about`` names on the note's guide page."""
    target = resolve_about(note, about)
    if target is None or context.library is None:
        return None
    paper = context.library.paper_src_uri(note.key)
    return render(
        "components/check_about.md.j2",
        templates_dir,
        target=target,
        href=context.link(f"{paper}#{target.anchor}"),
    )


class ChecksBlock(Block):
    """``/// checks | <key>``: a note's self-checks, in the note's order."""

    NAME = "checks"
    ARGUMENT = True
    # Anchors (#check-<n>) by default only on the note's own guide page, as the section blocks do.
    OPTIONS: ClassVar[dict[str, tuple[Any, Any]]] = {"anchor": (None, type_boolean)}

    def on_markdown(self) -> str:
        return "block"

    def on_create(self, parent: etree.Element) -> etree.Element:
        context: RenderContext = self.config["context"]
        key = str(self.argument).strip()
        library = context.library
        note = library.note(key) if library else None
        if note is None and library and library.is_unloaded(key):
            return error_box(parent, f"Note not loaded: {key}")  # its problems are reported
        if note is None or library is None:
            context.report(
                f"'/// checks | {key}': no note with the key '{key}'",
                "check the key against content/papers/",
            )
            return error_box(parent, f"Missing note: {key}")
        anchor = self.options["anchor"]
        if anchor is None:
            anchor = context.page_src_uri == library.paper_src_uri(note.key)
        section = etree.SubElement(parent, "div", {"class": "pg-checks"})
        anchors: CheckAnchors = self.config["anchors"]
        for number, check in enumerate(note.checks, 1):
            name = anchors.claim(check_anchor(check, number)) if anchor else None
            self.render_check(section, note, check, name)
        return section

    def render_check(
        self, parent: etree.Element, note: Note, check: Check, anchor: str | None
    ) -> None:
        context: RenderContext = self.config["context"]
        templates_dir: Path | None = self.config.get("templates_dir")
        # As for the other note components: "note text here" for pages that read math only in
        # notes, and bad TeX reported against the note file.
        tag = NOTE_TAG if reads_math_only_in_notes(self.md) else "div"
        box = etree.SubElement(parent, tag, {"class": CHECK})
        if anchor:
            box.set("id", anchor)
        mark_source(self.md, box, note.source)
        with note_prose(self.md):
            question = etree.SubElement(box, "div", {"class": QUESTION})
            render_markdown_into(self.md, question, check.question)
            _, body = answer_fold(box)
            render_markdown_into(self.md, body, check.answer)
            if check.about and (line := about_markdown(context, note, check.about, templates_dir)):
                _about_line(self.md, box, line, templates_dir)


class CheckBlock(Block):
    """``/// check``: a hand-written check; its body is the question, ``/// answer`` the answer.

    The optional argument ``<key>#<address>`` links the check to a note's record, with the same
    addresses as ``checks[].about`` (see ``core/notes/about.py``).
    """

    NAME = "check"
    ARGUMENT = None
    #: ``id``: a stable anchor (``#check-<id>``), as ``checks[].id`` gives a note's check.
    OPTIONS: ClassVar[dict[str, tuple[Any, Any]]] = {"id": ("", type_any)}

    def on_markdown(self) -> str:
        return "block"

    def on_create(self, parent: etree.Element) -> etree.Element:
        attrs = {"class": CHECK, "id": self.anchor(), RECORD_ATTR: ""}
        self.box = etree.SubElement(parent, "div", attrs)
        self.question = etree.SubElement(self.box, "div", {"class": QUESTION})
        # The about line is made now, while its Markdown can still be inline-processed.
        argument = str(self.argument or "").strip()
        if argument:
            self.link_about(argument)
        return self.box

    def on_add(self, block: etree.Element) -> etree.Element:
        return self.question

    def on_inline_end(self, block: etree.Element) -> None:
        # Not on_end: pymdownx may end this block before a nested '/// answer' is parsed into
        # it. Once the page is parsed, the answer's fold is moved out of the question. pymdownx
        # may call this more than once for a nested structure: the work is done once.
        if getattr(self, "finished", False):
            return
        self.finished = True
        context: RenderContext = self.config["context"]
        answers = [c for c in self.question if c.tag == "details" and ANSWER in c.get("class", "")]
        if not answers:
            context.report(
                "'/// check' has no answer",
                "after the question, write the answer in a nested '/// answer' block",
            )
        for extra in answers[1:]:
            context.report("'/// check' has more than one answer", "keep one '/// answer' block")
            self.question.remove(extra)
        if answers:
            answer = answers[0]
            after = list(self.question)[list(self.question).index(answer) + 1 :]
            if after:
                context.report(
                    "'/// check': text after the answer",
                    "put the question before '/// answer' and the rest of the answer inside it",
                )
            self.question.remove(answer)
            self.box.insert(1, answer)
        if len(self.question) == 0 and not (self.question.text or "").strip():
            context.report(
                "'/// check' has no question",
                "write the question as the block's first paragraph, before '/// answer'",
            )

    def anchor(self) -> str:
        context: RenderContext = self.config["context"]
        anchors: CheckAnchors = self.config["anchors"]
        anchors.page_checks += 1
        ident = str(self.options["id"] or "").strip()
        if ident and not is_slug(ident):
            context.report(
                f"'/// check' id '{ident}' is not a valid id",
                "use lowercase letters, digits and hyphens (e.g. 'id: mask-tokens')",
            )
            ident = ""
        elif ident and f"check-{ident}" in anchors.taken:
            context.report(
                f"'/// check': duplicate check id '{ident}' on this page",
                "ids must be unique within a page; rename one of them",
            )
        return anchors.claim(f"check-{ident or anchors.page_checks}")

    def link_about(self, argument: str) -> None:
        context: RenderContext = self.config["context"]
        key, sep, about = argument.partition("#")
        library = context.library
        note = library.note(key.strip()) if library else None
        if not sep or not about.strip():
            context.report(
                f"'/// check | {argument}' does not name what the check is about",
                "write '/// check | <bibtex key>#<unknown, figure or formula id>', "
                "or '<key>#<formula id>#<symbol tex>'",
            )
            return
        if note is None:
            if not (library and library.is_unloaded(key.strip())):
                context.report(
                    f"'/// check | {argument}': no note with the key '{key.strip()}'",
                    "check the key against content/papers/",
                )
            return
        if problem := about_problem(note, about):
            message, hint = problem
            context.report(f"'/// check | {argument}': {message}", hint)
            return
        templates_dir: Path | None = self.config.get("templates_dir")
        line = about_markdown(context, note, about, templates_dir)
        if line:
            with note_prose(self.md):
                _about_line(self.md, self.box, line, templates_dir)


class AnswerBlock(Block):
    """``/// answer``, inside ``/// check``: the answer, folded behind "Show answer"."""

    NAME = "answer"
    ARGUMENT = False

    def on_markdown(self) -> str:
        return "block"

    def on_create(self, parent: etree.Element) -> etree.Element:
        if QUESTION not in (parent.get("class") or "").split():
            context: RenderContext = self.config["context"]
            context.report(
                "'/// answer' outside a '/// check'",
                "nest it in a '/// check' block, after the question",
            )
        details, self.body = answer_fold(parent)
        return details

    def on_add(self, block: etree.Element) -> etree.Element:
        return self.body


class ChecksExtension(NoteBlocksExtension):
    """Registers ``checks``, ``check`` and ``answer``."""

    BLOCKS = (ChecksBlock, CheckBlock, AnswerBlock)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # The host's collector, where pages record their '/// check' blocks (none: not kept).
        self.collector: Collector | None = None

    def page_config(self, md: Markdown) -> dict[str, Any]:
        anchors = CheckAnchors()
        md.preprocessors.register(NewPage(md, anchors), CHECK_ANCHORS, 100)
        context: RenderContext = self.getConfig("context")
        md.treeprocessors.register(
            CheckRecorder(md, context, self.collector), "pg-check-record", PRIORITY
        )
        return {"anchors": anchors}


def makeExtension(**kwargs: Any) -> ChecksExtension:
    return ChecksExtension(**kwargs)
