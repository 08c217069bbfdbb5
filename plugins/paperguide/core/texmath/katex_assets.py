"""KaTeX's stylesheet and fonts, served from the site itself so math works offline.

``katex.min.css`` lists three formats per font (woff2, woff, ttf). Every browser that can run
the site reads woff2, so only those files are published and the ``src`` lists are trimmed to
them: the built site then references no file it does not contain (the link checker agrees),
and ships ~300 KB of fonts instead of ~1.1 MB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .katex import KatexUnavailable

STYLESHEET = "katex.min.css"

# This is CSS written by KaTeX's build, not author Markdown: a regular expression is the right
# tool. ``src:`` values are comma-separated ``url(...) format(...)`` entries without nesting.
_SRC = re.compile(r"src:([^;}]*)")
_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass(frozen=True)
class KatexAssets:
    css: str  # the trimmed stylesheet
    fonts: tuple[tuple[str, Path], ...]  # (path relative to the stylesheet, file on disk)


def _keep_woff2(match: re.Match[str]) -> str:
    entries = [e.strip() for e in match.group(1).split(",")]
    kept = [e for e in entries if ".woff2" in e]
    return "src:" + ",".join(kept or entries)


def katex_assets(dist: Path) -> KatexAssets:
    """The stylesheet with woff2-only ``src`` lists, and exactly the font files it references.

    Raises :class:`KatexUnavailable` if the stylesheet or a referenced font is missing.
    """
    hint = "run 'make setup' (or 'npm ci') to reinstall the katex package"
    try:
        css = (dist / STYLESHEET).read_text("utf-8")
    except OSError as exc:
        raise KatexUnavailable(f"cannot read {dist / STYLESHEET}: {exc.strerror}", hint) from exc
    css = _SRC.sub(_keep_woff2, css)
    fonts: dict[str, Path] = {}
    for url in _URL.findall(css):
        if url.startswith(("data:", "http:", "https:", "/")) or ".." in url.split("/"):
            continue
        file = dist / url
        if not file.is_file():
            raise KatexUnavailable(f"KaTeX font {file} is missing", hint)
        fonts[url] = file
    return KatexAssets(css, tuple(sorted(fonts.items())))
