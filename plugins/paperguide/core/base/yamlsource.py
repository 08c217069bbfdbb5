"""YAML loading that remembers where every value came from.

PyYAML's ``compose`` gives nodes with positions; we build plain Python data from them ourselves so
that every path (``unknowns[2].answer``) maps back to ``line:column`` for diagnostics, and so that
the usual YAML traps become clear errors: duplicate keys (PyYAML silently keeps the last), alias
bombs, cycles, absurd nesting, and dates that silently turn into ``datetime`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .diagnostics import Diagnostic
from .yaml_build import Builder
from .yaml_errors import explain, syntax_hint
from .yaml_limits import MAX_DEPTH, refusal
from .yaml_locator import Locator

try:  # the C loader is several times faster on large notes; positions are the same
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[attr-defined,assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


class _NoteLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that keeps dates as strings (``2023-04-05`` is text in a note, not a date)."""


_NoteLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    """The data of one YAML document plus where it came from."""

    data: Any
    locator: Locator
    diagnostics: list[Diagnostic]


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
            hint = syntax_hint(str(exc), source_line)
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
        problem = refusal(node)
        if problem is not None:
            where, what, hint = problem
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
        builder = Builder(loader, display_path, line_offset)
        data = builder.build(node, ())
        return YamlDocument(data, builder.locator, builder.diagnostics)
    finally:
        loader.dispose()
