"""Blocks that show a note's unknowns, figures and formulas anywhere, by reference.

``/// unknown | <key>#<id>``, ``/// figure | <key>#<id>`` and ``/// formula | <key>#<id>`` render
the note's data through the same component templates that paper pages use, so a deep-dive page
never copies what the note says. ``/// unknown | <category>`` is an inline unknown whose body is
the question. Any body under an embed is kept as a remark after the component.

``/// unknowns | <key>``, ``/// figures | <key>`` and ``/// formulas | <key>`` show every record
of that kind from one note; guide pages are made of these.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any, ClassVar

from markdown import Markdown
from pymdownx.blocks import BlocksProcessor
from pymdownx.blocks.block import Block, type_any, type_boolean

from ..core.base.slugs import is_slug
from ..core.base.urls import safe_url
from ..core.notes import labels
from ..core.notes.model import CATEGORIES, UNKNOWN_STATUSES, Note, Unknown
from ..core.pages.templating import render
from ._compat import KeepsUnknownOptions
from .components import KINDS, ComponentRenderer, decorate
from .context import RenderContext
from .embed_sections import (
    FiguresBlock,
    FormulasBlock,
    NoteBlocksExtension,
    UnknownsBlock,
    did_you_mean,
    error_box,
)
from .folds import Folds, SummaryPermalinks
from .markdown_into import render_markdown_into


class _EmbedBlock(Block):
    """Common machinery: resolve ``key#id``, render the component, keep remarks."""

    ARGUMENT = True
    OPTIONS: ClassVar[dict[str, tuple[Any, Any]]] = {"anchor": (False, type_boolean)}
    KIND = ""

    def on_markdown(self) -> str:
        return "block"

    @property
    def context(self) -> RenderContext:
        return self.config["context"]  # type: ignore[no-any-return]

    @property
    def renderer(self) -> ComponentRenderer:
        return ComponentRenderer(self.md, self.context, self.config.get("templates_dir"))

    def on_create(self, parent: etree.Element) -> etree.Element:
        container = self.render_component(parent)
        self.remarks = etree.SubElement(container, "div", {"class": "pg-remark"})
        return container

    def on_add(self, block: etree.Element) -> etree.Element:
        return self.remarks

    def on_end(self, block: etree.Element) -> None:
        if len(self.remarks) == 0 and not (self.remarks.text or "").strip():
            block.remove(self.remarks)

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
        if note is None and library and library.is_unloaded(key):
            return None  # the note's own problems are reported; this is not a second mistake
        if note is None:
            self.context.report(
                f"'/// {self.KIND} | {argument}': no note with the key '{key}'",
                "check the key against content/papers/",
            )
            return None
        kind = KINDS[self.KIND]
        record = kind.find(note, ident)
        if record is None:
            ids = ", ".join(kind.ids(note)) or "none"
            self.context.report(
                f"'/// {self.KIND} | {argument}': the note '{key}' has no {self.KIND} '{ident}'",
                f"its {self.KIND} ids: {ids}",
            )
            return None
        return note, record

    def render_component(self, parent: etree.Element) -> etree.Element:
        found = self.lookup()
        if found is None:
            return error_box(parent, f"Missing {self.KIND}: {self.argument}")
        note, record = found
        return self.renderer.render(parent, self.KIND, note, record, anchor=self.options["anchor"])


class UnknownBlock(KeepsUnknownOptions, _EmbedBlock):
    """``/// unknown | key#id`` (a note's unknown) or ``/// unknown | <category>`` (inline).

    The inline form takes options ``status``, ``id`` (anchor ``#u-<id>``) and ``where``; its body
    is the question. A bad category or option is reported and the callout still renders, rather
    than the block silently falling back to plain text.
    """

    NAME = "unknown"
    KIND = "unknown"
    ARGUMENT = None  # optional here, so a missing argument is reported instead of ignored
    # Values are checked in render_component: a parser that raises would drop the whole block.
    OPTIONS: ClassVar[dict[str, tuple[Any, Any]]] = {
        "anchor": (False, type_any),
        "status": ("open", type_any),
        "id": ("", type_any),
        "where": ("", type_any),
    }

    @property
    def arg_text(self) -> str:
        return str(self.argument or "").strip()

    def is_inline(self) -> bool:
        return "#" not in self.arg_text

    def render_component(self, parent: etree.Element) -> etree.Element:
        self.check_options()
        if self.is_inline():
            return self.render_inline(parent)
        return super().render_component(parent)

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

    def render_inline(self, parent: etree.Element) -> etree.Element:
        category = self.arg_text
        if category not in CATEGORIES:
            return self.render_bad_category(parent, category)
        status = str(self.options["status"]).strip()
        if status not in UNKNOWN_STATUSES:
            self.context.report(
                f"'status: {status}' is not an unknown status",
                did_you_mean(status, UNKNOWN_STATUSES),
            )
            status = "open"
        ident = str(self.options["id"]).strip()
        if ident and not is_slug(ident):
            self.context.report(
                f"'id: {ident}' is not a valid id",
                "ids are slugs: lowercase letters, digits and single hyphens, e.g. 'loss-ratio'",
            )
            ident = ""
        where = str(self.options["where"]).strip() or None
        unknown = Unknown(ident, category, "", where, status, None, ())
        container = etree.SubElement(parent, "div")
        decorate(container, "unknown", unknown)
        if ident:
            container.set("id", f"{KINDS['unknown'].anchor_prefix}{ident}")
        markdown = render(
            "components/unknown.md.j2",
            self.config.get("templates_dir"),
            labels=labels,
            source_href=None,
            source_title="",
            safe_url=safe_url,
            unknown=unknown,
            category_href=self.renderer.category_href(category),
        )
        render_markdown_into(self.md, container, markdown)
        return container

    def render_bad_category(self, parent: etree.Element, category: str) -> etree.Element:
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
                did_you_mean(category, CATEGORIES)
                + " (or write '<bibtex key>#<unknown id>' to show a note's unknown)",
            )
        return error_box(parent, f"Unknown category: {category or '(none)'}")


class FigureBlock(_EmbedBlock):
    """``/// figure | key#id``: a note's figure card (axes, units, takeaway)."""

    NAME = "figure"
    KIND = "figure"


class FormulaBlock(_EmbedBlock):
    """``/// formula | key#id``: a note's formula with its symbol-by-symbol breakdown."""

    NAME = "formula"
    KIND = "formula"


class EmbedsExtension(NoteBlocksExtension):
    """Registers the record blocks (``unknown``, ``figure``, ``formula``) and section blocks."""

    BLOCKS = (UnknownBlock, FigureBlock, FormulaBlock, UnknownsBlock, FiguresBlock, FormulasBlock)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        # After attr_list (8), which gives the badge paragraph its class.
        md.treeprocessors.register(Folds(md), "pg-folds", 7)
        md.treeprocessors.register(SummaryPermalinks(md), "pg-fold-permalinks", 4)
        super().extendMarkdownBlocks(md, block_mgr)


def makeExtension(**kwargs: Any) -> EmbedsExtension:
    return EmbedsExtension(**kwargs)
