"""This week (exercise 8): progress over the weeks against the participant's own targets.

Pure like ``plots``: a DataFrame in (``this_week.progress``), a plotly Figure out. Plainly
accountable: the same calm colour for every week, the target as a line, "3 of 4 planned" in
words; no red, no streaks.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from . import words
from .i18n import _, ngettext
from .this_week import METRICS, metric_label, planned

_BAR = "#4c78a8"
_TARGET = "#555555"


def _label(week_start: str) -> str:
    day = dt.date.fromisoformat(week_start)
    return words.short_day(day, year=False)


def weekly_progress(progress: pd.DataFrame, metric: str, width: int | None = None) -> go.Figure:
    """One metric week by week (bars) and the target in force each week (a line), titled
    with this week's "done of planned" and how many weeks met their target."""
    rows = progress[progress["metric"] == metric]
    name = metric_label(metric)
    weeks = [_label(w) for w in rows["week_start"]]
    fig = go.Figure()
    week_of = _("Week of {day}").format(day="%{x}")
    fig.add_trace(go.Bar(x=weeks, y=rows["done"], name=name, marker_color=_BAR,
                         text=rows["done"], textposition="outside",
                         hovertemplate=f"{week_of}: %{{y}}<extra></extra>"))  # fmt: skip
    aimed = rows[rows["target"] > 0]
    if len(aimed):
        fig.add_trace(go.Scatter(
            x=[_label(w) for w in aimed["week_start"]], y=aimed["target"], name=_("Planned"),
            mode="lines+markers", line={"color": _TARGET, "dash": "dash", "shape": "hvh"},
            hovertemplate=_("Planned for the week of {day}").format(day="%{x}")
            + ": %{y}<extra></extra>"))  # fmt: skip
    title = name
    if len(rows) and rows["target"].iloc[-1]:
        last = rows.iloc[-1]
        title += ": " + _("{planned} this week").format(
            planned=planned(int(last["done"]), int(last["target"]))
        )
    if len(aimed):
        met = ngettext(
            "{met} of {n} week met what you planned", "{met} of {n} weeks met what you planned",
            len(aimed),
        ).format(met=int(aimed["met"].sum()), n=len(aimed))  # fmt: skip
        title += f"<br><sub>{met}</sub>"
    top = max([1, *rows["done"], *rows["target"]]) * 1.25
    fig.update_layout(title=title, height=280, width=width, showlegend=bool(len(aimed)),
                      legend={"orientation": "h", "y": -0.2}, bargap=0.4,
                      yaxis={"range": [0, top], "dtick": 1 if top <= 10 else None},
                      margin={"l": 40, "r": 10, "t": 70, "b": 40})  # fmt: skip
    return fig


def metrics_to_chart(progress: pd.DataFrame) -> list[str]:
    """The metrics the participant set a target for at some point, in METRICS order."""
    aimed = set(progress.loc[progress["target"] > 0, "metric"])
    return [m for m in METRICS if m in aimed]
