"""Charts: data in, plotly Figure out. Nothing here shows a figure or reads the workbook.

Every label that comes from the participant's data is HTML-escaped before plotly sees it,
because plotly renders hover and axis text as HTML.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from .profile import CURRENCIES

_PALETTE = px.colors.qualitative.Safe + px.colors.qualitative.Pastel


def _escape(values: pd.Series) -> pd.Series:
    return values.fillna("").astype(str).map(html.escape)


def _empty(title: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font={"size": 15}, x=0.5, y=0.5,
                       xref="paper", yref="paper")
    fig.update_layout(title=title, xaxis={"visible": False}, yaxis={"visible": False}, height=260)
    return fig


def money_trail(spend: pd.DataFrame, currency: str = "USD") -> go.Figure:
    """Businesses ranked by lifetime spend, coloured by profession, referrals sent beside each bar.

    ``spend`` is the spend table (``Workbook.spend_table()``): name, profession, lifetime_spend,
    annual_spend, years_as_customer, referrals_sent.
    """
    title = "Where your money goes: lifetime spend per business"
    if spend.empty:
        return _empty(title, "Add the businesses you pay to see them ranked here.")
    symbol = CURRENCIES.get(currency.upper(), currency.upper() + " ")
    data = spend.sort_values("lifetime_spend", ascending=True).assign(
        business=lambda d: _escape(d["name"]),
        profession_label=lambda d: _escape(d["profession"].replace("", "(no profession)")),
        referrals_label=lambda d: [
            f"{n} referral{'s' if n != 1 else ''} sent" if n else "" for n in d["referrals_sent"]
        ],
    )
    fig = px.bar(
        data,
        x="lifetime_spend",
        y="business",
        color="profession_label",
        orientation="h",
        text="referrals_label",
        custom_data=["annual_spend", "years_as_customer", "referrals_sent", "profession_label"],
        color_discrete_sequence=_PALETTE,
        labels={"lifetime_spend": f"Lifetime spend ({currency})", "business": "",
                "profession_label": "Profession"},
        title=title,
    )
    fig.update_traces(
        textposition="outside",
        cliponaxis=False,
        hovertemplate=(
            "<b>%{y}</b> (%{customdata[3]})<br>"
            f"Lifetime: {symbol}%{{x:,.0f}}<br>"
            f"A year: {symbol}%{{customdata[0]:,.0f}}<br>"
            "Years a customer: %{customdata[1]:g}<br>"
            "Referrals sent: %{customdata[2]}<extra></extra>"
        ),
    )
    fig.update_layout(
        height=max(300, 34 * len(data) + 120),
        yaxis={"categoryorder": "array", "categoryarray": list(data["business"])},
        xaxis={"tickprefix": symbol.strip() if len(symbol.strip()) <= 3 else "", "tickformat": ",.0f"},
        legend={"title": "Profession"},
        margin={"l": 10, "r": 120},
    )
    return fig


def money_trail_treemap(spend: pd.DataFrame, currency: str = "USD") -> go.Figure:
    """Lifetime spend by profession, then business, as a treemap."""
    title = "Your spend by profession"
    if spend.empty or spend["lifetime_spend"].sum() <= 0:
        return _empty(title, "Once you add businesses and what you spend, the treemap appears here.")
    data = spend[spend["lifetime_spend"] > 0].assign(
        business=lambda d: _escape(d["name"]),
        profession_label=lambda d: _escape(d["profession"].replace("", "(no profession)")),
    )
    fig = px.treemap(
        data,
        path=[px.Constant("All businesses"), "profession_label", "business"],
        values="lifetime_spend",
        color="profession_label",
        color_discrete_sequence=_PALETTE,
        title=title,
    )
    symbol = CURRENCIES.get(currency.upper(), currency.upper() + " ")
    fig.update_traces(
        hovertemplate=f"<b>%{{label}}</b><br>Lifetime: {symbol}%{{value:,.0f}}<extra></extra>",
        texttemplate=f"%{{label}}<br>{symbol}%{{value:,.0f}}",
    )
    fig.update_layout(height=460, margin={"t": 50, "l": 10, "r": 10, "b": 10})
    return fig
