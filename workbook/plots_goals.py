"""Exercise 3's chart: the goal map, from the participant to their goals to the people who could
help with each, coloured by how well they know them."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ._chart_parts import DEPTH_COLOURS, DEPTH_LABELS, Spec
from ._chart_parts import blank as _blank
from ._chart_parts import escape as _escape
from .i18n import _


def goal_map(goals: pd.DataFrame, people: pd.DataFrame, you: str = "") -> go.Figure:
    """You on the left, your goals in the middle, the people for each goal on the right,
    each person coloured by how deep the relationship is.

    ``goals``: id, text. ``people``: goal_id, name, depth (``Workbook.goal_people()``).
    """
    return go.Figure(goal_map_spec(goals, people, you))


def goal_map_spec(goals: pd.DataFrame, people: pd.DataFrame, you: str = "") -> Spec:
    """``goal_map`` as plain data."""
    title = _("Your goals and the people who could help")
    if goals.empty:
        return _blank(title, _("Write a goal to start your map."))
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
            "text": [html.escape(you or _("You"))],
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
            "hovertemplate": _("Goal: {goal}").format(goal="%{text}") + "<extra></extra>",
        },
    ]
    for depth, colour in DEPTH_COLOURS.items():
        points = [(y, p) for y, p in person_points if p.depth == depth]
        traces.append(
            {
                "type": "scatter",
                "x": [2] * len(points),
                "y": [y for y, _person in points],
                "mode": "markers+text",
                "name": _(DEPTH_LABELS[depth]),
                "text": [html.escape(p.name) for _y, p in points],
                "textposition": "middle right",
                "marker": {
                    "size": 16,
                    "color": colour,
                    "line": {"width": 1, "color": "#555555"},
                },
                "hovertemplate": "%{text} · " + _(DEPTH_LABELS[depth]) + "<extra></extra>",
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
            "legend": {"title": {"text": _("Relationship")}, "orientation": "h", "y": -0.05},
            "margin": {"l": 10, "r": 10},
        },
    }
