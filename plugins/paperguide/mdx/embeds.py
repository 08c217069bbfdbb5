"""Blocks that show a note's unknowns, figures and formulas anywhere, by reference.

``/// unknown | <key>#<id>``, ``/// figure | <key>#<id>`` and ``/// formula | <key>#<id>`` render
the note's data through the same component templates that paper pages use, so a deep-dive page
never copies what the note says. ``/// unknown | <category>`` is an inline unknown whose body is
the question. Any body under an embed is kept as a remark after the component.
"""

from __future__ import annotations

import difflib
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any, ClassVar

from markdown import Markdown
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block, type_any, type_boolean

from ..core import labels
from ..core.model import CATEGORIES, UNKNOWN_STATUSES, Note, Unknown
from ..core.pages import safe_url
from ..core.render import render
from ..core.rollups import category_guide
from ..core.slugs import is_slug
from .breakdown import FORMULA_TOKEN, SYMBOLS_TOKEN, Breakdown, place
from .context import RenderContext
from .markdown_into import render_markdown_into
from .math import MATH_TREEPROCESSOR, SOURCE_ATTR


class _EmbedBlock(Block):
    """Common machinery: resolve ``key#id``, render the component, keep remarks."""

    ARGUMENT = True
    OPTIONS: ClassVar[dict[str, tuple[Any, Any]]] = {"anchor": (False, type_boolean)}
    KIND = ""
    ANCHOR_PREFIX = ""

    def on_markdown(self) -> str:
        return "block"

    @property
    def context(self) -> RenderContext:
        return self.config["context"]  # type: ignore[no-any-return]

    def on_create(self, parent: etree.Element) -> etree.Element:
        container = etree.SubElement(parent, "div")
        self.render_component(container)
        self.remarks = etree.SubElement(container, "div", {"class": "pg-remark"})
        return container

    def on_add(self, block: etree.Element) -> etree.Element:
        return self.remarks

    def on_end(self, block: etree.Element) -> None:
        if len(self.remarks) == 0 and not (self.remarks.text or "").strip():
            block.remove(self.remarks)

    # -- helpers for subclasses -------------------------------------------------------------

    def lookup(self) -> tuple[Note, Any] | None:
        """The note and record named by the argument, or ``None`` after reporting why."""
        argument = str(self.argument).strip()
        key, sep, ident = argument.rpartition("#")
        library = self.context.library
        if not sep or not key or not ident:
            self.context.report(
                f"'/// {self.KIND} | {argument}' does not name a {self.KIND}",
                f"write '/// {self.KIND} | <bibtex key>#<{self.KIND} id>'",
            )
            return None
        note = library.note(key) if library else None
        if note is None:
            self.context.report(
                f"'/// {self.KIND} | {argument}': no note with the key '{key}'",
                "check the key against content/papers/",
            )
            return None
        record = self.find(note, ident)
        if record is None:
            ids = ", ".join(self.ids(note)) or "none"
            self.context.report(
                f"'/// {self.KIND} | {argument}': the note '{key}' has no {self.KIND} '{ident}'",
                f"its {self.KIND} ids: {ids}",
            )
            return None
        return note, record

    def find(self, note: Note, ident: str) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def ids(self, note: Note) -> list[str]:  # pragma: no cover - overridden
        raise NotImplementedError

    def render_component(self, container: etree.Element) -> None:
        found = self.lookup()
        if found is None:
            container.set("class", "admonition failure pg-embed-error")
            title = etree.SubElement(container, "p", {"class": "admonition-title"})
            title.text = f"Missing {self.KIND}: {self.argument}"
            return
        note, record = found
        self.decorate(container, note, record)
        # Bad TeX in the note's prose is reported against the note file, not this page; the
        # math treeprocessor reads (and removes) this mark.
        if MATH_TREEPROCESSOR in self.md.treeprocessors:
            container.set(SOURCE_ATTR, note.source)
        if self.options["anchor"]:
            container.set("id", f"{self.ANCHOR_PREFIX}{record.id}")
        library = self.context.library
        assert library is not None
        on_own_page = self.context.page_src_uri == library.paper_src_uri(note.key)
        source_href = (
            None
            if on_own_page
            else self.context.link(
                f"{library.paper_src_uri(note.key)}#{self.ANCHOR_PREFIX}{record.id}"
            )
        )
        markdown = render(
            f"components/{self.KIND}.md.j2",
            self.config.get("templates_dir"),
            note=note,
            labels=labels,
            source_href=source_href,
            source_title=library.title_of(note.key),
            safe_url=safe_url,
            **self.template_context(note, record),
        )
        render_markdown_into(self.md, container, markdown)
        self.finish(container, note, record)

    def finish(self, container: etree.Element, note: Note, record: Any) -> None:
        """Hook for parts built as elements after the template's Markdown is in place."""

    def decorate(self, container: etree.Element, note: Note, record: Any) -> None:
        container.set("class", f"pg-{self.KIND}")

    def template_context(self, note: Note, record: Any) -> dict[str, Any]:
        return {self.KIND: record}


