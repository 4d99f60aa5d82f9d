"""Coach mode: a cohort is a folder of workbook files, one per participant.

A roster made in a spreadsheet becomes the folder; the folder becomes the room's dashboard:
who has done what, the room's totals, the professions present and missing, and the
introductions to make in the session. Nothing here shows an email, a phone number or a
participant's contacts, except the email of a participant who opted in.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import introductions as meeting
from . import money_trail, preferred_clients
from . import programme as programmes
from . import progress as exercise_list
from ._errors import InputError
from ._store_open import damaged, given_workbook
from ._workbook import Workbook
from .i18n import N_, _
from .roster import file_name, new_cohort, read_roster

# The headings of the progress table (translated where shown: the page and the CSV).
EXERCISES = {
    "profile": N_("0 Profile"),
    "money_trail": N_("1 Money trail"),
    "preferred_clients": N_("2 Preferred clients"),
    "goals": N_("3 Goals"),
    "gains": N_("4 GAINS"),
    "network": N_("5 Network"),
    "follow_up": N_("6 Follow-up"),
}
PARTICIPANT, PROFESSION, DONE, LAST_EDIT = (N_("Participant"), N_("Profession"), N_("Done"),
                                            N_("Last edit"))  # fmt: skip


# -- reading a cohort ------------------------------------------------------------------


@dataclass
class Cohort:
    folder: Path
    participants: list[dict[str, Any]] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    programme: programmes.Programme | None = None
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def week(self) -> int | None:
        """The programme's week today (1, 2, ...), None without a programme or outside it."""
        return self.programme.week_of(self.today) if self.programme else None


def load(folder: str | os.PathLike[str]) -> Cohort:
    """Everything the dashboard needs from each workbook in a folder; a file that cannot be
    read is listed with the reason, and the others are still read."""
    root = Path(folder).expanduser()
    if not root.is_dir():
        raise InputError(
            _(
                "{folder} is not a folder: give the folder that holds the cohort's workbooks."
            ).format(folder=root)
        )

    cohort = Cohort(root, programme=programmes.read(root))
    for path in sorted(root.glob("*.sqlite")):
        if "-backup-" in path.name:
            continue
        try:
            with Workbook(given_workbook(path)) as wb:
                cohort.participants.append(_summary(wb, path, cohort))
        except InputError as exc:
            cohort.unreadable.append((path.name, str(exc)))
        except sqlite3.DatabaseError:  # damaged past what the check on opening finds
            cohort.unreadable.append((path.name, str(damaged(path))))
    return cohort


def _summary(wb: Workbook, path: Path, cohort: Cohort) -> dict[str, Any]:
    profile = wb.profile()
    spend = wb.spend_table()
    totals = money_trail.totals(spend)
    asks = wb.asks()
    referrals = wb.referrals()
    # The same rules as the participant's own exercise list: each exercise from its own work.
    done = {key: value for key, value in exercise_list.done(wb).items() if key in EXERCISES}
    return {
        "file": path.name,
        "name": profile.name or path.stem,
        "business": profile.business,
        "profession": profile.profession,
        "email": profile.email if profile.share_with_cohort else "",
        "targets": wb.target_professions(),
        "markets": wb.client_tags(),
        "done": done,
        "last_edit": _last_edit(wb, path),
        "annual_spend": totals["annual_spend"],
        "lifetime_spend": totals["lifetime_spend"],
        "currency": profile.currency,
        "asks_made": int((asks["status"] != "planned").sum()) if len(asks) else 0,
        "asks_agreed": int((asks["status"] == "agreed").sum()) if len(asks) else 0,
        "referrals_given": int((referrals["direction"] == "given").sum()) if len(referrals) else 0,
        "referrals_received": int((referrals["direction"] == "received").sum())
        if len(referrals)
        else 0,
        # The programme's weeks so far: the coach's eyes only (never in the room's files).
        "weeks": programmes.weeks_of(wb, cohort.programme, cohort.today)
        if cohort.programme
        else [],
        "coach_notes": [
            {"about": n["about_now"], "text": n["text"]}
            for n in wb.coach_notes().to_dict("records")
        ],
    }


def _last_edit(wb: Workbook, path: Path) -> pd.Timestamp:
    """The participant's own last edit, in this computer's time: kept in the workbook, so a
    gathered copy shows when they last typed, not when it was copied."""
    edited = wb.store.last_edit()
    if edited is None:
        return pd.Timestamp(path.stat().st_mtime, unit="s").floor("min")
    return pd.Timestamp(edited.astimezone().replace(tzinfo=None)).floor("min")


# -- the dashboard's tables ------------------------------------------------------------


def progress(cohort: Cohort) -> pd.DataFrame:
    """One row per participant: each exercise done or not, and the last edit."""
    rows = []
    for p in cohort.participants:
        row = {PARTICIPANT: p["name"], PROFESSION: p["profession"]}
        row.update({label: p["done"][key] for key, label in EXERCISES.items()})
        row[DONE] = sum(p["done"].values())
        row[LAST_EDIT] = p["last_edit"]
        rows.append(row)
    return pd.DataFrame(rows)


def totals(cohort: Cohort) -> dict[str, Any]:
    ps = cohort.participants
    currencies = {p["currency"] for p in ps}
    return {
        "participants": len(ps),
        "annual_spend": sum(p["annual_spend"] for p in ps),
        "lifetime_spend": sum(p["lifetime_spend"] for p in ps),
        "currency": currencies.pop() if len(currencies) == 1 else "",
        "asks_made": sum(p["asks_made"] for p in ps),
        "asks_agreed": sum(p["asks_agreed"] for p in ps),
        "referrals_given": sum(p["referrals_given"] for p in ps),
        "referrals_received": sum(p["referrals_received"] for p in ps),
    }


