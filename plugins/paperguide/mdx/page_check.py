"""Checking the site's Markdown pages without building it, for ``paperguide check``.

Each page is converted by Python-Markdown with the site's own extensions and paperguide's
(citations, embeds, build-time math), exactly the extension objects a build registers, with a
render context that collects diagnostics instead of logging them. So citations, embeds and TeX
in pages are found by the same code as in a build, and follow it when the syntax changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from markdown import Markdown
from pymdownx.arithmatex import ArithmatexExtension

from ..core.base.diagnostics import Diagnostic
from ..core.base.frontmatter import split_front_matter
from ..core.base.textfile import read_text
from ..core.library.library import Library
from ..core.texmath.katex import Katex
from .checks import ChecksExtension
from .citation_state import CitationState
from .citations import CitationsExtension
from .context import PageContext, PageText, RenderContext
from .embeds import EmbedsExtension
from .gate import GeneratedPagesOnly
from .math import MathExtension

#: What MkDocs always adds to ``markdown_extensions``, and what the plugin adds when missing.
HOST_DEFAULTS = ("toc", "tables", "fenced_code", "attr_list")
ARITHMATEX = "pymdownx.arithmatex"


def site_extensions(configured: Any) -> tuple[list[str], dict[str, dict[str, Any]], bool]:
    """Extension names and their options from a ``markdown_extensions`` setting, as the plugin
    completes it, and whether the site enabled ``pymdownx.arithmatex`` itself (if not, the
    build reads ``$`` math only in note text: see ``gate.py``)."""
    names: list[str] = list(HOST_DEFAULTS)
    options: dict[str, dict[str, Any]] = {}
    entries = configured if isinstance(configured, list) else []
    for entry in entries:
        if isinstance(entry, str):
            name, config = entry, {}
        elif isinstance(entry, dict) and len(entry) == 1:
            name, config = next(iter(entry.items()))
            # Values the check did not evaluate (``!!python`` tags read as None) fall back to
            # the extension's defaults.
            config = (
                {k: v for k, v in config.items() if v is not None}
                if isinstance(config, dict)
                else {}
            )
        else:
            continue
        if name not in names:
            names.append(name)
        options[name] = config
    site_math = ARITHMATEX in names
    if site_math:
        # Arithmatex in generic mode is what build-time math needs.
        options[ARITHMATEX] = {**options.get(ARITHMATEX, {}), "generic": True}
    return names, options, site_math


def _loadable(names: Sequence[str], options: dict[str, dict[str, Any]]) -> list[Any]:
    """The extensions that load outside MkDocs; one that needs MkDocs' own config (a Python
    object given with a ``!!python`` tag, which the check does not execute) is left out."""
    loaded: list[Any] = []
    for name in names:
        try:
            Markdown(extensions=[name], extension_configs={name: options.get(name, {})})
        except (ImportError, TypeError, ValueError, KeyError, AttributeError):
            continue
        loaded.append(name)
    return loaded


def page_files(library: Library, exclude: set[Path]) -> list[Path]:
    """The Markdown pages of the site (notes and files in hidden folders are not pages)."""
    content = library.settings.content_dir
    papers = library.settings.resolve(library.settings.papers_dir)
    return sorted(
        p
        for p in content.rglob("*.md")
        if p.is_file()
        and not p.is_relative_to(papers)
        and p not in exclude
        and not any(part.startswith(".") for part in p.relative_to(content).parts)
    )


def check_pages(
    library: Library,
    configured_extensions: Any,
    katex: Katex | None,
    templates_dir: str = "",
) -> list[Diagnostic]:
    """Every paperguide problem in the site's hand-written Markdown pages."""
    found: list[Diagnostic] = []
    context = RenderContext(library=library, report_to=found.append, katex=katex)
    state = CitationState()
    names, options, site_math = site_extensions(configured_extensions)
    host = _loadable(names, options)
    configs = {n: c for n, c in options.items() if n in host}
    settings = library.settings
    for path in page_files(library, set()):
        source = settings.display(path)
        text, problems = read_text(path, source)
        found.extend(problems)
        if text is None:
            continue
        # As in a build: the context points at the page before its Markdown is made, and each
        # page gets its own instance (extensions capture the page they were made for).
        src_uri = path.relative_to(settings.content_dir).as_posix()
        context.start_page(PageContext(src_uri, source, False, PageText(lambda text=text: text)))
        ours: list[Any] = [
            EmbedsExtension(context=context, templates_dir=templates_dir),
            ChecksExtension(context=context, templates_dir=templates_dir),
            CitationsExtension(context=context, state=state),
        ]
        if katex is not None:
            if not site_math:
                ours.append(GeneratedPagesOnly(ArithmatexExtension(generic=True), context=context))
            ours.append(MathExtension(context=context))
        md = Markdown(extensions=[*host, *ours], extension_configs=configs)
        md.convert(split_front_matter(text).body)
    return found
