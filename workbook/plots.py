"""Charts: data in, plotly Figure out. Nothing here shows a figure or reads the workbook.

Every label that comes from the participant's data is HTML-escaped before plotly sees it,
because plotly renders hover and axis text as HTML.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ._chart_parts import Spec
from ._chart_parts import blank as _blank
from ._chart_parts import empty as _empty
from ._chart_parts import escape as _escape
from ._chart_parts import escaped as _escaped

# Exercise 1's charts live in their own module; plots.money_trail and the rest stay here too.
from .plots_money_trail import (  # noqa: F401
    CHART_WIDTH,
    money_trail,
    money_trail_spec,
    money_trail_treemap,
)

# Relationship depth, shallow to deep: the colour every people chart uses.
DEPTH_COLOURS = {
    "contact": "#c9c9c9",
    "acquaintance": "#f2b134",
    "connection": "#4a90d9",
    "referral_partner": "#2e8540",
}
DEPTH_LABELS = {
    "contact": "Contact",
    "acquaintance": "Acquaintance",
    "connection": "Connection",
    "referral_partner": "Referral partner",
}


def coverage(table: pd.DataFrame) -> go.Figure:
    """How many people you already know in each target profession; the empty ones say so.

    ``table`` is ``Workbook.coverage()``: profession, known, names, next_step.
    """
    title = "Who you already know in your five professions"
    if table.empty:
        return _empty(title, "Pick your five professions to see who you already know in each.")
    data = table.iloc[::-1]  # first pick at the top
    labels = _escape(data["profession"])
    fig = go.Figure(
        go.Bar(
            x=data["known"],
            y=labels,
            orientation="h",
            marker_color=["#2e8540" if n else "#e07b39" for n in data["known"]],
            text=[f"{n} known" if n else "meet someone here" for n in data["known"]],
            textposition="outside",
            cliponaxis=False,
            customdata=[html.escape(", ".join(names)) or "nobody yet" for names in data["names"]],
            hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>",
        )
    )
    most = max(int(data["known"].max()), 1)
    fig.update_layout(
        title=title,
        height=120 + 48 * len(data),
        margin={"l": 10, "r": 140},
        xaxis={"title": "People you know", "dtick": 1, "range": [0, most * 1.4 + 0.5]},
    )
    return fig


def goal_map(goals: pd.DataFrame, people: pd.DataFrame, you: str = "") -> go.Figure:
    """You on the left, your goals in the middle, the people for each goal on the right,
    each person coloured by how deep the relationship is.

    ``goals``: id, text. ``people``: goal_id, name, depth (``Workbook.goal_people()``).
    """
    return go.Figure(goal_map_spec(goals, people, you))


def goal_map_spec(goals: pd.DataFrame, people: pd.DataFrame, you: str = "") -> Spec:
    """``goal_map`` as plain data."""
    title = "Your goals and the people who could help"
    if goals.empty:
        return _blank(title, "Write a goal to start your map.")
    people_of: dict[Any, list[Any]] = {}  # each goal's people, in the table's order
    for person in people[["goal_id", "name", "depth"]].itertuples(index=False):
        people_of.setdefault(person.goal_id, []).append(person)
    goal_ids = goals["id"].tolist()
    rows_per_goal = [max(len(people_of.get(g, [])), 1) for g in goal_ids]
    total = sum(rows_per_goal)
    goal_y, person_points = {}, []
    top = 0.0
    for goal_id, rows in zip(goal_ids, rows_per_goal, strict=True):
        goal_y[goal_id] = top + (rows - 1) / 2
        for i, person in enumerate(people_of.get(goal_id, [])):
            person_points.append((top + i, person))
        top += rows + 0.6
    you_y = (top - 0.6 - 1) / 2 if total else 0
    edges_x: list[float | None] = []
    edges_y: list[float | None] = []
    for y in goal_y.values():
        edges_x += [0, 1, None]
        edges_y += [you_y, y, None]
    for y, person in person_points:
        edges_x += [1, 2, None]
        edges_y += [goal_y[person.goal_id], y, None]
    traces = [
        {
            "type": "scatter",
            "x": edges_x,
            "y": edges_y,
            "mode": "lines",
            "hoverinfo": "skip",
            "line": {"color": "#bbbbbb", "width": 1.5},
            "showlegend": False,
        },
        {
            "type": "scatter",
            "x": [0],
            "y": [you_y],
            "mode": "markers+text",
            "text": [html.escape(you or "You")],
            "textposition": "middle left",
            "marker": {"size": 26, "color": "#333333"},
            "showlegend": False,
            "hovertemplate": "%{text}<extra></extra>",
        },
        {
            "type": "scatter",
            "x": [1] * len(goals),
            "y": list(goal_y.values()),
            "mode": "markers+text",
            "text": list(_escape(goals["text"])),
            "textposition": "top center",
            "marker": {"size": 18, "color": "#7b61a8", "symbol": "diamond"},
            "showlegend": False,
            "hovertemplate": "Goal: %{text}<extra></extra>",
        },
    ]
    for depth, colour in DEPTH_COLOURS.items():
        points = [(y, p) for y, p in person_points if p.depth == depth]
        traces.append(
            {
                "type": "scatter",
                "x": [2] * len(points),
                "y": [y for y, _ in points],
                "mode": "markers+text",
                "name": DEPTH_LABELS[depth],
                "text": [html.escape(p.name) for _, p in points],
                "textposition": "middle right",
                "marker": {
                    "size": 16,
                    "color": colour,
                    "line": {"width": 1, "color": "#555555"},
                },
                "hovertemplate": "%{text} · " + DEPTH_LABELS[depth] + "<extra></extra>",
                "visible": True if points else "legendonly",
            }
        )
    return {
        "data": traces,
        "layout": {
            "title": {"text": title},
            "height": max(320, 70 * total + 140),
            "xaxis": {"visible": False, "range": [-0.8, 3.0]},
            "yaxis": {"visible": False, "autorange": "reversed"},
            "legend": {"title": {"text": "Relationship"}, "orientation": "h", "y": -0.05},
            "margin": {"l": 10, "r": 10},
        },
    }


def gains_grid(people: pd.DataFrame) -> go.Figure:
    """What you know of each person's GAINS: grey where you do not know yet, blue where you
    do, green where they share an interest, network or skill with you (named in the cell).

    ``people`` is ``Workbook.gains()``: name, is_you, and the five GAINS fields.
    """
    from . import gains  # the GAINS rules: which entries count as shared

    title = "GAINS: what you know, and what you share"
    if people.empty:
        return _empty(title, "Fill in your own GAINS, then add a referral partner.")
    you = people[people["is_you"]]
    mine = you.iloc[0].to_dict() if len(you) else {}
    fields = list(gains.FIELDS)
    z, text = [], []
    for person in people.to_dict("records"):
        row_z, row_text = [], []
        for field in fields:
            entries = gains.items(person.get(field))
            common = [] if person["is_you"] else gains.shared(mine, person, field)
            row_z.append(2 if common else 1 if entries else 0)
            row_text.append(
                html.escape(", ".join(common))
                if common
                else f"{len(entries)} noted"
                if entries
                else "ask"
            )
        z.append(row_z)
        text.append(row_text)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(gains.FIELDS.values()),
            y=list(_escape(people["name"])),
            text=text,
            texttemplate="%{text}",
            zmin=0,
            zmax=2,
            showscale=False,
            xgap=3,
            ygap=3,
            colorscale=[[0, "#e6e6e6"], [0.5, "#b9d7f0"], [1, "#7cc48b"]],
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        )
    )
    fig.update_layout(
        title=title,
        height=130 + 46 * len(people),
        yaxis={"autorange": "reversed"},
        margin={"l": 10, "r": 10},
    )
    return fig


# Past this many people the network is drawn with WebGL, which stays smooth at 30,000.
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

    title = "Your network"
    if placed.empty:
        return _blank(title, "Add the people you know to see your network here.")
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
                "name": DEPTH_LABELS[depth],
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
            "text": [html.escape(you or "You")],
            "textposition": "bottom center",
            "name": "You",
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
            "legend": {"title": {"text": "Relationship"}},
            "margin": {"l": 10, "r": 10},
        },
    }


def reciprocity(table: pd.DataFrame) -> go.Figure:
    """Referrals given and received, per person: who you send business to, and who sends back."""
    title = "Referrals given and received"
    if table.empty:
        return _empty(title, "Log a referral you gave or received to see the balance here.")
    names = list(_escape(table["name"]))
    fig = go.Figure(
        [
            go.Bar(
                y=names, x=table["given"], name="Given", orientation="h", marker_color="#4a90d9"
            ),
            go.Bar(
                y=names,
                x=-table["received"],
                name="Received",
                orientation="h",
                marker_color="#2e8540",
                customdata=table["received"],
                hovertemplate="%{y}: %{customdata} received<extra></extra>",
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
            "title": "← received · given →",
            "tickvals": ticks,
            "ticktext": [str(abs(t)) for t in ticks],
        },
        margin={"l": 10, "r": 10},
    )
    return fig


# Exercise 6's chart lives in its own module to keep this one short.
from .plots_follow_up import follow_up_timeline as follow_up_timeline  # noqa: E402
