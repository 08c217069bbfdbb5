"""The `paperguide` console script (the full CLI is covered with its own issue's tests)."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import MINIMAL_BIB, REPO, write_files


def run(*args: str, cwd=REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "paperguide.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_passes_on_the_example_site():
    done = run("check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no problems" in done.stderr


def test_check_reports_problems_and_fails(tmp_path):
    write_files(
        tmp_path,
        {
            "mkdocs.yml": "site_name: x\ndocs_dir: content\nplugins:\n  - paperguide\n"
            "markdown_extensions:\n  - pymdownx.emoji:\n"
            "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nsumary: typo\n",
        },
    )
    done = run("check", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.strip() == (
        "content/papers/ma2019qhadam.yml:2:1: unknown field 'sumary' (field sumary); "
        "did you mean 'summary'?"
    )


def test_help_is_helpful():
    done = run("--help")
    assert done.returncode == 0 and "check" in done.stdout
