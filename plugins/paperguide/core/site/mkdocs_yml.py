"""Where a site keeps its content, read from its mkdocs.yml without loading MkDocs.

Only the handful of keys paperguide needs are read. The file is parsed with a safe loader that
ignores ``!!python/...`` and ``!ENV`` tags (MkDocs would execute or expand them), so checking
notes never runs code from the configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..base.diskcache import cache_dir_problem
from ..base.errors import UsageError
from .options import (
    BIBLIOGRAPHY_PATH_OPTIONS,
    PATH_OPTIONS,
    settings_from_options,
)
from .paths import UnsafePath
from .settings import Settings

#: How deep ``INHERIT:`` chains are followed before giving up (a cycle, most likely).
_MAX_INHERIT_DEPTH = 10


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its ``!!python/...`` or ``!ENV`` tags."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_ConfigLoader.add_multi_constructor("", _ignore_tag)


@dataclass(frozen=True)
class SiteConfig:
    """What paperguide's commands need to know about one site."""

    config_file: Path
    settings: Settings
    site_url: str | None
    has_plugin: bool  # whether mkdocs.yml lists the paperguide plugin at all
    dev_addr: str = "127.0.0.1:8000"  # where `mkdocs serve` listens (MkDocs' default)
    use_directory_urls: bool = True
    markdown_extensions: Any = None  # as written in mkdocs.yml (tags not evaluated)
    options: dict[str, Any] = field(default_factory=dict)  # the paperguide plugin's options

    def served_url(self, page: str) -> str:
        """Where ``mkdocs serve`` shows a page given by its source path (``papers/x.md``)."""
        prefix = urlsplit(self.site_url or "").path.strip("/")
        stem = page.removesuffix(".md")
        url = f"{stem}/" if self.use_directory_urls else f"{stem}.html"
        return f"http://{self.dev_addr}/" + (f"{prefix}/" if prefix else "") + url


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise UsageError(
            f"no MkDocs configuration at {path} — run paperguide in your site's folder "
            "(the one with mkdocs.yml), or pass --config path/to/mkdocs.yml"
        )
    try:
        text = path.read_text("utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text") from None
    try:
        data = yaml.load(text, Loader=_ConfigLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise UsageError(f"{where}: not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: not valid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping of settings (site_name: ..., docs_dir: ...)")
    return data


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """MkDocs' INHERIT semantics: mappings merge key by key, everything else is replaced."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _load(path: Path, depth: int = 0) -> dict[str, Any]:
    data = _read_yaml(path)
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and parent:
        if depth >= _MAX_INHERIT_DEPTH:
            raise UsageError(f"{path}: INHERIT goes more than {_MAX_INHERIT_DEPTH} files deep")
        data = _merge(_load(path.parent / parent, depth + 1), data)
    return data


def _plugin_options(plugins: Any) -> tuple[bool, dict[str, Any]]:
    """Whether the paperguide plugin is listed, and its options (list or mapping form)."""
    entries: list[Any]
    if isinstance(plugins, dict):
        entries = [{name: options} for name, options in plugins.items()]
    elif isinstance(plugins, list):
        entries = plugins
    else:
        return False, {}
    for entry in entries:
        if entry == "paperguide":
            return True, {}
        if isinstance(entry, dict) and "paperguide" in entry:
            options = entry["paperguide"]
            return True, options if isinstance(options, dict) else {}
    return False, {}


def _checked_paths(options: dict[str, Any], config_file: Path) -> None:
    """The path options as the plugin checks them when MkDocs loads the file: a value it would
    refuse stops the command with the same words, naming the option."""
    groups = [("", options, PATH_OPTIONS)]
    bibliography = options.get("bibliography")
    if isinstance(bibliography, dict):
        groups.append(("bibliography.", bibliography, BIBLIOGRAPHY_PATH_OPTIONS))
    for prefix, values, specs in groups:
        for name, spec in specs.items():
            if name in values:
                try:
                    spec.clean(values[name])
                except UnsafePath as exc:
                    raise UsageError(
                        f"{config_file}: plugins.paperguide option '{prefix}{name}': {exc}"
                    ) from None


def _cache_dir(options: dict[str, Any], root: Path) -> Path | None:
    """The cache folder a build would use, or None (turned off, or not writable)."""
    spec = PATH_OPTIONS["cache_dir"]
    relative = spec.clean(options.get("cache_dir", spec.default))
    if not relative:
        return None
    folder = root / relative
    return folder if cache_dir_problem(folder, []) is None else None


def load_site_config(config_file: Path) -> SiteConfig:
    """Read ``config_file``; a missing or broken file is a :class:`UsageError`."""
    data = _load(config_file)
    root = config_file.parent
    has_plugin, options = _plugin_options(data.get("plugins"))
    docs_dir = root / str(data.get("docs_dir") or "docs")
    _checked_paths(options, config_file)
    settings = settings_from_options(
        options,
        content_dir=docs_dir,
        root_dir=root,
        given=frozenset(options),
        cache_dir=_cache_dir(options, root),
    )
    site_url = data.get("site_url")
    dev_addr = data.get("dev_addr")
    return SiteConfig(
        config_file,
        settings,
        site_url if isinstance(site_url, str) else None,
        has_plugin,
        dev_addr if isinstance(dev_addr, str) and dev_addr else "127.0.0.1:8000",
        data.get("use_directory_urls") is not False,
        data.get("markdown_extensions"),
        options,
    )


def settings_from_mkdocs_yml(config_file: Path) -> Settings:
    """The content locations the ``paperguide`` plugin would use for this config file."""
    return load_site_config(config_file).settings
