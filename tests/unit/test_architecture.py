"""The core and the Markdown extensions must not depend on MkDocs: they work under any
Python-Markdown host, and the MkDocs adapter is the only place that knows MkDocs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import paperguide

PACKAGE = Path(paperguide.__file__).parent
MKDOCS_FREE = ("core", "mdx", "deck")


def _python_files(sub: str) -> list[Path]:
    return sorted((PACKAGE / sub).rglob("*.py"))


def test_core_and_mdx_have_no_mkdocs_imports_in_source():
    offenders = []
    for sub in MKDOCS_FREE:
        for path in _python_files(sub):
            tree = ast.parse(path.read_text("utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                offenders += [
                    f"{path.name}: {n}" for n in names if n == "mkdocs" or n.startswith("mkdocs.")
                ]
    assert offenders == []
    assert len(_python_files("core")) > 5  # the scan really looked at the package


def test_core_and_mdx_import_with_mkdocs_blocked():
    """Import every core/mdx module in a fresh interpreter where importing mkdocs fails."""
    modules = [
        "paperguide." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for sub in MKDOCS_FREE
        for p in _python_files(sub)
    ]
    script = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'mkdocs' or name.startswith('mkdocs.'):\n"
        "            raise ImportError('mkdocs is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "assert not any(k == 'mkdocs' or k.startswith('mkdocs.') for k in sys.modules)\n"
        "print('ok', len(" + repr(modules) + "))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok")


def test_the_adapter_does_import_mkdocs():
    """Sanity check of the scanner: the adapter is where MkDocs is allowed (and used)."""
    text = (PACKAGE / "adapter" / "plugin.py").read_text("utf-8")
    assert "from mkdocs" in text


# -- layers and cycles --------------------------------------------------------------------------
#: Which top-level parts of the package a part may import: each only those below it.
#: ``core`` knows no host and no Markdown extension; ``mdx`` (the extensions) builds on core and
#: knows no host; ``deck`` (the Anki export) renders with both and knows no host either; the
#: adapter and the command line sit on top.
ALLOWED = {
    "core": {"core"},
    "mdx": {"core", "mdx"},
    "deck": {"core", "mdx", "deck"},
    "adapter": {"core", "mdx", "deck", "adapter"},
    # The commands print what the Python API (paperguide/api.py) finds.
    "commands": {"core", "mdx", "deck", "commands", "api"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolves_to_module(name: str) -> bool:
    base = PACKAGE.parent / name.replace(".", "/")
    return base.with_suffix(".py").is_file() or base.is_dir()


def package_imports(path: Path, module: str | None = None) -> set[str]:
    """The paperguide modules ``path`` (the module ``module``) imports when it runs: at module
    level and inside functions alike. Imports under ``if TYPE_CHECKING:`` are left out: they
    never execute."""
    module = module or _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names if a.name.startswith("paperguide"))
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - (child.level - 1)]
                    target = ".".join([*parts, *([child.module] if child.module else [])])
                else:
                    target = child.module or ""
                if target.startswith("paperguide"):
                    for alias in child.names:
                        name = f"{target}.{alias.name}"
                        found.add(name if _resolves_to_module(name) else target)
            visit(child)

    visit(ast.parse(path.read_text("utf-8")))
    return found


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): package_imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_each_part_imports_only_the_parts_below_it():
    graph = _graph()
    offenders = []
    for module, targets in graph.items():
        part = module.split(".")[1] if "." in module else ""
        allowed = ALLOWED.get(part)
        if allowed is None:
            continue  # the package root, api.py and cli.py may use everything
        for target in targets:
            target_part = target.split(".")[1] if "." in target else ""
            if target_part and target_part not in allowed:
                offenders.append(f"{module} -> {target}")
    assert offenders == []
    assert len(graph) > 50 and any(graph.values())  # the walk really saw the package


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycles_even_inside_functions():
    assert strongly_connected(_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected(graph) == [["a", "b", "c"]]


def test_the_import_walk_sees_imports_inside_functions(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from typing import TYPE_CHECKING\n"
        "from ..base.diagnostics import Diagnostic\n"
        "if TYPE_CHECKING:\n"
        "    from ...adapter.config import PaperguideConfig\n"
        "def late():\n"
        "    from ...mdx import citations\n"
        "    from . import model\n",
        "utf-8",
    )
    assert package_imports(probe, "paperguide.core.notes.probe") == {
        "paperguide.core.base.diagnostics",
        "paperguide.mdx.citations",
        "paperguide.core.notes.model",
    }


# -- the domain packages of core ----------------------------------------------------------------
#: core's packages, each allowed to import only itself and the packages before it.
CORE_ORDER = (
    "base",  # diagnostics, limits, text and YAML with locations, caches, slugs, URLs
    "texmath",  # the TeX reader, symbol tagging, KaTeX
    "bib",  # BibTeX, names, LaTeX decoding, citation styles
    "notes",  # the note model, loading, schema and rules
    "site",  # Settings, path options, mkdocs.yml
    "cite",  # the citation grammar and scanners
    "study",  # tracker, concepts, prerequisites
    "library",  # the Library, its loading, rollups, references
    "graph",  # the relations graph and its drawing
    "pages",  # generated pages and templating
    "crossrefs",  # collected citations and links, filled into pages
)


def _core_package(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[1] == "core" else None


def test_core_is_made_of_the_domain_packages_only():
    loose = [p.name for p in (PACKAGE / "core").glob("*.py") if p.name != "__init__.py"]
    packages = sorted(p.name for p in (PACKAGE / "core").iterdir() if (p / "__init__.py").is_file())
    assert loose == []
    assert packages == sorted(CORE_ORDER)


def test_each_core_package_says_its_job_in_one_line():
    for name in CORE_ORDER:
        doc = ast.get_docstring(ast.parse((PACKAGE / "core" / name / "__init__.py").read_text()))
        assert doc and "\n" not in doc.strip(), name


def test_core_packages_import_only_the_packages_before_them():
    offenders = []
    for module, targets in _graph().items():
        own = _core_package(module)
        if own is None:
            continue
        for target in targets:
            other = _core_package(target)
            if other is not None and CORE_ORDER.index(other) > CORE_ORDER.index(own):
                offenders.append(f"{module} -> {target}")
    assert offenders == []


def test_the_core_order_check_would_see_an_upward_import():
    assert _core_package("paperguide.core.base.diagnostics") == "base"
    assert _core_package("paperguide.core.pages.guide") == "pages"
    assert _core_package("paperguide.mdx.math") is None
    graph = _graph()
    assert any(
        _core_package(t) == "library" for t in graph["paperguide.core.pages.guide"]
    )  # a downward import the walk does see


# -- module size --------------------------------------------------------------------------------
#: A module longer than this is doing more than one job: split it by job, in the same package.
MAX_MODULE_LINES = 300


def _line_counts() -> dict[str, int]:
    return {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text("utf-8").splitlines())
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_no_module_is_longer_than_the_limit():
    counts = _line_counts()
    too_long = {name: lines for name, lines in counts.items() if lines > MAX_MODULE_LINES}
    assert too_long == {}, f"split these modules (over {MAX_MODULE_LINES} lines): {too_long}"
    assert len(counts) > 50  # the walk really saw the package
