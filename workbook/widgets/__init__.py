"""The exercise forms: small ipywidgets classes whose callbacks call the workbook's operations.

Imported on its own (``from workbook.widgets import ...``) so the core runs without Jupyter.
"""

from .asks import AskBuilder, AskTracker, ThisWeek
from .charts import CoverageChart, GainsChart, GoalMap, MoneyTrailCharts
from .gains import GainsForm, GainsOverview
from .goals import FavourWarnings, GoalsForm
from .preferred_clients import (
    ClientQuestions,
    CoverageSteps,
    PreferredClientForm,
    TargetProfessions,
)
from .profile import ProfileForm
from .spend_table import SpendTable

__all__ = [
    "AskBuilder",
    "AskTracker",
    "ClientQuestions",
    "CoverageChart",
    "CoverageSteps",
    "FavourWarnings",
    "GainsChart",
    "GainsForm",
    "GainsOverview",
    "GoalMap",
    "GoalsForm",
    "MoneyTrailCharts",
    "PreferredClientForm",
    "ProfileForm",
    "SpendTable",
    "TargetProfessions",
    "ThisWeek",
]
