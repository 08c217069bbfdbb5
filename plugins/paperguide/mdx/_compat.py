"""The private parts of Python-Markdown, pymdown-extensions and MkDocs that paperguide relies on.

Each is used here and nowhere else, with the versions it was checked against, so an upgrade that
changes one breaks this module's tests (tests/unit/test_compat.py) rather than a page quietly.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.util import Registry
from pymdownx.blocks.block import Block

#: The preprocessor MkDocs 1.6 registers under this name keeps one list of anchor ids per page
#: and replaces it on every run, so it must only ever see the whole page.
MKDOCS_RAW_HTML = "mkdocs_raw_html"


def _inline_treeprocessor(md: Markdown) -> Any:
    # Registry has no .get(); SIM401 does not know that.
    return md.treeprocessors["inline"] if "inline" in md.treeprocessors else None  # noqa: SIM401


def inline_ancestors(md: Markdown) -> list[str]:
    """The tags around the text an inline pattern is matching (Python-Markdown 3.x keeps them
    in ``InlineProcessor.ancestors`` while it runs); empty outside inline processing."""
    return list(getattr(_inline_treeprocessor(md), "ancestors", ()))


def inline_stashed_node(md: Markdown, ident: str) -> Any:
    """The element an inline placeholder stands for (``InlineProcessor.stashed_nodes``)."""
    return getattr(_inline_treeprocessor(md), "stashed_nodes", {}).get(ident)


def inline_tail_owner(md: Markdown, data: str) -> Any:
    """The element whose ``tail`` is the very string ``data``, among the nodes inline patterns
    have made so far; ``None`` when ``data`` is not such a tail.

    Python-Markdown 3.x matches the tails of a new node's children one by one
    (``InlineProcessor.__applyPattern``), so a pattern at index 0 of such a tail cannot see the
    element just before it. The tail is handed over as the same object, hence ``is``.
    """
    for node in getattr(_inline_treeprocessor(md), "stashed_nodes", {}).values():
        if isinstance(node, str):
            continue
        for element in node.iter():
            if element.tail is data:
                return element
    return None


def registered_priority(registry: Registry[Any], name: str) -> float:
    """The priority ``name`` was registered with; Registry has no public accessor for it."""
    return float(registry._priority[registry.get_index_for_name(name)].priority)


class KeepsUnknownOptions(Block):
    """A pymdownx block that reports unknown options instead of silently becoming text.

    pymdownx.blocks (10.x-13.x) validates options in the private ``Block._validate`` and turns a
    block with an option it does not know back into plain text without a word. This keeps the
    known options, and records the others in ``unknown_options`` for the block to report.
    """

    unknown_options: list[str]

    def _validate(self, parent: etree.Element, arg: Any, **options: Any) -> bool:
        self.unknown_options = sorted(k for k in options if k not in self.option_spec)
        known = {k: v for k, v in options.items() if k in self.option_spec}
        return super()._validate(parent, arg, **known)
