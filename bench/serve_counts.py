"""``mkdocs serve`` that prints, after every build, how many generated pages paperguide's page
cache restored and converted (one ``PAGE-CACHE {json}`` line on stdout).

Used by scenario c: the plugin instance persists across serve rebuilds, and the counts show
that a rebuild after one edit converts only the pages the edit touched. The counts are read
from the plugin's page cache after its ``on_post_build`` (a wrapper installed here, in the
benchmark's own process; the plugin is unchanged). Arguments are those of ``mkdocs serve``.
"""

from __future__ import annotations

import json
import sys


def main() -> None:
    from mkdocs.__main__ import cli

    try:
        from paperguide.adapter.page_cache import PageCache
    except ImportError:  # the plugin moved its cache: serve anyway, without counts
        PageCache = None

    if PageCache is not None and hasattr(PageCache, "post_build"):
        post_build = PageCache.post_build

        def counted(self: PageCache) -> None:
            restored, rendered = getattr(self, "restored", []), getattr(self, "rendered", [])
            counts = {"restored": len(restored), "converted": len(rendered)}
            print("PAGE-CACHE " + json.dumps(counts), flush=True)
            post_build(self)

        PageCache.post_build = counted  # type: ignore[method-assign]
    cli(["serve", *sys.argv[1:]])


if __name__ == "__main__":
    main()
