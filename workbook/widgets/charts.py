"""Charts that redraw themselves after every saved edit."""

from __future__ import annotations

import json
from typing import Any

import ipywidgets as w

from .. import app, plots
from ._common import once_the_page_is_up


class Charts(w.VBox):
    """Figures built from the workbook, redrawn when one of ``tables`` changes.

    Subclasses say which tables they follow and build their figures in ``figures_for``.
    """

    tables: tuple[str, ...] = ()

    def __init__(self, wb: Any):
        self.wb = wb
        self.output = w.Output()
        self.figures: list[Any] = []
        once_the_page_is_up(self.redraw)
        wb.on_change(self._store_changed, key=type(self).__name__)
        app.on_width_change(self.redraw)
        super().__init__([self.output])

    def figures_for(self, wb: Any) -> list[Any]:
        raise NotImplementedError

    def redraw(self) -> None:
        self.figures = self.figures_for(self.wb)
        # Setting the outputs directly (rather than display() inside the Output) redraws in one
        # step and does not depend on which cell is running; building the bundle here skips
        # IPython's formatters, which would also render each chart as a 4 MB HTML page.
        self.output.outputs = tuple(_chart_output(fig) for fig in self.figures)

    def _store_changed(self, table: str) -> None:
        if table in self.tables:
            self.redraw()


class MoneyTrailCharts(Charts):
    """The ranking and the treemap of your money trail."""

    tables = ("businesses", "asks", "profile")

    def figures_for(self, wb: Any) -> list[Any]:
        spend = wb.spend_table()
        profile = wb.profile()
        return [
            plots.money_trail(spend, profile.currency, app.chart_width(), profile.writes_in),
            plots.money_trail_treemap(spend, profile.currency, profile.writes_in),
        ]


class CoverageChart(Charts):
    """How many people you already know in each of your five professions."""

    tables = ("target_professions", "contacts")

    def figures_for(self, wb: Any) -> list[Any]:
        return [plots.coverage(wb.coverage())]


class GoalMap(Charts):
    """You, your goals, and the people who could help with each, coloured by relationship."""

    tables = ("goals", "goal_people", "contacts", "profile")

    def figures_for(self, wb: Any) -> list[Any]:
        return [plots.goal_map(wb.goals(), wb.goal_people(), wb.profile().name)]


class GainsChart(Charts):
    """What you know of each partner's GAINS, and what you share."""

    tables = ("gains", "contacts", "profile")

    def figures_for(self, wb: Any) -> list[Any]:
        return [plots.gains_grid(wb.gains())]


class NetworkChart(Charts):
    """You at the centre, rings by relationship, sectors by profession; referrals both ways."""

    tables = ("contacts", "referrals", "profile")

    def figures_for(self, wb: Any) -> list[Any]:
        return [
            plots.network(wb.network_layout(), wb.profile().name),
            plots.reciprocity(wb.reciprocity()),
        ]


def _chart_output(fig: Any) -> dict[str, Any]:
    """The display bundle plotly's own mime renderer would make. Built by hand because
    plotly.io's renderer module imports nbformat and jsonschema: a second on first use."""
    figure = json.loads(fig.to_json())
    figure["config"] = {"displaylogo": False, "responsive": True}
    if app.in_the_app():  # a participant's page: no zoom tools over the chart
        figure["config"]["displayModeBar"] = False
    if app.narrow():  # a phone: a smaller title, the legend under the chart, thin margins
        layout = figure.setdefault("layout", {})
        title = layout.get("title") or {}
        title = {"text": title} if isinstance(title, str) else title
        layout["title"] = {**title, "font": {"size": 14}, "x": 0, "xanchor": "left"}
        layout["legend"] = {**layout.get("legend", {}), "orientation": "h", "x": 0, "y": -0.15,
                            "yanchor": "top", "xanchor": "left"}  # fmt: skip
        margin = layout.get("margin", {})
        layout["margin"] = {**margin, "r": min(margin.get("r", 20), 20)}
    bundle = {
        "application/vnd.plotly.v1+json": figure,
        "text/plain": f"[chart] {fig.layout.title.text or ''}",
    }
    return {"output_type": "display_data", "data": bundle, "metadata": {}}
