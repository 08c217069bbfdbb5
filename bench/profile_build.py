"""Run one ``mkdocs build`` under cProfile and print its self time per package as JSON.

The benchmark runner profiles the paperguide site and its plain twin this way, so the report can
say where the extra time is spent (our code, Python-Markdown on richer pages, the theme, …)
rather than guess. cProfile slows everything down, so the runner compares shares, not seconds.
"""

from __future__ import annotations

import cProfile
import importlib.util
import json
import os
import pstats
import sys
import sysconfig

#: (importable package, bucket). Folders are looked up from the packages themselves, not guessed
#: from path substrings, so a checkout that happens to sit in a folder named "paperguide" or
#: "markdown" cannot pull every file into one bucket.
PACKAGES = (
    ("paperguide", "paperguide"),
    ("markdown", "Python-Markdown"),
    ("pymdownx", "pymdown-extensions"),
    ("material", "mkdocs-material"),
    ("mkdocs", "mkdocs"),
    ("jinja2", "Jinja2 templates"),
    ("markupsafe", "Jinja2 templates"),
    ("py_mini_racer", "KaTeX engine (mini-racer)"),
    ("yaml", "PyYAML"),
    ("bibtexparser", "bibtexparser"),
)
STDLIB = sysconfig.get_paths()["stdlib"]


def package_folders() -> list[tuple[str, str]]:
    """(folder + separator, bucket) for every package above that is installed, deepest first."""
    folders = []
    for module, name in PACKAGES:
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            folders.append((os.path.realpath(folder) + os.sep, name))
    # Deepest first: a package installed inside another's folder still gets its own bucket.
    return sorted(folders, key=lambda pair: len(pair[0]), reverse=True)


def bucket(filename: str, folders: list[tuple[str, str]]) -> str:
    if filename == "~":  # functions written in C: str methods, compiled regexes, …
        return "built-ins (regex, str, …)"
    path = os.path.realpath(filename)
    for folder, name in folders:
        if path.startswith(folder):
            return name
    if path.startswith(STDLIB) and "site-packages" not in path:
        return "standard library"
    return "other"


def main() -> None:
    config_file = sys.argv[1]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    profiler = cProfile.Profile()
    profiler.enable()
    config = load_config(config_file, strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    profiler.disable()
    folders = package_folders()
    totals: dict[str, float] = {}
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    for (filename, _line, _name), (_cc, _nc, self_time, _cum, _callers) in stats.items():
        name = bucket(filename, folders)
        totals[name] = totals.get(name, 0.0) + self_time
    print(json.dumps(totals))


if __name__ == "__main__":
    main()
