"""Build-time math for MkDocs: one KaTeX engine per process, its CSS and fonts in the site.

The engine (and its render cache) lives on the plugin instance, which ``mkdocs serve`` keeps
across rebuilds, so a rebuild re-renders only formulas it has not seen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files
from pymdownx.arithmatex import ArithmatexExtension

from ..core.base.diagnostics import Diagnostic
from ..core.texmath.katex import Katex, KatexUnavailable, find_dist
from ..core.texmath.katex_assets import KatexAssets, katex_assets
from ..core.texmath.render_cache import RenderCache
from ..mdx.context import RenderContext
from ..mdx.gate import GeneratedPagesOnly
from ..mdx.math import MathExtension
from .log import log, report

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .config import PaperguideConfig

#: Where KaTeX's stylesheet and fonts are published in the site.
KATEX_URI = "assets/katex"
ARITHMATEX = "pymdownx.arithmatex"
#: The on-disk render cache, inside the plugin's ``cache_dir``.
CACHE_NAME = "katex.json"


class MathSupport:
    """KaTeX for the site: found once, started lazily, reused while the process lives."""

    def __init__(self) -> None:
        self.katex: Katex | None = None
        #: The engine this build typesets with (``None``: math off, or KaTeX not found).
        self.active: Katex | None = None
        self.assets: KatexAssets | None = None
        self.problem: Diagnostic | None = None

    def configure(
        self,
        options: PaperguideConfig,
        config: MkDocsConfig,
        context: RenderContext,
        cache_dir: Path | None,
    ) -> None:
        """Find KaTeX (:attr:`active`) and register the extensions; problems are reported from
        :meth:`files`."""
        self.problem = None
        self.active = None
        if not options.math:
            return
        config_dir = _config_dir(config)
        try:
            dist = find_dist(config_dir, options.katex_dir)
            if self.katex is None or self.katex.dist != dist:
                self.close()
                self.katex = Katex(dist)
            # The engine and its memory cache are per process; the disk cache is per site.
            cache_path = cache_dir / CACHE_NAME if cache_dir else None
            if cache_path is None or not options.math_cache:
                self.katex.disk = None
            elif (
                self.katex.disk is None
                or self.katex.disk.path != cache_path
                or self.katex.disk.changed_on_disk()
            ):
                self.katex.disk = RenderCache.load(cache_path)
            self.assets = katex_assets(dist)
        except KatexUnavailable as exc:
            self.katex, self.assets = None, None
            source = Path(config.config_file_path).name if config.config_file_path else "mkdocs.yml"
            self.problem = Diagnostic(source, None, None, str(exc), "plugins.paperguide", exc.hint)
            return
        self.active = self.katex
        if ARITHMATEX in config.markdown_extensions:
            _require_generic_arithmatex(config)
        else:
            # The site never asked for "$" math: its own pages keep "$5" and "\(x86\)" as
            # written, and only the pages paperguide generates from notes read math.
            config.markdown_extensions.append(
                GeneratedPagesOnly(ArithmatexExtension(generic=True), context=context)
            )
        config.markdown_extensions.append(MathExtension(context=context))
        stylesheet = f"{KATEX_URI}/katex.min.css"
        if stylesheet not in config.extra_css:
            config.extra_css.insert(0, stylesheet)

    def files(self, files: Files, config: MkDocsConfig) -> None:
        """Publish KaTeX's stylesheet and the fonts it references (or report why not)."""
        if self.problem is not None:
            report(self.problem)
        if self.assets is None:
            return
        files.append(File.generated(config, f"{KATEX_URI}/katex.min.css", content=self.assets.css))
        for url, path in self.assets.fonts:
            files.append(File.generated(config, f"{KATEX_URI}/{url}", abs_src_path=str(path)))

    def post_build(self) -> None:
        if self.katex is not None:
            self.katex.save()

    def close(self) -> None:
        if self.katex is not None:
            self.katex.close()


def _config_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent if config.config_file_path else Path.cwd()


def _require_generic_arithmatex(config: MkDocsConfig) -> None:
    """Math is found by the site's arithmatex; its generic output is what gets typeset."""
    options = config.mdx_configs.setdefault(ARITHMATEX, {})
    if options.get("generic") is not True:
        if "generic" in options:  # the site asked for MathJax's script output
            log.info(
                "paperguide typesets math itself: using pymdownx.arithmatex with generic: true"
            )
        options["generic"] = True
