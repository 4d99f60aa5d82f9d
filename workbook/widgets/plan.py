"""Exercise 7 widgets: a preview of the action plan, and the button that makes the PDF."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w

from .. import app
from ..i18n import _
from ..report import gather, svg, to_pdf
from ..report.html import plan_body
from ..report.pdf import charts
from ..report.plan import file_name
from ._common import LiveHTML, StatusLine, download_link, lean, width


class PlanPreview(LiveHTML):
    """The action plan as it stands, redrawn after every saved edit (charts are in the PDF)."""

    tables = ()  # every table: the plan gathers them all

    def refresh(self) -> None:
        self.value = (
            "<div style='border:1px solid #ddd;padding:0 1.2em;max-height:640px;overflow:auto'>"
            + plan_body(gather(self.wb))
            + "</div>"
        )


class DownloadPlan(w.VBox):
    """One button: make today's PDF; then a link to save it, in JupyterLab and in the app."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.button = lean(
            w.Button,
            description=_("Make my action plan (PDF)"),
            button_style="primary",
            icon="file-pdf-o",
            layout=width("280px"),
        )
        self.button.on_click(self._clicked)
        self.link = lean(w.HTML)
        self.pdf: bytes = b""
        super().__init__([self.button, self.link, self.status])
        # In JupyterLab the charts are drawn while the participant reads the preview, so the
        # click finds them ready. Not in the workshop app: there a chart browser per page
        # opened would compete with drawing the next page, and a server hosts a whole room.
        if not app.in_the_app() and svg.browser_path():
            svg.draw_soon(charts(wb))

    def _clicked(self, _button: w.Button) -> None:
        self.button.disabled = True
        self.button.description = _("Making your PDF…")
        try:
            self.pdf, note = to_pdf(self.wb)
        finally:
            self.button.disabled = False
            self.button.description = _("Make my action plan (PDF)")
        self.wb.plan_made()
        name = file_name(self.wb, "action-plan", "pdf")
        self.link.value = download_link(
            self.pdf, name, "application/pdf", _("Download my action plan (PDF)")
        ) + (f"<p style='color:#8a4b00'>{escape(note)}</p>" if note else "")

        self.status.saved(_("Made {name}").format(name=name))
