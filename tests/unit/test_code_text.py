"""Code names wrap only between their parts (core/base/code_text.py)."""

from __future__ import annotations

import pytest

from paperguide.core.base.code_text import breakable_code


@pytest.mark.parametrize(
    ("name", "markdown"),
    [
        ("QHAdam.from_nadam", "QHAdam<wbr>.from&#95;<wbr>nadam"),
        ("QHAdam.__init__", "QHAdam<wbr>.&#95;&#95;init&#95;&#95;"),  # dunders stay whole
        ("x__y", "x&#95;&#95;y"),
        (
            "segment_anything/modeling/image_encoder.py",
            "segment&#95;<wbr>anything/<wbr>modeling/<wbr>image&#95;<wbr>encoder<wbr>.py",
        ),
        (".github/ci.yml", ".github/<wbr>ci<wbr>.yml"),  # no break before a leading dot
        ("Sam", "Sam"),
        ("a/", "a/"),  # nothing after the last part
    ],
)
def test_break_chances(name, markdown):
    assert breakable_code(name) == markdown


@pytest.mark.parametrize(
    "hostile",
    ["<script>a_b</script>", "[x](javascript:alert(1))", "a\x00b/<wbr>c", "`x`*y*{: .z }"],
)
def test_hostile_names_are_inert_text(hostile):
    out = breakable_code(hostile)
    # The only markup is our own <wbr>; everything else is an entity.
    rest = out.replace("<wbr>", "")
    assert "<" not in rest and "[" not in rest and "`" not in rest and "{" not in rest
    assert "\x00" not in out
