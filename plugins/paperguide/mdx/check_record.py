"""Each ``/// check`` of a page, recorded as rendered for the site-wide "Check yourself" page.

The check block marks its element; this tree processor runs last (after MkDocs has turned
``.md`` links into URLs), records a copy of each marked check with the host's collector, and
removes the mark. The copy loses its element ids (they stay on the page), gains a link back to
the check on its page, and has each relative link marked as relative to its own page, so the
checks page can rewrite them as links from where it is (``core/crossrefs/page_checks.py``). Its
HTML is what the page will show: serialized, then through the page's postprocessors (math and
raw HTML come back from the stash there).
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from ..core.crossrefs.collector import Collector, PageCheck
from ..core.crossrefs.page_checks import MARK
from ..core.notes import labels
from .context import RenderContext

#: Put on a check's element by the block, taken off by :class:`CheckRecorder`.
RECORD_ATTR = "data-pg-record-check"
#: After MkDocs' link rewriting ("relpath", priority 0) and Python-Markdown's unescaping (0).
PRIORITY = -10


def _relative(href: str) -> bool:
    parts = urlsplit(href)
    return not (parts.scheme or parts.netloc or href.startswith("/"))


class CheckRecorder(Treeprocessor):
    def __init__(self, md: Markdown, context: RenderContext, collector: Collector | None) -> None:
        super().__init__(md)
        self.context, self.collector = context, collector

    def run(self, root: etree.Element) -> None:
        page = self.context.page_src_uri
        for box in [el for el in root.iter() if RECORD_ATTR in el.attrib]:
            del box.attrib[RECORD_ATTR]
            anchor = box.get("id")
            if self.collector is not None and page is not None and anchor:
                self.collector.record_check(page, PageCheck(anchor, self.shown(box, anchor)))

    def shown(self, box: etree.Element, anchor: str) -> str:
        shown = copy.deepcopy(box)
        for element in shown.iter():
            element.attrib.pop("id", None)
            for name in ("href", "src"):
                value = element.get(name)
                if value is not None and _relative(value):
                    element.set(name, MARK + value)
        back = etree.SubElement(shown, "p", {"class": "pg-check-source"})
        link = etree.SubElement(back, "a", {"href": f"{MARK}#{anchor}"})
        link.text = labels.CHECK_ON_ITS_PAGE
        html = self.md.serializer(shown)
        for postprocessor in self.md.postprocessors:
            html = postprocessor.run(html)
        return html
