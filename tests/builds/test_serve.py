"""``mkdocs serve`` survives author mistakes and picks up fixes (a real server on 127.0.0.1)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.helpers import MINIMAL_BIB, merge_config, write_files


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# No proxies: the server is on loopback and nothing here may leave the machine.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _get(url: str) -> tuple[int, str]:
    try:
        with _opener.open(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait_for(predicate, timeout: float = 30.0, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


def _serve(root: Path, log_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    """`mkdocs serve` of the site in ``root`` on a free port, its output in ``log_path``."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    return server, port


@pytest.mark.slow
def test_serve_keeps_running_through_a_mistake_and_rebuilds_on_fix(tmp_path: Path):
    write_files(
        tmp_path,
        {
            "content/index.md": "# Home\n",
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nsummary: First version.\n",
        },
    )
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(merge_config(None)))
    log_path = tmp_path / "serve.log"
    server, port = _serve(tmp_path, log_path)
    url = f"http://127.0.0.1:{port}/papers/ma2019qhadam/"
    note = tmp_path / "content/papers/ma2019qhadam.yml"
    try:
        assert _wait_for(lambda: _get(url)[0] == 200 and "First version." in _get(url)[1])

        note.write_text("key: ma2019qhadam\nsummary: Broken version.\ngoal: nope\n")
        assert _wait_for(lambda: "'nope' is not an allowed value" in log_path.read_text())
        assert server.poll() is None, log_path.read_text()
        assert _get(f"http://127.0.0.1:{port}/")[0] == 200

        note.write_text("key: ma2019qhadam\nsummary: Fixed version.\n")
        assert _wait_for(lambda: "Fixed version." in _get(url)[1]), log_path.read_text()
        assert server.poll() is None
        log = log_path.read_text()
        assert "Traceback" not in log
        assert log.count("'nope' is not an allowed value") >= 1
    finally:
        server.terminate()
        server.wait(timeout=10)
