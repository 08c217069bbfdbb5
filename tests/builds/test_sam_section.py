"""The Segment Anything deep dive (content/sam/) as built from the repository's own mkdocs.yml.

These tests pin the showcase to what it must be: every page exists and is in the nav, the
component pages reuse the note through embeds (no copies), the unknowns cover the method's
categories, every code link is pinned to the commit the map was read at, and the numbers the
pages state are the paper's (arXiv 2304.02643v1) or the code's, string for string.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers import REPO

KEY = "kirillov2023segment"
COMMIT = "dca509fe793f601edb92606367a655c15ac00fdf"
PAGES = (
    "",
    "task/",
    "image-encoder/",
    "prompt-encoder/",
    "mask-decoder/",
    "worked-through/",
    "training/",
    "data-engine/",
    "zero-shot/",
    "limitations/",
    "reproduce/",
)
# Which embed kinds each component page must show (rendered as div.pg-<kind>).
COMPONENT_EMBEDS = {
    "image-encoder/": {"formula", "unknown", "figure"},
    "prompt-encoder/": {"formula", "unknown", "figure"},
    "mask-decoder/": {"formula", "unknown", "figure"},
    "training/": {"formula", "unknown"},
    "data-engine/": {"formula", "unknown", "figure"},
}
# Numbers as the pages state them, with where each comes from. A page that drops or changes one
# of these fails here; update both the page and this table only after re-checking the source.
FACTS: dict[str, tuple[str, ...]] = {
    "": (
        "2304.02643, version 1 (5 April 2023)",  # the paper version read
        COMMIT,  # the pinned code
        "2023-04-15",  # last change under segment_anything/ (git log)
    ),
    "task/": (
        "23 datasets",  # §7.1, Fig. 8
        "from 1 to 10",  # §7.1 human study scale
    ),
    "image-encoder/": (
        "1024×1024",  # §A input resolution
        "256×64×64",  # §A embedding: 256 channels, 64×64
        "14×14 windows",  # §A windowed attention
        "7, 15, 23, 31",  # build_sam.py L19 (ViT-H global blocks)
        "91M",  # Fig. 13 right, ViT-B
        "308M",  # Fig. 13 right, ViT-L
        "636M",  # Fig. 13 right, ViT-H
        "637,026,048",  # our count from the code's layer shapes (labelled as such)
    ),
    "prompt-encoder/": (
        "256×256",  # §A masks at 4× lower resolution; prompt_encoder.py L50
        "4 and then 16",  # §A conv output channels
        "Tancik et al. (2020)",  # reference [95]
    ),
    "mask-decoder/": (
        "about 50 ms",  # §3 runtime in a browser
        "less than 1%",  # §A decoder compute
        "hidden size 2048",  # §A MLP dimension
        "8 heads",  # §A
        "from 256 to 128 channels",  # §A cross-attention reduction
        "64 and then 32 channels",  # §A transposed convs
    ),
    "worked-through/": (
        "600 × 800 × 3",  # the example image (H × W × 3, uint8)
        "768 × 1024",  # transforms.py L93-L102: 800 → 1024, 600 × 1.28 = 768
        "(512.5, 384.5)",  # click (400, 300) after apply_coords and +0.5 (prompt_encoder.py L80)
        "7, 15, 23, 31",  # build_sam.py L19
        "25 × 14 × 14 × 1280",  # window_partition: 64 → 70, 5 × 5 windows
        "1 × 8 × 7 × 4096",  # token-to-image attention weights (transformer.py L231)
        "1 × 8 × 4096 × 7",  # image-to-token attention weights
        "1 × 3 × 600 × 800",  # postprocess_masks back to the original size
    ),
    "training/": (
        "β1 = 0.9, β2 = 0.999",  # §A AdamW
        "8e-4",  # §A initial lr
        "250-iteration linear warm-up",  # §A warmup
        "60k and again at 86666",  # §A lr steps
        "90k iterations",  # §A
        "256 images, on 256 GPUs, at most 64 randomly sampled masks per GPU",  # §A
        "weight decay 0.1, drop path 0.4, dropout 0.1",  # §A
        "more than 90% of the image",  # §A mask filter
        "256 A100 GPUs for 68 hours",  # Table 9 model card
        "standard deviation 10% of the box side, at most 20 pixels",  # §A box noise
        "11 rounds",  # §3
    ),
    "data-engine/": (
        "4.3M from 120k images",  # §4 stage 1
        "5.9M more from 180k images (10.2M in total)",  # §4 stage 2
        "34 s, falling to 14 s",  # §4
        "6.5×",  # §4 vs COCO annotation
        "32×32 grid",  # §4, §B
        "at least 88.0",  # §B predicted-IoU filter
        "at least 95.0",  # §B stability filter
        "NMS at 0.7",  # §B
        "smaller than 100 pixels",  # §B post-processing
        "99.1%",  # §5
        "3300×4950",  # §5 average resolution
        "94% of automatic masks",  # §5 quality check
        "130 annotators",  # §F.2
        "400× more masks",  # §5
    ),
    "zero-shot/": (
        "16 of the 23 datasets",  # §7.1
        "PPDLS +46.9",  # Fig. 9a
        "GTEA (−21.4)",  # Fig. 9a
        "between 7 and 9",  # §7.1 human ratings
        "(1.40, 1.84)",  # Table 8, LVIS v0.5
        "ODS .768, OIS .786, AP .794, R50 .928",  # Table 3
        "SAM reaches 59.3 against 63.0",  # Table 4, mask AR@1000, SAM vs ViTDet-H
        "drops to 54.9",  # Table 4 single output
        "46.5 vs 51.0 on COCO",  # Table 5
        "44.7 vs 46.6 on LVIS v1",  # Table 5
        "8.1 ± 0.07 for SAM against 7.9 ± 0.08 for ViTDet-H",  # Fig. 11 legend
        "0.5 mIoU",  # §7.6
    ),
    "limitations/": (
        "62.9 ± 6.7",  # Table 2, perceived older, 1 point
        "54.5 ± 1.3",  # Table 2, perceived middle, 1 point
    ),
    "reproduce/": (
        "93,735,472",  # our count for vit_b (labelled as ours)
        "641,090,608",  # our count for vit_h (labelled as ours)
        "ODS .768, OIS .786, AP .794, R50 .928",  # Table 3 target
        "256 A100 GPUs for 68 hours",  # Table 9 model card
    ),
}


# The same kind of check on the note's own guide page (results, method, code notes).
NOTE_FACTS = (
    "1.1B masks on 11M licensed images",  # abstract, §5
    "AdamW",  # §A
    "β1 = 0.9 and β2 = 0.999",  # §A
    "Linear warm-up for 250 iterations to a learning rate of 8e-4",  # §A
    "90k iterations in total (∼2 SA-1B epochs)",  # §A
    "on 16 of the 23 datasets, by up to ∼47 IoU",  # §7.1
    "ODS .768, OIS .786, AP .794, R50 .928",  # Table 3
    "mask AR@1000 of 59.3 against 63.0 for ViTDet-H",  # Table 4
    "COCO 46.5 vs 51.0; LVIS v1 44.7 vs 46.6",  # Table 5
    "8.1 ± 0.07 vs 7.9 ± 0.08",  # Fig. 11
    "94% of automatic/corrected pairs have IoU above 90% and 97% above 75%",  # §5
    "641,090,608",  # our parameter count for ViT-H, labelled as ours
    "177656 iterations",  # §B data-generation model
)


@pytest.fixture(scope="module")
def example(example_build):
    return example_build


def _prose(article) -> str:
    """The page's own text: embedded note records are removed, so they cannot stand in for it."""
    for block in article.select("div.pg-formula, details.pg-unknown, div.pg-figure"):
        block.decompose()
    return " ".join(article.get_text(" ").split())


