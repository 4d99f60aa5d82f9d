"""The action plan: what the participant takes home, as PDF (and HTML); the follow-up calendar."""

from .html import to_html
from .ics import to_ics
from .pdf import to_pdf
from .plan import gather
from .xlsx import export_xlsx, import_xlsx

__all__ = ["export_xlsx", "gather", "import_xlsx", "to_html", "to_ics", "to_pdf"]
