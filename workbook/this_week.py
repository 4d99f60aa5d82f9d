"""This week (exercise 8): what the participant did in a week, worked out from the workbook
itself (nothing is typed twice), and the weekly check-in: the week as it was, up to three
commitments for the next one, and a short note.

A week starts on the profile's first day of the week (Monday unless it says Sunday), in the
participant's time zone: a row saved at 23:30 on Sunday in New York (04:30 on Monday in UTC)
belongs to Sunday.
"""

from __future__ import annotations

import bisect
import datetime as dt
import zoneinfo
from typing import Any

import numpy as np
import pandas as pd

from . import i18n, money_trail
from ._errors import InputError
from ._frames import given
from .follow_up import the_meeting
from .i18n import N_, NN_, _, ngettext

MAX_COMMITMENTS = 3
WEEK_STARTS = ("monday", "sunday")
# The week's numbers, in the order the check-in shows them, with their words.
METRICS = {
    "asks_made": (NN_("{n} ask made", "{n} asks made"), N_("Asks made")),
    "asks_agreed": (NN_("{n} ask agreed", "{n} asks agreed"), N_("Asks agreed")),
    "asks_declined": (NN_("{n} ask declined", "{n} asks declined"), N_("Asks declined")),
    "meetings": (NN_("{n} meeting held", "{n} meetings held"), N_("Meetings held")),
    "follow_ups_on_time": (
        NN_("{n} 48-hour follow-up on time", "{n} 48-hour follow-ups on time"),
        N_("48-hour follow-ups on time"),
    ),
    "follow_ups_late": (
        NN_("{n} follow-up done late", "{n} follow-ups done late"),
        N_("Follow-ups done late"),
    ),
    "people_in_touch": (
        NN_("{n} person you were in touch with", "{n} people you were in touch with"),
        N_("People you were in touch with"),
    ),
    "promises_kept": (NN_("{n} promise kept", "{n} promises kept"), N_("Promises kept")),
    "promises_broken": (
        NN_("{n} promise that slipped", "{n} promises that slipped"),
        N_("Promises that slipped"),
    ),
    "referrals_given": (NN_("{n} referral given", "{n} referrals given"), N_("Referrals given")),
    "referrals_received": (
        NN_("{n} referral received", "{n} referrals received"),
        N_("Referrals received"),
    ),
    "referral_value": (
        NN_("{n} in referrals received", "{n} in referrals received"),
        N_("In referrals received"),
    ),
    "new_contacts": (NN_("{n} new contact", "{n} new contacts"), N_("New contacts")),
    "new_connections": (NN_("{n} new connection", "{n} new connections"), N_("New connections")),
    "gains_filled": (
        NN_("{n} GAINS profile filled in", "{n} GAINS profiles filled in"),
        N_("GAINS profiles filled in"),
    ),
    "businesses_added": (
        NN_("{n} business added to your money trail", "{n} businesses added to your money trail"),
        N_("Businesses added to your money trail"),
    ),
}


def metric_count(key: str, number: float, shown: str | None = None) -> str:
    """'2 meetings held', '1 ask made', in the participant's language (``shown``: the number
    as written, such as an amount of money)."""
    one, many = METRICS[key][0]
    return ngettext(one, many, number).format(n=shown if shown is not None else number)


def metric_label(key: str) -> str:
    """'Meetings held': a metric's name, as a chart's title or a target's label."""
    return _(METRICS[key][1])


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


def summary(wb: Any, start: dt.date) -> dict[str, Any]:
    """The numbers of the week from ``start`` (see METRICS), from the workbook's own rows."""
    return _Rows(wb).week(start)


def summaries(wb: Any, starts: list[dt.date]) -> list[dict[str, Any]]:
    """``summary`` of each week, the workbook read once for them all."""
    rows = _Rows(wb)
    return [rows.week(start) for start in starts]


def _zone(wb: Any) -> dt.tzinfo:
    """The participant's time zone (UTC when none is set)."""
    zone = wb.profile().time_zone
    return zoneinfo.ZoneInfo(zone) if zone else dt.UTC


def _kept(wb: Any, table: str, make: Any) -> pd.DataFrame:
    """``make(rows of table)``: the days and flags a week's numbers need from one table, kept
    until that table (or the profile, for the time zone) changes, so an edit of the contacts
    works out the contacts' days again and no other table's."""
    return wb.store.kept(("this week", table), lambda: make(wb.store.read(table)))