def professions(cohort: Cohort) -> tuple[pd.DataFrame, list[str]]:
    """The professions in the room (how many of each), and the target professions of anyone in
    the room that nobody in the room practises."""
    present = pd.Series([p["profession"] for p in cohort.participants if p["profession"]])
    counts = present.value_counts().rename_axis(PROFESSION).reset_index(name=N_("People"))
    missing = sorted(
        {
            t
            for p in cohort.participants
            for t in p["targets"]
            if not any(preferred_clients.same_profession(t, q) for q in present)
        }
    )
    return counts, missing


def introductions(cohort: Cohort) -> pd.DataFrame:
    """For each participant, the others worth meeting in the room (see
    ``introductions.matches``). Columns: For, Meet, Their profession, Why, Score."""
    return meeting.matches(cohort.participants)


def pairs(cohort: Cohort) -> pd.DataFrame:
    """The introductions to make, each pair once (see ``introductions.pairs``)."""
    return meeting.pairs(cohort.participants)


def introductions_csv(table: pd.DataFrame) -> bytes:
    """The pairs to introduce (``pairs``), or a per-participant table without its scores."""
    return spreadsheet_csv(table.drop(columns="Score", errors="ignore"))


def progress_csv(cohort: Cohort) -> bytes:
    return spreadsheet_csv(progress(cohort))


# A cell a spreadsheet would run as a formula: a participant named "=HYPERLINK(...)" must
# open as that text in the coach's spreadsheet, never as a link or a command.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_csv(table: pd.DataFrame) -> bytes:
    """The table as CSV for a spreadsheet (UTF-8 with a BOM, for Excel), its headings in the
    cohort's language, every text cell that would start a formula kept as text by a leading
    apostrophe."""

    def safe(value: object) -> object:
        if isinstance(value, str) and value.startswith(_FORMULA_START):
            return "'" + value
        return value

    text_columns = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])]
    safe_table = table.assign(**{c: table[c].map(safe) for c in text_columns})
    return safe_table.rename(columns=_).to_csv(index=False).encode("utf-8-sig")


# -- the sample cohort -----------------------------------------------------------------


def demo(folder: str | os.PathLike[str]) -> Path:
    """The sample workshop: eight participants from ``data/sample/cohort`` (Dana with the whole
    sample workbook, the others part-way through), for the dashboard's worked example."""
    from .sample import fill, sample_dir

    source = sample_dir() / "cohort"
    target = Path(folder)
    new_cohort(source / "roster.csv", target)
    files = {name: target / file_name(name) for name in read_roster(source / "roster.csv")["name"]}
    choices = pd.read_csv(source / "choices.csv", keep_default_na=False)
    for row in choices.to_dict("records"):
        with Workbook(files[row["name"]]) as wb:
            if row["name"] == "Dana Whitfield" and wb.businesses().empty:
                fill(wb)
            elif not wb.target_professions():
                wb.set_client_tags(row["markets"].split(";"))
                for profession in row["targets"].split(";"):
                    wb.add_target_profession(profession)
            wb.set_profile(share_with_cohort=row["share_email"] == "yes")
    with Workbook(files["Grace Kim"]) as wb:
        if wb.businesses().empty:
            shop = wb.add_business(name="Battery Park Books", amount=40, frequency="per_month")
            ask = wb.add_ask(shop, "display_cards", "My estate-planning guide at the counter")
            wb.set_ask_status(ask, "agreed")
            wb.add_referral(wb.find_or_add_contact("Dana Whitfield"), direction="given",
                            on_date="2026-10-01", what="A client selling her mother's house")  # fmt: skip
    _demo_programme(target, files)
    return target


# The sample programme's check-ins: (who, whom they met each week, weeks checked in, a note
# a week, their targets).
_DEMO_CHECK_INS = (
    ("Dana Whitfield", "Grace Kim", (1, 2, 3), ("Slow start: busy with two closings.",
     "Asked the hair studio; they said yes to my cards.", "Two good one-to-ones."),
     {"asks_made": 1, "meetings": 2}),
    ("Grace Kim", "Dana Whitfield", (1, 2), ("Met Dana for coffee.",
     "Bookshop agreed to my guides."), {"meetings": 1}),
    ("Ruth Ellison", "Dana Whitfield", (1,), ("Still setting up my list.",), {}),
    ("Sam Whitaker", "Maria Lopez", (1, 2, 3), ("", "Quiet week: tax deadline.",
     "Called two old clients."), {"people_in_touch": 2}),
)  # fmt: skip


def _demo_programme(target: Path, files: dict[str, Path]) -> None:
    """Six weeks that started three weeks ago, with three weeks of check-ins for some."""
    from . import this_week

    if programmes.read(target):
        return
    today = dt.date.today()
    starts = this_week.week_start(today) - dt.timedelta(days=21)
    programmes.save(target, weeks=6, starts=starts, quiet_days=7)
    for name, partner, weeks, notes, targets in _DEMO_CHECK_INS:
        with Workbook(files[name]) as wb:
            wb.set_profile(week_starts="monday")
            for n, note in zip(weeks, notes, strict=True):
                met = starts + dt.timedelta(days=7 * (n - 1) + 1)  # the Tuesday
                meeting = wb.log_interaction(wb.find_or_add_contact(partner), on=met,
                                             kind="one_to_one")  # fmt: skip
                for row_id in wb.store.find("follow_ups", "interaction_id", meeting)["id"]:
                    wb.store.update("follow_ups", int(row_id), {"done_on": met.isoformat()})
                wb.save_check_in(starts + dt.timedelta(days=7 * (n - 1)),
                                 this_week.suggestions(wb)[:2] or ["Book a one-to-one"], note,
                                 targets)  # fmt: skip
