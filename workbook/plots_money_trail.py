"""Exercise 1's charts: the money trail ranking and the treemap by profession.

Pure like ``plots``: DataFrames in, a plotly Figure out; user text is HTML-escaped.
"""

from __future__ import annotations

import math
from unicodedata import east_asian_width

import pandas as pd
import plotly.graph_objects as go

from . import locales
from ._chart_parts import PALETTE as _PALETTE
from ._chart_parts import Spec
from ._chart_parts import blank as _blank
from ._chart_parts import empty as _empty
from ._chart_parts import escape as _escape
from .i18n import _, ngettext

# The width the action plan draws charts at (report.svg); the notebooks' are about as wide.
CHART_WIDTH = 900


def _text_px(text: str) -> float:
    """About how wide a text is at plotly's 12 px, a little more than it needs (capitals and
    wide East Asian letters count wider)."""
    return sum(12 if east_asian_width(c) in "WF" else 8.5 if c.isupper() else 6.5 for c in text)


def _label_room(labels: pd.Series) -> int:
    """Pixels for the longest axis label. The axis still grows to fit a longer label
    (automargin), but only by drawing the chart a second time: a third of the money-trail
    chart's drawing time."""
    return round(max((_text_px(str(label)) for label in labels), default=0)) + 20


def _colours(professions: pd.Series) -> dict[str, str]:
    """The same colour for a profession in every chart: assigned in alphabetical order."""
    names = sorted(set(professions))
    return {name: _PALETTE[i % len(_PALETTE)] for i, name in enumerate(names)}


def _money_layout(currency: str, locale: str | None) -> tuple[str, str, str]:
    """The symbol before and after a chart's amounts, and plotly's decimal and thousands
    marks, as the locale writes money."""
    before, after = locales.chart_money(currency, locale)
    return before, after, locales.chart_separators(locale)


def _labelled(spend: pd.DataFrame) -> pd.DataFrame:
    return spend.assign(
        business=_escape(spend["name"]),
        profession_label=_escape(spend["profession"].replace("", _("(no profession)"))),
    )


def money_trail(
    spend: pd.DataFrame, currency: str = "USD", width: int = CHART_WIDTH, locale: str | None = None
) -> go.Figure:
    """Businesses ranked by lifetime spend, coloured by profession, referrals sent beside each bar.

    ``spend`` is the spend table (``Workbook.spend_table()``): name, profession, lifetime_spend,
    annual_spend, years_as_customer, referrals_sent, and optionally declined.
    """
    return go.Figure(money_trail_spec(spend, currency, width, locale))


