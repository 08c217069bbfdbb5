"""The core and the Markdown extensions must not depend on MkDocs: they work under any
Python-Markdown host, and the MkDocs adapter is the only place that knows MkDocs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import paperguide

PACKAGE = Path(paperguide.__file__).parent
MKDOCS_FREE = ("core", "mdx")


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
