"""The exercise forms: small ipywidgets classes whose callbacks call the workbook's operations.

Imported on its own (``from workbook.widgets import ...``) so the core runs without Jupyter.
"""

from .asks import AskBuilder, AskTracker, ThisWeek
from .charts import CoverageChart, GainsChart, GoalMap, MoneyTrailCharts, NetworkChart
from .coach_notes import CoachNotes
from .cohort import CohortDashboard
from .drafts import DraftWriter
from .follow_up import (
    CadenceSettings,
    FollowUpDashboard,
    FollowUpTimeline,
    InteractionLog,
    ReconnectList,
)
from .follow_up_promises import CalendarDownload, PromiseLedger
from .gains import GainsForm, GainsOverview
from .goals import FavourWarnings, GoalsForm
from .imports import BankCandidates, BankImport, ContactsImport, PayeeRules
from .last_contact import LastContactImport, PeopleNotContacts
from .network import ContactsTable
from .network_referrals import ReferrabilityCheck, ReferralLog
from .plan import DownloadPlan, PlanPreview
from .preferred_clients import (
    ClientQuestions,
    CoverageSteps,
    PreferredClientForm,
    TargetProfessions,
)
from .profile import ProfileForm
from .spend_table import SpendTable
from .this_week import CheckIn, ProgressCharts

__all__ = [
    "AskBuilder",
    "AskTracker",
    "BankCandidates",
    "BankImport",
    "CadenceSettings",
    "CheckIn",
    "CoachNotes",
    "CalendarDownload",
    "ClientQuestions",
    "CohortDashboard",
    "ContactsImport",
    "ContactsTable",
    "CoverageChart",
    "CoverageSteps",
    "DownloadPlan",
    "DraftWriter",
    "FavourWarnings",
    "FollowUpDashboard",
    "FollowUpTimeline",
    "GainsChart",
    "GainsForm",
    "GainsOverview",
    "GoalMap",
    "GoalsForm",
    "InteractionLog",
    "LastContactImport",
    "PeopleNotContacts",
    "MoneyTrailCharts",
    "NetworkChart",
    "PayeeRules",
    "PlanPreview",
    "ProgressCharts",
    "PreferredClientForm",
    "ProfileForm",
    "PromiseLedger",
    "ReconnectList",
    "ReferrabilityCheck",
    "ReferralLog",
    "SpendTable",
    "TargetProfessions",
    "ThisWeek",
]
