"""HTML fragments that paperguide fills in once every page has rendered (backlinks, graphs).

Unlike the Markdown templates (:mod:`.render`), these produce HTML, so the environment
autoescapes everything; only values marked safe on purpose (an SVG drawn by
:mod:`.graph_svg`, which escapes its own text) pass through. A site can override a fragment by
copying it into its ``templates_dir`` under ``fragments/``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..pages.templating import template_environment


@functools.cache
def _environment(override_dir: str | None) -> jinja2.Environment:
    return template_environment(override_dir, autoescape=True, trim_blocks=True)


def render_html(template: str, override_dir: Path | None = None, **context: Any) -> str:
    """Render ``fragments/<template>`` to an HTML string (one line per block, no blank lines)."""
    env = _environment(str(override_dir) if override_dir else None)
    text = env.get_template(f"fragments/{template}").render(**context)
    return "\n".join(line for line in text.splitlines() if line.strip())


def safe(html: str) -> Markup:
    """Mark HTML that was escaped where it was built (SVG from :mod:`.graph_svg`)."""
    return Markup(html)