class _Rows:
    """The workbook's rows that make a week's numbers, each with its day, read once for any
    number of weeks (the progress chart counts every week since the first check-in): days as
    numpy arrays, where a gap (NaT) is in no week."""

    def __init__(self, wb: Any):
        def days(series: pd.Series) -> np.ndarray:
            return series.to_numpy(dtype="datetime64[D]")

        def flags(series: pd.Series) -> np.ndarray:
            return series.to_numpy(dtype=bool)

        self.today = wb.today()
        asks = _kept(wb, "asks", lambda t: pd.DataFrame({
            "asked": _days(t["asked_on"]), "answered": _days(t["answered_on"]),
            "agreed": t["status"] == "agreed", "declined": t["status"] == "declined"}))  # fmt: skip
        self.asked, self.answered = days(asks["asked"]), days(asks["answered"])
        self.agreed, self.declined = flags(asks["agreed"]), flags(asks["declined"])
        met = _kept(wb, "interactions", lambda t: pd.DataFrame({
            "on": _days(t["on_date"]), "meeting": t["kind"].isin(["one_to_one", "event"]),
            "who": t["contact_id"]}))  # fmt: skip
        self.met_on, self.meeting, self.met_who = (
            days(met["on"]),
            flags(met["meeting"]),
            met["who"].to_numpy(),
        )
        follow = _kept(wb, "follow_ups", lambda t: pd.DataFrame({
            "done": _days(t["done_on"]),
            "on_time": pd.to_datetime(t["done_on"], errors="coerce")
            <= pd.to_datetime(t["due"], errors="coerce")}))  # fmt: skip
        self.follow_done, self.on_time = days(follow["done"]), flags(follow["on_time"])
        promises = _kept(wb, "promises", lambda t: pd.DataFrame({
            "done": _days(t["done_on"]), "due": _days(t["due_on"]),
            "open": [not given(d) for d in t["done_on"]]}))  # fmt: skip
        self.promise_done, self.promise_due = days(promises["done"]), days(promises["due"])
        self.promise_open = flags(promises["open"])
        referrals = _kept(wb, "referrals", lambda t: pd.DataFrame({
            "on": _days(t["on_date"]), "given": t["direction"] == "given",
            "received": t["direction"] == "received",
            "value": pd.to_numeric(t["value"], errors="coerce").fillna(0)}))  # fmt: skip
        self.referred_on = days(referrals["on"])
        self.given, self.received = flags(referrals["given"]), flags(referrals["received"])
        self.value = referrals["value"].to_numpy(dtype=float)
        contacts = _kept(wb, "contacts", lambda t: pd.DataFrame({
            "made": _local_days(t["created_at"], _zone(wb)),
            "connected": t["depth"].isin(["connection", "referral_partner"])}))  # fmt: skip
        self.contact_made, self.connected = days(contacts["made"]), flags(contacts["connected"])
        gains = _kept(wb, "gains", lambda t: pd.DataFrame({
            "on": _local_days(t["updated_at"].fillna(t["created_at"]), _zone(wb))}))  # fmt: skip
        self.gains_on = days(gains["on"])
        businesses = _kept(wb, "businesses", lambda t: pd.DataFrame({
            "made": _local_days(t["created_at"], _zone(wb))}))  # fmt: skip
        self.business_made = days(businesses["made"])

    def week(self, start: dt.date) -> dict[str, Any]:
        end = start + dt.timedelta(days=7)
        first, after = np.datetime64(start, "D"), np.datetime64(end, "D")

        def within(days: np.ndarray) -> np.ndarray:
            return (days >= first) & (days < after)

        answered = within(self.answered)
        in_week = within(self.met_on)
        done = within(self.follow_done)
        kept = within(self.promise_done)
        # A promise slipped when its day was in the week and it was still open at the week's end.
        slipped = within(self.promise_due) & self.promise_open & (end <= self.today)
        this_week = within(self.referred_on)
        received = this_week & self.received
        new = within(self.contact_made)
        numbers = {
            "asks_made": within(self.asked).sum(),
            "asks_agreed": (answered & self.agreed).sum(),
            "asks_declined": (answered & self.declined).sum(),
            "meetings": (in_week & self.meeting).sum(),
            "follow_ups_on_time": (done & self.on_time).sum(),
            "follow_ups_late": (done & ~self.on_time).sum(),
            "people_in_touch": len(pd.unique(self.met_who[in_week])),
            "promises_kept": kept.sum(),
            "promises_broken": (slipped & ~kept).sum(),
            "referrals_given": (this_week & self.given).sum(),
            "referrals_received": received.sum(),
            "new_contacts": new.sum(),
            "new_connections": (new & self.connected).sum(),
            "gains_filled": within(self.gains_on).sum(),
            "businesses_added": within(self.business_made).sum(),
        }
        return {
            "start": start.isoformat(),
            "end": (end - dt.timedelta(days=1)).isoformat(),
            **{key: int(value) for key, value in numbers.items()},
            "referral_value": float(self.value[received].sum()),
        }


