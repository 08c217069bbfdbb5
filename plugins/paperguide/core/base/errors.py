"""The one exception for a mistake in how paperguide was called or set up."""

from __future__ import annotations


class UsageError(Exception):
    """Bad arguments or set-up (no mkdocs.yml, unreadable file): printed, exit status 2."""
