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


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "relaxed"])
def test_math_payload_is_refused_and_never_published(site, strict):
    result = site(payload_files(TEXT_PAYLOAD + " " + MATH_PAYLOAD), strict=strict)
    assert result.ok is not strict
    refused = [w for w in result.warnings() if "is not allowed in math" in w]
    assert any("\\htmlId" in w for w in refused), result.warnings()
    assert any("\\htmlStyle" in w for w in refused)
    assert site_problems(result.site) == []
