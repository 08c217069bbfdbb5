"""Checks and helpers for URLs that authors write into notes."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

GITHUB_REPO_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be linked, or ``None`` if it is a plain http(s) URL."""
    if any(ord(c) < 32 or c.isspace() for c in url):
        return "the URL contains spaces or control characters"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "the URL cannot be parsed"
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "(none)"
        return f"only http and https links are allowed, not '{scheme}:'"
    if not parts.netloc:
        return "the URL has no host"
    return None


def github_repo(repo: str) -> str | None:
    """``owner/name`` from ``owner/name`` or a github.com URL; ``None`` otherwise."""
    if GITHUB_REPO_RE.match(repo):
        return repo
    parts = urlsplit(repo)
    if parts.scheme in ("http", "https") and parts.netloc.lower() in (
        "github.com",
        "www.github.com",
    ):
        path = parts.path.strip("/").removesuffix(".git")
        if GITHUB_REPO_RE.match(path):
            return path
    return None


def line_anchor(lines: str | None) -> str:
    """GitHub's fragment for a line or range: ``120-180`` -> ``#L120-L180``."""
    if not lines:
        return ""
    numbers = [n.strip().lstrip("Ll") for n in lines.split("-")]
    if not all(n.isdigit() for n in numbers):
        return ""
    return "#" + "-".join(f"L{n}" for n in numbers)


def code_url(
    repo: str | None, commit: str | None, path: str | None, lines: str | None
) -> str | None:
    """A link pinned to ``commit``: ``https://github.com/<repo>/blob/<commit>/<path>#L1-L2``."""
    if not (repo and commit and path):
        return None
    owner_name = github_repo(repo)
    if owner_name is None:
        return None
    return (
        f"https://github.com/{owner_name}/blob/{commit}/{quote(path.strip('/'))}"
        f"{line_anchor(lines)}"
    )


def repo_url(repo: str | None, commit: str | None = None) -> str | None:
    """The repository's page (at ``commit`` when pinned)."""
    if not repo:
        return None
    owner_name = github_repo(repo)
    if owner_name:
        base = f"https://github.com/{owner_name}"
        return f"{base}/tree/{commit}" if commit else base
    return repo if url_problem(repo) is None else None


def path_problem(path: str) -> str | None:
    """Why a repository path is unsafe (absolute, ``..``, backslashes), or ``None``."""
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        return "the path must be relative to the repository root"
    if "\\" in path:
        return "use forward slashes in paths"
    if any(part == ".." for part in path.split("/")):
        return "the path must not contain '..'"
    return None


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a link paperguide may publish (see :func:`url_problem`), else None."""
    return url if url and url_problem(url) is None else None
