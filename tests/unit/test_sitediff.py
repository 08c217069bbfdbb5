"""The site comparison behind ``python -m tests.sitediff`` (the refactor guard)."""

from __future__ import annotations

import gzip

from tests.helpers import write_files
from tests.sitediff import differences


def test_identical_sites_have_no_differences_even_with_other_gzip_stamps(tmp_path):
    for name, mtime in (("a", 1), ("b", 2)):
        write_files(tmp_path / name, {"index.html": "<p>x</p>", "sub/page.html": "<p>y</p>"})
        (tmp_path / name / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset/>", mtime=mtime))
    assert (tmp_path / "a/sitemap.xml.gz").read_bytes() != (
        tmp_path / "b/sitemap.xml.gz"
    ).read_bytes()
    assert differences(tmp_path / "a", tmp_path / "b") == []


def test_changed_missing_and_added_files_are_each_listed(tmp_path):
    write_files(tmp_path / "a", {"index.html": "<p>x</p>", "gone.html": "", "same.css": "a{}"})
    write_files(tmp_path / "b", {"index.html": "<p>X</p>", "new.html": "", "same.css": "a{}"})
    assert differences(tmp_path / "a", tmp_path / "b") == [
        "only before: gone.html",
        "only after: new.html",
        "differs: index.html",
    ]
