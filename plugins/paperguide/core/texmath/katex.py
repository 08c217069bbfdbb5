"""KaTeX, run in-process through an embedded V8 (mini-racer), with renders cached.

Math is typeset at build time so pages carry no math JavaScript. The JavaScript is the official
``katex`` npm package, installed by ``npm ci`` into ``node_modules/`` (never committed); this
module only finds it and drives it. One V8 context is created lazily per :class:`Katex` and
reused for every formula: starting V8 and loading KaTeX costs ~70 ms, a render ~1-2 ms.

Renders are memoised by ``(tex, display)`` in memory, so a ``mkdocs serve`` rebuild (the plugin
instance survives) re-renders nothing, and optionally in a JSON file keyed by a hash of the KaTeX
version, the options and the TeX, so a cold build can skip starting V8 altogether.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import threading
import weakref
from pathlib import Path
from typing import Any

from ..base.diskcache import code_version
from ..base.limits import MAX_TEX_CHARS
from .render_cache import RenderCache, Rendered

#: The only command that may emit an HTML attribute: symbol tagging needs ``\\htmlClass``, and
#: only with our own symbol classes. TeX comes from data too (a BibTeX title), so ids, styles,
#: data attributes, URLs and any other class are refused: they would let a .bib entry clash
#: with the theme's ids (``md-search``) or dress up as its dialogs.
TRUSTED_COMMANDS = ("\\htmlClass",)
#: Pattern every class given to ``\\htmlClass`` must match (see :mod:`.tagging`).
TRUSTED_CLASS = r"^pg-sym(-[0-9]+)?$"

#: Environment variable naming KaTeX's ``dist`` folder, for builds outside the repository.
DIST_ENV = "PAPERGUIDE_KATEX_DIR"

#: Bumped when the options below change, so on-disk caches from older options are not used.
OPTIONS_VERSION = "6"

_GLUE = (
    "var __pgTrusted = " + json.dumps(list(TRUSTED_COMMANDS)) + ";\n"
    "var __pgClass = new RegExp(" + json.dumps(TRUSTED_CLASS) + ");\n"
    """
function __pgRender(tex, display) {
  var warnings = [], refused = [];
  try {
    var html = katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      output: "htmlAndMathml",
      trust: function (c) {
        if (__pgTrusted.indexOf(c.command) >= 0 && String(c["class"]).split(" ").every(
              function (name) { return __pgClass.test(name); })) { return true; }
        refused.push(c.command + (c["class"] !== undefined ? "{" + c["class"] + "}" : ""));
        return false;
      },
      strict: function (code, msg) {
        if (code !== "htmlExtension") { warnings.push(msg); }
        return "ignore";
      }
    });
    if (refused.length) {
      // KaTeX would draw the command in red; a build should fail instead.
      return JSON.stringify({error: refused.join(", ") + " is not allowed in math here" +
        " (math may not set ids, classes, styles, data or links)"});
    }
    return JSON.stringify({html: html, warnings: warnings});
  } catch (e) {
    return JSON.stringify({error: String((e && e.message) || e)});
  }
}
"""
)


class KatexUnavailable(RuntimeError):
    """KaTeX (or the engine that runs it) cannot be loaded; ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


class KatexError(ValueError):
    """KaTeX rejected the TeX; the message is KaTeX's, e.g. ``KaTeX parse error: ...``."""


def find_dist(config_dir: Path, configured: str | None = None) -> Path:
    """KaTeX's ``dist`` folder: the configured one, ``$PAPERGUIDE_KATEX_DIR``, or the nearest
    ``node_modules/katex/dist`` at or above ``config_dir`` (Node's own lookup order).

    Raises :class:`KatexUnavailable` with a hint when none holds ``katex.min.js``.
    """
    if configured:
        path = Path(configured)
        candidates = [path if path.is_absolute() else config_dir / path]
    elif os.environ.get(DIST_ENV):
        candidates = [Path(os.environ[DIST_ENV])]
    else:
        start = config_dir.resolve()
        candidates = [d / "node_modules" / "katex" / "dist" for d in (start, *start.parents)]
    for candidate in candidates:
        if (candidate / "katex.min.js").is_file():
            return candidate
    looked = candidates[0].as_posix()
    hint = "run 'make setup' (or 'npm ci' next to package.json) to install the pinned katex package"
    raise KatexUnavailable(f"KaTeX not found (looked for {looked}/katex.min.js)", hint)


def katex_version(dist: Path) -> str:
    """The version from the package's ``package.json`` (``dist/..``), or ``unknown``."""
    try:
        data = json.loads((dist.parent / "package.json").read_text("utf-8"))
    except (OSError, ValueError):
        return "unknown"
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, str) else "unknown"


#: Engines with a live V8 context. mini-racer 0.14 hangs at interpreter exit when a context is
#: left for its ``__del__`` to close, so every one still open is closed at exit.
_LIVE: weakref.WeakSet[Katex] = weakref.WeakSet()


@atexit.register
def _close_engines() -> None:
    for engine in list(_LIVE):
        engine.close()


#: The element that replaces KaTeX's outer ``<span class="katex">`` (see below).
MATH_TAG = "pg-math"
_OUTER_OPEN = '<span class="katex">'
_SPAN = re.compile(r"<span\b|</span>")


