"""YAML loading that remembers where every value came from.

PyYAML's ``compose`` gives nodes with positions; we build plain Python data from them ourselves so
that every path (``unknowns[2].answer``) maps back to ``line:column`` for diagnostics, and so that
the usual YAML traps become clear errors: duplicate keys (PyYAML silently keeps the last), alias
bombs, cycles, absurd nesting, and dates that silently turn into ``datetime`` objects.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostic, format_field_path
from .limits import MAX_LIST_ITEMS
from .yaml_errors import explain

try:  # the C loader is several times faster on large notes; positions are the same
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[attr-defined,assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

Path_ = tuple[str | int, ...]

#: Upper bound on the number of nodes after expanding aliases ("billion laughs" protection).
MAX_EXPANDED_NODES = 200_000
#: Notes are shallow documents; anything deeper than this is a mistake or an attack.
MAX_DEPTH = 64
#: A value already reported and left out of the data (see ``_Builder.build_scalar``).
_DROPPED = object()


class _NoteLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that keeps dates as strings (``2023-04-05`` is text in a note, not a date)."""


_NoteLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Locator:
    """Maps data paths to 1-based ``(line, column)`` positions in the source file."""

    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def value_at(self, path: Sequence[str | int]) -> tuple[int | None, int | None]:
        """Position of the value at ``path``, or of its nearest ancestor that exists."""
        return self._find(tuple(path), prefer_key=False)

    def key_at(self, path: Sequence[str | int]) -> tuple[int | None, int | None]:
        """Position of the key that introduces ``path`` (falls back to the value)."""
        return self._find(tuple(path), prefer_key=True)

    def _find(self, path: Path_, *, prefer_key: bool) -> tuple[int | None, int | None]:
        while True:
            if prefer_key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.value_marks:
                return self.value_marks[path]
            if not path:
                return None, None
            path = path[:-1]


@dataclass
class YamlDocument:
    """The data of one YAML document plus where it came from."""

    data: Any
    locator: Locator
    diagnostics: list[Diagnostic]


_SYNTAX_HINTS = (
    ("found character '\\t'", "YAML indents with spaces only; replace the tab"),
    ("mapping values are not allowed", "a ': ' inside a value starts a new key; quote the value"),
    ("could not find expected ':'", "check the indentation of this line and the one above"),
    ("did not find expected key", "check the indentation; list items start with '- '"),
    ("found undefined alias", "define the &anchor before using the *alias"),
    (
        "found unknown escape character",
        "inside double quotes a backslash starts an escape; "
        "use single quotes for TeX, or a block scalar (|)",
    ),
    ("while scanning an alias", "'*' starts a YAML alias; quote values that begin with '*'"),
    ("while scanning a directive", "'%' cannot start a value; quote it"),
    ("found character '@' that cannot start", "quote values that begin with '@' (citations)"),
    ("found character '`' that cannot start", "quote values that begin with a backtick"),
)


def _syntax_hint(problem: str, source_line: str) -> str:
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        return "YAML indents with spaces only; replace the tab at the start of this line"
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return hint
    return "check the YAML syntax around this position"


class _Builder:
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


