"""The Jinja environment that renders generated pages and components as Markdown.

Templates live in ``paperguide/templates``; a directory given in the configuration is searched
first, so a site can override any template by copying it. Output is Markdown, so autoescaping is
off; data goes through the ``text`` filters instead (see :mod:`.markdown_text`). Block tags on
their own line leave an empty line (harmless in Markdown); inside tables they use ``-%}``.

A build renders templates thousands of times, so the environments do not look at a template's
file on every render (Jinja's ``auto_reload``); the host calls :func:`refresh_templates` when a
build starts, which is when an edited or added override (``mkdocs serve``) must take effect.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2

from ..base.code_text import breakable_code
from ..base.link_labels import link_label
from ..base.markdown_text import (
    escape_math_text,
    escape_text,
    link_url,
    one_line,
    relative_link,
)
from ..base.urls import code_url, repo_url
from ..notes import labels
from . import placeholders


def _indent(value: str, width: int = 4) -> str:
    """Indent all lines but the first (continuation lines of a list item)."""
    pad = " " * width
    lines = value.strip("\n").split("\n")
    return "\n".join([lines[0], *[pad + line if line.strip() else "" for line in lines[1:]]])


def template_loader(override_dir: str | None) -> jinja2.BaseLoader:
    """The site's override folder first (when given), then the packaged templates."""
    loaders: list[jinja2.BaseLoader] = []
    if override_dir:
        loaders.append(jinja2.FileSystemLoader(override_dir))
    loaders.append(jinja2.PackageLoader("paperguide", "templates"))
    return jinja2.ChoiceLoader(loaders)


#: Every environment made by :func:`template_environment`, for :func:`refresh_templates`.
_ENVIRONMENTS: list[jinja2.Environment] = []


def template_environment(override_dir: str | None, **options: Any) -> jinja2.Environment:
    """An environment over the override folder and the packaged templates, whose templates are
    checked by :func:`refresh_templates` only."""
    env = jinja2.Environment(
        loader=template_loader(override_dir),
        undefined=jinja2.StrictUndefined,
        lstrip_blocks=True,
        auto_reload=False,
        **options,
    )
    _ENVIRONMENTS.append(env)
    return env


#: Bumped whenever :func:`refresh_templates` forgets a template: what was rendered before
#: may read differently now (see :func:`templates_generation`).
_generation = 0


def refresh_templates() -> None:
    """Forget every loaded template whose file changed, went away or is now shadowed by one in
    the override folder; the next render loads it again. Call once when a build starts."""
    global _generation
    for env in _ENVIRONMENTS:
        if env.cache is None:
            continue
        for key, template in list(env.cache.items()):
            if _stale(env, template):
                del env.cache[key]
                _generation += 1


def templates_generation() -> int:
    """Changes whenever a template may render differently than before (memoised output)."""
    return _generation


def _stale(env: jinja2.Environment, template: jinja2.Template) -> bool:
    if not template.is_up_to_date or env.loader is None or template.name is None:
        return True
    try:  # the file the loader would pick now (an override added since), read but not compiled
        _, filename, _ = env.loader.get_source(env, template.name)
    except jinja2.TemplateNotFound:
        return True
    return filename != template.filename


@functools.cache
def _environment(override_dir: str | None) -> jinja2.Environment:
    env = template_environment(override_dir, autoescape=False, keep_trailing_newline=True)
    env.filters.update(
        text=escape_text,
        math_text=escape_math_text,
        url=link_url,
        rel=relative_link,
        one_line=one_line,
        indent_md=_indent,
        code_name=breakable_code,
    )
    env.globals.update(
        code_url=code_url,
        repo_url=repo_url,
        link_label=link_label,
        labels=labels,
        placeholders=placeholders,
    )
    return env


def render(template: str, override_dir: Path | None = None, **context: Any) -> str:
    """Render one template to Markdown."""
    env = _environment(str(override_dir) if override_dir else None)
    text = env.get_template(template).render(**context)
    # Collapse runs of blank lines left by skipped sections; Markdown does not need them.
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text
