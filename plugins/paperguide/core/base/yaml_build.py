"""Plain Python data built from a composed YAML node tree, with every value's position."""

from __future__ import annotations

import math
from typing import Any

import yaml

from .diagnostics import Diagnostic, format_field_path
from .yaml_limits import MAX_DEPTH
from .yaml_locator import Locator, Path_

#: A value already reported and left out of the data (see ``Builder.build_scalar``).
_DROPPED = object()


class Builder:
    """Turns a composed node tree into plain data, recording positions and problems."""

    def __init__(self, loader: yaml.SafeLoader, display_path: str, line_offset: int) -> None:
        self.loader = loader
        self.path = display_path
        self.offset = line_offset
        self.locator = Locator()
        self.diagnostics: list[Diagnostic] = []

    def mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1 + self.offset, node.start_mark.column + 1

    def problem(self, node: yaml.Node, message: str, hint: str, where: Path_) -> None:
        line, col = self.mark(node)
        self.diagnostics.append(
            Diagnostic(
                self.path, line, col, message, format_field_path(where) if where else None, hint
            )
        )

    def build(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        self.locator.value_marks[path] = self.mark(node)
        if depth > MAX_DEPTH:
            self.problem(
                node,
                f"the data is nested more than {MAX_DEPTH} levels deep",
                "notes are shallow; flatten this structure",
                path,
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            items = (self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value))
            return [item for item in items if item is not _DROPPED]
        value = self.build_scalar(node, path)
        return None if value is _DROPPED and not path else value

    def build_scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problem(
                node,
                f"cannot read this value: {getattr(exc, 'problem', exc)}",
                "quote the value to keep it as text",
                path,
            )
            return node.value
        if isinstance(value, float) and not math.isfinite(value):
            # JSON Schema's "number" and "minimum" let .inf and .nan through, and no field of
            # a note means them; rounding one for a page raised OverflowError.
            self.problem(
                node,
                f"'{node.value}' is not a finite number",
                "write a number such as 12, or quote the value to keep it as text",
                path,
            )
            return _DROPPED  # left out, so the schema does not report it a second time
        return value

    def build_mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        try:
            self.loader.flatten_mapping(node)  # resolves "<<: *defaults" merge keys
        except yaml.YAMLError as exc:
            self.problem(
                node,
                f"invalid merge key: {getattr(exc, 'problem', exc)}",
                "'<<' must merge a mapping or a list of mappings",
                path,
            )
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(
                    key_node,
                    "a key must be plain text, not a list or mapping",
                    "write the key as a simple word such as 'title'",
                    path,
                )
                continue
            # Keys are always text in our formats: take the scalar's characters, so that a key
            # such as `on:` or `yes:` does not silently become a boolean.
            key = str(key_node.value)
            child = (*path, key)
            if key in result:
                self.problem(
                    key_node,
                    f"duplicate key '{key}'",
                    "YAML would keep only the last one; merge the two entries",
                    child,
                )
            self.locator.key_marks[child] = self.mark(key_node)
            value = self.build(value_node, child, depth + 1)
            if value is not _DROPPED:
                result[key] = value
        return result
