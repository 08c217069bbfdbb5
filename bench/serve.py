"""Scenario c: save-to-reload latency of ``mkdocs serve`` after editing one note, with and
without ``--dirty``, and whether the full rebuild shows the edit everywhere it should.

The server runs as a user runs it (``mkdocs serve``, through ``serve_counts.py`` so each build
reports the page cache's restored/converted counts): the plugin instance and its caches persist
across rebuilds. Each edit is the one of ``edit.py``; the latency runs from writing the note to
the served guide page containing the edit (polled over HTTP on 127.0.0.1; the server holds a
request until a rebuild in progress has finished, so a page is never half-built). After each
edit of the full-rebuild server, the pages it touches are fetched and checked.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpus import write_site
from bench.edit import EDITED, Edit, check_corpus, check_edit, edit_note, note_path, url
from bench.harness import ENV, HERE, Report, median, runs_list

TARGET = 3.0  #: seconds, without --dirty
DIRTY_TARGET = 2.0


@dataclass
class Session:
    latencies: list[float] = field(default_factory=list)
    startup: float = 0.0
    counts: list[str] = field(default_factory=list)  #: "restored/converted" per edit
    problems: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _fetch(address: str) -> str:
    try:
        with _opener.open(address, timeout=60) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _last_counts(log: Path) -> str:
    lines = [x for x in log.read_text("utf-8", "replace").splitlines() if "PAGE-CACHE " in x]
    if not lines:
        return "n/a"
    counts = json.loads(lines[-1].split("PAGE-CACHE ", 1)[1])
    return f"{counts['restored']}/{counts['converted']}"


def _session(site: Path, papers: int, *, dirty: bool, edits: int) -> Session:
    port = _free_port()
    args = [sys.executable, str(HERE / "serve_counts.py"), "--dev-addr", f"127.0.0.1:{port}"]
    if dirty:
        args.append("--dirty")
    note = note_path(site)
    original = note.read_text("utf-8")
    root = f"http://127.0.0.1:{port}/"
    log_path = site / ("serve-dirty.log" if dirty else "serve.log")
    log = log_path.open("w")
    server = subprocess.Popen(args, cwd=site, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    done = Session()
    stamp = time.time_ns()
    previous: Edit | None = None
    try:
        start = time.perf_counter()
        while "paper00001" not in _fetch(root + url(EDITED)):
            if server.poll() is not None or time.perf_counter() - start > 1800:
                raise RuntimeError(log_path.read_text()[-3000:])
            time.sleep(0.2)
        done.startup = time.perf_counter() - start
        for number in range(edits):
            edit = Edit(papers, number, stamp)
            time.sleep(1.5)  # let the watcher settle after the previous rebuild
            written = time.perf_counter()
            edit_note(site, original, edit)
            while edit.marker not in _fetch(root + url(EDITED)):
                if time.perf_counter() - written > 900:
                    raise RuntimeError("edit never showed up")
                time.sleep(0.05)
            done.latencies.append(time.perf_counter() - written)
            done.counts.append(_last_counts(log_path))
            if not dirty:  # --dirty leaves other pages stale by design
                problems = check_edit(lambda u: _fetch(root + u), edit, previous)
                done.problems += [f"edit {number + 1}: {p}" for p in problems]
            previous = edit
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        note.write_text(original, "utf-8")
    return done


def scenario_serve(work: Path, papers: int, edits: int, report: Report) -> None:
    check_corpus(papers)
    site = write_site(work / f"serve-{papers}", papers)
    # The full rebuild first, on a fresh site: its first build is a cold one.
    full = _session(site, papers, dirty=False, edits=edits)
    dirty = _session(site, papers, dirty=True, edits=edits)
    t_full, t_dirty = median(full.latencies), median(dirty.latencies)
    parts = _breakdown(site, edits)
    if full.problems:
        checks = "**Wrong after a rebuild:**\n\n" + "\n".join(f"- {p}" for p in full.problems)
    else:
        checks = (
            "After every edit of the full-rebuild server, the served pages were right: the "
            "edited summary on the note's page and on its cards on the pages citing it, its own "
            "backlinks, a backlink on the paper the edit newly cites and none left on the one "
            "the previous edit cited."
        )
    report.add(f"""## c. Save-to-reload latency of `mkdocs serve` at N = {papers}

