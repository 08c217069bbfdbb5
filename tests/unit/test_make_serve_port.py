"""``make serve`` takes the port from ``PORT`` (default 8000), so two previews can run (#12.7)."""

from __future__ import annotations

import subprocess

from tests.helpers import REPO


def _serve_command(*args: str) -> str:
    done = subprocess.run(
        ["make", "--dry-run", "--always-make", "serve", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [line for line in done.stdout.splitlines() if "mkdocs serve" in line]
    assert len(lines) == 1, done.stdout
    return lines[0]


def test_make_serve_uses_port_8000_by_default_and_port_when_given():
    assert "--dev-addr 127.0.0.1:8000" in _serve_command()
    assert "--dev-addr 127.0.0.1:8001" in _serve_command("PORT=8001")
