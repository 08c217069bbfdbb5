"""Issue #11, finding 7: caches are keyed by version, heal themselves, survive an unusable
location and concurrent builds. Every build here must give the pages a cache-less build gives.

Tests run as root, where ``chmod -w`` does not stop writes; "read-only" is simulated by making
every write API refuse paths inside the cache folder (EACCES), the way a read-only mount would.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.builds.test_math_build import NOTE, PAGE, note_site
from tests.helpers import MINIMAL_BIB, REPO, merge_config, write_files

pytestmark = pytest.mark.slow

NO_CACHE_LINE = "building without a cache"


def _pages(site: Path) -> dict[str, str]:
    """Hashes of every built file but the sitemap (stamped with the wall clock)."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.name.startswith("sitemap.xml")
    }


@pytest.fixture
def reference(site, tmp_path) -> dict[str, str]:
    """The pages of a clean build; the cache it left is removed."""
    result = note_site(site)
    assert result.ok, result.warnings()
    shutil.rmtree(tmp_path / ".cache")
    return _pages(result.site)


def _refuse_writes_under(monkeypatch, folder: Path) -> None:
    def inside(path: Any) -> bool:
        return Path(path).absolute().is_relative_to(folder)

    def denied(path: Any) -> PermissionError:
        return PermissionError(13, "Permission denied", str(path))

    real_mkstemp, real_write_text = tempfile.mkstemp, Path.write_text
    real_write_bytes, real_mkdir = Path.write_bytes, Path.mkdir

    def mkstemp(*args: Any, dir: Any = None, **kwargs: Any):
        if dir is not None and inside(dir):
            raise denied(dir)
        return real_mkstemp(*args, dir=dir, **kwargs)

    def write_text(self: Path, *args: Any, **kwargs: Any):
        if inside(self):
            raise denied(self)
        return real_write_text(self, *args, **kwargs)

    def write_bytes(self: Path, *args: Any, **kwargs: Any):
        if inside(self):
            raise denied(self)
        return real_write_bytes(self, *args, **kwargs)

    def mkdir(self: Path, *args: Any, **kwargs: Any):
        if inside(self) and not self.is_dir():
            raise denied(self)
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(Path, "write_text", write_text)
    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    monkeypatch.setattr(Path, "mkdir", mkdir)


@pytest.mark.parametrize(
    "fault", ["cache_dir is a file", "katex.json is a folder", "read-only, already filled"]
)
def test_an_unusable_cache_location_means_no_cache_and_one_info_line(
    site, tmp_path, reference, monkeypatch, fault
):
    cache = tmp_path / ".cache" / "paperguide"
    if fault == "cache_dir is a file":
        cache.parent.mkdir()
        cache.write_text("not a folder")
    elif fault == "katex.json is a folder":
        (cache / "katex.json").mkdir(parents=True)
    else:
        assert note_site(site).ok  # a cache from an earlier build, then the checkout is frozen
        _refuse_writes_under(monkeypatch, tmp_path / ".cache")
    result = note_site(site)
    assert result.ok, result.error
    assert result.warnings() == []
    assert len([m for m in result.messages if NO_CACHE_LINE in m]) == 1, result.messages
    assert _pages(result.site) == reference


def _rewrite_json(folder: Path, change) -> int:
    """Apply ``change`` to the JSON value of every cache file, leaving any seal line as it was
    (as an old or a careless writer would)."""
    count = 0
    for path in folder.rglob("*.json"):
        lines = path.read_text("utf-8").split("\n", 1)
        seal, body = (lines[0] + "\n", lines[1]) if len(lines) == 2 else ("", lines[0])
        path.write_text(seal + json.dumps(change(json.loads(body))), "utf-8")
        count += 1
    return count


def _wrong_types(value: Any) -> Any:
    """The same shape with every leaf of another type (html: null among them)."""
    if isinstance(value, dict):
        return {k: _wrong_types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_wrong_types(v) for v in value]
    if isinstance(value, str):
        return None
    return "7"


