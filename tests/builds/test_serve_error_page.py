"""Under ``mkdocs serve`` a note that cannot be loaded shows its problems, not a 404 (#12.4).

Driven over HTTP against a real server: a YAML syntax error turns the guide page into a page
listing the diagnostics (file:line:col, message, hint), with no follow-on error for the pages
that embed the note; fixing the file brings the guide page back. A misspelt unknown category
(which once crashed the rebuild and left the server hanging) keeps every page answering.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from tests.builds.test_serve import _get, _serve, _wait_for
from tests.helpers import MINIMAL_BIB, build_site, merge_config, write_files

GOOD = """\
key: ma2019qhadam
summary: First version.
unknowns:
  - id: bias
    category: hand-waved
    question: Why the bias correction?
"""
# A list item without its "-": PyYAML says "did not find expected '-' indicator".
BROKEN = GOOD.replace("    category: hand-waved\n", "    category: hand-waved\n  id: stray\n")
FILES = {
    "content/index.md": "# Home\n\n/// unknown | ma2019qhadam#bias\n///\n",
    "content/references.bib": MINIMAL_BIB,
    "content/papers/ma2019qhadam.yml": GOOD,
}


def test_a_note_that_cannot_be_loaded_shows_its_problems_until_fixed(tmp_path: Path):
    write_files(tmp_path, FILES)
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(merge_config(None)))
    log_path = tmp_path / "serve.log"
    server, port = _serve(tmp_path, log_path)
    url = f"http://127.0.0.1:{port}/papers/ma2019qhadam/"
    note = tmp_path / "content/papers/ma2019qhadam.yml"
    try:
        assert _wait_for(lambda: "First version." in _get(url)[1]), log_path.read_text()

        note.write_text(BROKEN)
        assert _wait_for(lambda: "cannot be loaded" in _get(url)[1]), log_path.read_text()
        status, body = _get(url)
        assert status == 200
        page = BeautifulSoup(body, "html.parser")
        items = [li.get_text(" ", strip=True) for li in page.select("article li")]
        assert any(
            text.startswith("content/papers/ma2019qhadam.yml:6:3") and "Hint:" in text
            for text in items
        ), items
        # Served pages carry live reload, so the browser replaces this page on the next build.
        assert "livereload" in body
        log = log_path.read_text()
        assert "no note with the key" not in log
        assert "Traceback" not in log

        note.write_text(GOOD.replace("First", "Fixed"))
        assert _wait_for(lambda: "Fixed version." in _get(url)[1]), log_path.read_text()

        note.write_text(GOOD.replace("hand-waved", "hand-wavy"))
        assert _wait_for(lambda: "'hand-wavy' is not an allowed value" in log_path.read_text())
        assert _wait_for(lambda: _get(f"http://127.0.0.1:{port}/unknowns/")[0] == 200)
        assert _get(url)[0] == 200
        assert server.poll() is None
        assert "Traceback" not in log_path.read_text()
        assert "appear stuck" not in log_path.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_strict_build_writes_the_same_error_page_and_fails_once_per_problem(tmp_path: Path):
    result = build_site(tmp_path, {**FILES, "content/papers/ma2019qhadam.yml": BROKEN})
    assert not result.ok
    (warning,) = result.warnings()
    assert warning.startswith("WARNING  paperguide: content/papers/ma2019qhadam.yml:6:3: ")
    heading = result.article("papers/ma2019qhadam/").select_one("h1")
    assert heading.get_text() == "ma2019qhadam: this note cannot be loaded"


def test_the_error_page_shows_quoted_input_as_text(tmp_path: Path):
    hostile = "key: ma2019qhadam\ntags:\n  - a\n  <img src=x onerror=alert(1)>\n"
    result = build_site(tmp_path, {**FILES, "content/papers/ma2019qhadam.yml": hostile})
    assert not result.ok
    page = result.html("papers/ma2019qhadam/")
    assert page.find("img", attrs={"onerror": True}) is None
    assert not any(a.startswith("on") for tag in page.find_all(True) for a in tag.attrs)
    assert "<img src=x onerror=alert(1)>" in page.select_one("article").get_text()
