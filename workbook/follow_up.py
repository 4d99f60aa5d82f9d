"""Exercise 6: follow-up. Relationships are built after the meeting.

Pure functions over DataFrames: the 48-hour follow-up after a meeting, keep-in-touch cadences
that count from the last contact, the reconnect list, the promise ledger and the dashboard that
puts them in one list. Times are the participant's local wall-clock times: "48 hours" after a
meeting at 6 pm is 6 pm two days later, across a daylight-saving change too.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pandas as pd

from . import _frames as frames
from . import words
from ._errors import InputError
from .contacts import DEPTH_SHORT, as_key
from .dates import parse_date
from .i18n import N_, _, ngettext

KINDS = {
    "one_to_one": N_("One-to-one meeting"),
    "event": N_("Event"),
    "call": N_("Call"),
    "email": N_("Email"),
    "handwritten_note": N_("Handwritten note"),
    "other": N_("Other"),
}
# Each kind as a sentence names it, with its article ('Thank Ana for the event'): the words a
# language puts around it depend on the noun.
_THE_MEETING = {
    "one_to_one": N_("the one-to-one meeting"),
    "event": N_("the event"),
    "call": N_("the call"),
    "email": N_("the email"),
    "handwritten_note": N_("the handwritten note"),
    "other": N_("the contact"),
}


def the_meeting(meeting: str) -> str:
    """'the one-to-one meeting', 'la reunión a solas', 'das Vier-Augen-Gespräch': a follow-up's
    ``meeting`` (its kind as stored, lower case) as a sentence says it."""
    for key, label in KINDS.items():
        if label.lower() == meeting or key == meeting:
            return _(_THE_MEETING[key])
    return meeting


# Logging one of these creates the 48-hour follow-up.
MEETING_KINDS = ("one_to_one", "event")
FOLLOW_UP_HOURS = 48
PROMISE_DIRECTIONS = {"mine": N_("I promised them"), "theirs": N_("They promised me")}
PROMISE_KINDS = {"ask": N_("Ask"), "offer": N_("Offer"), "follow_through": N_("Follow through")}
# Cadence status: before the ideal interval, between ideal and maximum, past the maximum.
STATUSES = {"on_track": N_("on track"), "due_soon": N_("due soon"), "overdue": N_("overdue")}
DEFAULT_RECONNECT_DAYS = 182
_DEPTH_WORTH = {"referral_partner": 8, "connection": 5, "acquaintance": 3, "contact": 1}
_TOUCH = {
    "referral_partner": N_(
        "Call them, then book a one-to-one: ask what a good referral looks like now."
    ),
    "connection": N_(
        "Write a handwritten note: what you remember of your last talk, and a question."
    ),
    "acquaintance": N_("Invite them for a coffee near their work; bring one useful introduction."),
    "contact": N_(
        "Send a short personal message (not a newsletter) about something they posted or did."
    ),
}


def clean_kind(kind: str) -> str:
    key = as_key(kind)
    if key in KINDS:
        return key
    for k, label in KINDS.items():
        if label.lower() == str(kind).strip().lower():
            return k
    raise InputError(
        _("Kind must be one of: {kinds} (not {typed}).").format(
            kinds=", ".join(_(label) for label in KINDS.values()), typed=repr(kind)
        )
    )


def parse_day(value: Any, label: str) -> dt.date:
    day = parse_date(value, label)
    if day is None:
        raise InputError(
            _("{label}: give the date, like {example}.").format(
                label=label, example=words.day(dt.date(2026, 3, 14), year=True)
            )
        )
    return day


def parse_time(value: Any) -> str:
    """'18:30' from what was typed ('6:30', '18:30', a time, or nothing)."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    text = str(value).strip()
    try:
        return dt.time.fromisoformat(text if len(text) > 4 else "0" + text).strftime("%H:%M")
    except ValueError:
        raise InputError(
            _("Time must be like 18:30 (not {typed}).").format(typed=repr(value))
        ) from None


