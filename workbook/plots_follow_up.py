"""The follow-up timeline: past interactions and what is coming up, one row per person.

Pure like ``plots``: DataFrames in, a plotly Figure out; user text is HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import plotly.graph_objects as go

from . import words
from .follow_up import KINDS
from .i18n import _

_KIND_STYLE = {
    "one_to_one": ("circle", "#1f77b4"),
    "event": ("diamond", "#9467bd"),
    "call": ("square", "#2ca02c"),
    "email": ("triangle-up", "#17becf"),
    "handwritten_note": ("star", "#e377c2"),
    "other": ("x", "#7f7f7f"),
}
# At most this many people, the most recently in touch first: a timeline stays readable.
MAX_PEOPLE = 25


def follow_up_timeline(
    interactions: pd.DataFrame, upcoming: pd.DataFrame, today: dt.date
) -> go.Figure:
    """``interactions``: on_date, name, kind, notes. ``upcoming``: day, name, what (follow-ups,
    keep-in-touch dates and promises still open)."""
    title = _("Your follow-up: what happened and what is next")
    fig = go.Figure()
    if interactions.empty and upcoming.empty:
        fig.add_annotation(
            text=_("Log your first meeting to start your timeline."),
            showarrow=False,
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            font={"size": 15},
        )
        fig.update_layout(
            title=title, xaxis={"visible": False}, yaxis={"visible": False}, height=260
        )
        return fig
    past = interactions.assign(day=pd.to_datetime(interactions["on_date"]))
    latest = pd.concat(
        [past.groupby("name")["day"].max(), pd.to_datetime(upcoming.groupby("name")["day"].min())]
    )
    people = list(latest.groupby(level=0).max().sort_values(ascending=False).index[:MAX_PEOPLE])
    order = {name: i for i, name in enumerate(reversed(people))}
    no_notes = _("(no notes)")
    for kind, (symbol, colour) in _KIND_STYLE.items():
        rows = past[(past["kind"] == kind) & past["name"].isin(people)]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=rows["day"],
                y=[html.escape(n) for n in rows["name"]],
                mode="markers",
                name=_(KINDS[kind]),
                marker={"symbol": symbol, "size": 11, "color": colour},
                customdata=[
                    [words.short_day(day), html.escape(str(n))[:120] or no_notes]
                    for day, n in zip(rows["day"], rows["notes"], strict=True)
                ],
                hovertemplate="%{y}<br>%{customdata[0]}<br>"
                + html.escape(_(KINDS[kind]))
                + "<br>%{customdata[1]}<extra></extra>",
            )
        )
    soon = upcoming[upcoming["name"].isin(people)]
    if len(soon):
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(soon["day"]),
                y=[html.escape(n) for n in soon["name"]],
                mode="markers",
                name=_("Coming up"),
                marker={
                    "symbol": "circle-open",
                    "size": 13,
                    "color": "#d62728",
                    "line": {"width": 2},
                },
                customdata=[
                    [words.short_day(day), html.escape(str(t))]
                    for day, t in zip(soon["day"], soon["what"], strict=True)
                ],
                hovertemplate="%{y}<br>%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
            )
        )
    fig.add_vline(x=pd.Timestamp(today).timestamp() * 1000, line_dash="dot", line_color="#555")
    fig.update_layout(
        title=title,
        height=max(300, 70 + 28 * len(people)),
        yaxis={
            "categoryorder": "array",
            "categoryarray": [html.escape(n) for n in sorted(order, key=order.get)],
        },
        xaxis={"title": None},
        legend={"orientation": "h", "y": -0.15},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return fig
