"""paperguide.api: the documented Python entry point, on the example site and a broken copy."""

from __future__ import annotations

from paperguide import api
from tests.clitools import run_cli
from tests.helpers import REPO, copy_example


def test_the_example_site_opens_from_its_folder_and_answers_questions():
    site = api.open_site(REPO)
    keys = [note.key for note in site.notes()]
    assert keys and set(keys) == set(site.library.notes)
    waved = site.unknowns(category="hand-waved")
    assert waved and all(e.unknown.category == "hand-waved" for e in waved)
    open_waved = site.unknowns(category="hand-waved", status="open")
    assert all(e.unknown.status == "open" for e in open_waved)
    assert len(open_waved) < len(waved)  # the example has resolved hand-waved unknowns too
    sam = site.unknowns(key="kirillov2023segment")
    assert sam and all(e.note.key == "kirillov2023segment" for e in sam)
    assert sum(count for _, count in site.reading_status()) == len(keys)
    assert site.check() == []


def test_check_is_what_the_command_prints(tmp_path):
    root = copy_example(tmp_path / "site")
    note = root / "content/papers/kirillov2023segment.yml"
    note.write_text(
        note.read_text("utf-8").replace("category: hand-waved", "category: hand-wavy", 1),
        "utf-8",
    )
    problems = api.open_site(root / "mkdocs.yml").check()
    assert len(problems) == 1 and "hand-wavy" in problems[0].message
    done = run_cli("check", cwd=root)
    assert done.lines == [problems[0].format()]


def test_the_readme_example_runs_on_the_example_site():
    import subprocess
    import sys

    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## Python API", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "kirillov2023segment: " in done.stdout
