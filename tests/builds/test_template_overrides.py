"""An override template edited between two builds of one process (``mkdocs serve``) is used."""

from __future__ import annotations

import os

from tests.helpers import MINIMAL_BIB, build_site

FILES = {
    "content/index.md": "# Home\n",
    "content/references.bib": MINIMAL_BIB,
    "content/papers/ma2019qhadam.yml": "key: ma2019qhadam\nsummary: Momentum, mixed.\n",
}
CONFIG = {"plugins": ["search", {"paperguide": {"templates_dir": "templates"}}]}


def test_an_edited_page_template_shows_in_the_next_build(tmp_path):
    template = tmp_path / "templates" / "paper.md.j2"
    first = build_site(
        tmp_path,
        {**FILES, "templates/paper.md.j2": "# {{ note.key }}\n\nFirst wording.\n"},
        config=CONFIG,
        command="serve",
    )
    assert first.ok, first.error
    assert "First wording." in first.article("papers/ma2019qhadam/").get_text()

    template.write_text("# {{ note.key }}\n\nSecond wording.\n")
    os.utime(template, (2_000_000_000, 2_000_000_000))  # a time of its own, whatever the clock
    second = build_site(tmp_path, config=CONFIG, command="serve")
    assert second.ok, second.error
    text = second.article("papers/ma2019qhadam/").get_text()
    assert "Second wording." in text and "First wording." not in text
