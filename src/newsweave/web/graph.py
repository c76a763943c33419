"""The copy graph of one story as SVG: outlets round an ellipse, an arrow per copy or rewrite.

The layout is computed here (evenly round an ellipse), so the page needs no
graph library and no script. Every label is escaped; colours are presentation attributes, not
CSS, so the same markup works inline in a page and as a standalone `.svg` download.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from newsweave.model import Relation, Story

WIDTH, HEIGHT = 640, 360
_DERIVED = (Relation.DUPLICATE, Relation.COPY, Relation.REWRITE)
_EDGE_COLOURS = {
    Relation.DUPLICATE: "#b3261e",
    Relation.COPY: "#7b4bbf",
    Relation.REWRITE: "#2f6fd6",
    Relation.COMMON_SOURCE: "#8a8a90",
}
_NODE_COLOURS = {"original": "#2e8b57", "derived": "#8e5cd9", "both": "#c98a1b"}


@dataclass(frozen=True, slots=True)
class Edge:
    """`derived` outlet reuses `source` outlet `count` times; `shared` is the largest share."""

    source: str
    derived: str
    relation: Relation
    count: int
    shared: float


def outlet_edges(story: Story) -> list[Edge]:
    """Copy links of a story folded to outlets (links inside one outlet are left out)."""
    outlet = {article.id: article.source for article in story.articles}
    folded: dict[tuple[str, str, Relation], list[float]] = {}
    for link in story.provenance:
        source = outlet.get(link.source_article, link.source_article)
        derived = outlet.get(link.derived_article, link.derived_article)
        if source != derived:
            folded.setdefault((source, derived, link.relation), []).append(link.shared)
    return [
        Edge(source, derived, relation, len(shares), max(shares))
        for (source, derived, relation), shares in folded.items()
    ]


def copy_graph_svg(
    story: Story, *, outlet_href: str = "/outlets/", standalone: bool = False
) -> Markup:
    """The SVG picture of who copied whom in `story`."""
    articles = Counter(article.source for article in story.articles)
    outlets = sorted(articles, key=lambda name: (-articles[name], name))
    edges = outlet_edges(story)
    derived_outlets = {e.derived for e in edges if e.relation in _DERIVED}
    source_outlets = {e.source for e in edges if e.relation in _DERIVED}
    positions = _circle(len(outlets))
    at = dict(zip(outlets, positions, strict=True))
    radius = {name: 9 + 4 * min(articles[name], 6) for name in outlets}
    out: list[Markup] = []
    head = Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" class="copy-graph"'
        ' role="img" aria-labelledby="graph-title" font-family="system-ui, sans-serif"'
        ' font-size="13"{size}>'
    ).format(
        w=WIDTH, h=HEIGHT, size=Markup(f' width="{WIDTH}" height="{HEIGHT}"' if standalone else "")
    )
    out.append(head)
    title = f"Who copied whom: {len(outlets)} outlets, {len(edges)} links"
    out.append(Markup('<title id="graph-title">{}</title>').format(title))
    out.append(_markers())
    for edge in edges:
        out.append(
            _edge(
                edge, at[edge.source], at[edge.derived], radius[edge.source], radius[edge.derived]
            )
        )
    for name in outlets:
        role = (
            "both"
            if name in derived_outlets and name in source_outlets
            else "derived"
            if name in derived_outlets
            else "original"
        )
        out.append(_node(name, at[name], radius[name], articles[name], role, outlet_href))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


def _circle(count: int) -> list[tuple[float, float]]:
    """Points evenly round an ellipse, the first at the top; one point sits in the middle."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    if count == 1:
        return [(cx, cy)]
    # An ellipse, flatter than the box, leaves room for the outlet names left and right.
    rx, ry = WIDTH * 0.2, HEIGHT * 0.36
    return [
        (cx + rx * math.sin(2 * math.pi * i / count), cy - ry * math.cos(2 * math.pi * i / count))
        for i in range(count)
    ]


