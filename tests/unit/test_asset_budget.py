"""paperguide's own JavaScript stays small: at most 10 KB added to a page (a product bar)."""

from __future__ import annotations

from pathlib import Path

import paperguide

ASSETS = Path(paperguide.__file__).parent / "assets"


def test_all_shipped_javascript_fits_in_ten_kilobytes():
    scripts = sorted(ASSETS.glob("*.js"))
    assert scripts, "the package ships its scripts in assets/"
    total = sum(p.stat().st_size for p in scripts)
    assert total <= 10 * 1024, {p.name: p.stat().st_size for p in scripts}


def test_every_script_works_without_a_module_system():
    # Loaded with a plain <script defer>, so no ES module syntax and no globals leaked beyond
    # an IIFE.
    for script in ASSETS.glob("*.js"):
        text = script.read_text("utf-8")
        assert "import " not in text and "export " not in text, script.name
        assert "(function" in text, script.name
