"""The one exception a subcommand raises for a mistake in how it was called."""

from __future__ import annotations


class UsageError(Exception):
    """Bad arguments or set-up (no mkdocs.yml, unreadable file): printed, exit status 2."""