def follow_up_due(on_date: dt.date, at_time: str) -> dt.datetime:
    """When the thank-you is due: 48 hours after the meeting in local wall-clock time (the
    same time of day two days later, whatever daylight saving does); 6 pm without a time."""
    start = dt.datetime.combine(on_date, dt.time.fromisoformat(at_time or "18:00"))
    return start + dt.timedelta(hours=FOLLOW_UP_HOURS)


def check_cadence(ideal_days: Any, max_days: Any) -> tuple[int, int]:
    try:
        ideal, most = int(ideal_days), int(max_days)
    except (TypeError, ValueError):
        raise InputError(_("Cadences are whole numbers of days.")) from None
    if ideal < 1:
        raise InputError(_("The ideal interval must be at least 1 day."))
    if most < ideal:
        raise InputError(_("The maximum interval cannot be shorter than the ideal one."))
    return ideal, most


def next_due(last: dt.date, ideal_days: int) -> dt.date:
    """The cadence rule: the next contact is due the ideal interval after the last one."""
    return last + dt.timedelta(days=int(ideal_days))


def last_contacts(interactions: pd.DataFrame) -> dict[Any, dt.date]:
    """contact_id -> the day of the latest interaction with them (days are stored as ISO
    text, which sorts as the days do)."""
    latest: dict[Any, str] = {}
    for person, day in frames.rows(interactions, "contact_id", "on_date"):
        if day > latest.get(person, ""):
            latest[person] = day
    return {person: dt.date.fromisoformat(day) for person, day in latest.items()}


def cadence_table(
    contacts: pd.DataFrame, interactions: pd.DataFrame, cadences: pd.DataFrame, today: dt.date
) -> pd.DataFrame:
    """Everyone with a cadence and at least one interaction: last contact, next due (ideal),
    latest (maximum) and status. A person's own cadence wins over their tier's."""
    columns = [
        "contact_id", "name", "depth", "last", "ideal_days", "max_days", "next_due", "latest",
        "status",
    ]  # fmt: skip
    last = last_contacts(interactions)
    if contacts.empty or not last:
        return pd.DataFrame(columns=columns)
    # Plain dicts and lists: pandas' per-call cost was most of this table's time.
    own, tier = {}, {}
    for person, depth, ideal, most in frames.rows(
        cadences, "contact_id", "depth", "ideal_days", "max_days"
    ):
        if pd.notna(person):
            own[person] = (ideal, most)
        if pd.notna(depth):
            tier[depth] = (ideal, most)
    rows = []
    for person, name, depth in frames.rows(contacts, "id", "name", "depth"):
        if person not in last:
            continue
        if person in own:
            ideal, most = own[person]
        elif depth in tier:
            ideal, most = tier[depth]
        else:
            continue
        seen = last[person]
        due, latest = next_due(seen, ideal), next_due(seen, most)
        status = "on_track" if today < due else ("due_soon" if today <= latest else "overdue")
        rows.append((person, name, depth, seen, int(ideal), int(most), due, latest, status))
    rows.sort(key=lambda row: (row[6], row[1]))  # next due, then name
    return pd.DataFrame(rows, columns=columns)


