"""KaTeX through mini-racer: rendering, errors, trust, caches, finding the package, its assets."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from paperguide.core.texmath.katex import (
    DIST_ENV,
    Katex,
    KatexError,
    KatexUnavailable,
    find_dist,
)
from paperguide.core.texmath.katex_assets import katex_assets
from paperguide.core.texmath.render_cache import RenderCache
from tests.helpers import REPO

DIST = Path(os.environ.get(DIST_ENV) or REPO / "node_modules/katex/dist")


@pytest.fixture(scope="module")
def katex():
    engine = Katex(DIST)
    yield engine
    engine.close()


def test_inline_and_display_render_to_katex_html(katex):
    inline = BeautifulSoup(katex.render(r"\alpha_t", display=False), "html.parser")
    # The outer element is renamed so the site search can skip it whole (see _out_of_search).
    assert inline.select_one("pg-math.katex[data-search-exclude] .katex-html") is not None
    assert inline.select_one(".katex-display") is None
    assert inline.select_one("annotation").get_text() == r"\alpha_t"  # MathML for screen readers
    display = BeautifulSoup(katex.render(r"\frac{a}{b}", display=True), "html.parser")
    assert display.select_one(".katex-display .mfrac") is not None
    assert katex.version == "0.19.1"


def test_bad_tex_raises_katex_message(katex):
    with pytest.raises(KatexError, match="Undefined control sequence: \\\\notacommand"):
        katex.render(r"x + \notacommand", display=False)
    with pytest.raises(KatexError, match="KaTeX parse error"):
        katex.render(r"\frac{a}{", display=True)


def test_only_our_symbol_classes_are_trusted(katex):
    # Issue #11 finding 4: TeX comes from data too, so \htmlId, \htmlData and any class but
    # our own symbol classes are refused (they were trusted before).
    tagged = BeautifulSoup(
        katex.render(r"\htmlClass{pg-sym pg-sym-0}{x} + y", display=False), "html.parser"
    )
    assert tagged.select_one(".katex-html .pg-sym.pg-sym-0") is not None
    for untrusted in (
        r"\href{javascript:alert(1)}{x}",
        r"\htmlStyle{color:red}{x}",
        r"\url{x}",
        r"\htmlId{md-search}{x}",
        r"\htmlData{k=v}{x}",
        r"\htmlClass{md-dialog md-dialog--active}{x}",
        r"\htmlClass{pg-sym md-dialog}{x}",
    ):
        command = untrusted.split("{")[0]
        with pytest.raises(KatexError, match=f"\\{command}.* is not allowed in math"):
            katex.render(untrusted, display=False)


def test_strict_mode_problems_are_warnings_not_errors(katex):
    rendered = katex.render_full(r"x \text{ok} é", display=False)
    assert rendered.html
    assert any("é" in w for w in rendered.warnings)


def test_renders_are_cached_in_memory_including_errors(katex):
    tex = r"\sum_{i=1}^{n} i^{2} \quad % cache probe"
    before = katex.renders
    first = katex.render(tex, display=True)
    assert katex.renders == before + 1
    assert katex.render(tex, display=True) == first
    assert katex.renders == before + 1  # not typeset again
    katex.render(tex, display=False)  # display mode is part of the key
    assert katex.renders == before + 2
    for _ in range(2):
        with pytest.raises(KatexError):
            katex.render(r"\undefinedmacro", display=False)
    assert katex.renders == before + 3


def test_disk_cache_lets_a_cold_process_skip_v8(tmp_path):
    path = tmp_path / ".cache" / "katex.json"
    warm = Katex(DIST, RenderCache.load(path))
    html = warm.render(r"e^{i\pi} + 1 = 0", display=True)
    warm.save()
    warm.close()
    assert path.is_file()

    cold = Katex(DIST, RenderCache.load(path))
    assert cold.render(r"e^{i\pi} + 1 = 0", display=True) == html
    assert cold.renders == 0 and cold._context is None  # V8 never started
    cold.save()
    cold.close()


def test_disk_cache_keeps_only_what_the_last_build_used(tmp_path):
    path = tmp_path / "katex.json"
    first = Katex(DIST, RenderCache.load(path))
    first.render("a", display=False)
    first.render("b", display=False)
    first.save()
    second = Katex(DIST, RenderCache.load(path))
    second.render("a", display=False)
    second.save()
    assert len(RenderCache.load(path).entries) == 1
    first.close()
    second.close()


def test_a_corrupt_disk_cache_is_ignored(tmp_path):
    path = tmp_path / "katex.json"
    path.write_text("{not json")
    assert RenderCache.load(path).entries == {}


def test_find_dist_order(tmp_path, monkeypatch):
    monkeypatch.delenv(DIST_ENV, raising=False)
    site = tmp_path / "project" / "docs"
    site.mkdir(parents=True)
    walked = tmp_path / "project" / "node_modules" / "katex" / "dist"
    walked.mkdir(parents=True)
    (walked / "katex.min.js").write_text("// stand-in")
    # Like Node: the nearest node_modules at or above the config folder.
    assert find_dist(site) == walked.resolve()
    env = tmp_path / "elsewhere"
    env.mkdir()
    (env / "katex.min.js").write_text("// stand-in")
    monkeypatch.setenv(DIST_ENV, str(env))
    assert find_dist(site) == env
    # An explicit option wins and is relative to the config folder.
    assert find_dist(site, "../node_modules/katex/dist") == site / "../node_modules/katex/dist"


def test_missing_katex_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.delenv(DIST_ENV, raising=False)
    with pytest.raises(KatexUnavailable) as caught:
        find_dist(tmp_path, "no/such/dir")
    assert "katex.min.js" in str(caught.value)
    assert "make setup" in caught.value.hint and "npm ci" in caught.value.hint


def test_assets_keep_only_woff2_fonts_that_exist():
    assets = katex_assets(DIST)
    urls = re.findall(r"url\(([^)]+)\)", assets.css)
    assert urls, "the stylesheet references its fonts"
    assert all(u.endswith(".woff2") for u in urls)
    assert not re.search(r"\.(woff|ttf)\b", assets.css.replace(".woff2", ""))
    assert {url for url, _ in assets.fonts} == set(urls)
    assert all(path.is_file() and path.suffix == ".woff2" for _, path in assets.fonts)
    assert len(assets.fonts) == 20
    assert ".katex" in assets.css  # the rules themselves are untouched


def test_assets_report_a_missing_font(tmp_path):
    (tmp_path / "katex.min.css").write_text(
        "@font-face{font-family:X;src:url(fonts/X.woff2) format('woff2'),url(fonts/X.ttf)}"
    )
    with pytest.raises(KatexUnavailable, match=r"X\.woff2 is missing"):
        katex_assets(tmp_path)


def test_a_process_that_never_closes_its_engine_still_exits():
    """mini-racer 0.14 hangs at interpreter exit if a context is left to ``__del__``."""
    import subprocess
    import sys

    script = (
        "from pathlib import Path\n"
        "from paperguide.core.texmath.katex import Katex\n"
        f"k = Katex(Path({str(DIST)!r}))\n"
        "print(len(k.render('x', display=False)) > 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
