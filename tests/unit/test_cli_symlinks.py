"""Issue #11, finding 11: ``paperguide new`` and ``schema --write`` never write through a
symbolic link, nor follow one out of the repository."""

from __future__ import annotations

from pathlib import Path

from tests.clitools import make_site, run_cli


def _outside(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    return outside


def test_new_does_not_write_the_schema_copy_through_a_dangling_link(tmp_path):
    site = make_site(tmp_path / "site")
    outside = _outside(tmp_path)
    (site / "schemas").mkdir()
    (site / "schemas/note.schema.json").symlink_to(outside / "planted.json")
    done = run_cli("new", "kirillov2023segment", cwd=site)
    assert done.code != 0
    assert not (outside / "planted.json").exists()
    assert "schemas/note.schema.json is a symbolic link" in done.err, done.err
    assert not (site / "content/papers/kirillov2023segment.yml").exists()


def test_new_does_not_write_into_a_papers_folder_that_links_outside(tmp_path):
    site = make_site(tmp_path / "site")
    outside = _outside(tmp_path)
    (site / "content/papers").symlink_to(outside, target_is_directory=True)
    done = run_cli("new", "kirillov2023segment", "--schema-ref", "x.json", cwd=site)
    assert done.code != 0
    assert list(outside.iterdir()) == []
    assert "content/papers leads outside the repository" in done.err, done.err


def test_schema_write_refuses_links(tmp_path):
    site = make_site(tmp_path / "site")
    outside = _outside(tmp_path)
    (site / "schemas").mkdir()
    (site / "schemas/note.schema.json").symlink_to(outside / "planted.json")
    done = run_cli("schema", "--write", "schemas", cwd=site)
    assert done.code != 0 and not (outside / "planted.json").exists()
    assert "schemas/note.schema.json is a symbolic link" in done.err, done.err
    (site / "linked").symlink_to(outside, target_is_directory=True)
    done = run_cli("schema", "--write", "linked", cwd=site)
    assert done.code != 0 and list(outside.iterdir()) == []
    assert "linked leads outside the repository" in done.err, done.err
    assert run_cli("schema", "--write", "fresh", cwd=site).code == 0  # the ordinary case
    assert (site / "fresh/note.schema.json").is_file()
