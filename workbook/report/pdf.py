"""The action plan as a PDF, typeset with Typst; charts are the same plotly figures as SVG.

Charts go through kaleido, which drives a Chrome or Chromium on this computer. One kaleido
server runs per process, so after the first chart each takes a fraction of a second. Without
a browser the PDF is still made, with a note saying why the charts are missing.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any

import typst

from .. import plots
from .plan import gather

TEMPLATE = Path(__file__).resolve().parent / "action_plan.typ"
NO_CHARTS = (
    "The charts are not in this PDF: no Chrome or Chromium browser was found on this computer "
    "to draw them. Install one (on Debian or Ubuntu: apt install chromium) and export again."
)

_kaleido_lock = threading.Lock()
_kaleido_started = False


def browser_path() -> str | None:
    """The Chrome or Chromium kaleido will use ($BROWSER_PATH first), or None."""
    chosen = os.environ.get("BROWSER_PATH")
    if chosen:
        return chosen if os.access(chosen, os.X_OK) else None
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=False)


def _svg(fig: Any) -> bytes:
    """One chart as SVG through the process-wide kaleido server (started on first use)."""
    global _kaleido_started
    import kaleido

    with _kaleido_lock:
        if not _kaleido_started:
            kaleido.start_sync_server(silence_warnings=True)
            _kaleido_started = True
    # A page is about 900 pixels wide; tall charts are kept short enough for three a page.
    height = min(max(int(fig.layout.height or 450), 300), 460)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # plotly warns that per-call options go unused
        return fig.to_image(format="svg", width=900, height=height)


def charts(wb: Any) -> list[Any]:
    """The plan's charts: money-trail ranking, network and goal map (the ones with data)."""
    spend = wb.spend_table()
    figures = []
    if len(spend):
        figures.append(plots.money_trail(spend, wb.profile().currency))
    if len(wb.contacts()):
        figures.append(plots.network(wb.network_layout(), wb.profile().name))
    if len(wb.goals()):
        figures.append(plots.goal_map(wb.goals(), wb.goal_people(), wb.profile().name))
    return figures


def to_pdf(wb: Any, *, with_charts: bool = True) -> tuple[bytes, str]:
    """The action plan as PDF bytes, and a note ('' or why the charts are missing)."""
    data = gather(wb)
    note = ""
    with tempfile.TemporaryDirectory(prefix="workbook-plan-") as folder:
        root = Path(folder)
        (root / "plan.typ").write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
        data["charts"] = []
        if with_charts and browser_path() is None:
            note = NO_CHARTS
        elif with_charts:
            try:
                for i, fig in enumerate(charts(wb)):
                    (root / f"chart{i}.svg").write_bytes(_svg(fig))
                    data["charts"].append(f"chart{i}.svg")
            except Exception as exc:  # the browser would not start: the plan matters more
                data["charts"] = []
                note = f"The charts could not be drawn ({exc}); the rest of the plan is complete."
        data["charts_note"] = note
        pdf = typst.compile(
            str(root / "plan.typ"),
            root=str(root),
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
        )
    return pdf, note
