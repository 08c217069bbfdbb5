"""Running the ``paperguide`` command in tests: in-process (fast) or as a real subprocess."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from paperguide.cli import main
from tests.helpers import MINIMAL_BIB, write_files

SITE_CONFIG = textwrap.dedent("""\
    site_name: Test notes
    docs_dir: content
    theme:
      name: material
    plugins:
      - search
      - paperguide
    """)

EXTRA_BIB = textwrap.dedent("""\
    @inproceedings{kirillov2023segment,
      author = {Kirillov, Alexander and Mintun, Eric},
      title = {Segment Anything},
      booktitle = {ICCV},
      year = {2023},
      eprint = {2304.02643}, archivePrefix = {arXiv}
    }
    """)


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def run_cli(*args: str, cwd: Path) -> Run:
    """``paperguide ARGS`` in this process, in ``cwd``; ``--help`` and usage errors included."""
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, --version, bad arguments
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(old)
    return Run(code, out.getvalue(), err.getvalue())


def run_process(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    max_memory: int | None = None,
    timeout: float | None = None,
) -> Run:
    """The installed console script, as a user runs it.

    ``max_memory`` (bytes of address space) keeps a runaway input from taking the machine:
    the process gets a MemoryError instead of the OOM killer picking a victim.
    """
    script = Path(sys.executable).parent / "paperguide"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "paperguide.cli"]

    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))

    done = subprocess.run(
        [*command, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
        preexec_fn=cap if max_memory else None,
        timeout=timeout,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def make_site(root: Path, notes: dict[str, str] | None = None, bib: str | None = None) -> Path:
    """A small site: mkdocs.yml, content/references.bib and the given notes (name -> text)."""
    files: dict[str, str | bytes] = {
        "mkdocs.yml": SITE_CONFIG,
        "content/index.md": "# Notes\n",
        "content/references.bib": bib if bib is not None else MINIMAL_BIB + EXTRA_BIB,
    }
    for name, text in (notes or {}).items():
        files[f"content/papers/{name}"] = text
    write_files(root, files)
    return root
