"""What every chart module shares: the palette, a figure as plain data, escaping what the
participant typed (plotly renders hover and axis text as HTML), and the chart with nothing to
show yet."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from .i18n import N_

PALETTE = px.colors.qualitative.Safe + px.colors.qualitative.Pastel
# Relationship depth, shallow to deep: the colour every people chart uses, and its name.
DEPTH_COLOURS = {
    "contact": "#c9c9c9",
    "acquaintance": "#f2b134",
    "connection": "#4a90d9",
    "referral_partner": "#2e8540",
}
DEPTH_LABELS = {
    "contact": N_("Contact"),
    "acquaintance": N_("Acquaintance"),
    "connection": N_("Connection"),
    "referral_partner": N_("Referral partner"),
}

# A figure as plain data, {"data": [trace, ...], "layout": {...}}: what go.Figure takes, and what
# the action plan sends to its chart browser without plotly's checks (see report.svg).
Spec = dict[str, Any]


def escape(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).map(html.escape)


def escaped(values: pd.Series) -> list[str]:
    """``escape`` as a list, without pandas' cost per call (the plan's charts)."""
    return [html.escape(v) if isinstance(v, str) else "" if pd.isna(v) else html.escape(str(v))
            for v in values.tolist()]  # fmt: skip


def empty(title: str, message: str) -> go.Figure:
    return go.Figure(blank(title, message))


def blank(title: str, message: str) -> Spec:
    return {
        "data": [],
        "layout": {
            "annotations": [
                {
                    "text": message,
                    "showarrow": False,
                    "font": {"size": 15},
                    "x": 0.5,
                    "y": 0.5,
                    "xref": "paper",
                    "yref": "paper",
                }
            ],
            "title": {"text": title},
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "height": 260,
        },
    }
