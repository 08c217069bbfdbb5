"""Safe, stable names: slugs for ids, and page paths derived from BibTeX keys."""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def is_slug(value: str) -> bool:
    return bool(SLUG_RE.match(value))


def slugify(value: str) -> str:
    """ASCII letters and digits joined by hyphens: "he.2016:ResNet" -> "he-2016-resnet"."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_text.lower()).strip("-")


def key_slug(key: str) -> str:
    """The URL name of a paper key; never empty, never a path."""
    return slugify(key) or "paper"
