"""Issue #11, findings 8 and 12: values and files a note folder should never hold end in one
located diagnostic each, named by their path in the site, never a traceback, hang or leak."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.clitools import make_site, run_cli, run_process
from tests.helpers import MINIMAL_BIB, merge_config

INF_NOTE = """\
key: ma2019qhadam
context:
  - title: A talk
    url: https://example.org/talk
    kind: video
    minutes: .inf
  - title: A post
    kind: blog
    minutes: .nan
"""


def test_non_finite_numbers_are_one_located_diagnostic_each(tmp_path, site):
    make_site(tmp_path / "check", {"ma2019qhadam.yml": INF_NOTE})
    done = run_cli("check", cwd=tmp_path / "check")
    assert done.code == 1
    assert done.lines == [
        f"content/papers/ma2019qhadam.yml:{line}:14: '{value}' is not a finite number "
        f"(field context[{index}].minutes); write a number such as 12, or quote the value to "
        "keep it as text"
        for index, (line, value) in enumerate([(6, ".inf"), (9, ".nan")])
    ]
    files = {
        "content/index.md": "# Home\n",
        "content/references.bib": MINIMAL_BIB,
        "content/papers/ma2019qhadam.yml": INF_NOTE,
    }
    strict = site(files)
    assert not strict.ok and "not a finite number" in "\n".join(strict.warnings())
    relaxed = site(files, strict=False)  # used to be an OverflowError in paper.md.j2
    assert relaxed.ok, relaxed.error
    assert "A talk" in relaxed.article("papers/ma2019qhadam/").get_text()


@pytest.mark.slow
def test_unusable_files_in_papers_are_reported_by_their_path_in_the_site(tmp_path):
    make_site(tmp_path, {"ma2019qhadam.yml": "key: ma2019qhadam\n"})
    papers = tmp_path / "content" / "papers"
    (papers / "dangling.yml").symlink_to(tmp_path / "nowhere.yml")
    os.mkfifo(papers / "pipe.yml")
    (papers / "zero.yml").symlink_to("/dev/zero")
    (papers / "passwd.yml").symlink_to("/etc/passwd")
    # Markdown notes in the default folder are opened to see whether they are notes at all:
    # that look must not hang or read forever either.
    os.mkfifo(papers / "pipe-md.md")
    (papers / "zero-md.md").symlink_to("/dev/zero")
    # In a subprocess with a deadline: a FIFO or /dev/zero used to hang or fill the memory.
    done = run_process("check", cwd=tmp_path, timeout=60)
    assert "Traceback" not in done.err, done.err[-3000:]
    assert done.code == 1
    by_file = {line.split(":")[0]: line for line in done.out.splitlines()}
    assert set(by_file) == {
        f"content/papers/{n}.yml" for n in ("dangling", "pipe", "zero", "passwd")
    } | {"content/papers/pipe-md.md", "content/papers/zero-md.md"}
    assert "not a regular file (a FIFO)" in by_file["content/papers/pipe-md.md"]
    assert "outside the docs folder" in by_file["content/papers/zero-md.md"]
    assert "symbolic link to nothing" in by_file["content/papers/dangling.yml"]
    assert "not a regular file (a FIFO)" in by_file["content/papers/pipe.yml"]
    assert "outside the docs folder" in by_file["content/papers/zero.yml"]
    assert "outside the docs folder" in by_file["content/papers/passwd.yml"]
    assert "/etc/passwd" not in done.out and "/dev/zero" not in done.out
    assert str(tmp_path) not in done.out
    # A real build says the same, and publishes the good note.
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(merge_config(None)), "utf-8")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    for name in ("dangling", "pipe", "zero", "passwd"):
        assert f"content/papers/{name}.yml" in build.stderr
    assert "root:x:0" not in "".join(
        p.read_text("utf-8", "replace") for p in Path(tmp_path / "site").rglob("*.html")
    )
    assert (tmp_path / "site/papers/ma2019qhadam/index.html").is_file()


def test_a_device_is_refused_without_reading_it():
    from paperguide.core.base.textfile import read_text

    text, problems = read_text(Path("/dev/zero"), "content/papers/zero.yml")
    assert text is None
    assert [p.message for p in problems] == [
        "not a regular file (a device or special file); it is skipped"
    ]
