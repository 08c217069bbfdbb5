"""Concept pages in subfolders: one definition of which pages are concepts
(core/study/concept_ids.py), shared by the loader and the prerequisite checks."""

from __future__ import annotations

import pytest

from tests.helpers import MINIMAL_BIB

pytestmark = pytest.mark.slow

NOTE = (
    "key: ma2019qhadam\nprerequisites: [vision/vit]\nunknowns:\n  - id: u1\n"
    "    category: assumed\n    question: What is a ViT?\n    topic: vision/vit\n"
)
VIT = "---\ntitle: ViT\nsummary: Patches as tokens.\n---\n\n# ViT\n"


def test_a_concept_in_a_subfolder_is_a_valid_prerequisite(site):
    result = site(
        {
            "content/index.md": "# Home\n",
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": NOTE,
            "content/concepts/vision/vit.md": VIT,
        }
    )
    assert result.ok, result.warnings()
    assert result.warnings() == []
    assert result.html("concepts/vision/vit/").select_one("article h1").get_text() == "ViT"


def test_a_sites_own_page_in_the_default_folder_is_not_a_concept_id(site):
    result = site(
        {
            "content/index.md": "# Home\n",
            "content/references.bib": MINIMAL_BIB,
            "content/papers/ma2019qhadam.yml": NOTE,
            # No concept field: the site's own page, so not a prerequisite to point at.
            "content/concepts/vision/vit.md": "---\ntitle: ViT\n---\n\n# ViT\n",
        }
    )
    assert not result.ok
    unknown = [w for w in result.warnings() if "vision/vit" in w]
    assert unknown and all("ma2019qhadam.yml" in w for w in unknown), result.warnings()
