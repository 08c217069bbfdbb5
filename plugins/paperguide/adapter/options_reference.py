"""The plugin options reference of the docs, generated from the config classes' docstrings.

Each option of :class:`~.config.PaperguideConfig` (and of its ``bibliography:`` sub-options)
carries the docstring below its declaration; this module reads those from the source, with the
defaults from the option objects, and writes them as one Markdown table between two markers of
``content/guides/options.md``. A test compares the page with what this produces, so an option
added without a docstring, or a docstring changed without the page, fails it.

Run ``python -m paperguide.adapter.options_reference PATH`` to rewrite the table in ``PATH``.
"""

from __future__ import annotations

import ast
import inspect
import sys
import textwrap
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from .config import PaperguideConfig

START = "<!-- options:start (generated from adapter/config.py; do not edit by hand) -->"
END = "<!-- options:end -->"


class UndocumentedOption(Exception):
    """An option has no docstring below its declaration."""


def _docstrings(config_class: type[base.Config]) -> dict[str, str]:
    """``{option: docstring}`` from the class body: a string right after an assignment."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(config_class)))
    body = tree.body[0].body if isinstance(tree.body[0], ast.ClassDef) else []
    found: dict[str, str] = {}
    for statement, following in zip(body, [*body[1:], None], strict=True):
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        target = statement.targets[0]
        if not isinstance(target, ast.Name):
            continue
        if (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[target.id] = " ".join(inspect.cleandoc(following.value.value).split())
    return found


def _default(option: c.BaseConfigOption[Any]) -> str:
    default = getattr(option, "default", None)
    if isinstance(option, c.Optional):
        default = None
    if default is None:
        return "(none)"
    if isinstance(default, str):
        return f'`"{default}"`' if default else '`""`'
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    if isinstance(default, list):
        return "`[" + ", ".join(default) + "]`"
    return f"`{default}`"


def _rows(config_class: type[base.Config], prefix: str = "") -> list[str]:
    docs = _docstrings(config_class)
    rows: list[str] = []
    for name, option in config_class._schema:  # the declared options, in order
        doc = docs.get(name)
        if not doc:
            raise UndocumentedOption(f"{config_class.__name__}.{name} has no docstring")
        if isinstance(option, c.SubConfig):
            rows.append(f"| `{prefix}{name}` | | {doc} |")
            sub = option.config_class
            rows.extend(_rows(sub, prefix=f"{prefix}{name}."))
            continue
        text = doc.replace("|", "\\|")
        rows.append(f"| `{prefix}{name}` | {_default(option)} | {text} |")
    return rows


def options_table() -> str:
    """Every option with its default and what it does, as a Markdown table."""
    lines = ["| option | default | what it does |", "|---|---|---|", *_rows(PaperguideConfig)]
    return "\n".join(lines) + "\n"


def with_table(page: str) -> str:
    """``page`` with the text between the markers replaced by the current table."""
    before, start, rest = page.partition(START)
    _, end, after = rest.partition(END)
    if not start or not end:
        raise ValueError(f"the page has no {START!r} … {END!r} block")
    return f"{before}{START}\n{options_table()}{END}{after}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m paperguide.adapter.options_reference PAGE.md", file=sys.stderr)
        return 2
    path = Path(args[0])
    path.write_text(with_table(path.read_text("utf-8")), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
