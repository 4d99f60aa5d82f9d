"""The exercise forms: small ipywidgets classes whose callbacks call the workbook's operations.

Imported on its own (``from workbook.widgets import ...``) so the core runs without Jupyter.
"""

from .asks import AskBuilder, AskTracker, ThisWeek
from .charts import MoneyTrailCharts
from .profile import ProfileForm
from .spend_table import SpendTable

__all__ = ["AskBuilder", "AskTracker", "MoneyTrailCharts", "ProfileForm", "SpendTable", "ThisWeek"]
