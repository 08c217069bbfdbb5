"""What a generated page's HTML depends on beyond its own text and data: the host's
configuration, the extensions and the versions of everything that converts it (see
``page_cache.py``)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from importlib import metadata
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from ..core.base.diskcache import code_version

#: Distributions whose behaviour shapes a page's HTML (paperguide's own code is in the key).
VERSIONED = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions")
#: Extension modules known to convert a page from its Markdown alone.
SAFE_PREFIXES = ("markdown.extensions.", "pymdownx.", "material.", "paperguide.")
#: ...except these, which read other files into the page.
UNSAFE = frozenset({"pymdownx.snippets", "pymdownx.b64"})


def canonical(value: Any) -> str:
    """A stable text for configuration values: mappings sorted, objects by their class (and,
    for Markdown extensions, their options), functions by their qualified name."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    if isinstance(value, Mapping):
        items = sorted((str(k), canonical(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        parts = [canonical(v) for v in value]
        if isinstance(value, (set, frozenset)):
            parts.sort()
        return "[" + ",".join(parts) + "]"
    kind = type(value)
    if callable(value) and hasattr(value, "__qualname__"):
        return f"<{getattr(value, '__module__', '?')}.{value.__qualname__}>"
    name = f"{kind.__module__}.{kind.__qualname__}"
    get_configs = getattr(value, "getConfigs", None)
    if callable(get_configs) and not name.startswith("paperguide."):
        # paperguide's extensions hold the render context; their behaviour is in the code
        # digest and the plugin options.
        return f"<{name}:{canonical(get_configs())}>"
    text = repr(value)  # a date in the front matter, a path...
    return f"<{name}>" if " at 0x" in text else f"<{name}:{text}>"


def builtin_names() -> frozenset[str]:
    return frozenset(
        ep.name
        for ep in entry_points(group="markdown.extensions")
        if ep.value.startswith("markdown.extensions.")
    )


def unsafe_extension(extensions: list[Any]) -> str | None:
    """The first extension not known to convert a page from its Markdown alone."""
    builtins = builtin_names()
    for extension in extensions:
        if isinstance(extension, str):
            module = extension.partition(":")[0]
            if module in builtins:
                module = f"markdown.extensions.{module}"
        else:
            module = type(extension).__module__
        if module in UNSAFE or not f"{module}.".startswith(SAFE_PREFIXES):
            return extension if isinstance(extension, str) else type(extension).__qualname__
    return None


def versions() -> str:
    found = [code_version()]
    for name in VERSIONED:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=?")
    return ";".join(found)


def folder_digest(folder: str | None) -> bytes:
    """The contents of a custom templates folder (component templates render while pages
    convert)."""
    digest = hashlib.sha256()
    if folder:
        root = Path(folder)
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"?")
    return digest.digest()
