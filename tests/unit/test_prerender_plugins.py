"""Which sites may convert pages in helper processes (adapter/prerender.py): only those whose
plugins are known to keep to the page and to their process."""

from __future__ import annotations

from types import SimpleNamespace

from material.plugins.search.plugin import SearchPlugin

from paperguide.adapter.plugin import PaperguidePlugin
from paperguide.adapter.prerender import unsafe_plugin


class SocialCardsLike:
    """A plugin of another package: it may write files or start threads of its own."""


def _config(**plugins: object) -> SimpleNamespace:
    return SimpleNamespace(plugins=plugins)


def test_search_and_paperguide_are_known():
    assert unsafe_plugin(_config(search=SearchPlugin(), paperguide=PaperguidePlugin())) is None


def test_any_other_plugin_keeps_the_build_on_one_core():
    config = _config(search=SearchPlugin(), social=SocialCardsLike(), paperguide=PaperguidePlugin())
    assert unsafe_plugin(config) == "social"
