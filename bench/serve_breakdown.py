"""Where a ``mkdocs serve`` full rebuild spends its time, measured in one process.

Run by scenario c as ``python bench/serve_breakdown.py SITE/mkdocs.yml EDITS``: it builds the
site once as ``mkdocs serve`` does (one plugin instance, ``on_startup(command="serve")``), then
``EDITS`` times edits the bench note (``edit.py``) and rebuilds with a fresh configuration and
the same plugins, timing the parts of each rebuild. It prints one JSON object: per part, the
median seconds over the rebuilds, plus ``total``. The served latency adds to ``total`` what
the server itself does (noticing the change: MkDocs polls the files every half second; loading
the configuration; answering the request).

Parts (the timers wrap public functions of MkDocs and Jinja, so a part is never counted twice
except where said):

- ``pages``: MkDocs' first pass over the pages (reading them, every plugin's page events up to
  ``on_page_content``, and converting or restoring them: paperguide's page cache);
- ``theme``: MkDocs' second pass, rendering the theme for every page (``theme templates`` is
  the part of it spent in Jinja templates other than paperguide's ``.j2``);
- ``writing``: writing the built pages; ``static files``: copying the theme's and the site's
  static files;
- ``events:<name>``: plugins' handlers of the other events (``files`` loads the notes and
  makes the generated pages, ``env`` fills in backlinks and graphs, ``page_context`` is the
  search index and the citation cards); ``page_context`` runs inside the theme pass and is
  subtracted from ``theme``;
- MkDocs' own work around the passes (:data:`OTHER_PARTS`: static files, the site folder
  emptied, the files listed, the navigation, the theme's own pages);
- ``other``: the rest (MkDocs' bookkeeping between these).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _timer(totals: dict[str, float], owner: Any, name: str, part: str) -> None:
    real: Callable[..., Any] = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            totals[part] = totals.get(part, 0.0) + time.perf_counter() - start

    setattr(owner, name, timed)


def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import jinja2
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection
    from mkdocs.structure.files import Files

    from bench.edit import Edit, edit_note, note_path

    config_file, edits = sys.argv[1], int(sys.argv[2])
    site = Path(config_file).parent
    config = load_config(config_file)
    config.plugins.on_startup(command="serve", dirty=False)
    plugins = config.plugins
    mkdocs_build.build(config)

    totals: dict[str, float] = {}
    in_page_pass = [False]  # inside MkDocs' theme pass over the pages (``_build_page``)
    _timer(totals, mkdocs_build, "_populate_page", "pages")
    real_build_page = mkdocs_build._build_page

    def build_page(*args: Any, **kwargs: Any) -> Any:
        in_page_pass[0] = True
        try:
            return real_build_page(*args, **kwargs)
        finally:
            in_page_pass[0] = False

    mkdocs_build._build_page = build_page  # type: ignore[assignment]
    _timer(totals, mkdocs_build, "_build_page", "theme")
    real_write = mkdocs_build.utils.write_file

    def write_file(*args: Any, **kwargs: Any) -> Any:
        if not in_page_pass[0]:  # the theme's own pages: counted with them
            return real_write(*args, **kwargs)
        start = time.perf_counter()
        try:
            return real_write(*args, **kwargs)
        finally:
            totals["writing"] = totals.get("writing", 0.0) + time.perf_counter() - start

    mkdocs_build.utils.write_file = write_file  # type: ignore[assignment]
    _timer(totals, Files, "copy_static_files", "static files")
    _timer(totals, mkdocs_build.utils, "clean_directory", "site folder emptied")
    _timer(totals, mkdocs_build, "get_files", "files listed")
    _timer(totals, Files, "add_files_from_theme", "files listed")
    _timer(totals, mkdocs_build, "get_navigation", "navigation")
    _timer(totals, mkdocs_build, "_build_theme_template", "theme's own pages (404, sitemap)")
    real_render = jinja2.Template.render

    def render(self: jinja2.Template, *args: Any, **kwargs: Any) -> Any:
        if not in_page_pass[0] or (self.name or "").endswith(".j2"):  # paperguide's: events
            return real_render(self, *args, **kwargs)
        start = time.perf_counter()
        try:
            return real_render(self, *args, **kwargs)
        finally:
            totals["theme templates"] = totals.get("theme templates", 0.0)
            totals["theme templates"] += time.perf_counter() - start

    jinja2.Template.render = render  # type: ignore[method-assign]
    real_event = PluginCollection.run_event

    def run_event(self: PluginCollection, name: str, item: Any = None, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return real_event(self, name, item, **kwargs)
        finally:
            part = f"events:{name}"
            totals[part] = totals.get(part, 0.0) + time.perf_counter() - start

    PluginCollection.run_event = run_event  # type: ignore[method-assign]

    note = note_path(site)
    original = note.read_text("utf-8")
    papers = len(list((site / "content" / "papers").glob("paper*.yml")))
    runs: list[dict[str, float]] = []
    try:
        for number in range(edits):
            edit_note(site, original, Edit(papers, number, time.time_ns()))
            fresh = load_config(config_file)
            fresh.plugins = plugins  # as serve keeps the plugin instances
            totals.clear()
            start = time.perf_counter()
            mkdocs_build.build(fresh)
            totals["total"] = time.perf_counter() - start
            runs.append(dict(totals))
    finally:
        note.write_text(original, "utf-8")
        plugins.on_shutdown()
    print(json.dumps(_parts(runs)))


#: Parts of MkDocs' own work outside the two passes over the pages (no event nested in them,
#: except the theme's own pages, which are written too: their writing is counted there).
OTHER_PARTS = (
    "static files",
    "site folder emptied",
    "files listed",
    "navigation",
    "theme's own pages (404, sitemap)",
)


def _parts(runs: list[dict[str, float]]) -> dict[str, float]:
    """Median seconds per part; events inside the page passes are taken out of those passes."""
    parts: dict[str, list[float]] = {}
    for run in runs:
        inside_pages = sum(
            run.get(f"events:{e}", 0.0)
            for e in ("pre_page", "page_read_source", "page_markdown", "page_content")
        )
        inside_theme = sum(run.get(f"events:{e}", 0.0) for e in ("page_context", "post_page"))
        # Pages are written inside the theme pass (the other files written are few).
        shown = {
            "pages": run.get("pages", 0.0) - inside_pages,
            "theme": run.get("theme", 0.0) - inside_theme - run.get("writing", 0.0),
            "writing": run.get("writing", 0.0),
        }
        for name in OTHER_PARTS:
            shown[name] = run.get(name, 0.0)
        own = "theme's own pages (404, sitemap)"
        shown[own] -= sum(
            run.get(f"events:{e}", 0.0)
            for e in ("pre_template", "template_context", "post_template")
        )
        for name, value in run.items():
            if name.startswith("events:"):
                shown[name] = value
        shown["other"] = run["total"] - sum(shown.values())
        shown["total"] = run["total"]
        shown["theme templates"] = run.get("theme templates", 0.0)
        for name, value in shown.items():
            parts.setdefault(name, []).append(value)
    return {name: statistics.median(values) for name, values in parts.items()}


if __name__ == "__main__":
    main()
