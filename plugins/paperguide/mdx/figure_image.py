"""The image of a figure card, built as an element where the template puts its token.

The component template (``components/figure.md.j2``) decides where the image goes with
:data:`IMAGE_TOKEN` alone on a line. The ``<img>`` is made here rather than as Markdown so its
alt text is data (any character shows as written, nothing is parsed) and it can carry
``loading="lazy"``. Its ``src`` is a relative docs-folder path, like every other paperguide
link: the host rewrites it for the page it lands on (MkDocs does, for ``use_directory_urls``
on or off), which is why a card embedded on any page finds the same file.

It also carries the file's own ``width`` and ``height`` (read where the image is found,
``core/notes/image_size.py``): a lazy image without them takes no room until it loads, and one
that loads after a jump to an anchor below it would push that anchor out of view. The
stylesheet still caps the width at the column's with ``height: auto``, so the browser keeps
the room at the image's proportions.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree

from ..core.notes.model import Figure
from .context import RenderContext

IMAGE_TOKEN = "PGFIGUREIMAGE"


def image_element(context: RenderContext, figure: Figure) -> etree.Element:
    kind = posixpath.splitext(figure.image_uri or "")[1].lower().lstrip(".")
    # SVG drawings are usually made on white; they get a light plate (see paperguide.css).
    box = etree.Element("div", {"class": f"pg-figure-image pg-figure-image--{kind}"})
    attributes = {
        "src": context.link(figure.image_uri or ""),
        "alt": " ".join((figure.alt or "").split()),
    }
    if figure.image_size is not None:
        attributes["width"], attributes["height"] = (str(side) for side in figure.image_size)
    attributes.update(loading="lazy", decoding="async")
    etree.SubElement(box, "img", attributes)
    return box


def place_image(container: etree.Element, context: RenderContext, figure: Figure) -> None:
    """Replace the token paragraph in ``container`` with the figure's image."""
    for index, child in enumerate(list(container)):
        if child.tag == "p" and len(child) == 0 and (child.text or "").strip() == IMAGE_TOKEN:
            container.remove(child)
            if figure.image_uri:
                container.insert(index, image_element(context, figure))
            return
