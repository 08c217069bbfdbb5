"""The one exception a subcommand raises for a mistake in how it was called.

It lives in core (reading ``mkdocs.yml`` raises it too, below the commands); the commands use
it from here.
"""

from __future__ import annotations

from ..core.base.errors import UsageError

__all__ = ["UsageError"]
