"""Hostile path options: refused when the config loads, or harmless; never a write outside.

Every path option of the plugin is tried with values that once escaped the site (``""`` made
a page land at ``/index.html``): the build either stops with a config error naming the option,
or succeeds; either way every file around ``site_dir`` is byte-for-byte what it was.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import MINIMAL_BIB, build_site, write_files

FILES: dict[str, str | bytes] = {
    "project/content/references.bib": MINIMAL_BIB,
    "project/content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nsummary: '[@kingma2015adam]'\n",
    "project/content/index.md": "# Home\n\nSee [@ma2019qhadam].\n",
    "project/content/tracker.yml": "areas: []\n",
    "project/content/concepts/momentum.md": "---\nsummary: Averages.\n---\n\n# Momentum\n",
    "outside/index.md": "# Not the site\n",
    "outside/keep.txt": "untouched\n",
    "sibling.txt": "untouched\n",
}

HOSTILE: list[Any] = ["", None, "/", ".", "..", "../outside", "/tmp/pg-hostile", "a/../../x"]
PAGE_OPTIONS = ["graph_page", "unknowns_guide", ("bibliography", "page")]
FOLDER_OPTIONS = ["papers_dir", "concepts_dir", "cache_dir", ("bibliography", "download")]
# What each option does with "" / null: "off" turns the feature off, "refused" is an error.
EMPTY_MEANS = {
    "papers_dir": "refused",
    "concepts_dir": "off",
    "cache_dir": "off",
    "graph_page": "off",
    "unknowns_guide": "off",
    "tracker_file": "off",
    "bibliography.page": "off",
    "bibliography.download": "off",
}


def snapshot(root: Path, site: Path) -> dict[str, str]:
    """Every file under ``root`` outside ``site`` with a hash of its bytes (but the config
    file, which each build of the test writes)."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_relative_to(site) and path.name != "mkdocs.yml":
            found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def options_for(option: str | tuple[str, str], value: Any) -> dict[str, Any]:
    if isinstance(option, tuple):
        return {option[0]: {option[1]: value}}
    return {option: value}


def name_of(option: str | tuple[str, str]) -> str:
    return ".".join(option) if isinstance(option, tuple) else option


@pytest.mark.parametrize("option", PAGE_OPTIONS + FOLDER_OPTIONS, ids=name_of)
def test_hostile_path_options_never_write_outside_the_site(
    tmp_path: Path, option: str | tuple[str, str]
) -> None:
    write_files(tmp_path, FILES)
    project = tmp_path / "project"
    site = project / "site"
    # The default cache lives in the project folder: that is a documented write, so the
    # snapshot is taken with it in place and the hostile value replaces it.
    base = {"cache_dir": ""} if name_of(option) != "cache_dir" else {}
    root_index = Path("/index.html").exists()
    before = snapshot(tmp_path, site)
    for value in HOSTILE:
        config = {"plugins": ["search", {"paperguide": {**base, **options_for(option, value)}}]}
        result = build_site(project, config=config)
        empty = value is None or value == ""
        off = empty and EMPTY_MEANS[name_of(option)] == "off"
        if off:
            assert result.ok, f"{name_of(option)}={value!r}: {result.error or result.warnings()}"
        else:
            assert not result.ok, f"{name_of(option)}={value!r} was accepted"
            errors = "\n".join(m for m in result.messages if m.startswith("ERROR"))
            assert f"option '{name_of(option).split('.')[-1]}'" in errors, result.messages
        assert snapshot(tmp_path, site) == before, f"{name_of(option)}={value!r} wrote outside"
        assert Path("/index.html").exists() == root_index
        assert not Path("/tmp/pg-hostile").exists()


def test_hostile_tracker_file_is_read_only(tmp_path: Path) -> None:
    """The tracker is only read: a path outside the docs is allowed, and "" means none."""
    write_files(tmp_path, FILES)
    project = tmp_path / "project"
    before = snapshot(tmp_path, project / "site")
    for value in ["", None, "../outside/keep.txt"]:
        config = {"plugins": ["search", {"paperguide": {"cache_dir": "", "tracker_file": value}}]}
        result = build_site(project, config=config, strict=False)
        assert result.ok, result.error
        assert not (project / "site" / "tracker" / "index.html").exists()
        assert snapshot(tmp_path, project / "site") == before


def test_empty_concepts_dir_means_no_concepts(tmp_path: Path) -> None:
    """``concepts_dir: ""`` once made every page of the site a concept."""
    write_files(tmp_path, FILES)
    project = tmp_path / "project"
    config = {"plugins": ["search", {"paperguide": {"cache_dir": "", "concepts_dir": ""}}]}
    result = build_site(project, config=config)
    assert result.ok, result.warnings()
    home = result.html("")
    assert "Linked from" not in home.get_text()
    assert not (result.site / "concepts" / "index.html").exists() or "momentum" not in (
        result.site / "concepts" / "index.html"
    ).read_text("utf-8")


def test_paths_are_normalised(tmp_path: Path) -> None:
    """``./papers/`` and ``papers`` are the same folder."""
    write_files(tmp_path, FILES)
    project = tmp_path / "project"
    config = {"plugins": ["search", {"paperguide": {"cache_dir": "", "papers_dir": "./papers/"}}]}
    result = build_site(project, config=config)
    assert result.ok, result.warnings()
    assert (result.site / "papers" / "ma2019qhadam" / "index.html").exists()