From writing one note (a line at the top of `paper00001`'s summary, citing a paper it did not
cite) to the served guide page containing the edit, polled over HTTP on 127.0.0.1; {edits} edits
per server, 1.5 s apart. The full rebuild (no `--dirty`) is what plain MkDocs does; paperguide's
caches persist across its rebuilds as they do for a user. `--dirty` rebuilds only the saved
page and leaves backlinks and cards elsewhere stale. Restored/converted: the generated pages the
page cache restored and converted in the rebuild after each edit. The full-rebuild server
started on a fresh site (cold cache); the `--dirty` one after it, with that cache.

| mode | median (s) | each edit (s) | restored/converted | first build (s) |
|---|---:|---|---|---:|
| `mkdocs serve` (full rebuild) | {t_full:.2f} | {runs_list(full.latencies)} | {", ".join(full.counts)} | {full.startup:.1f} |
| `mkdocs serve --dirty` | {t_dirty:.2f} | {runs_list(dirty.latencies)} | {", ".join(dirty.counts)} | {dirty.startup:.1f} |

{checks}

{_breakdown_table(parts, t_full, edits)}
""")
    wrong = f"; {len(full.problems)} wrong" if full.problems else "; pages correct"
    report.verdict(
        f"serve save-to-reload at N={papers}, no --dirty",
        f"≤ {TARGET:g} s, every backlink and card correct",
        f"{t_full:.2f} s{wrong}",
        t_full <= TARGET and not full.problems,
    )
    report.verdict(
        f"serve save-to-reload at N={papers} (--dirty)",
        f"≤ {DIRTY_TARGET:g} s",
        f"{t_dirty:.2f} s",
        t_dirty <= DIRTY_TARGET,
    )


#: What each part of the breakdown is (``serve_breakdown.py``), in the order shown.
PARTS = {
    "events:files": "loading the notes and making the generated pages (`on_files`)",
    "pages": "converting or restoring every page (page cache), pages' own events excluded",
    "events:page_markdown": "every plugin's `on_page_markdown` (page cache keys)",
    "events:env": "backlinks, cited-on lists and graphs filled in (`on_env`)",
    "events:page_context": "search index and citation cards (`on_page_context`)",
    "theme": "the theme's pass over every page, writing excluded",
    "writing": "writing the pages",
    "static files": "copying the theme's and the site's static files",
    "site folder emptied": "emptying the site folder (MkDocs, before every full build)",
    "files listed": "listing the site's and the theme's files",
    "navigation": "making the navigation",
    "theme's own pages (404, sitemap)": "the theme's own pages (404, sitemap)",
    "events:config": "plugins' `on_config`",
    "events:post_build": "`on_post_build` (search index written, caches saved)",
    "other": "everything else (MkDocs' bookkeeping, plugins' other events)",
}


def _breakdown(site: Path, edits: int) -> dict[str, float]:
    """The parts of a full serve rebuild, timed in one process (``serve_breakdown.py``)."""
    args = [sys.executable, str(HERE / "serve_breakdown.py"), str(site / "mkdocs.yml"), str(edits)]
    done = subprocess.run(args, cwd=site, env=ENV, capture_output=True, text=True, check=True)
    parts: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return parts


def _breakdown_table(parts: dict[str, float], served: float, edits: int) -> str:
    total = parts.get("total", 0.0)
    # Events not named above take next to nothing: they are counted with the rest.
    rest = sum(v for k, v in parts.items() if k not in PARTS and k.startswith("events:"))
    parts = {**parts, "other": parts.get("other", 0.0) + rest}
    rows = [f"| {text} | {parts[name]:.2f} |" for name, text in PARTS.items() if name in parts]
    templates = parts.get("theme templates", 0.0)
    return f"""### Where a full rebuild's time goes

The same edit and rebuild, {edits} times, in one process with the plugin kept as `mkdocs serve`
keeps it (`bench/serve_breakdown.py`); median seconds per part. Of the theme's pass,
{templates:.2f} s is Jinja rendering the theme's templates.

| part | seconds |
|---|---:|
{chr(10).join(rows)}
| **rebuild, in one process** | **{total:.2f}** |
| served latency above minus this: noticing the change (MkDocs polls every 0.5 s), loading the configuration, answering | {served - total:.2f} |
"""
