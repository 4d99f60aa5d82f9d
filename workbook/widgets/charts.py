"""Charts that redraw themselves after every saved edit."""

from __future__ import annotations

import json
from typing import Any

import ipywidgets as w

from .. import plots


class MoneyTrailCharts(w.VBox):
    """The ranking and the treemap, redrawn after every saved edit."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.output = w.Output()
        self.figures: list[Any] = []
        self.redraw()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__([self.output])

    def redraw(self) -> None:
        spend = self.wb.spend_table()
        currency = self.wb.profile().currency
        self.figures = [
            plots.money_trail(spend, currency),
            plots.money_trail_treemap(spend, currency),
        ]
        # Setting the outputs directly (rather than display() inside the Output) redraws in one
        # step and does not depend on which cell is running; building the bundle here skips
        # IPython's formatters, which would also render each chart as a 4 MB HTML page.
        self.output.outputs = tuple(_chart_output(fig) for fig in self.figures)

    def _store_changed(self, table: str) -> None:
        if table in ("businesses", "asks", "profile"):
            self.redraw()


def _chart_output(fig: Any) -> dict[str, Any]:
    """The display bundle plotly's own mime renderer would make. Built by hand because
    plotly.io's renderer module imports nbformat and jsonschema: a second on first use."""
    figure = json.loads(fig.to_json())
    figure["config"] = {"displaylogo": False, "responsive": True}
    bundle = {
        "application/vnd.plotly.v1+json": figure,
        "text/plain": f"[chart] {fig.layout.title.text or ''}",
    }
    return {"output_type": "display_data", "data": bundle, "metadata": {}}