def _out_of_search(html: str) -> str:
    """Keep a formula out of the site search index; the page itself is unchanged.

    KaTeX writes each formula three times (visible HTML, MathML for screen readers, the TeX
    source), which made search results repeat glyph soup. Material's search skips elements
    marked ``data-search-exclude``, but it matches the end of the excluded element by tag name,
    so an excluded ``<span>`` stops being excluded at its first inner ``</span>``. The outer
    element is therefore renamed to a custom element (``pg-math``; KaTeX's CSS selects it by
    class, and an unknown element is inline like a span) and marked.
    """
    start = html.find(_OUTER_OPEN)
    if start == -1:
        return html
    depth = 0
    for match in _SPAN.finditer(html, start):
        depth += 1 if match.group(0) == "<span" else -1
        if depth == 0:
            end = match.start()
            return (
                html[:start]
                + f'<{MATH_TAG} class="katex" data-search-exclude>'
                + html[start + len(_OUTER_OPEN) : end]
                + f"</{MATH_TAG}>"
                + html[end + len("</span>") :]
            )
    return html


class Katex:
    """Renders TeX to HTML with the KaTeX found in ``dist``.

    ``render`` raises :class:`KatexError` for bad TeX and :class:`KatexUnavailable` if the
    engine cannot start. Thread-safe: one lock guards the single V8 context.
    """

    def __init__(self, dist: Path, disk_cache: RenderCache | None = None) -> None:
        self.dist = dist
        self.version = katex_version(dist)
        self.disk = disk_cache
        self._memory: dict[tuple[str, bool], Rendered | KatexError] = {}
        self._context: Any = None
        self._lock = threading.Lock()
        self.renders = 0  # formulas actually typeset by V8 (cache misses)
        self.startup_seconds = 0.0

    def _engine(self) -> Any:
        if self._context is None:
            import time

            started = time.perf_counter()
            try:
                from py_mini_racer import MiniRacer
            except ImportError as exc:  # pragma: no cover - a dependency of the package
                raise KatexUnavailable(
                    f"the JavaScript engine mini-racer is not installed ({exc})",
                    "run 'make setup' (it installs paperguide with its dependencies)",
                ) from exc
            try:
                script = (self.dist / "katex.min.js").read_text("utf-8")
            except OSError as exc:
                raise KatexUnavailable(
                    f"cannot read {self.dist / 'katex.min.js'}: {exc.strerror}",
                    "run 'make setup' (or 'npm ci') to reinstall katex",
                ) from exc
            context = MiniRacer()
            context.eval(script)
            context.eval(_GLUE)
            self._context = context
            _LIVE.add(self)
            self.startup_seconds = time.perf_counter() - started
        return self._context

    def _disk_key(self, tex: str, display: bool) -> str:
        text = f"{code_version()}\0{self.version}\0{OPTIONS_VERSION}\0{int(display)}\0{tex}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def render_full(self, tex: str, *, display: bool) -> Rendered:
        """HTML and KaTeX's strict-mode warnings (LaTeX incompatibilities) for ``tex``."""
        if len(tex) > MAX_TEX_CHARS:
            # KaTeX's time grows faster than linearly with length; 1 MB never finished.
            raise KatexError(
                f"the formula is {len(tex):,} characters long, over the limit of "
                f"{MAX_TEX_CHARS:,}; split it into several formulas"
            )
        memo = (tex, display)
        with self._lock:
            cached = self._memory.get(memo)
            if cached is None:
                cached = self._render_uncached(tex, display)
                self._memory[memo] = cached
            elif self.disk is not None and isinstance(cached, Rendered):
                # Rendered earlier in this process (a serve rebuild, another site): make sure
                # this site's disk cache keeps it too.
                key = self._disk_key(tex, display)
                if key in self.disk.entries:
                    self.disk.use(key)
                else:
                    self.disk.put(key, cached)
        if isinstance(cached, KatexError):
            raise KatexError(str(cached))
        return cached

    def render(self, tex: str, *, display: bool) -> str:
        return self.render_full(tex, display=display).html

    def _render_uncached(self, tex: str, display: bool) -> Rendered | KatexError:
        key = self._disk_key(tex, display) if self.disk is not None else ""
        if self.disk is not None and (hit := self.disk.get(key)) is not None:
            return hit
        from py_mini_racer import JSEvalException

        try:
            raw = self._engine().call("__pgRender", tex, display)
        except JSEvalException as exc:  # an engine failure, not bad TeX
            return KatexError(f"KaTeX failed: {exc}")
        self.renders += 1
        data = json.loads(str(raw))
        if "error" in data:
            # KaTeX underlines the offending text with U+0332, which terminals render badly.
            return KatexError(str(data["error"]).replace("\u0332", ""))
        rendered = Rendered(
            _out_of_search(str(data["html"])), tuple(str(w) for w in data.get("warnings", ()))
        )
        if self.disk is not None:
            self.disk.put(key, rendered)
        return rendered

    def save(self) -> None:
        """Persist the on-disk cache, if there is one."""
        if self.disk is not None:
            with self._lock:
                self.disk.save()

    def close(self) -> None:
        """Stop the V8 context (it starts again if needed)."""
        with self._lock:
            if self._context is not None:
                self._context.close()
                self._context = None
                _LIVE.discard(self)