def clean_commitments(commitments: list[str]) -> list[str]:
    found = [" ".join(str(c).split()) for c in commitments if str(c).strip()]
    if len(found) > MAX_COMMITMENTS:
        raise InputError(
            _(
                "Up to {most} commitments a week: small steps you will really take. Keep the "
                "three that matter most."
            ).format(most=MAX_COMMITMENTS)
        )
    return found


def kept(wb: Any, commitment: str, since: dt.date) -> bool | None:
    """Whether a commitment suggested from the plan was kept since ``since``, worked out from
    the workbook: the ask made, the thank-you done, the person got in touch with. None when
    the workbook cannot tell (a commitment in the participant's own words)."""
    text = " ".join(commitment.split())
    after = since.isoformat()
    # Suggested in whichever language the participant spoke that week.
    found = i18n.read_back(ASK_BACK, text)
    if found:
        asks = wb.asks()
        made = asks[(asks["business"] == found["name"]) & asks["asked_on"].notna()]
        return bool((made["asked_on"].astype(str) >= after).any())
    found = i18n.read_back(THANK, text)
    if found:
        follow = wb.follow_ups()
        theirs = follow[follow["name"] == found["name"]]
        return bool(len(theirs)) and bool(theirs["done"].all())
    found = i18n.read_back(IN_TOUCH, text)
    if found:
        met = wb.interactions()
        return bool(((met["name"] == found["name"]) & (met["on_date"].astype(str) >= after)).any())
    return None


# The suggestions the workbook can tell were kept.
ASK_BACK = N_("Ask {name} for something in return")
THANK = N_("Thank {name} within 48 hours")
IN_TOUCH = N_("Get in touch with {name}")


# The numbers a participant can set a weekly target for, in the check-in.
TARGETS = ("asks_made", "meetings", "follow_ups_on_time", "people_in_touch", "referrals_given",
           "new_connections")  # fmt: skip
MAX_TARGET = 50


def clean_targets(targets: dict[str, Any]) -> dict[str, int]:
    """Weekly targets as whole numbers; a blank or zero one is no target."""
    clean: dict[str, int] = {}
    for key, value in (targets or {}).items():
        if key not in TARGETS:
            raise InputError(_("There is no weekly target for '{key}'.").format(key=key))
        if value in (None, ""):
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise InputError(
                _("The target for {what} should be a number, such as 2.").format(
                    what=metric_label(key).lower()
                )
            ) from None
        if not 0 <= number <= MAX_TARGET:
            raise InputError(
                _("A weekly target is a number from 0 to {most}.").format(most=MAX_TARGET)
            )
        if number:
            clean[key] = number
    return clean


def planned(done: int, target: int) -> str:
    """'3 of 4 planned', plainly: no failure words when short of it."""
    return _("{done} of {target} planned").format(done=done, target=target)


