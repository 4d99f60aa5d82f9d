"""The coach's programme: a cohort run over several weeks. The cohort's folder keeps the dates
in ``programme.toml`` (how many weeks, the first day, after how many quiet days to flag a
participant); the weekly view is worked out from each participant's own workbook (the week's
numbers and their check-in), never typed twice.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from . import this_week
from ._errors import InputError
from .i18n import N_, NN_, _, ngettext

FILE_NAME = "programme.toml"
MAX_WEEKS = 52
# The week's numbers the coach's weekly view shows: the heading of each (programme.csv) and
# its short words.
SHOWN = {"asks_made": (N_("Asks"), NN_("{n} ask", "{n} asks")),
         "meetings": (N_("Meetings"), NN_("{n} meeting", "{n} meetings")),
         "referrals_given": (N_("Referrals given"),
                             NN_("{n} referral given", "{n} referrals given")),
         "referrals_received": (N_("Referrals received"),
                                NN_("{n} referral received", "{n} referrals received"))}  # fmt: skip
WEEK_COLUMNS = [N_("Participant"), N_("Week"), N_("Starts"), N_("Checked in")]


@dataclass(frozen=True)
class Programme:
    weeks: int
    starts: dt.date
    quiet_days: int = 7

    def week_starts(self) -> list[dt.date]:
        return [self.starts + dt.timedelta(days=7 * n) for n in range(self.weeks)]

    def week_of(self, day: dt.date) -> int | None:
        """Which week (1, 2, ...) ``day`` is in; None before the first or after the last."""
        n = (day - self.starts).days // 7 + 1
        return n if 1 <= n <= self.weeks else None


def read(folder: str | Path) -> Programme | None:
    """The programme of a cohort folder, or None for a one-off workshop."""
    path = Path(folder) / FILE_NAME
    if not path.is_file():
        return None
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
        return checked(Programme(int(values["weeks"]), values["starts"],
                                  int(values.get("quiet_days", 7))))  # fmt: skip
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(
            _("{path} cannot be read ({why}). Set the programme again with {command}.").format(
                path=path, why=exc,
                command="workbook cohort programme FOLDER --weeks N --starts YYYY-MM-DD")
        ) from None  # fmt: skip


def save(folder: str | Path, weeks: Any = None, starts: Any = None, quiet_days: Any = None
         ) -> Programme:  # fmt: skip
    """Set or change the programme of a cohort folder; what is not given stays as it was."""
    from .dates import parse_date

    folder = Path(folder)
    found = read(folder)
    if found is None and (weeks is None or starts in (None, "")):
        raise InputError(_("A new programme needs its number of weeks and its first day."))
    changes: dict[str, Any] = {}
    if weeks is not None:
        changes["weeks"] = _whole(weeks, _("The number of weeks"))
    if starts not in (None, ""):
        changes["starts"] = parse_date(starts, _("First day"))
    if quiet_days is not None:
        changes["quiet_days"] = _whole(quiet_days, _("The quiet days"))
    programme = checked(replace(found, **changes) if found else Programme(**changes))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILE_NAME).write_text(
        "# The programme of this cohort (workbook cohort programme changes it).\n"
        f"weeks = {programme.weeks}\nstarts = {programme.starts.isoformat()}\n"
        f"quiet_days = {programme.quiet_days}\n",
        encoding="utf-8",
    )
    return programme


def _whole(value: Any, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError(
            _("{what} should be a whole number, such as 6.").format(what=what)
        ) from None


def checked(programme: Programme) -> Programme:
    if not 1 <= programme.weeks <= MAX_WEEKS:
        raise InputError(_("A programme runs from 1 to {n} weeks.").format(n=MAX_WEEKS))
    if not 1 <= programme.quiet_days <= 365:
        raise InputError(_("Quiet days is a number of days from 1 to 365."))
    if not isinstance(programme.starts, dt.date):
        raise InputError(_("The first day should be a date, such as 2027-01-11."))
    return programme


# -- the weekly view -------------------------------------------------------------------


def weeks_of(wb: Any, programme: Programme, today: dt.date) -> list[dict[str, Any]]:
    """For each week of the programme up to ``today``: the week's numbers from the workbook
    and the participant's check-in of that week (their own week that starts within it)."""
    check_ins = wb.check_ins().to_dict("records")
    starts = [start for start in programme.week_starts() if start <= today]
    found = []
    for n, (start, summary) in enumerate(zip(starts, this_week.summaries(wb, starts),
                                             strict=True), start=1):  # fmt: skip
        mine = [c for c in check_ins
                if -3 <= (dt.date.fromisoformat(c["week_start"]) - start).days < 4]  # fmt: skip
        check_in = mine[-1] if mine else None
        found.append({"week": n, "start": start, "numbers": summary,
                      "checked_in": check_in is not None,
                      "commitments": check_in["commitments"] if check_in else [],
                      "note": check_in["note"] if check_in else ""})  # fmt: skip
    return found


def in_words(numbers: dict[str, Any]) -> str:
    """'2 asks · 3 meetings', the week's main numbers that are not zero."""
    from .words import figure

    said = [ngettext(*forms, int(numbers[k])).format(n=figure(int(numbers[k])))
            for k, (_heading, forms) in SHOWN.items() if numbers.get(k)]  # fmt: skip
    return " · ".join(said)


def weekly(participants: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per participant and week: Participant, Week, Starts, Checked in, and the
    week's numbers (SHOWN: Asks, Meetings, Referrals given, Referrals received)."""
    rows = []
    for p in participants:
        for week in p.get("weeks", []):
            rows.append(dict(zip(WEEK_COLUMNS, (p["name"], week["week"],
                                                week["start"].isoformat(), week["checked_in"]),
                                 strict=True))
                        | {heading: int(week["numbers"].get(k, 0))
                           for k, (heading, _forms) in SHOWN.items()})  # fmt: skip
    return pd.DataFrame(rows)


def not_checked_in(participants: list[dict[str, Any]], week: int | None) -> list[str]:
    """Who has no check-in for programme week ``week``."""
    if week is None:
        return []
    return [p["name"] for p in participants
            if not any(w["week"] == week and w["checked_in"] for w in p.get("weeks", []))]  # fmt: skip


def quiet(participants: list[dict[str, Any]], days: int, now: pd.Timestamp
          ) -> list[tuple[str, int]]:  # fmt: skip
    """Who has not worked in their workbook for more than ``days`` days, and for how long."""
    found = []
    for p in participants:
        idle = (now - p["last_edit"]).days
        if idle > days:
            found.append((p["name"], int(idle)))
    return sorted(found, key=lambda item: -item[1])