class UnknownBlock(_EmbedBlock):
    """``/// unknown | key#id`` (a note's unknown) or ``/// unknown | <category>`` (inline).

    The inline form takes options ``status``, ``id`` (anchor ``#u-<id>``) and ``where``; its body
    is the question. A bad category or option is reported and the callout still renders, rather
    than the block silently falling back to plain text.
    """

    NAME = "unknown"
    KIND = "unknown"
    ANCHOR_PREFIX = "u-"
    ARGUMENT = None  # optional here, so a missing argument is reported instead of ignored
    # Values are checked in render_component: a parser that raises would drop the whole block.
    OPTIONS: ClassVar[dict[str, tuple[Any, Any]]] = {
        "anchor": (False, type_any),
        "status": ("open", type_any),
        "id": ("", type_any),
        "where": ("", type_any),
    }

    def _validate(self, parent: etree.Element, arg: Any, **options: Any) -> bool:
        # pymdownx.blocks (10.x-13.x) turns a block with an unrecognised option back into plain
        # text without a word. Keep the known options, remember the others to report them.
        self.unknown_options = sorted(k for k in options if k not in self.option_spec)
        known = {k: v for k, v in options.items() if k in self.option_spec}
        return super()._validate(parent, arg, **known)

    @property
    def arg_text(self) -> str:
        return str(self.argument or "").strip()

    def is_inline(self) -> bool:
        return "#" not in self.arg_text

    def find(self, note: Note, ident: str) -> Any:
        return note.unknown(ident)

    def ids(self, note: Note) -> list[str]:
        return [u.id for u in note.unknowns]

    def template_context(self, note: Note, record: Any) -> dict[str, Any]:
        return {"unknown": record, "category_href": self.category_href(record.category)}

    def category_href(self, category: str) -> str | None:
        library = self.context.library
        target = category_guide(library, category) if library else None
        return self.context.link(target) if target else None

    def render_component(self, container: etree.Element) -> None:
        self.check_options()
        if self.is_inline():
            self.render_inline(container)
            return
        super().render_component(container)

    def check_options(self) -> None:
        for name in getattr(self, "unknown_options", []):
            self.context.report(
                f"'/// unknown' has no option '{name}'",
                "options: status, id and where (inline unknowns), anchor (embeds)",
            )
        anchor = self.options["anchor"]
        if not isinstance(anchor, bool):
            self.context.report(f"'anchor: {anchor}' is not true or false", "write anchor: true")
            self.options["anchor"] = False

    def render_inline(self, container: etree.Element) -> None:
        category = self.arg_text
        if category not in CATEGORIES:
            self.render_bad_category(container, category)
            return
        status = str(self.options["status"]).strip()
        if status not in UNKNOWN_STATUSES:
            self.context.report(
                f"'status: {status}' is not an unknown status",
                _did_you_mean(status, UNKNOWN_STATUSES),
            )
            status = "open"
        ident = str(self.options["id"]).strip()
        if ident and not is_slug(ident):
            self.context.report(
                f"'id: {ident}' is not a valid id",
                "ids are slugs: lowercase letters, digits and single hyphens, e.g. 'loss-ratio'",
            )
            ident = ""
        if ident:
            container.set("id", f"{self.ANCHOR_PREFIX}{ident}")
        where = str(self.options["where"]).strip() or None
        unknown = Unknown(ident, category, "", where, status, None, ())
        self.decorate(container, None, unknown)
        markdown = render(
            "components/unknown.md.j2",
            self.config.get("templates_dir"),
            labels=labels,
            source_href=None,
            source_title="",
            safe_url=safe_url,
            unknown=unknown,
            category_href=self.category_href(category),
        )
        render_markdown_into(self.md, container, markdown)

    def render_bad_category(self, container: etree.Element, category: str) -> None:
        if not category:
            self.context.report(
                "'/// unknown' needs a category or a note's unknown",
                "write '/// unknown | <category>' (one of: "
                + ", ".join(CATEGORIES)
                + ") or '/// unknown | <bibtex key>#<unknown id>'",
            )
        else:
            self.context.report(
                f"'/// unknown | {category}': '{category}' is not an unknown category",
                _did_you_mean(category, CATEGORIES)
                + " (or write '<bibtex key>#<unknown id>' to show a note's unknown)",
            )
        container.set("class", "admonition failure pg-embed-error")
        title = etree.SubElement(container, "p", {"class": "admonition-title"})
        title.text = f"Unknown category: {category or '(none)'}"

    def decorate(self, container: etree.Element, note: Note | None, record: Any) -> None:
        container.set("class", f"admonition pg-unknown pg-unknown--{record.category}")
        container.set("data-category", record.category)
        container.set("data-status", record.status)


