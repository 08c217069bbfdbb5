"""Small horizontal bar charts as inline SVG, drawn at build time (no charting JavaScript).

A chart is one row per label; each row is a bar of one or more stacked segments. Every label and
count is also written as text, the ``<title>``/``<desc>`` pair gives screen readers the whole
data, and every string is HTML-escaped, so author text (an area called ``<b>Calculus</b>``) is
shown, never interpreted. Colours come from CSS classes (``pg-bar--<key>``) with a fill
attribute as the fallback, so the charts follow the light and dark palettes.

Size: the SVG's natural size is one user unit per CSS pixel (``width``/``height`` equal to the
``viewBox``). unknowns.css lets it grow with a wide column, as before, but never shrink below
that size (``min-width`` = ``WIDTH`` px), so its 13 px labels are never drawn smaller; a chart
that scaled down with its column shrank them to 5-7 px on a 375 px phone. Where the column is
narrower than the chart, the chart scrolls sideways inside ``div.pg-chart-scroll``, a named
region in the tab order so keyboard users can scroll it too (static attributes: it works
without JavaScript). Laying the labels out as HTML
would avoid the scrolling but needs the bars positioned by CSS; the fixed drawing keeps the
geometry in one place, deterministic and unit-tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 640  # also the charts' min-width in unknowns.css
ROW_HEIGHT = 28
BAR_HEIGHT = 18
PAD_TOP = 6
CHAR_WIDTH = 7.2  # of the 13 px label font, generous so labels never run into the bars
LEGEND_HEIGHT = 26

#: Fallback fills (the light palette) for SVG shown without paperguide's stylesheet.
FALLBACK_FILL = {
    "green": "#2e7d32",
    "yellow": "#8a6d00",
    "red": "#b3261e",
}
DEFAULT_FILL = "#4051b5"


@dataclass(frozen=True)
class Segment:
    key: str  # CSS modifier and legend key, e.g. "red"
    label: str  # e.g. "red", for titles and the legend
    value: int


@dataclass(frozen=True)
class Row:
    label: str
    segments: tuple[Segment, ...]

    @property
    def total(self) -> int:
        return sum(s.value for s in self.segments)


def _num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _count(n: int, units: tuple[str, str]) -> str:
    return f"{n} {units[0] if n == 1 else units[1]}"


def _describe(row: Row, units: tuple[str, str]) -> str:
    if len(row.segments) == 1:
        return f"{row.label}: {_count(row.total, units)}"
    parts = ", ".join(f"{s.value} {s.label}" for s in row.segments)
    return f"{row.label}: {parts} (of {_count(row.total, units)})"


def _segment_text(row: Row, segment: Segment, units: tuple[str, str]) -> str:
    if len(row.segments) == 1:
        return _count(segment.value, units)
    return f"{segment.value} {segment.label}"


def bar_chart(
    rows: list[Row],
    *,
    chart_id: str,
    title: str,
    units: tuple[str, str],
    legend: bool = False,
) -> str:
    """The ``<svg>`` in its scroll region (one line per element, no blank lines, safe as a
    Markdown HTML block).

    ``units`` names what is counted, singular and plural (``("paper", "papers")``), for the
    totals and the description.
    """
    e = lambda s: escape(str(s), quote=True)  # noqa: E731 - short alias keeps the markup readable
    label_width = min(240.0, max([len(r.label) for r in rows] + [4]) * CHAR_WIDTH + 12)
    total_width = 90.0
    bar_x = label_width
    bar_width = WIDTH - label_width - total_width
    top = max([r.total for r in rows] + [0])
    keys = list(dict.fromkeys(s.key for r in rows for s in r.segments))
    height = PAD_TOP * 2 + ROW_HEIGHT * len(rows) + (LEGEND_HEIGHT if legend else 0)
    description = "; ".join(_describe(r, units) for r in rows)
    lines = [
        f'<div class="pg-chart-scroll" tabindex="0" role="region" aria-label="{e(title)} (chart)">',
        f'<svg class="pg-chart" id="{e(chart_id)}" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{e(chart_id)}-title {e(chart_id)}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{e(chart_id)}-title">{e(title)}</title>',
        f'<desc id="{e(chart_id)}-desc">{e(description)}.</desc>',
    ]
    for index, row in enumerate(rows):
        y = PAD_TOP + index * ROW_HEIGHT
        text_y = _num(y + ROW_HEIGHT / 2 + 4.5)
        lines.append(f'<g class="pg-chart-row" data-label="{e(row.label)}">')
        lines.append(
            f'<text class="pg-chart-label" x="{_num(label_width - 8)}" y="{text_y}" '
            f'text-anchor="end">{e(row.label)}</text>'
        )
        x = bar_x
        for segment in row.segments:
            if segment.value <= 0:
                continue
            width = bar_width * segment.value / top if top else 0.0
            fill = FALLBACK_FILL.get(segment.key, DEFAULT_FILL)
            lines.append(
                f'<rect class="pg-bar pg-bar--{e(segment.key)}" x="{_num(x)}" '
                f'y="{_num(y + (ROW_HEIGHT - BAR_HEIGHT) / 2)}" width="{_num(width)}" '
                f'height="{BAR_HEIGHT}" fill="{fill}" data-count="{segment.value}">'
                f"<title>{e(row.label)}: {e(_segment_text(row, segment, units))}</title></rect>"
            )
            if len(row.segments) > 1 and width >= 16:
                lines.append(
                    f'<text class="pg-chart-inbar" x="{_num(x + width / 2)}" y="{text_y}" '
                    f'text-anchor="middle">{segment.value}</text>'
                )
            x += width
        lines.append(
            f'<text class="pg-chart-total" x="{_num(WIDTH - total_width + 8)}" y="{text_y}">'
            f"{e(_count(row.total, units))}</text>"
        )
        lines.append("</g>")
    if legend:
        y = PAD_TOP + len(rows) * ROW_HEIGHT + 8
        x = label_width
        for key in keys:
            label = next(s.label for r in rows for s in r.segments if s.key == key)
            fill = FALLBACK_FILL.get(key, DEFAULT_FILL)
            lines.append(
                f'<rect class="pg-bar pg-bar--{e(key)}" x="{_num(x)}" y="{y}" width="12" '
                f'height="12" fill="{fill}"></rect>'
            )
            lines.append(
                f'<text class="pg-chart-legend" x="{_num(x + 17)}" y="{y + 11}">{e(label)}</text>'
            )
            x += 17 + len(label) * CHAR_WIDTH + 18
    lines.append("</svg>")
    lines.append("</div>")
    return "\n".join(lines)
