"""Exercise 5's charts: the network (rings by relationship, sectors by profession) and the
referrals given and received with each person."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ._chart_parts import DEPTH_COLOURS, DEPTH_LABELS, Spec
from ._chart_parts import blank as _blank
from ._chart_parts import empty as _empty
from ._chart_parts import escape as _escape
from ._chart_parts import escaped as _escaped
from .i18n import _

WEBGL_FROM = 1000


def network(placed: pd.DataFrame, you: str = "") -> go.Figure:
    """You at the centre, a ring per relationship depth, a sector per profession; bigger dots
    for people you have exchanged more referrals with.

    ``placed`` is ``network.layout(contacts, referrals)``: x, y, name, company, sector, depth,
    exchanged; its ``attrs["sectors"]`` names the sectors.
    """
    return go.Figure(network_spec(placed, you))


def network_spec(placed: pd.DataFrame, you: str = "") -> Spec:
    """``network`` as plain data."""
    from .network import RINGS

    title = _("Your network")
    if placed.empty:
        return _blank(title, _("Add the people you know to see your network here."))
    scatter = "scattergl" if len(placed) >= WEBGL_FROM else "scatter"
    names, companies, sectors = (_escaped(placed[c]) for c in ("name", "company", "sector"))
    hover = [f"{n}<br>{c} · {s}" for n, c, s in zip(names, companies, sectors, strict=True)]
    xs, ys = (placed[c].to_numpy(np.float32) for c in ("x", "y"))
    sizes = 7 + 4 * np.sqrt(placed["exchanged"].to_numpy(dtype=float))
    small = len(placed) >= WEBGL_FROM
    rows_of: dict[str, list[int]] = {}  # each depth's rows, in the table's order
    for i, depth in enumerate(placed["depth"].tolist()):
        rows_of.setdefault(depth, []).append(i)
    traces = []
    for depth in RINGS:
        if depth not in rows_of:
            continue
        mine = np.array(rows_of[depth])
        traces.append(
            {
                "type": scatter,
                "x": xs[mine],
                "y": ys[mine],
                "mode": "markers",
                "name": _(DEPTH_LABELS[depth]),
                "text": [hover[i] for i in rows_of[depth]],
                "hovertemplate": "%{text}<extra></extra>",
                "marker": {
                    "color": DEPTH_COLOURS[depth],
                    "size": 4 if small else sizes[mine],
                    "line": {"width": 0 if small else 0.5, "color": "#555555"},
                },
            }
        )
    traces.append(
        {
            "type": "scatter",
            "x": [0],
            "y": [0],
            "mode": "markers+text",
            "text": [html.escape(you or _("You"))],
            "textposition": "bottom center",
            "name": _("You"),
            "showlegend": False,
            "marker": {"size": 22, "color": "#333333"},
            "hoverinfo": "skip",
        }
    )
    shapes = [
        {
            "type": "circle",
            "xref": "x",
            "yref": "y",
            "x0": -r,
            "y0": -r,
            "x1": r,
            "y1": r,
            "line": {"color": "#dddddd", "width": 1},
            "layer": "below",
        }
        for r in RINGS.values()
    ]
    annotations = []
    outer = max(RINGS.values()) + 0.6
    for name, start, width in placed.attrs.get("sectors", [])[:16]:  # label the biggest
        middle = start + width / 2
        shapes.append(
            {
                "type": "line",
                "x0": 0,
                "y0": 0,
                "x1": outer * np.sin(start),
                "y1": outer * np.cos(start),
                "line": {"color": "#eeeeee", "width": 1},
                "layer": "below",
            }
        )
        annotations.append(
            {
                "x": outer * np.sin(middle),
                "y": outer * np.cos(middle),
                "text": html.escape(name),
                "showarrow": False,
                "font": {"size": 11, "color": "#555555"},
            }
        )
    return {
        "data": traces,
        "layout": {
            "title": {"text": title},
            "height": 640,
            "shapes": shapes,
            "annotations": annotations,
            "xaxis": {"visible": False, "range": [-outer - 1.2, outer + 1.2]},
            "yaxis": {"visible": False, "scaleanchor": "x", "range": [-outer - 0.6, outer + 0.6]},
            "legend": {"title": {"text": _("Relationship")}},
            "margin": {"l": 10, "r": 10},
        },
    }


def reciprocity(table: pd.DataFrame) -> go.Figure:
    """Referrals given and received, per person: who you send business to, and who sends back."""
    title = _("Referrals given and received")
    if table.empty:
        return _empty(title, _("Log a referral you gave or received to see the balance here."))
    names = list(_escape(table["name"]))
    fig = go.Figure(
        [
            go.Bar(
                y=names,
                x=table["given"],
                name=_("Given"),
                orientation="h",
                marker_color="#4a90d9",
            ),
            go.Bar(
                y=names,
                x=-table["received"],
                name=_("Received"),
                orientation="h",
                marker_color="#2e8540",
                customdata=table["received"],
                hovertemplate="%{y}: "
                + _("{n} received").format(n="%{customdata}")
                + "<extra></extra>",
            ),
        ]
    )
    most = int(max(table["given"].max(), table["received"].max(), 1))
    ticks = list(range(-most, most + 1))  # whole referrals, both sides counted up from zero
    fig.update_layout(
        title=title,
        barmode="relative",
        height=140 + 34 * len(table),
        yaxis={"autorange": "reversed"},
        xaxis={
            "title": _("← received · given →"),
            "tickvals": ticks,
            "ticktext": [str(abs(t)) for t in ticks],
        },
        margin={"l": 10, "r": 10},
    )
    return fig