def test_every_page_exists_and_is_in_the_nav(example):
    nav = example.html("sam/").select_one("nav.md-nav--primary")
    assert nav is not None and "Segment Anything" in nav.get_text()
    linked = {a["href"] for a in nav.select("a[href]")}
    for page in PAGES:
        article = example.article(f"sam/{page}")
        assert article is not None and article.h1 is not None, page
        if page:
            assert any(href.rstrip("/").endswith(page.rstrip("/")) for href in linked), page


def test_component_pages_embed_the_note(example):
    for page, kinds in COMPONENT_EMBEDS.items():
        article = example.article(f"sam/{page}")
        found = {kind for kind in ("formula", "unknown", "figure") if article.select(f".pg-{kind}")}
        assert kinds <= found, f"{page}: missing {kinds - found}"


def test_embeds_resolve_and_point_back_to_the_note(example):
    for page in PAGES:
        article = example.article(f"sam/{page}")
        assert not article.select(".pg-embed-error"), page
        for block in article.select("div.pg-formula, details.pg-unknown, div.pg-figure"):
            # Each embed links to its record on the paper page: the data lives in the note only.
            hrefs = [a["href"] for a in block.select("a[href]")]
            assert any(f"papers/{KEY}/#" in href for href in hrefs), (page, block.get("class"))


