"""Safe, stable names: slugs for ids, and page paths derived from BibTeX keys."""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# The note schema's key pattern, and the braced form for keys the citation grammar cannot take;
# neither lets Markdown syntax ([]()<>`, spaces) ride along inside a key.
_KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/+-]*$")
_BRACED_KEY_RE = re.compile(r"^\{[^\s{}\[\]()<>`\\]+\}$")


def is_slug(value: str) -> bool:
    return bool(SLUG_RE.match(value))


def is_citation_key(value: str) -> bool:
    """Whether ``value`` (what follows ``@``) is a key as a note may cite it."""
    return bool(_KEY_RE.match(value) or _BRACED_KEY_RE.match(value))


def slugify(value: str) -> str:
    """ASCII letters and digits joined by hyphens: "he.2016:ResNet" -> "he-2016-resnet"."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_text.lower()).strip("-")


def key_slug(key: str) -> str:
    """The URL name of a paper key; never empty, never a path."""
    return slugify(key) or "paper"
