"""Exercise 4's chart: what the participant knows of each partner's GAINS, and what they share."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from ._chart_parts import empty as _empty
from ._chart_parts import escape as _escape
from .i18n import _, ngettext


def gains_grid(people: pd.DataFrame) -> go.Figure:
    """What you know of each person's GAINS: grey where you do not know yet, blue where you
    do, green where they share an interest, network or skill with you (named in the cell).

    ``people`` is ``Workbook.gains()``: name, is_you, and the five GAINS fields.
    """
    from . import gains  # the GAINS rules: which entries count as shared

    title = _("GAINS: what you know, and what you share")
    if people.empty:
        return _empty(title, _("Fill in your own GAINS, then add a referral partner."))
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
                else ngettext("{n} noted", "{n} noted", len(entries)).format(n=len(entries))
                if entries
                else _("ask")
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
