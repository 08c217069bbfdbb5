"""Path options: relative paths inside their folder, or a reason why not."""

from __future__ import annotations

import pytest

from paperguide.core.site.paths import UnsafePath, inside_path


@pytest.mark.parametrize(
    ("value", "clean"),
    [("papers", "papers"), ("./papers/", "papers"), ("a//b/./c", "a/b/c"), (" x.md ", "x.md")],
)
def test_clean_paths(value: str, clean: str) -> None:
    assert inside_path(value) == clean


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "names no folder"),
        ("/", "names no folder"),
        (".", "names no folder"),
        ("/etc", "absolute"),
        ("..", "climbs out"),
        ("a/../../x", "climbs out"),
        ("C:/x", "not a relative path"),
        ("a\\b", "not a relative path"),
        (".hidden/x", "hidden"),
    ],
)
def test_unsafe_paths_say_why(value: str, reason: str) -> None:
    with pytest.raises(UnsafePath, match=reason):
        inside_path(value)


def test_suffix_and_hidden_folders() -> None:
    with pytest.raises(UnsafePath, match=r"does not end with \.md"):
        inside_path("graph.html", suffix=".md")
    assert inside_path(".cache/paperguide", hidden=True) == ".cache/paperguide"
