"""Graph layouts kept for the life of the process, so ``mkdocs serve`` rebuilds reuse them.

Placing the boxes and routing the edges is most of the cost of drawing a graph (the whole
graph at 500 papers: about half a second; each guide page's neighbourhood: a millisecond or
so). An edit mostly leaves the graphs as they were, and the layout is a pure function of the
nodes' ids and labels, the groups and the edges, so it is kept under exactly those. The markup,
whose links depend on the page it is drawn on, is written every time.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

#: Enough for one graph per guide page of a large library, and the whole graph.
MAX_ENTRIES = 5000

_memo: OrderedDict[Hashable, object] = OrderedDict()


def memoised(key: Hashable, compute: Callable[[], T]) -> T:
    """The layout computed earlier for ``key``, or ``compute()``'s, kept for next time."""
    if key in _memo:
        _memo.move_to_end(key)
        return _memo[key]  # type: ignore[return-value]
    value = compute()
    _memo[key] = value
    if len(_memo) > MAX_ENTRIES:
        _memo.popitem(last=False)
    return value
