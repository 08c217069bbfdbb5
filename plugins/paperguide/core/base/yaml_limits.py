"""Bounds on the YAML we load: nesting depth, list length, and values before and after aliases."""

from __future__ import annotations

import yaml

from .limits import MAX_LIST_ITEMS

#: Upper bound on the number of nodes after expanding aliases ("billion laughs" protection).
MAX_EXPANDED_NODES = 200_000
#: Notes are shallow documents; anything deeper than this is a mistake or an attack.
MAX_DEPTH = 64


def refusal(node: yaml.Node) -> tuple[yaml.Node, str, str] | None:
    """``(where, what, hint)`` when a composed document is too big to build, else ``None``."""
    written, long_list, shared = _written_size(node)
    if long_list is not None:
        return (
            long_list,
            f"a list has {len(long_list.value):,} items, over the limit of {MAX_LIST_ITEMS:,}",
            "notes list tens of items, not thousands; is this file generated?",
        )
    if written > MAX_EXPANDED_NODES:
        return (
            node,
            f"the file holds more than {MAX_EXPANDED_NODES:,} values",
            "split it into several notes",
        )
    # Without a shared node (an alias) the expanded document is the written one.
    size = _expanded_size(node) if shared else written
    if size is None or size > MAX_EXPANDED_NODES:
        what = (
            "an alias refers to itself"
            if size is None
            else f"expanding its aliases gives more than {MAX_EXPANDED_NODES:,} values"
        )
        return (node, what, "write values out instead of nesting aliases (&a / *a)")
    return None


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


def _written_size(root: yaml.Node) -> tuple[int, yaml.SequenceNode | None, bool]:
    """Values as written (each node once, aliases not expanded), the first list longer than
    :data:`MAX_LIST_ITEMS`, and whether any node is reached twice (an alias). Stops counting
    past :data:`MAX_EXPANDED_NODES`."""
    seen: set[int] = set()
    stack = [root]
    long_list = None
    shared = False
    while stack and len(seen) <= MAX_EXPANDED_NODES:
        node = stack.pop()
        if id(node) in seen:
            shared = True
            continue
        seen.add(id(node))
        if (
            long_list is None
            and isinstance(node, yaml.SequenceNode)
            and len(node.value) > MAX_LIST_ITEMS
        ):
            long_list = node
        stack.extend(_children(node))
    return len(seen), long_list, shared or bool(stack)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
