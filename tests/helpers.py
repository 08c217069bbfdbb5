"""Helpers shared by the test suites: real MkDocs builds in a temporary directory."""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent

BASE_CONFIG: dict[str, Any] = {
    "site_name": "Test site",
    "docs_dir": "content",
    "site_dir": "site",
    "repo_url": "https://github.com/example/notes",
    "edit_uri": "edit/main/content/",
    "theme": {"name": "material", "font": False, "features": ["content.action.edit"]},
    "plugins": ["search", "paperguide"],
    "markdown_extensions": [
        "admonition",
        "attr_list",
        "md_in_html",
        "tables",
        "pymdownx.superfences",
        {"pymdownx.arithmatex": {"generic": True}},
    ],
    "validation": {
        "omitted_files": "warn",
        "absolute_links": "warn",
        "unrecognized_links": "warn",
        "anchors": "warn",
    },
}

MINIMAL_BIB = textwrap.dedent("""\
    @inproceedings{ma2019qhadam,
      author = {Ma, Jerry and Yarats, Denis},
      title = {Quasi-hyperbolic momentum and {Adam} for deep learning},
      booktitle = {International Conference on Learning Representations},
      year = {2019},
      eprint = {1810.06801}, archivePrefix = {arXiv}
    }
    @article{kingma2015adam,
      author = {Kingma, Diederik P. and Ba, Jimmy},
      title = {{Adam}: A Method for Stochastic Optimization},
      journal = {ICLR}, year = {2015}
    }
    """)


@dataclass
class BuildResult:
    root: Path
    ok: bool
    messages: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, url_path: str) -> BeautifulSoup:
        """Parse the built page at ``url_path`` (e.g. ``papers/x/``)."""
        path = self.site / url_path
        if url_path.endswith("/") or not url_path:
            path = path / "index.html"
        return BeautifulSoup(path.read_text("utf-8"), "html.parser")

    def article(self, url_path: str) -> Any:
        return self.html(url_path).select_one("article")

    def warnings(self) -> list[str]:
        return [m for m in self.messages if m.startswith(("WARNING", "ERROR"))]


#: A QHAdam note with one formula and one explained symbol (math tests).
QHADAM_UPDATE_NOTE = textwrap.dedent("""\
    key: ma2019qhadam
    formulas:
      - id: update
        title: Update
        tex: \\theta_{t+1} = \\theta_t - \\alpha g_t
        symbols:
          - tex: \\alpha
            meaning: the step size
    """)


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(
                textwrap.dedent(content) if content.startswith("\n") else content, "utf-8"
            )


def merge_config(overrides: dict[str, Any] | None) -> dict[str, Any]:
    return {**BASE_CONFIG, **(overrides or {})}


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}  {record.getMessage()}")


def build_site(
    root: Path,
    files: dict[str, str | bytes] | None = None,
    *,
    config: dict[str, Any] | None = None,
    strict: bool = True,
    config_file: Path | None = None,
    command: Literal["build", "serve"] = "build",
) -> BuildResult:
    """Write ``files`` under ``root`` and run a real ``mkdocs build`` there (strict by default).

    ``command="serve"`` tells plugins the build is ``mkdocs serve``'s (its first build).

    Returns the outcome instead of raising, with every log line MkDocs emitted.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    if files:
        write_files(root, files)
    if config_file is None:
        config_file = root / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(merge_config(config), sort_keys=False), "utf-8")
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    result = BuildResult(root, ok=False)
    try:
        cfg = load_config(str(config_file), strict=strict, site_dir=str(root / "site"))
        cfg.plugins.on_startup(command=command, dirty=False)
        try:
            build(cfg)
            result.ok = True
        finally:
            cfg.plugins.on_shutdown()
    except (Abort, ConfigurationError) as exc:
        result.error = str(exc)
    finally:
        logger.removeHandler(collector)
        logger.setLevel(old_level)
    result.messages = collector.messages
    return result


EXAMPLE_PARTS = ("mkdocs.yml", "content", "overrides")


def copy_example(root: Path, *, site_url: str | None = None) -> Path:
    """A copy of the repository's example site in ``root`` (builds never touch the original).

    ``plugins`` is linked rather than copied: the notes' schema lines point into it.
    """
    root.mkdir(parents=True, exist_ok=True)
    for name in EXAMPLE_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    if site_url is not None:
        config = root / "mkdocs.yml"
        config.write_text(
            re.sub(r"(?m)^site_url:.*$", f"site_url: {site_url}", config.read_text("utf-8")),
            "utf-8",
        )
    (root / "plugins").symlink_to(REPO / "plugins")
    return root


def build_example(root: Path, *, site_url: str | None = None) -> BuildResult:
    """A strict build of a copy of the example site; it must pass with no warnings."""
    copy_example(root, site_url=site_url)
    result = build_site(root, config_file=root / "mkdocs.yml")
    assert result.ok, "\n".join(result.warnings()) or result.error
    assert result.warnings() == []
    return result


def site_digests(site: Path) -> dict[str, str]:
    """The digest of every built file (the sitemap, which carries the build date, left out)."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.name.startswith("sitemap.xml")
    }


def flat_text(node: Any) -> str:
    """A parsed node's text with runs of whitespace folded to one space."""
    return " ".join(node.get_text(" ").split())
