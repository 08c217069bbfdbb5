"""Issue #11, findings 1, 2 and 4: hostile text in any plain-text field of any input kind stays
text on the whole page (``<title>``, header, nav, search index, article), strict or not."""

from __future__ import annotations

import pytest

from tests.payloads import MATH_PAYLOAD, TEXT_PAYLOAD, payload_files, site_problems


def test_text_payload_everywhere_passes_strict_and_stays_text(site):
    result = site(payload_files(TEXT_PAYLOAD))
    assert result.ok, "\n".join(result.warnings()) or result.error
    assert site_problems(result.site) == []
    # Shown as typed: the header, the <title> and the nav carry the characters, not elements.
    page = result.html("papers/evil/")
    assert page.title.find(True) is None
    assert "<img src=x onerror=alert(1)>" in page.title.get_text()
    topic = page.select_one(".md-header__topic:last-child")
    assert topic.find(["img", "script", "a"]) is None
    assert "<script>alert(2)</script>" in topic.get_text()
    heading = page.select_one("article h1")
    assert "$ [k](javascript:alert(5)) $" in heading.get_text()
    # Escaped once, not twice: the page's front-matter title, listed as a backlink, reads as
    # typed (a double escape would show "&lt;img").
    citers = [a.get_text(strip=True) for a in page.select(".pg-backlinks a")]
    assert " ".join(TEXT_PAYLOAD.split()) in citers, citers


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "relaxed"])
def test_math_payload_is_refused_and_never_published(site, strict):
    result = site(payload_files(TEXT_PAYLOAD + " " + MATH_PAYLOAD), strict=strict)
    assert result.ok is not strict
    refused = [w for w in result.warnings() if "is not allowed in math" in w]
    assert any("\\htmlId" in w for w in refused), result.warnings()
    assert any("\\htmlStyle" in w for w in refused)
    assert site_problems(result.site) == []


@pytest.mark.slow
def test_serve_publishes_the_payload_as_text(tmp_path):
    """``mkdocs serve`` (not strict, its own build path) serves the same inert pages."""
    import os
    import subprocess
    import sys

    import yaml

    from tests.builds.test_serve import _free_port, _get, _wait_for
    from tests.helpers import merge_config, write_files
    from tests.payloads import page_problems

    write_files(tmp_path, payload_files(TEXT_PAYLOAD + " " + MATH_PAYLOAD))
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(merge_config(None)))
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(lambda: _get(base + "papers/evil/")[0] == 200)
        for url in ("", "papers/evil/", "papers/evilmd/", "front/", "bibliography/", "tracker/"):
            status, html = _get(base + url)
            assert status == 200, url
            assert page_problems(html, url, base) == []
    finally:
        server.terminate()
        server.wait(timeout=30)
