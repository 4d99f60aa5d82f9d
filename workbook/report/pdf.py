"""The action plan as a PDF, typeset with Typst; charts are the same plotly figures as SVG.

Charts go through kaleido, which drives a Chrome or Chromium on this computer (see ``svg``).
Without a browser the PDF is still made, with a note saying why the charts are missing.
"""

from __future__ import annotations

import json
import math
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import typst

from .. import plots
from ..i18n import N_, _
from . import svg
from .plan import gather

TEMPLATE = Path(__file__).resolve().parent / "action_plan.typ"
NO_CHARTS = N_(
    "The charts are not in this PDF: no Chrome or Chromium browser was found on this computer "
    "to draw them. Install one (on Debian or Ubuntu: apt install chromium) and export again."
)


def charts(wb: Any) -> list[plots.Spec]:
    """The plan's charts as plain data (``go.Figure(spec)`` shows one): money-trail ranking,
    network and goal map (the ones with data)."""
    return list(each_chart(wb))


def each_chart(wb: Any) -> Iterator[plots.Spec]:
    """The plan's charts one at a time, each built when the last has been taken."""
    spend = wb.spend_table()
    if len(spend):
        profile = wb.profile()
        yield plots.money_trail_spec(spend, profile.currency, locale=profile.writes_in)
    if len(wb.contacts()):
        yield plots.network_spec(wb.network_layout(), wb.profile().name)
    goals = wb.goals()
    if len(goals):
        yield plots.goal_map_spec(goals, wb.goal_people(), wb.profile().name)


def to_pdf(wb: Any, *, with_charts: bool = True) -> tuple[bytes, str]:
    """The action plan as PDF bytes, and a note ('' or why the charts are missing)."""
    note = ""
    drawn: Callable[[], list[bytes]] = list
    if with_charts and svg.browser_path() is None:
        note = _(NO_CHARTS)
    elif with_charts:
        try:  # the browser draws while the plan's text is gathered
            drawn = svg.drawing(each_chart(wb))
        except Exception as exc:  # the browser would not start: the plan matters more
            note = _not_drawn(exc)
    data = gather(wb)
    with tempfile.TemporaryDirectory(prefix="workbook-plan-") as folder:
        root = Path(folder)
        (root / "plan.typ").write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
        data["charts"] = []
        try:
            for i, picture in enumerate(drawn()):
                (root / f"chart{i}.svg").write_bytes(picture)
                data["charts"].append(f"chart{i}.svg")
        except Exception as exc:  # the browser failed while drawing: the plan matters more
            data["charts"] = []
            note = _not_drawn(exc)
        data["charts_note"] = note
        pdf = typeset(root / "plan.typ", data, root=root)
    return pdf, note


def _not_drawn(exc: Exception) -> str:
    """The plan's note in words; what the browser said goes to the workbook's log."""
    from .._log import log

    log.warning("charts not drawn for the action plan: %r", exc)
    return _(
        "The charts could not be drawn this time (the browser that draws them did not answer); "
        "the rest of the plan is complete. Make the plan again to try once more."
    )


_compiler: typst.Compiler | None = None
_compiler_lock = threading.Lock()


def typeset(template: Path, data: dict[str, Any], root: Path | None = None) -> bytes:
    """A Typst file as PDF bytes, with ``data`` as JSON in ``sys.inputs.data``. One compiler
    serves the process, so the system fonts are read once, not on every PDF."""
    global _compiler
    with _compiler_lock:
        if _compiler is None:
            _compiler = typst.Compiler()
        return _compiler.compile(
            str(template),
            root=str(root or template.parent),
            sys_inputs={"data": json.dumps(_no_gaps(data), ensure_ascii=False)},
        )


def _no_gaps(value: Any) -> Any:
    """The data with any NaN (pandas' missing value) as empty text: Typst refuses JSON with
    NaN in it, and one gap in a participant's data must not cost them the whole PDF."""
    if isinstance(value, dict):
        return {k: _no_gaps(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_gaps(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return ""
    return value
