"""The build-time SVG bar charts: valid XML, counts as text, proportional bars, escaped labels."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from paperguide.core.pages.charts import Row, Segment, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def _chart(rows, **kwargs):
    svg = bar_chart(rows, chart_id="c", title="Topics", units=("topic", "topics"), **kwargs)
    assert "\n\n" not in svg  # a blank line would end the Markdown HTML block
    return svg, etree.fromstring(svg).find(f"{SVG}svg")


def test_stacked_rows_have_proportional_segments_and_text_labels():
    rows = [
        Row("Calculus", (Segment("green", "green", 2), Segment("red", "red", 1))),
        Row("Probability", (Segment("green", "green", 0), Segment("yellow", "yellow", 6))),
    ]
    _, root = _chart(rows, legend=True)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Topics"
    desc = root.find(f"{SVG}desc").text
    assert "Calculus: 2 green, 1 red (of 3 topics)" in desc
    groups = root.findall(f"{SVG}g")
    assert [g.get("data-label") for g in groups] == ["Calculus", "Probability"]
    widths = {}
    for group in groups:
        for rect in group.findall(f"{SVG}rect"):
            widths[(group.get("data-label"), rect.get("class"))] = float(rect.get("width"))
            assert int(rect.get("data-count")) > 0  # zero segments are not drawn
    # Every bar is scaled against the largest total (6): 2/6, 1/6 and 6/6 of the same width.
    full = widths[("Probability", "pg-bar pg-bar--yellow")]
    assert widths[("Calculus", "pg-bar pg-bar--green")] == round(full * 2 / 6, 1)
    assert abs(widths[("Calculus", "pg-bar pg-bar--red")] - full / 6) < 0.1
    totals = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "pg-chart-total"]
    assert totals == ["3 topics", "6 topics"]
    legend = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "pg-chart-legend"]
    assert legend == ["green", "red", "yellow"]


def test_hostile_labels_are_escaped_not_interpreted():
    label = '<script>alert("x")</script> & "quotes"'
    svg, root = _chart([Row(label, (Segment("red", "red", 1),))])
    assert "<script>" not in svg
    assert root.find(f"{SVG}g").get("data-label") == label  # round-trips as text
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "pg-chart-label"]
    assert labels == [label]
    assert root.find(f"{SVG}desc").text == f"{label}: 1 topic."


def test_all_zero_rows_draw_no_bars():
    _, root = _chart([Row("Empty", (Segment("red", "red", 0),))])
    assert root.findall(f".//{SVG}rect") == []


def test_chart_is_drawn_at_its_natural_size_inside_a_keyboard_scroll_region():
    """User units are CSS pixels (the SVG never scales its 13 px text down on a phone); a column
    narrower than the chart scrolls it inside a box the keyboard can reach."""
    html = bar_chart(
        [Row("Calculus", (Segment("red", "red", 1),))],
        chart_id="c",
        title="Topics",
        units=("topic", "topics"),
    )
    assert "\n\n" not in html
    wrapper = etree.fromstring(html)
    assert wrapper.tag == "div"
    assert wrapper.get("class") == "pg-chart-scroll"
    assert wrapper.get("tabindex") == "0"
    assert wrapper.get("role") == "region"
    assert wrapper.get("aria-label") == "Topics (chart)"
    svg = wrapper.find(f"{SVG}svg")
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    assert float(svg.get("width")) == width
    assert float(svg.get("height")) == height


def test_the_stylesheet_never_shrinks_a_chart_below_its_natural_width():
    from pathlib import Path

    from paperguide.core.pages import charts

    css = (Path(charts.__file__).parents[2] / "assets" / "unknowns.css").read_text()
    rule = css[css.index(".md-typeset svg.pg-chart {") :]
    rule = rule[: rule.index("}")]
    assert f"min-width: {charts.WIDTH}px;" in rule
    assert "max-width: none;" in rule
