"""Splitting a Markdown file into its YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Split:
    yaml_text: str | None  # None when the file has no front matter
    yaml_first_line: int  # 1-based line where the YAML starts (after the opening ---)
    body: str
    body_first_line: int


def split_front_matter(text: str) -> Split:
    """Split ``---``-delimited front matter (closed by ``---`` or ``...``) from the body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return Split(None, 1, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return Split(yaml_text, 2, body, index + 2)
    return Split(None, 1, text, 1)
