"""The baseline: the same pages paperguide generates, built by plain MkDocs + Material.

paperguide's generated Markdown is written out as ordinary pages, with each section block expanded
into the Markdown its component templates produce (each record wrapped in an ``md_in_html`` div,
a formula as ``$$`` math plus a Markdown symbol table), so the plain build converts the same text
without any paperguide code running.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from paperguide.core.base.markdown_text import one_line
from paperguide.core.library.library import Library
from paperguide.core.library.loading import load_library
from paperguide.core.library.references import BibliographyOptions, References
from paperguide.core.pages.crossref_pages import bibliography_page
from paperguide.core.pages.guide import generate_pages
from paperguide.core.site.settings import Settings
from paperguide.mdx.breakdown import FORMULA_TOKEN, SYMBOLS_TOKEN
from paperguide.mdx.components import KINDS, ComponentRenderer
from paperguide.mdx.context import RenderContext

# Only ever applied to paperguide's own generated text, never to author Markdown.
_SECTION = re.compile(r"^/// (unknowns|figures|formulas) \| (\S+)(?: (\S+))?\n///\n", re.MULTILINE)


def _symbol_table(formula) -> str:
    rows = "".join(
        f"| ${one_line(s.tex)}$ | {one_line(s.meaning)} | {one_line(s.kind or '')} |\n"
        for s in formula.symbols
    )
    return "| Symbol | Meaning | Kind |\n|---|---|---|\n" + rows if rows else ""


def _expand(library: Library, markdown: str, page: str) -> str:
    renderer = ComponentRenderer(None, RenderContext(library=library, page_src_uri=page))  # type: ignore[arg-type]

    def replace(match: re.Match[str]) -> str:
        section, key, category = match.groups()
        kind = KINDS[section.removesuffix("s")]
        note = library.note(key)
        out = []
        for record in kind.records(note):
            if category and record.category != category:
                continue
            body = renderer.markdown(kind.name, note, record)
            if kind.name == "formula":
                body = body.replace(FORMULA_TOKEN, f"$$\n{record.tex}\n$$")
                body = body.replace(SYMBOLS_TOKEN, _symbol_table(record))
            out.append(
                f'<div class="pg-{kind.name}" id="{kind.anchor_prefix}{record.id}" '
                f"markdown>\n\n{body}\n</div>\n"
            )
        return "\n".join(out)

    return _SECTION.sub(replace, markdown)


def write_baseline(source_site: Path, target: Path) -> Path:
    """Write the plain-MkDocs twin of ``source_site`` (a paperguide site) into ``target``."""
    config = yaml.safe_load((source_site / "mkdocs.yml").read_text("utf-8"))
    content = source_site / config.get("docs_dir", "docs")
    library = load_library(Settings(content, source_site))
    out = target / "content"
    out.mkdir(parents=True, exist_ok=True)
    options = BibliographyOptions()
    bibliography = bibliography_page(
        References(library, options, None),
        list(library.bibliography.entries),
        page=str(options.page),
        download=None,
        cited_only=False,
        style_name="the house author–year style",
    )
    # The same generated pages paperguide adds, bibliography included. (The relations graph and
    # the backlinks are drawn after every page has rendered; they count as paperguide's cost.)
    for page in [*generate_pages(library, bibliography_page=options.page), bibliography]:
        path = out / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_expand(library, page.markdown, page.src_uri), "utf-8")
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
