"""Exercise 2's chart: whom the participant already knows in each of their five professions."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from ._chart_parts import empty as _empty
from ._chart_parts import escape as _escape
from .i18n import _, ngettext


def coverage(table: pd.DataFrame) -> go.Figure:
    """How many people you already know in each target profession; the empty ones say so.

    ``table`` is ``Workbook.coverage()``: profession, known, names, next_step.
    """
    title = _("Who you already know in your five professions")
    if table.empty:
        return _empty(title, _("Pick your five professions to see who you already know in each."))
    data = table.iloc[::-1]  # first pick at the top
    labels = _escape(data["profession"])
    fig = go.Figure(
        go.Bar(
            x=data["known"],
            y=labels,
            orientation="h",
            marker_color=["#2e8540" if n else "#e07b39" for n in data["known"]],
            text=[
                ngettext("{n} known", "{n} known", n).format(n=n) if n else _("meet someone here")
                for n in data["known"]
            ],
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
        xaxis={"title": _("People you know"), "dtick": 1, "range": [0, most * 1.4 + 0.5]},
    )
    return fig
