"""Host portability: the example site builds the same under ProperDocs as under MkDocs.

ProperDocs (``properdocs`` on PyPI) is the maintained continuation of MkDocs 1.x. It installs
beside MkDocs in the same environment, loads plugins from the ``mkdocs.plugins`` entry points and
redirects ``mkdocs.*`` imports to its own modules while it runs, so paperguide needs no code of
its own for it. Both hosts build a copy of the example site strictly, each in its own process,
and every output file is compared.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers import copy_example

pytestmark = pytest.mark.slow


def _build(host: str, root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", host, "build", "--strict", "--site-dir", str(site)],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _normalised(path: Path) -> str:
    """The page with the one thing that legitimately differs taken out: the generator tag,
    which names the host and its version."""
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    for tag in soup.find_all("meta", attrs={"name": "generator"}):
        tag.decompose()
    return str(soup)


def test_the_example_site_is_the_same_under_properdocs_and_mkdocs(tmp_path):
    root = copy_example(tmp_path / "example")
    mkdocs_site, properdocs_site = tmp_path / "mkdocs-site", tmp_path / "properdocs-site"
    for host, site in (("mkdocs", mkdocs_site), ("properdocs", properdocs_site)):
        done = _build(host, root, site)
        assert done.returncode == 0, f"{host}: {done.stderr[-3000:]}"
        assert "WARNING" not in done.stderr, f"{host}: {done.stderr[-3000:]}"
    ours = sorted(p.relative_to(mkdocs_site) for p in mkdocs_site.rglob("*") if p.is_file())
    theirs = sorted(
        p.relative_to(properdocs_site) for p in properdocs_site.rglob("*") if p.is_file()
    )
    assert ours == theirs
    pages = [p for p in ours if p.suffix == ".html"]
    assert len(pages) > 20 and Path("papers/kirillov2023segment/index.html") in pages
    generators = set()
    differing = []
    for relative in ours:
        a, b = mkdocs_site / relative, properdocs_site / relative
        if a.read_bytes() == b.read_bytes():
            continue
        if relative.suffix == ".html" and _normalised(a) == _normalised(b):
            generators.add(
                BeautifulSoup(b.read_text("utf-8"), "html.parser").find(
                    "meta", attrs={"name": "generator"}
                )["content"]
            )
            continue
        differing.append(relative.as_posix())
    assert differing == []
    # The comparison really ran against ProperDocs, not MkDocs twice.
    assert any("ProperDocs" in g for g in generators), generators