def progress(wb: Any, current: dt.date) -> pd.DataFrame:
    """Week by week, from the first check-in's week to ``current``: for each target metric,
    what was done (worked out from the workbook now, so a meeting logged late still counts
    in its week; the check-in keeps the numbers as they were said) and the target in force
    then (set at the check-in before; 0 for none). Columns: week_start, metric, done,
    target, met."""
    check_ins = wb.check_ins()
    if not len(check_ins):
        return pd.DataFrame(columns=["week_start", "metric", "done", "target", "met"])
    first = dt.date.fromisoformat(check_ins["week_start"].iloc[0])
    weeks = [first + dt.timedelta(days=7 * n) for n in range((current - first).days // 7 + 1)]
    starts, set_at = list(check_ins["week_start"]), list(check_ins["targets"])
    rows = []
    for week, numbers in zip(weeks, summaries(wb, weeks), strict=True):
        key = week.isoformat()
        before = bisect.bisect_left(starts, key)  # the check-ins of the weeks before this one
        targets = set_at[before - 1] if before else {}
        for metric in TARGETS:
            done, target = int(numbers.get(metric, 0)), int(targets.get(metric, 0))
            rows.append({"week_start": key, "metric": metric, "done": done, "target": target,
                         "met": bool(target) and done >= target})  # fmt: skip
    return pd.DataFrame(rows)


def marks(wb: Any, check_in: dict[str, Any]) -> list[tuple[str, bool | None, bool]]:
    """A check-in's commitments, each with whether it was kept and whether the workbook told
    (True) or the participant ticked it by hand (False)."""
    since = dt.date.fromisoformat(check_in["week_start"])
    found = []
    for text in check_in["commitments"]:
        told = kept(wb, text, since)
        if told is None:
            found.append((text, text in check_in["ticked"], False))
        else:
            found.append((text, told, True))
    return found


def since(wb: Any, current: dt.date) -> dict[str, Any]:
    """What changed since the check-in before ``current`` (the week this is): asks answered,
    48-hour follow-ups done, promises kept, referrals given and received, each in words.
    Empty when there was no check-in before."""
    check_ins = wb.check_ins()
    before = check_ins[check_ins["week_start"] < current.isoformat()]
    if not len(before):
        return {}
    last = before.iloc[-1]
    profile = wb.profile()
    zone = zoneinfo.ZoneInfo(profile.time_zone) if profile.time_zone else dt.UTC
    saved = pd.Timestamp(last["updated_at"] if given(last["updated_at"]) else last["created_at"])
    day = (saved.tz_localize("UTC") if saved.tzinfo is None else saved).tz_convert(zone).date()
    after = day.isoformat()
    said: list[str] = []
    asks = wb.asks()
    for a in asks[asks["answered_on"].fillna("").astype(str) >= after].to_dict("records"):
        status = _(money_trail.ASK_STATUSES.get(a["status"], a["status"])).lower()
        said.append(_("{business} {status}: {ask}").format(business=a["business"], status=status,
                                                           ask=a["ask"]))  # fmt: skip
    stored = wb.store.read("follow_ups").set_index("id")["done_on"]
    follow = wb.follow_ups()
    done_on = follow["id"].map(stored).fillna("").astype(str)
    for f in follow[follow["done"].astype(bool) & (done_on >= after)].to_dict("records"):
        said.append(
            _("Followed up with {name} after {meeting}").format(
                name=f["name"], meeting=the_meeting(f["meeting"])
            )
        )
    promises = wb.promises()
    for p in promises[promises["done_on"].fillna("").astype(str) >= after].to_dict("records"):
        said.append(_("Promise kept: {what} ({name})").format(what=p["what"], name=p["name"]))
    referrals = wb.referrals()
    for r in referrals[referrals["on_date"].fillna("").astype(str) >= after].to_dict("records"):
        given_to = _("Referral given to {name}: {what}")
        said.append(
            (given_to if r["direction"] == "given" else _("Referral received from {name}: {what}"))
            .format(name=r["name"], what=r["what"])
        )  # fmt: skip
    return {"since": day, "week_start": last["week_start"], "changes": said}


def suggestions(wb: Any) -> list[str]:
    """Small next steps from the plan: the business to ask, the thank-yous due, the person to
    reconnect with, and the next step of a goal."""
    found = [
        _(ASK_BACK).format(name=b["name"])
        for b in money_trail.this_week(wb.spend_table()).to_dict("records")
        if b["asks"] == 0
    ]
    found += [_(THANK).format(name=f.name) for f in wb.follow_ups().itertuples() if not f.done]
    found += [_(IN_TOUCH).format(name=r.name) for r in wb.reconnect_list().head(2).itertuples()]
    found += [
        _("Take the next step on my goal: {goal}").format(goal=g.text)
        for g in wb.goals().head(2).itertuples()
    ]
    return list(dict.fromkeys(found))
