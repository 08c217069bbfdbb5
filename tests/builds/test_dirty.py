"""`--dirty` rebuilds only what changed, generated guide pages included (the serve fast path).

Driven like `mkdocs serve --dirty` drives it: one startup, then a fresh config per rebuild with
the same plugin instance, building into the same site folder.
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from tests.helpers import MINIMAL_BIB, merge_config, write_files

NOTE = "key: {key}\nsummary: {summary}\nrelated:\n  - key: {other}\n    relation: uses\n"


def _outputs(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("index.html")}


def _two_notes(tmp_path: Path, other_page: str) -> None:
    """Two notes that relate to each other, a home page citing one, and ``other.md``."""
    write_files(
        tmp_path,
        {
            "content/index.md": "# Home\n\nSee [@ma2019qhadam].\n",
            "content/other.md": other_page,
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": NOTE.format(
                key="ma2019qhadam", summary="First.", other="kingma2015adam"
            ),
            "content/papers/kingma2015adam.yml": NOTE.format(
                key="kingma2015adam", summary="Adam.", other="ma2019qhadam"
            ),
        },
    )
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(merge_config(None)))


def test_dirty_rebuild_touches_only_the_changed_note_and_what_shows_it(tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _two_notes(tmp_path, "# Other\n\nNothing cited.\n")
    site = tmp_path / "site"

    def get_config():
        return load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site))

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
        before = _outputs(site)
        assert "papers/ma2019qhadam/index.html" in before

        time.sleep(0.05)  # mtimes must be able to differ
        note = tmp_path / "content/papers/ma2019qhadam.yml"
        note.write_text(
            NOTE.format(key="ma2019qhadam", summary="Second version.", other="kingma2015adam")
        )
        second = get_config()
        assert second.plugins["paperguide"] is config.plugins["paperguide"]  # as under serve
        build(second, dirty=True)
        after = _outputs(site)

        changed = {page for page in after if after[page] != before.get(page)}
        assert "papers/ma2019qhadam/index.html" in changed
        assert "Second version." in (site / "papers/ma2019qhadam/index.html").read_text()
        # The other guide page, hand-written pages and listings whose text did not change are
        # left as they are.
        for untouched in (
            "papers/kingma2015adam/index.html",
            "other/index.html",
            "papers/index.html",
        ):
            assert untouched not in changed, changed
        # Backlinks recorded in the first build still stand for the page that was not rebuilt:
        # the rebuilt guide page still lists the home page as citing it.
        html = BeautifulSoup((site / "papers/ma2019qhadam/index.html").read_text(), "html.parser")
        citers = [a.get_text(strip=True) for a in html.select(".pg-backlinks a")]
        assert citers == ["Home"], citers
    finally:
        config.plugins.on_shutdown()


def test_a_clean_build_never_writes_page_copies(tmp_path, site):
    result = site(
        {
            "content/index.md": "# Home\n",
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\n",
        }
    )
    assert result.ok
    assert not (tmp_path / ".cache/paperguide/pages").exists()


def test_dirty_rebuild_removes_a_deleted_notes_page_and_rebuilds_what_pointed_at_it(tmp_path):
    """Issue #11 finding 9: the old page used to stay served (200, old content), linked."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    _two_notes(tmp_path, "# Other\n\nAdam is [@kingma2015adam].\n")
    site = tmp_path / "site"

    def get_config():
        return load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(site))

    def hrefs(page: str) -> list[str]:
        html = BeautifulSoup((site / page).read_text(), "html.parser")
        return [a["href"] for a in html.select("article a[href]")]

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
        assert (site / "papers/kingma2015adam/index.html").is_file()
        assert "../papers/kingma2015adam/" in hrefs("other/index.html")

        (tmp_path / "content/papers/kingma2015adam.yml").unlink()
        build(get_config(), dirty=True)

        assert not (site / "papers/kingma2015adam").exists()
        # The hand-written page citing it was rebuilt: its citation now opens the bibliography.
        other = hrefs("other/index.html")
        assert not [h for h in other if "papers/kingma2015adam" in h], other
        assert [h for h in other if "bibliography/#" in h], other
        for page in site.rglob("index.html"):
            assert "papers/kingma2015adam/" not in page.read_text(), page
    finally:
        config.plugins.on_shutdown()