def _expanded_size(root: yaml.Node) -> int | None:
    """Number of nodes once aliases are expanded; ``None`` on a cycle. Memoised, so linear."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        ident = id(node)
        if children_done:
            active.discard(ident)
            children = _children(node)
            total = 1 + sum(sizes[id(c)] for c in children)
            sizes[ident] = min(total, MAX_EXPANDED_NODES + 1)
            continue
        if ident in sizes:
            continue
        if ident in active:
            return None
        active.add(ident)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in active:
                return None
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def _written_size(root: yaml.Node) -> tuple[int, yaml.SequenceNode | None]:
    """Values as written (each node once, aliases not expanded), and the first list longer
    than :data:`MAX_LIST_ITEMS`. Stops counting past :data:`MAX_EXPANDED_NODES`."""
    seen: set[int] = set()
    stack = [root]
    long_list = None
    while stack and len(seen) <= MAX_EXPANDED_NODES:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if (
            long_list is None
            and isinstance(node, yaml.SequenceNode)
            and len(node.value) > MAX_LIST_ITEMS
        ):
            long_list = node
        stack.extend(_children(node))
    return len(seen), long_list


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def load_yaml(text: str, display_path: str, *, line_offset: int = 0) -> YamlDocument:
    """Parse one YAML document; never raises for bad input, reports diagnostics instead.

    ``line_offset`` shifts reported lines, for YAML embedded in a larger file (front matter).
    """
    loader = _NoteLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 + line_offset if mark else None
            col = mark.column + 1 if mark else None
            problem = exc.problem or exc.context or "invalid YAML"
            lines = text.splitlines()
            source_line = lines[mark.line] if mark and mark.line < len(lines) else ""
            hint = _syntax_hint(str(exc), source_line)
            plain = None if hint.startswith("YAML indents with spaces") else explain(exc, lines)
            if plain is not None:
                line, col = plain.line + 1 + line_offset, plain.column + 1
                problem, hint = plain.message, plain.hint
            return YamlDocument(
                None,
                Locator(),
                [Diagnostic(display_path, line, col, f"YAML syntax error: {problem}", hint=hint)],
            )
        except yaml.reader.ReaderError as exc:
            # Control characters (often pasted from a PDF): PyYAML reports an offset, no mark.
            before = text[: exc.position]
            line = before.count("\n") + 1 + line_offset
            col = exc.position - (before.rfind("\n") + 1) + 1
            code = exc.character if isinstance(exc.character, int) else ord(exc.character)
            message = f"the file contains the control character U+{code:04X}"
            hint = "delete it; notes are plain text (pasted from a PDF?)"
            return YamlDocument(
                None, Locator(), [Diagnostic(display_path, line, col, message, hint=hint)]
            )
        except yaml.YAMLError as exc:
            return YamlDocument(
                None,
                Locator(),
                [
                    Diagnostic(
                        display_path, None, None, f"YAML error: {exc}", hint="check the YAML syntax"
                    )
                ],
            )
        except RecursionError:
            return YamlDocument(
                None,
                Locator(),
                [
                    Diagnostic(
                        display_path,
                        None,
                        None,
                        "the YAML is nested too deeply to read",
                        hint=f"notes are shallow; keep nesting under {MAX_DEPTH} levels",
                    )
                ],
            )
        if node is None:
            return YamlDocument(None, Locator(), [])
        written, long_list = _written_size(node)
        refusal = None
        if long_list is not None:
            refusal = (
                long_list,
                f"a list has {len(long_list.value):,} items, over the limit of {MAX_LIST_ITEMS:,}",
                "notes list tens of items, not thousands; is this file generated?",
            )
        elif written > MAX_EXPANDED_NODES:
            refusal = (
                node,
                f"the file holds more than {MAX_EXPANDED_NODES:,} values",
                "split it into several notes",
            )
        else:
            size = _expanded_size(node)
            if size is None or size > MAX_EXPANDED_NODES:
                what = (
                    "an alias refers to itself"
                    if size is None
                    else f"expanding its aliases gives more than {MAX_EXPANDED_NODES:,} values"
                )
                refusal = (node, what, "write values out instead of nesting aliases (&a / *a)")
        if refusal is not None:
            where, what, hint = refusal
            return YamlDocument(
                None,
                Locator(),
                [
                    Diagnostic(
                        display_path,
                        where.start_mark.line + 1 + line_offset,
                        where.start_mark.column + 1,
                        f"refused to load the file: {what}",
                        hint=hint,
                    )
                ],
            )
        builder = _Builder(loader, display_path, line_offset)
        data = builder.build(node, ())
        return YamlDocument(data, builder.locator, builder.diagnostics)
    finally:
        loader.dispose()