def test_unknowns_span_all_five_categories(example):
    categories = set()
    for page in PAGES:
        for block in example.article(f"sam/{page}").select("details.pg-unknown"):
            categories.add(block["data-category"])
    assert categories == {"assumed", "explained", "hand-waved", "wrong", "padding"}


def test_code_map_links_resolve_and_are_pinned(example):
    paper = example.article(f"papers/{KEY}/")
    ids = {tag["id"] for tag in paper.select("[id]")}
    linked_rows = set()
    for page in PAGES:
        for a in example.article(f"sam/{page}").select("a[href*='#code-']"):
            assert f"papers/{KEY}/" in a["href"], a["href"]
            linked_rows.add(a["href"].split("#", 1)[1])
    assert len(linked_rows) >= 30
    assert linked_rows <= ids, linked_rows - ids
    github = [
        a["href"]
        for a in paper.select("a[href^='https://github.com/facebookresearch/segment-anything/']")
    ]
    assert len(github) >= 38
    for href in github:
        assert f"/{COMMIT}/" in href or href.endswith(f"/tree/{COMMIT}"), href
    # The code map's rows carry line anchors, e.g. MaskDecoder.predict_masks at L112-L149.
    assert (
        f"https://github.com/facebookresearch/segment-anything/blob/{COMMIT}"
        "/segment_anything/modeling/mask_decoder.py#L112-L149"
    ) in github


@pytest.mark.parametrize("page", sorted(FACTS))
def test_pages_state_the_facts(example, page):
    text = _prose(example.article(f"sam/{page}"))
    for fact in FACTS[page]:
        assert " ".join(fact.split()) in text, f"sam/{page}: {fact!r}"


def test_the_note_states_the_facts(example):
    text = " ".join(example.article(f"papers/{KEY}/").get_text(" ").split())
    for fact in NOTE_FACTS:
        assert fact in text, fact


def test_every_cited_key_is_in_the_bibliography():
    bib = (REPO / "content" / "references.bib").read_text("utf-8")
    keys = set(re.findall(r"^@\w+\{([^,\s]+),", bib, re.MULTILINE))
    cited = set()
    for path in sorted((REPO / "content" / "sam").glob("*.md")):
        cited |= set(re.findall(r"(?<![\w.])@([A-Za-z][\w:.+-]*[A-Za-z0-9])", path.read_text()))
    assert cited, "the section cites nothing"
    assert cited <= keys, cited - keys


def test_the_note_is_at_third_pass(example):
    paper = example.article(f"papers/{KEY}/")
    assert paper.select_one(".pg-status-third-pass") is not None
    assert paper.select_one("#third-pass") is not None
