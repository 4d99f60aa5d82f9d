"""This week (exercise 8): what the participant did in a week, worked out from the workbook
itself (nothing is typed twice), and the weekly check-in: the week as it was, up to three
commitments for the next one, and a short note.

A week starts on the profile's first day of the week (Monday unless it says Sunday), in the
participant's time zone: a row saved at 23:30 on Sunday in New York (04:30 on Monday in UTC)
belongs to Sunday.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pandas as pd

from ._errors import InputError

MAX_COMMITMENTS = 3
WEEK_STARTS = ("monday", "sunday")
# The week's numbers, in the order the check-in shows them, with their words.
METRICS = {
    "asks_made": ("ask made", "asks made"),
    "asks_agreed": ("ask agreed", "asks agreed"),
    "asks_declined": ("ask declined", "asks declined"),
    "meetings": ("meeting held", "meetings held"),
    "follow_ups_on_time": ("48-hour follow-up on time", "48-hour follow-ups on time"),
    "follow_ups_late": ("follow-up done late", "follow-ups done late"),
    "people_in_touch": ("person you were in touch with", "people you were in touch with"),
    "promises_kept": ("promise kept", "promises kept"),
    "promises_broken": ("promise that slipped", "promises that slipped"),
    "referrals_given": ("referral given", "referrals given"),
    "referrals_received": ("referral received", "referrals received"),
    "referral_value": ("in referrals received", "in referrals received"),
    "new_contacts": ("new contact", "new contacts"),
    "new_connections": ("new connection", "new connections"),
    "gains_filled": ("GAINS profile filled in", "GAINS profiles filled in"),
    "businesses_added": (
        "business added to your money trail",
        "businesses added to your money trail",
    ),
}


def week_start(day: dt.date, starts: str = "monday") -> dt.date:
    """The first day of the week ``day`` is in."""
    offset = day.weekday() if starts != "sunday" else (day.weekday() + 1) % 7
    return day - dt.timedelta(days=offset)


def _local_days(stamps: pd.Series, zone: dt.tzinfo) -> pd.Series:
    """UTC timestamps as saved (ISO text) as days on the participant's clock."""
    moments = pd.to_datetime(stamps, errors="coerce", utc=True, format="ISO8601")
    return moments.dt.tz_convert(zone).dt.tz_localize(None).dt.normalize()


def _days(texts: pd.Series) -> pd.Series:
    """Dates saved as text (YYYY-MM-DD, or the start of a date and time), as days."""
    return pd.to_datetime(texts.astype("string").str[:10], errors="coerce", format="%Y-%m-%d")


def _in(days: pd.Series, start: dt.date, end: dt.date) -> pd.Series:
    """Whether each day is in [start, end); a gap is not."""
    return ((days >= pd.Timestamp(start)) & (days < pd.Timestamp(end))).fillna(False).astype(bool)


def summary(wb: Any, start: dt.date) -> dict[str, Any]:
    """The numbers of the week from ``start`` (see METRICS), from the workbook's own rows."""
    end = start + dt.timedelta(days=7)
    profile = wb.profile()
    zone = zoneinfo.ZoneInfo(profile.time_zone) if profile.time_zone else dt.UTC

    def dated(texts: pd.Series) -> pd.Series:  # a date column: in this week?
        return _in(_days(texts), start, end)

    def stamped(stamps: pd.Series) -> pd.Series:  # a UTC timestamp column, on their clock
        return _in(_local_days(stamps, zone), start, end)

    asks = wb.asks()
    answered = dated(asks["answered_on"])
    met = wb.interactions()
    in_week = dated(met["on_date"])
    follow = wb.store.read("follow_ups")
    done = dated(follow["done_on"])
    on_time = pd.to_datetime(follow["done_on"], errors="coerce") <= pd.to_datetime(
        follow["due"], errors="coerce"
    )
    promises = wb.promises()
    kept = dated(promises["done_on"])
    # A promise slipped when its day was in the week and it was still open at the week's end.
    slipped = dated(promises["due_on"]) & promises["open"].astype(bool) & (end <= wb.today())
    referrals = wb.referrals()
    this_week = dated(referrals["on_date"])
    received = referrals[this_week & (referrals["direction"] == "received")]
    contacts = wb.contacts()
    new = stamped(contacts["created_at"])
    gains = wb.gains()
    numbers = {
        "asks_made": dated(asks["asked_on"]).sum(),
        "asks_agreed": (answered & (asks["status"] == "agreed")).sum(),
        "asks_declined": (answered & (asks["status"] == "declined")).sum(),
        "meetings": (in_week & met["kind"].isin(["one_to_one", "event"])).sum(),
        "follow_ups_on_time": (done & on_time).sum(),
        "follow_ups_late": (done & ~on_time).sum(),
        "people_in_touch": met.loc[in_week, "contact_id"].nunique(),
        "promises_kept": kept.sum(),
        "promises_broken": (slipped & ~kept).sum(),
        "referrals_given": (this_week & (referrals["direction"] == "given")).sum(),
        "referrals_received": len(received),
        "new_contacts": new.sum(),
        "new_connections": (new & contacts["depth"].isin(["connection", "referral_partner"])).sum(),
        "gains_filled": stamped(gains["updated_at"].fillna(gains["created_at"])).sum(),
        "businesses_added": stamped(wb.businesses()["created_at"]).sum(),
    }
    return {
        "start": start.isoformat(),
        "end": (end - dt.timedelta(days=1)).isoformat(),
        **{key: int(value) for key, value in numbers.items()},
        "referral_value": float(pd.to_numeric(received["value"], errors="coerce").fillna(0).sum()),
    }


def clean_commitments(commitments: list[str]) -> list[str]:
    found = [" ".join(str(c).split()) for c in commitments if str(c).strip()]
    if len(found) > MAX_COMMITMENTS:
        raise InputError(
            f"Up to {MAX_COMMITMENTS} commitments a week: small steps you will really take. "
            "Keep the three that matter most."
        )
    return found


def kept(wb: Any, commitment: str, since: dt.date) -> bool | None:
    """Whether a commitment suggested from the plan was kept since ``since``, worked out from
    the workbook: the ask made, the thank-you done, the person got in touch with. None when
    the workbook cannot tell (a commitment in the participant's own words)."""
    text = " ".join(commitment.split())
    after = since.isoformat()
    if text.startswith("Ask ") and text.endswith(" for something in return"):
        business = text[len("Ask ") : -len(" for something in return")]
        asks = wb.asks()
        made = asks[(asks["business"] == business) & asks["asked_on"].notna()]
        return bool((made["asked_on"].astype(str) >= after).any())
    if text.startswith("Thank ") and text.endswith(" within 48 hours"):
        name = text[len("Thank ") : -len(" within 48 hours")]
        follow = wb.follow_ups()
        theirs = follow[follow["name"] == name]
        return bool(len(theirs)) and bool(theirs["done"].all())
    if text.startswith("Get in touch with "):
        name = text[len("Get in touch with ") :]
        met = wb.interactions()
        return bool(((met["name"] == name) & (met["on_date"].astype(str) >= after)).any())
    return None