def _markers() -> Markup:
    parts = [Markup("<defs>")]
    for relation, colour in _EDGE_COLOURS.items():
        parts.append(
            Markup(
                '<marker id="arrow-{0}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11"'
                ' markerHeight="11" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
                '<path d="M0,0 L10,5 L0,10 z"'
                ' fill="{1}"/></marker>'
            ).format(relation.value, colour)
        )
    parts.append(Markup("</defs>"))
    return Markup("").join(parts)


def _edge(
    edge: Edge, start: tuple[float, float], end: tuple[float, float], r0: int, r1: int
) -> Markup:
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    # Two links between one pair of outlets (each way) are drawn side by side, not on top.
    nx, ny = -uy * 5, ux * 5
    ax, ay = x0 + ux * (r0 + 2) + nx, y0 + uy * (r0 + 2) + ny
    bx, by = x1 - ux * (r1 + 4) + nx, y1 - uy * (r1 + 4) + ny
    colour = _EDGE_COLOURS[edge.relation]
    dashed = edge.relation is Relation.COMMON_SOURCE
    marker = "" if dashed else f' marker-end="url(#arrow-{edge.relation.value})"'
    label = f"{edge.shared:.0%}"
    how = f"{edge.count}×, up to {label} shared"
    tip = f"{edge.derived} {_phrase(edge.relation)} {edge.source} ({how})"
    mx, my = (ax + bx) / 2 + nx * 2.2, (ay + by) / 2 + ny * 2.2
    return Markup(
        '<g class="edge" data-relation="{rel}"><title>{tip}</title>'
        '<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" stroke="{colour}"'
        ' stroke-width="{width:.1f}"{dash}{marker}/>'
        '<text x="{mx:.1f}" y="{my:.1f}" text-anchor="middle" dominant-baseline="middle"'
        ' fill="{colour}" font-weight="600" font-size="12">{label}</text></g>'
    ).format(
        rel=edge.relation.value,
        tip=tip,
        ax=ax,
        ay=ay,
        bx=bx,
        by=by,
        colour=colour,
        width=1.5 + 3 * edge.shared,
        dash=Markup(' stroke-dasharray="5 4"' if dashed else ""),
        marker=Markup(marker),
        mx=mx,
        my=my,
        label=label,
    )


def _node(
    name: str, at: tuple[float, float], r: int, count: int, role: str, outlet_href: str
) -> Markup:
    x, y = at
    cx, cy = WIDTH / 2, HEIGHT / 2
    # Labels sit outside the circle: left of nodes on the left half, right of the others.
    anchor = "middle" if abs(x - cx) < 20 else ("end" if x < cx else "start")
    lx = x if anchor == "middle" else x + (-(r + 6) if anchor == "end" else r + 6)
    ly = y + (r + 16 if y >= cy and anchor == "middle" else -(r + 8) if anchor == "middle" else 4)
    short = name if len(name) <= 24 else name[:23] + "…"
    roles = {
        "original": "originates",
        "derived": "copies or rewrites",
        "both": "originates and copies",
    }
    tip = f"{name}: {count} article{'s' if count != 1 else ''}, {roles[role]}"
    return Markup(
        '<a href="{href}" class="node"><title>{tip}</title>'
        '<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}" fill-opacity="0.9"'
        ' stroke="#ffffff" stroke-width="2"/>'
        '<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" dominant-baseline="central"'
        ' fill="#ffffff" font-weight="700" font-size="12">{count}</text>'
        '<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" fill="currentColor">{short}</text>'
        "</a>"
    ).format(
        href=outlet_href + quote(name, safe=""),
        tip=tip,
        x=x,
        y=y,
        r=r,
        fill=_NODE_COLOURS[role],
        count=count,
        lx=lx,
        ly=ly,
        anchor=anchor,
        short=short,
    )


def _phrase(relation: Relation) -> str:
    return {
        Relation.DUPLICATE: "duplicates",
        Relation.COPY: "copies",
        Relation.REWRITE: "rewrites",
        Relation.COMMON_SOURCE: "shares a source with",
    }[relation]
