"""The code base stays Ruff-clean (lint and format), checked as part of `make test`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGETS = [p for p in ("plugins", "tests", "bench") if (REPO / p).exists()]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"
    return subprocess.run(
        [ruff, *args, *TARGETS], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_ruff_check():
    done = _ruff("check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format():
    done = _ruff("format", "--check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
