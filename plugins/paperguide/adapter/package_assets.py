"""The CSS and JS the package ships, published under ``assets/paperguide/`` in every site."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def package_assets() -> list[Path]:
    """The package's CSS and JS files, in a stable order."""
    folder = resources.files("paperguide") / "assets"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".css", ".js")))
