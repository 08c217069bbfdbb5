"""Is the example site byte-identical at two revisions? For refactors that must not change output.

Each revision is checked out into a temporary git worktree and built strictly, by the current
virtual environment's Python but with that worktree's own ``plugins/`` first on ``sys.path`` (so
the package code of the revision is what runs, whatever is installed); then every output file is
compared byte for byte. ``sitemap.xml.gz`` embeds the gzip time stamp, so it is compared after
decompressing.

Usage: ``python -m tests.sitediff BEFORE [AFTER]`` where each is a git revision, or the word
``work`` for the working tree (the default AFTER). Exit 0 when identical, 1 with the differing
files listed, 2 when a build fails.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = "work"


@contextlib.contextmanager
def checkout(revision: str) -> Iterator[Path]:
    """The repository at ``revision`` (``work``: the working tree itself)."""
    if revision == WORK:
        yield REPO
        return
    folder = Path(tempfile.mkdtemp(prefix="sitediff-"))
    tree = folder / "tree"
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(tree), revision],
        check=True,
    )
    try:
        # KaTeX comes from npm into node_modules/, which a fresh worktree lacks: share ours.
        if (REPO / "node_modules").is_dir() and not (tree / "node_modules").exists():
            (tree / "node_modules").symlink_to(REPO / "node_modules")
        yield tree
    finally:
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=False
        )
        shutil.rmtree(folder, ignore_errors=True)


def build(tree: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """A strict build of ``tree``'s example site into ``site``, with ``tree``'s package code.

    Its disk cache (``.cache/`` in the tree) is keyed by a digest of the package code, so a
    cache written by other code is never read.
    """
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(tree / "plugins"), os.environ.get("PYTHONPATH", "")]),
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return subprocess.run(
        [*command, "--config-file", str(tree / "mkdocs.yml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def differences(before: Path, after: Path) -> list[str]:
    """Files only on one side, or whose contents differ (paths relative to the sites)."""
    files_before = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    files_after = {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    found = [f"only before: {p.as_posix()}" for p in sorted(files_before - files_after)]
    found += [f"only after: {p.as_posix()}" for p in sorted(files_after - files_before)]
    found += [
        f"differs: {p.as_posix()}"
        for p in sorted(files_before & files_after)
        if _content(before / p) != _content(after / p)
    ]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="a git revision, or 'work'")
    parser.add_argument("after", nargs="?", default=WORK, help="a git revision, or 'work'")
    args = parser.parse_args(argv)
    sites = Path(tempfile.mkdtemp(prefix="sitediff-sites-"))
    try:
        built: list[Path] = []
        for name, revision in (("before", args.before), ("after", args.after)):
            with checkout(revision) as tree:
                site = sites / name
                done = build(tree, site)
                if done.returncode != 0:
                    print(f"{name} ({revision}): the build failed\n{done.stderr[-3000:]}")
                    return 2
                built.append(site)
        found = differences(*built)
        count = sum(1 for p in built[1].rglob("*") if p.is_file())
        if not found:
            print(f"identical: {count} files ({args.before} vs {args.after})")
            return 0
        print(f"{len(found)} of {count} files differ ({args.before} vs {args.after}):")
        print("\n".join(f"  {line}" for line in found))
        return 1
    finally:
        shutil.rmtree(sites, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
