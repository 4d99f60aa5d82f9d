"""The action plan: what the participant takes home, as PDF (and HTML)."""

from .html import to_html
from .pdf import to_pdf
from .plan import gather

__all__ = ["gather", "to_html", "to_pdf"]