def _did_you_mean(value: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.5)
    expected = "expected one of: " + ", ".join(choices)
    return f"did you mean '{close[0]}'? {expected}" if close else expected


class FigureBlock(_EmbedBlock):
    """``/// figure | key#id``: a note's figure card (axes, units, takeaway)."""

    NAME = "figure"
    KIND = "figure"
    ANCHOR_PREFIX = "fig-"

    def find(self, note: Note, ident: str) -> Any:
        return note.figure(ident)

    def ids(self, note: Note) -> list[str]:
        return [f.id for f in note.figures]

    def decorate(self, container: etree.Element, note: Note, record: Any) -> None:
        container.set("class", "pg-figure")


class FormulaBlock(_EmbedBlock):
    """``/// formula | key#id``: a note's formula with its symbol-by-symbol breakdown."""

    NAME = "formula"
    KIND = "formula"
    ANCHOR_PREFIX = "formula-"

    def find(self, note: Note, ident: str) -> Any:
        return note.formula(ident)

    def ids(self, note: Note) -> list[str]:
        return [f.id for f in note.formulas]

    def decorate(self, container: etree.Element, note: Note, record: Any) -> None:
        container.set("class", "pg-formula")

    def template_context(self, note: Note, record: Any) -> dict[str, Any]:
        library = self.context.library
        code_href = None
        if library and record.code:
            code_href = self.context.link(f"{library.paper_src_uri(note.key)}#code-{record.code}")
        return {
            "formula": record,
            "code_href": code_href,
            "formula_math": FORMULA_TOKEN,
            "symbol_table": SYMBOLS_TOKEN,
        }

    def finish(self, container: etree.Element, note: Note, record: Any) -> None:
        place(container, Breakdown(self.md, self.context, note, record))


class EmbedsExtension(BlocksExtension):
    """Registers the ``unknown``, ``figure`` and ``formula`` blocks."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            # Defaults must not be None: Python-Markdown turns None-defaulted options into booleans.
            "context": [
                RenderContext(),
                "RenderContext shared with the other paperguide extensions",
            ],
            "templates_dir": ["", "Directory searched first for component templates"],
        }
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        context = self.getConfig("context")
        templates_dir = self.getConfig("templates_dir")
        config = {
            "context": context,
            "templates_dir": Path(templates_dir) if templates_dir else None,
        }
        for block in (UnknownBlock, FigureBlock, FormulaBlock):
            block_mgr.register(block, config)


def makeExtension(**kwargs: Any) -> EmbedsExtension:
    return EmbedsExtension(**kwargs)
