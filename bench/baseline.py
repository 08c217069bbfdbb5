"""The baseline: the same pages paperguide generates, built by plain MkDocs + Material.

paperguide's generated Markdown is written out as ordinary pages, with each embed block expanded
into the Markdown its component template produces (wrapped in an ``md_in_html`` div), so the
plain build converts the same text without any paperguide code running.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from paperguide.core import labels
from paperguide.core.library import Settings, load_library
from paperguide.core.pages import generate_pages, safe_url
from paperguide.core.render import render

# Only ever applied to paperguide's own generated text, never to author Markdown.
_EMBED = re.compile(
    r"^/// (unknown|figure|formula) \| (.+?)#(.+)\n(?:    anchor: true\n)?///\n", re.MULTILINE
)
_PREFIX = {"unknown": "u-", "figure": "fig-", "formula": "formula-"}


def _expand(library, markdown: str) -> str:
    def replace(match: re.Match[str]) -> str:
        kind, key, ident = match.groups()
        note = library.note(key)
        record = {"unknown": note.unknown, "figure": note.figure, "formula": note.formula}[kind](
            ident
        )
        extra = {"code_href": None} if kind == "formula" else {}
        body = render(
            f"components/{kind}.md.j2",
            None,
            note=note,
            labels=labels,
            source_href=None,
            source_title=library.title_of(key),
            safe_url=safe_url,
            **{kind: record},
            **extra,
        )
        return f'<div class="pg-{kind}" id="{_PREFIX[kind]}{ident}" markdown>\n\n{body}\n</div>\n'

    return _EMBED.sub(replace, markdown)


def write_baseline(source_site: Path, target: Path) -> Path:
    """Write the plain-MkDocs twin of ``source_site`` (a paperguide site) into ``target``."""
    config = yaml.safe_load((source_site / "mkdocs.yml").read_text("utf-8"))
    content = source_site / config.get("docs_dir", "docs")
    library = load_library(Settings(content, source_site))
    out = target / "content"
    out.mkdir(parents=True, exist_ok=True)
    for page in generate_pages(library):
        path = out / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_expand(library, page.markdown), "utf-8")
    for path in content.rglob("*.md"):
        relative = path.relative_to(content)
        if relative.parts[0] != library.settings.papers_dir:
            (out / relative).parent.mkdir(parents=True, exist_ok=True)
            (out / relative).write_text(path.read_text("utf-8"), "utf-8")
    config["plugins"] = [
        p
        for p in config.get("plugins", [])
        if p != "paperguide" and not (isinstance(p, dict) and "paperguide" in p)
    ]
    # Same rule paperguide applies: guide pages are reachable, just not in the navigation.
    config["not_in_nav"] = f"/{library.settings.papers_dir}/*.md\n"
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return target
