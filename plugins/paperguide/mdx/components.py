"""Rendering one note record (an unknown, a figure, a formula) as a component, anywhere.

Embed blocks (one record) and section blocks (all records of a kind, as on a guide page) share
this renderer, so a record looks the same wherever it is shown. The record's Markdown comes from
the component template (``components/<kind>.md.j2``); parts that Markdown cannot express (the
tagged formula and its symbol table) are built as elements afterwards.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Markdown

from ..core.base.urls import safe_url
from ..core.library.rollups import category_guide
from ..core.notes import labels
from ..core.notes.model import Note
from ..core.pages.templating import render
from .breakdown import FORMULA_TOKEN, SYMBOLS_TOKEN, Breakdown, place
from .context import RenderContext
from .figure_image import IMAGE_TOKEN, place_image
from .gate import NOTE_TAG, note_prose, reads_math_only_in_notes
from .markdown_into import render_markdown_into
from .math import mark_source


@dataclass(frozen=True)
class Kind:
    """What differs between the three kinds of record."""

    name: str  # the template name and the block name
    anchor_prefix: str
    find: Callable[[Note, str], Any]
    ids: Callable[[Note], list[str]]
    records: Callable[[Note], tuple[Any, ...]]


KINDS = {
    "unknown": Kind(
        "unknown", "u-", Note.unknown, lambda n: [u.id for u in n.unknowns], lambda n: n.unknowns
    ),
    "figure": Kind(
        "figure", "fig-", Note.figure, lambda n: [f.id for f in n.figures], lambda n: n.figures
    ),
    "formula": Kind(
        "formula",
        "formula-",
        Note.formula,
        lambda n: [f.id for f in n.formulas],
        lambda n: n.formulas,
    ),
}


def decorate(container: etree.Element, kind: str, record: Any) -> None:
    """The classes (and data attributes) that give a component its look."""
    if kind == "unknown":
        # Made a fold (<details>) once the page is parsed: see folds.py.
        container.set("class", f"pg-unknown pg-unknown--{record.category}")
        container.set("data-category", record.category)
        container.set("data-status", record.status)
    else:
        container.set("class", f"pg-{kind}")


@dataclass
class ComponentRenderer:
    """Renders records of one page's notes into elements, with that page's Markdown instance."""

    md: Markdown
    context: RenderContext
    templates_dir: Path | None = None

    def category_href(self, category: str) -> str | None:
        library = self.context.library
        target = category_guide(library, category) if library else None
        return self.context.link(target) if target else None

    def markdown(self, kind: str, note: Note, record: Any, *, fold: bool = False) -> str:
        """The component's Markdown (formula parts appear as placeholder tokens).

        ``fold``: keep what to scan in view and fold the rest (a guide page's sections, see
        folds.py); embeds elsewhere show everything, since there the record is the point.
        """
        library = self.context.library
        assert library is not None
        prefix = KINDS[kind].anchor_prefix
        paper = library.paper_src_uri(note.key)
        on_own_page = self.context.page_src_uri == paper
        source_href = None if on_own_page else self.context.link(f"{paper}#{prefix}{record.id}")
        extra: dict[str, Any] = {}
        if kind == "unknown":
            # A guide page explains each category once, above its group; elsewhere the callout
            # links to the explanation.
            extra["category_href"] = None if on_own_page else self.category_href(record.category)
        elif kind == "formula":
            code = record.code and self.context.link(f"{paper}#code-{record.code}")
            extra.update(
                code_href=code or None, formula_math=FORMULA_TOKEN, symbol_table=SYMBOLS_TOKEN
            )
        elif kind == "figure":
            extra["figure_image"] = IMAGE_TOKEN if record.image_uri else None
        return render(
            f"components/{kind}.md.j2",
            self.templates_dir,
            note=note,
            labels=labels,
            source_href=source_href,
            source_title=library.title_of(note.key),
            safe_url=safe_url,
            fold=fold,
            **{kind: record},
            **extra,
        )

    def render(
        self,
        parent: etree.Element,
        kind: str,
        note: Note,
        record: Any,
        *,
        anchor: bool,
        fold: bool = False,
    ) -> etree.Element:
        """Append the component for ``record`` to ``parent`` and return its container."""
        # On a page that reads math only in note text, the container says "note text here".
        tag = NOTE_TAG if reads_math_only_in_notes(self.md) else "div"
        container = etree.SubElement(parent, tag)
        decorate(container, kind, record)
        # Bad TeX in the note's prose is reported against the note file, not this page; the
        # math treeprocessor reads (and removes) this mark.
        mark_source(self.md, container, note.source)
        if anchor:
            container.set("id", f"{KINDS[kind].anchor_prefix}{record.id}")
        with note_prose(self.md):
            render_markdown_into(self.md, container, self.markdown(kind, note, record, fold=fold))
        if kind == "formula":
            place(container, Breakdown(self.md, self.context, note, record))
        elif kind == "figure":
            place_image(container, self.context, record)
        return container