@pytest.mark.parametrize("change", [_wrong_types, lambda _: {"entries": 5}, lambda _: [1]])
def test_wrong_typed_entries_are_ignored_and_rewritten(site, tmp_path, reference, change):
    assert note_site(site).ok
    assert _rewrite_json(tmp_path / ".cache", change) >= 3  # katex, notes, bibliography
    result = note_site(site)
    assert result.ok, result.error
    assert _pages(result.site) == reference
    katex = json.loads((tmp_path / ".cache/paperguide/katex.json").read_text("utf-8"))
    assert katex and all(isinstance(e["html"], str) for e in katex.values())
    again = note_site(site)  # and the rewritten cache serves the next build
    assert _pages(again.site) == reference


def test_a_cache_from_another_paperguide_version_is_not_read(tmp_path, monkeypatch):
    """An older paperguide trusted ``\\includegraphics``; its cached render must not be served."""
    from paperguide.core.base import diskcache
    from paperguide.core.texmath import katex
    from paperguide.core.texmath.katex import Katex, find_dist
    from paperguide.core.texmath.render_cache import RenderCache

    path = tmp_path / "katex.json"
    stale = "<b>STALE</b>"

    def render(version: str) -> str:
        monkeypatch.setattr(katex, "code_version", lambda: version)
        engine = Katex(find_dist(REPO), RenderCache.load(path))
        try:
            html = engine.render("x + y", display=False)
            engine.save()
        finally:
            engine.close()
        return html

    render("paperguide=0.0.9;code=old")
    path.write_text(json.dumps({k: {"html": stale} for k in json.loads(path.read_text())}))
    assert render("paperguide=0.0.9;code=old") == stale  # the same version reads it...
    assert render("paperguide=0.1.0;code=new") != stale  # ...another one does not

    notes = diskcache.DiskCache(tmp_path / "cache")
    monkeypatch.setattr(diskcache, "code_version", lambda: "paperguide=0.0.9;code=old")
    old_key = diskcache.content_key("notes", [b"same bytes"])
    notes.put("notes", old_key, {"trusted": True})
    monkeypatch.setattr(diskcache, "code_version", lambda: "paperguide=0.1.0;code=new")
    assert notes.get("notes", diskcache.content_key("notes", [b"same bytes"])) is None


def test_two_concurrent_builds_share_one_cache(tmp_path):
    """Each of four rounds starts two real ``mkdocs build`` processes on one cache folder."""
    files = {
        "content/index.md": PAGE,
        "content/references.bib": MINIMAL_BIB,
        "content/papers/ma2019qhadam.yml": NOTE,
    }
    write_files(tmp_path, files)
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(merge_config(None)), "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(4):
        shutil.rmtree(tmp_path / ".cache", ignore_errors=True)
        builds = [
            subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", f"site{i}"],
                cwd=tmp_path,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in (1, 2)
        ]
        for build in builds:
            _out, err = build.communicate(timeout=300)
            assert build.returncode == 0, err[-3000:]
            assert "Traceback" not in err
        assert _pages(tmp_path / "site1") == _pages(tmp_path / "site2")
        assert not list((tmp_path / ".cache").rglob("*.tmp"))  # no temp file left behind


def _save_many(path: str, rounds: int) -> str:
    """In a child process: save the KaTeX cache ``rounds`` times; the error, if any."""
    from paperguide.core.texmath.render_cache import RenderCache, Rendered

    try:
        for index in range(rounds):
            cache = RenderCache.load(Path(path))
            cache.put(f"k{os.getpid()}-{index}", Rendered("<span>x</span>"))
            cache.save()
    except OSError as exc:  # reported to the parent, which fails the test with it
        return repr(exc)
    return ""


def test_two_processes_saving_one_cache_file_never_collide(tmp_path):
    """A deterministic form of the one-in-six crash: a fixed temp name raced."""
    import multiprocessing

    path = tmp_path / "katex.json"
    with multiprocessing.get_context("fork").Pool(2) as pool:
        errors = pool.starmap(_save_many, [(str(path), 300), (str(path), 300)])
    assert errors == ["", ""]
    assert isinstance(json.loads(path.read_text("utf-8")), dict)
    assert not list(tmp_path.glob("*.tmp"))
