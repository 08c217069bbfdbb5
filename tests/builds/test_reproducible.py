"""Two builds of the example site are byte-identical.

The one unavoidable exception is the sitemap: MkDocs stamps `sitemap.xml` with the build date
and gzips it with the build time, unless SOURCE_DATE_EPOCH pins the clock — then everything is
identical, sitemap included.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, copy_example

SITEMAP = {"sitemap.xml", "sitemap.xml.gz"}


def _copy_example(root: Path) -> None:
    copy_example(root)
    (root / "node_modules").symlink_to(REPO / "node_modules")


def _build(root: Path, env: dict[str, str]) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    site = root / "site"
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
@pytest.mark.parametrize("pinned", [True, False], ids=["SOURCE_DATE_EPOCH", "wall-clock"])
def test_two_builds_are_identical(tmp_path, pinned):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if pinned:
        env["SOURCE_DATE_EPOCH"] = "1700000000"
    else:
        env.pop("SOURCE_DATE_EPOCH", None)
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    _copy_example(first)
    _copy_example(second)
    a = _build(first, env)
    b = _build(second, env)
    assert sorted(a) == sorted(b)
    different = {name for name in a if a[name] != b[name]}
    if pinned:
        assert different == set()
    else:
        assert different <= SITEMAP
    assert len(a) > 20  # a real site was compared