def follow_up_table(
    follow_ups: pd.DataFrame, interactions: pd.DataFrame, contacts: pd.DataFrame
) -> pd.DataFrame:
    """Each follow-up with the person, the meeting, the due time and whether it is done:
    ticked, or a later interaction with that person was logged."""
    columns = [
        "id", "contact_id", "name", "meeting", "met_on", "due", "done", "done_how", "notes",
    ]  # fmt: skip
    if follow_ups.empty:
        return pd.DataFrame(columns=columns)
    names = dict(frames.rows(contacts, "id", "name"))
    meetings = {}  # id -> (person, day, kind, notes)
    # Each person's latest interaction, as (day, id): a meeting has been followed up by
    # contact when that person's latest is later than the meeting itself.
    latest: dict[Any, tuple[str, int]] = {}
    for row, person, day, kind, notes in frames.rows(
        interactions, "id", "contact_id", "on_date", "kind", "notes"
    ):
        meetings[row] = (person, day, kind, notes)
        latest[person] = max(latest.get(person, (day, row)), (day, row))
    rows = []
    for row, meeting_id, done_on, due in frames.rows(
        follow_ups, "id", "interaction_id", "done_on", "due"
    ):
        person, day, kind, notes = meetings[meeting_id]
        later = latest[person] > (day, meeting_id)
        how = "ticked" if frames.given(done_on) else ("in touch since" if later else "")
        rows.append(
            (
                row,
                int(person),
                names.get(person, "?"),
                KINDS[kind].lower(),
                dt.date.fromisoformat(day),
                dt.datetime.fromisoformat(due),
                bool(how),
                how,
                str(notes),
            )
        )
    return pd.DataFrame(rows, columns=columns)


