"""One drawn graph written out as SVG markup: node boxes as links, routed edges, group names."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from .drawing import FONT, HEADING_FONT, LINE, MARK, PAD_X, Drawing
from .graph import EDGE_KINDS, EDGE_LABELS, Graph, Node
from .labels import Box

Href = Callable[[Node], str | None]


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _defs(graph_id: str) -> list[str]:
    out = ["<defs>"]
    for kind in EDGE_KINDS:
        out.append(
            f'<marker id="{graph_id}-arrow-{kind}" class="pg-graph__arrow pg-graph__arrow--{kind}"'
            ' viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6"'
            ' orient="auto-start-reverse"><path d="M0,0L10,5L0,10z"/></marker>'
        )
    out.append("</defs>")
    return out


def _mark(node: Node, box: Box) -> str:
    """The node kind's mark left of the label: a dot, a ring, or a diamond for a concept."""
    x, y = box.x0 + PAD_X + 4.5, (box.y0 + box.y1) / 2
    if node.kind == "concept":
        return f'<path class="pg-graph__shape" d="M{_num(x)},{_num(y - 5)}l5,5l-5,5l-5,-5z"/>'
    return f'<circle class="pg-graph__shape" cx="{_num(x)}" cy="{_num(y)}" r="4"/>'


def _text(lines: Sequence[str], x: float, box: Box, css: str, size: float) -> str:
    """Lines centred on the box's middle; baselines a third of the size below each line's middle."""
    middle = (box.y0 + box.y1) / 2
    top = middle - (len(lines) - 1) * LINE / 2
    spans = "".join(
        f'<tspan x="{_num(x)}" y="{_num(top + i * LINE + size * 0.35)}">'
        f"{escape(line, quote=False)}</tspan>"
        for i, line in enumerate(lines)
    )
    return f'<text class="{css}">{spans}</text>'


def svg_markup(
    graph: Graph,
    drawing: Drawing,
    *,
    graph_id: str,
    href: Href,
    title: str,
    description: str,
    centre: str | None = None,
    headings: dict[str, str] | None = None,
    group_of: dict[str, int] | None = None,
) -> str:
    number = {node.id: index for index, node in enumerate(graph.nodes)}
    width, height = _num(drawing.width), _num(drawing.height)
    out = [
        f'<svg class="pg-graph" id="{graph_id}" xmlns="http://www.w3.org/2000/svg"'
        ' xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' aria-labelledby="{graph_id}-title {graph_id}-desc">',
        f'<title id="{graph_id}-title">{escape(title, quote=False)}</title>',
        f'<desc id="{graph_id}-desc">{escape(description, quote=False)}</desc>',
        *_defs(graph_id),
    ]
    if drawing.bands or headings:
        out.append('<g class="pg-graph__clusters">')
        for band in drawing.bands:
            out.append(
                f'<rect class="pg-graph__cluster" x="{_num(band.x0)}" y="{_num(band.y0)}"'
                f' width="{_num(band.width)}" height="{_num(band.height)}" rx="8"/>'
            )
        for heading in sorted(headings or {}):
            box = drawing.boxes[heading]
            out.append(
                _text(
                    drawing.lines[heading],
                    box.x0 + 1,
                    box,
                    "pg-graph__cluster-label",
                    HEADING_FONT,
                )
            )
        out.append("</g>")
    out.append('<g class="pg-graph__edges">')
    for edge, points in zip(graph.edges, drawing.edges, strict=True):
        # Edges between groups are drawn faintly: they are long and would hide the groups.
        far = (
            " pg-graph__edge--between"
            if group_of and group_of.get(edge.source) != group_of.get(edge.target)
            else ""
        )
        arrow = f' marker-end="url(#{graph_id}-arrow-{edge.kind})"' if edge.kind != "links" else ""
        path = " ".join(f"{_num(x)},{_num(y)}" for x, y in points)
        out.append(
            f'<polyline class="pg-graph__edge pg-graph__edge--{edge.kind}{far}"'
            f' data-source="n{number[edge.source]}" data-target="n{number[edge.target]}"'
            f' points="{path}"{arrow}>'
            f"<title>{escape(_edge_title(graph, edge.source, edge.target, edge.kind))}</title>"
            "</polyline>"
        )
    out.append("</g>")
    out.append('<g class="pg-graph__nodes">')
    for node in graph.nodes:
        box = drawing.boxes[node.id]
        link = href(node)
        classes = f"pg-graph__node pg-graph__node--{node.kind}"
        if node.id == centre:
            classes += " pg-graph__node--centre"
        name = node.title if node.title == node.label else f"{node.title} ({node.label})"
        # xlink:href, not href: Material's instant navigation re-assigns the `href` property of
        # every element with an `href` attribute, which throws on SVG links (read-only there).
        opening = (
            f'<a xlink:href="{_attr(link)}" class="{classes}" data-node="n{number[node.id]}"'
            f' aria-label="{_attr(name)}">'
            if link
            else f'<g class="{classes}" data-node="n{number[node.id]}"'
            f' role="img" aria-label="{_attr(name)}">'
        )
        out.append(opening)
        out.append(f"<title>{escape(name, quote=False)}</title>")
        out.append(
            f'<rect class="pg-graph__box" x="{_num(box.x0)}" y="{_num(box.y0)}"'
            f' width="{_num(box.width)}" height="{_num(box.height)}" rx="4"/>'
        )
        out.append(_mark(node, box))
        out.append(
            _text(drawing.lines[node.id], box.x0 + PAD_X + MARK, box, "pg-graph__label", FONT)
        )
        out.append("</a>" if link else "</g>")
    out.append("</g></svg>")
    return "".join(out)


def _edge_title(graph: Graph, source: str, target: str, kind: str) -> str:
    a, b = graph.node(source), graph.node(target)
    return f"{a.label if a else source} {EDGE_LABELS[kind]} {b.label if b else target}"