def money_trail_spec(
    spend: pd.DataFrame, currency: str = "USD", width: int = CHART_WIDTH, locale: str | None = None
) -> Spec:
    """``money_trail`` as plain data, for a chart ``width`` pixels wide (a phone's is narrow:
    long names are shortened there, so the bars keep room)."""
    title = (
        _("Lifetime spend per business")
        if width < 600
        else _("Where your money goes: lifetime spend per business")
    )
    if spend.empty:
        return _blank(title, _("Add the businesses you pay to see them ranked here."))
    before, after, separators = _money_layout(currency, locale)
    data = _labelled(spend).sort_values("lifetime_spend", ascending=True)
    if width < 600:  # a phone: names of at most 18 letters beside the bars
        short = [n if len(n) <= 18 else n[:17].rstrip() + "…" for n in data["name"]]
        data["business"] = _escape(pd.Series(short, index=data.index, dtype="str"))
    declined = data["declined"] if "declined" in data else pd.Series(False, index=data.index)
    data["note"] = [
        " · ".join(
            part
            for part in (
                ngettext("{n} referral sent", "{n} referrals sent", n).format(n=n) if n else "",
                _("declined your ask") if d else "",
            )
            if part
        )
        for n, d in zip(data["referrals_sent"], declined, strict=True)
    ]
    # One trace per profession gives each its colour and a legend entry; professions are
    # added biggest spender first so the legend reads like the chart.
    order = data.groupby("profession_label", sort=False)["lifetime_spend"].max()
    colours = _colours(data["profession_label"])
    rows_of = data.groupby("profession_label", sort=False).indices
    # Lists, not Series: plotly checks a Series through narwhals, several times slower.
    spent, names, notes = (data[c].tolist() for c in ("lifetime_spend", "business", "note"))
    lifetime, a_year = _("Lifetime"), _("A year")
    years, sent = _("Years a customer"), _("Referrals sent")
    details = data[["annual_spend", "years_as_customer", "referrals_sent"]].to_numpy()
    traces = [
        {
            "type": "bar",
            "x": [spent[i] for i in rows_of[profession]],
            "y": [names[i] for i in rows_of[profession]],
            "name": profession,
            "orientation": "h",
            "marker": {"color": colours[profession]},
            "text": [notes[i] for i in rows_of[profession]],
            "textposition": "outside",
            "cliponaxis": False,
            "customdata": details[rows_of[profession]],
            "hovertemplate": (
                f"<b>%{{y}}</b> ({profession})<br>"
                f"{lifetime}: {before}%{{x:,.0f}}{after}<br>"
                f"{a_year}: {before}%{{customdata[0]:,.0f}}{after}<br>"
                f"{years}: %{{customdata[1]:g}}<br>"
                f"{sent}: %{{customdata[2]}}<extra></extra>"
            ),
        }
        for profession in order.sort_values(ascending=False).index
    ]
    # Each bar's note must end inside the plot: the axis reaches as far past the bars as
    # their notes need (on a chart CHART_WIDTH wide; a wider one has room to spare), and at
    # most three times the biggest spend. The legend sits under the chart, so the bars keep
    # the width on a phone too.
    left, right = _label_room(data["business"]), 24
    plot = max(width - left - right, 120)
    reach = max(
        amount * plot / max(plot - _text_px(note) - 12, plot / 3)
        for amount, note in zip(spent, notes, strict=True)
    )
    # Plain dicts: a Figure made from go.Bar objects checks (and copies) everything twice.
    return {
        "data": traces,
        "layout": {
            "title": {"text": title},
            "height": max(300, 34 * len(data) + 120) + 26 * math.ceil(len(traces) / 4),
            "barmode": "relative",
            "yaxis": {"categoryorder": "array", "categoryarray": names},
            "xaxis": {
                "range": [0, max(reach, max(spent) * 1.05) or 1],
                "title": {"text": _("Lifetime spend ({currency})").format(currency=currency)},
                "tickformat": ",.0f",
                "tickprefix": before if len(before.strip()) <= 3 else "",
                "ticksuffix": after if len(after.strip()) <= 3 else "",
            },
            "separators": separators,
            "legend": {
                "title": {"text": _("Profession") + " "},
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": -0.12 - 30 / max(300, 34 * len(data) + 120),
                "yanchor": "top",
            },
            "margin": {"l": left, "r": right},
        },
    }


def money_trail_treemap(
    spend: pd.DataFrame, currency: str = "USD", locale: str | None = None
) -> go.Figure:
    """Lifetime spend by profession, then business, as a treemap."""
    title = _("Your spend by profession")
    if spend.empty or spend["lifetime_spend"].sum() <= 0:
        return _empty(
            title, _("Once you add businesses and what you spend, the treemap appears here.")
        )
    data = _labelled(spend[spend["lifetime_spend"] > 0])
    root = _("All businesses")
    by_profession = data.groupby("profession_label")["lifetime_spend"].sum()
    ids = [root] + [f"{root}/{p}" for p in by_profession.index]
    labels = [root] + list(by_profession.index)
    parents = [""] + [root] * len(by_profession)
    values = [float(by_profession.sum())] + [float(v) for v in by_profession]
    colours = _colours(data["profession_label"])
    for i, row in enumerate(data.itertuples(index=False)):
        ids.append(f"{root}/{row.profession_label}/{i}")
        labels.append(row.business)
        parents.append(f"{root}/{row.profession_label}")
        values.append(float(row.lifetime_spend))
    before, after, separators = _money_layout(currency, locale)
    lifetime = _("Lifetime")
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="total",
            hovertemplate=(
                f"<b>%{{label}}</b><br>{lifetime}: {before}%{{value:,.0f}}{after}<extra></extra>"
            ),
            texttemplate=f"%{{label}}<br>{before}%{{value:,.0f}}{after}",
            marker={
                "colors": ["#f4f4f4", *colours.values(), *data["profession_label"].map(colours)]
            },
        )
    )
    fig.update_layout(
        title=title, height=460, margin={"t": 50, "l": 10, "r": 10, "b": 10}, separators=separators
    )
    return fig