def promise_table(promises: pd.DataFrame, contacts: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Promises with the person's name; open ones past their date are overdue, first. A date
    not given (no due date, not done yet) is None: pandas reads a missing text as NaN, which
    counts as true, so `if p.done_on` would take every promise for done."""
    names = dict(frames.rows(contacts, "id", "name"))
    due = [day if frames.given(day) else None for day in promises["due_on"].tolist()]
    done = [day if frames.given(day) else None for day in promises["done_on"].tolist()]
    by = today.isoformat()  # days are ISO text, which sorts as the days do
    table = promises.assign(
        due_on=pd.Series(due, index=promises.index, dtype=object),
        done_on=pd.Series(done, index=promises.index, dtype=object),
        name=[str(names.get(person, "?")) for person in promises["contact_id"].tolist()],
        overdue=[
            d is None and day is not None and day < by for day, d in zip(due, done, strict=True)
        ],
        open=[d is None for d in done],
    )
    return table.sort_values(["open", "overdue", "due_on"], ascending=[False, False, True])


def reconnect(
    contacts: pd.DataFrame,
    interactions: pd.DataFrame,
    referrals: pd.DataFrame,
    goal_people: pd.DataFrame,
    gains: pd.DataFrame,
    today: dt.date,
    threshold_days: int = DEFAULT_RECONNECT_DAYS,
) -> pd.DataFrame:
    """People not contacted for longer than the threshold (or never), most valuable first:
    the depth of the relationship, referrals exchanged, whether they are on one of your goals.
    Each comes with a personal touch to use instead of a mass message."""
    columns = ["contact_id", "name", "company", "depth", "last", "days", "worth", "why", "touch"]
    if contacts.empty:
        return pd.DataFrame(columns=columns)
    last = last_contacts(interactions)
    exchanged = Counter(referrals["contact_id"].tolist())
    on_goals = set(goal_people["contact_id"].tolist())
    interests = {}
    for person, written in frames.rows(gains, "contact_id", "interests"):
        first = str(written or "").split(",")[0].strip() if pd.notna(person) else ""
        if first:
            interests[int(person)] = first
    rows = []
    for person, name, company, depth in frames.rows(contacts, "id", "name", "company", "depth"):
        seen = last.get(person)
        days = (today - seen).days if seen else None
        if seen is not None and days <= threshold_days:
            continue
        count = exchanged[person]
        worth = _DEPTH_WORTH.get(depth, 1) + 3 * count + (4 if person in on_goals else 0)
        why = [_(DEPTH_SHORT.get(depth, depth))]
        if count:
            why.append(
                ngettext("{n} referral exchanged", "{n} referrals exchanged", count).format(n=count)
            )
        if person in on_goals:
            why.append(_("on one of your goals"))
        touch = _(_TOUCH.get(depth, _TOUCH["contact"]))
        if person in interests:
            touch += " " + _("Mention {interest}.").format(interest=interests[person])
        rows.append((person, name, company, depth, seen, days, worth, ", ".join(why), touch))
    # Most worth first; then people you were once in touch with, longest ago first; then
    # those never contacted; then by name.
    rows.sort(key=lambda row: (-row[6], row[5] is None, -(row[5] or 0), row[1]))
    return pd.DataFrame(rows, columns=columns)


def dashboard(
    follow_ups: pd.DataFrame, cadence: pd.DataFrame, promises: pd.DataFrame, today: dt.date
) -> pd.DataFrame:
    """One line per action: overdue, today, this week. Overdue promises first of all."""
    week_end = today + dt.timedelta(days=7)
    lines: list[tuple[Any, ...]] = []

    def when(day: dt.date) -> str | None:
        if day < today:
            return "overdue"
        if day == today:
            return "today"
        if day <= week_end:
            return "this_week"
        return None

    for p in promises[promises["open"]].itertuples():
        if not p.due_on:
            continue
        day = dt.date.fromisoformat(p.due_on)
        bucket = when(day)
        if bucket:
            who = (_("you promised {name}") if p.direction == "mine"
                   else _("{name} promised you")).format(name=p.name)  # fmt: skip
            rank = 0 if p.overdue and p.direction == "mine" else (1 if p.overdue else 3)
            lines.append((bucket, rank, day, "promise", int(p.id), f"{p.what} ({who})"))
    for f in follow_ups[~follow_ups["done"]].itertuples():
        day = f.due.date()
        bucket = when(day)
        if bucket:
            text = _(
                "Thank {name} for {meeting} on {day}: a note or an email, by {weekday} {time}"
            ).format(
                name=f.name, meeting=the_meeting(f.meeting), day=words.day(f.met_on, weekday=True),
                weekday=words.weekday(f.due), time=f"{f.due:%H:%M}",
            )  # fmt: skip
            lines.append((bucket, 2, day, "follow_up", int(f.id), text))
    for c in cadence[cadence["status"] != "on_track"].itertuples():
        if c.status == "overdue":  # past the maximum interval
            day, bucket = c.latest, "overdue"
        else:  # past the ideal interval: this week, before the maximum comes
            day, bucket = c.next_due, "today" if c.next_due == today else "this_week"
        text = _("Get in touch with {name} ({depth}; last contact {day}, {status})").format(
            name=c.name, depth=_(DEPTH_SHORT.get(c.depth, c.depth)),
            day=words.short_day(c.last), status=_(STATUSES[c.status]),
        )  # fmt: skip
        lines.append((bucket, 4, day, "cadence", int(c.contact_id), text))
    order = {"overdue": 0, "today": 1, "this_week": 2}
    table = pd.DataFrame(lines, columns=["bucket", "rank", "day", "kind", "ref", "text"])
    if table.empty:
        return table
    table["order"] = table["bucket"].map(order)
    table = table.sort_values(["order", "rank", "day"]).drop(columns=["order", "rank"])
    return table.reset_index(drop=True)


def upcoming(
    follow_ups: pd.DataFrame, cadence: pd.DataFrame, promises: pd.DataFrame
) -> pd.DataFrame:
    """What is still to do, for the timeline: day, name, what."""
    rows = [
        (
            f.due.date(),
            f.name,
            _("thank-you for {meeting} of {day}").format(
                meeting=the_meeting(f.meeting), day=words.short_day(f.met_on, year=False)
            ),
        )
        for f in follow_ups[~follow_ups["done"]].itertuples()
    ]
    rows += [(c.next_due, c.name, _("keep in touch")) for c in cadence.itertuples()]
    rows += [
        (dt.date.fromisoformat(p.due_on), p.name, _("promise: {what}").format(what=p.what))
        for p in promises[promises["open"]].itertuples()
        if p.due_on
    ]
    return pd.DataFrame(rows, columns=["day", "name", "what"])
