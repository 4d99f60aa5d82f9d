"""The exercise forms: small ipywidgets classes whose callbacks call the workbook's operations.

Imported on its own (``from workbook.widgets import ...``) so the core runs without Jupyter.
"""

from .money_trail import AskBuilder, AskTracker, MoneyTrailCharts, SpendTable, ThisWeek
from .profile import ProfileForm

__all__ = ["AskBuilder", "AskTracker", "MoneyTrailCharts", "ProfileForm", "SpendTable", "ThisWeek"]
