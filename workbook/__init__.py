"""Networking Workbook: coaching exercises for referral networking, saved as you go."""

from ._errors import InputError, WorkbookBusy
from ._workbook import Workbook, default_path, open
from .profile import Profile
from .sample import demo

__all__ = ["InputError", "Profile", "Workbook", "WorkbookBusy", "default_path", "demo", "open"]
__version__ = "0.1.0"
