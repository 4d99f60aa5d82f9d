"""Exercise 6: follow-up. Relationships are built after the meeting.

Pure functions over DataFrames: the 48-hour follow-up after a meeting, keep-in-touch cadences
that count from the last contact, the reconnect list, the promise ledger and the dashboard that
puts them in one list. Times are the participant's local wall-clock times: "48 hours" after a
meeting at 6 pm is 6 pm two days later, across a daylight-saving change too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ._errors import InputError
from .contacts import DEPTH_SHORT, as_key

KINDS = {
    "one_to_one": "One-to-one meeting",
    "event": "Event",
    "call": "Call",
    "email": "Email",
    "handwritten_note": "Handwritten note",
    "other": "Other",
}
# Logging one of these creates the 48-hour follow-up.
MEETING_KINDS = ("one_to_one", "event")
FOLLOW_UP_HOURS = 48
PROMISE_DIRECTIONS = {"mine": "I promised them", "theirs": "They promised me"}
PROMISE_KINDS = {"ask": "Ask", "offer": "Offer", "follow_through": "Follow through"}
# Cadence status: before the ideal interval, between ideal and maximum, past the maximum.
STATUSES = {"on_track": "on track", "due_soon": "due soon", "overdue": "overdue"}
DEFAULT_RECONNECT_DAYS = 182
_DEPTH_WORTH = {"referral_partner": 8, "connection": 5, "acquaintance": 3, "contact": 1}
_TOUCH = {
    "referral_partner": "Call them, then book a one-to-one: ask what a good referral looks like now.",
    "connection": "Write a handwritten note: what you remember of your last talk, and a question.",
    "acquaintance": "Invite them for a coffee near their work; bring one useful introduction.",
    "contact": "Send a short personal message (not a newsletter) about something they posted or did.",
}


def clean_kind(kind: str) -> str:
    key = as_key(kind)
    if key in KINDS:
        return key
    for k, label in KINDS.items():
        if label.lower() == str(kind).strip().lower():
            return k
    raise InputError("Kind must be one of: " + ", ".join(KINDS.values()) + f" (not {kind!r}).")


def parse_day(value: Any, label: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"{label} must be a date like 2026-03-14 (not {value!r}).") from None


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
        raise InputError(f"Time must be like 18:30 (not {value!r}).") from None


def follow_up_due(on_date: dt.date, at_time: str) -> dt.datetime:
    """When the thank-you is due: 48 hours after the meeting in local wall-clock time (the
    same time of day two days later, whatever daylight saving does); 6 pm without a time."""
    start = dt.datetime.combine(on_date, dt.time.fromisoformat(at_time or "18:00"))
    return start + dt.timedelta(hours=FOLLOW_UP_HOURS)


def check_cadence(ideal_days: Any, max_days: Any) -> tuple[int, int]:
    try:
        ideal, most = int(ideal_days), int(max_days)
    except (TypeError, ValueError):
        raise InputError("Cadences are whole numbers of days.") from None
    if ideal < 1:
        raise InputError("The ideal interval must be at least 1 day.")
    if most < ideal:
        raise InputError("The maximum interval cannot be shorter than the ideal one.")
    return ideal, most


def next_due(last: dt.date, ideal_days: int) -> dt.date:
    """The cadence rule: the next contact is due the ideal interval after the last one."""
    return last + dt.timedelta(days=int(ideal_days))


def last_contacts(interactions: pd.DataFrame) -> pd.Series:
    """contact_id -> the date of the latest interaction with them."""
    if interactions.empty:
        return pd.Series(dtype="datetime64[ns]")
    days = pd.to_datetime(interactions["on_date"])
    return days.groupby(interactions["contact_id"]).max()


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
    if contacts.empty or last.empty:
        return pd.DataFrame(columns=columns)
    people = contacts[contacts["id"].isin(last.index)]
    # Plain dicts: a .loc lookup per person was most of this table's time.
    own, tier = {}, {}
    for c in cadences[["contact_id", "depth", "ideal_days", "max_days"]].itertuples():
        if pd.notna(c.contact_id):
            own[c.contact_id] = (c.ideal_days, c.max_days)
        if pd.notna(c.depth):
            tier[c.depth] = (c.ideal_days, c.max_days)
    last_seen = last.to_dict()
    rows = []
    for person in people[["id", "name", "depth"]].itertuples():
        if person.id in own:
            ideal, most = own[person.id]
        elif person.depth in tier:
            ideal, most = tier[person.depth]
        else:
            continue
        seen = last_seen[person.id].date()
        due, latest = next_due(seen, ideal), next_due(seen, most)
        status = "on_track" if today < due else ("due_soon" if today <= latest else "overdue")
        rows.append(
            (person.id, person.name, person.depth, seen, int(ideal), int(most), due, latest, status)
        )
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["next_due", "name"]).reset_index(drop=True)


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
    meetings = interactions.set_index("id").to_dict("index")
    names = contacts.set_index("id")["name"].to_dict()
    # Each person's latest interaction, as (day, id): a meeting has been followed up by
    # contact when that person's latest is later than the meeting itself.
    latest: dict[Any, tuple[str, int]] = {}
    for person, day, row in zip(
        interactions["contact_id"], interactions["on_date"], interactions["id"], strict=True
    ):
        latest[person] = max(latest.get(person, (day, row)), (day, row))
    rows = []
    for f in follow_ups[["id", "interaction_id", "done_on", "due"]].itertuples():
        meeting = meetings[f.interaction_id]
        later = latest[meeting["contact_id"]] > (meeting["on_date"], f.interaction_id)
        how = "ticked" if f.done_on else ("in touch since" if later else "")
        rows.append(
            (
                f.id,
                int(meeting["contact_id"]),
                names.get(meeting["contact_id"], "?"),
                KINDS[meeting["kind"]].lower(),
                dt.date.fromisoformat(meeting["on_date"]),
                dt.datetime.fromisoformat(f.due),
                bool(how),
                how,
                str(meeting["notes"]),
            )
        )
    return pd.DataFrame(rows, columns=columns)


def promise_table(promises: pd.DataFrame, contacts: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Promises with the person's name; open ones past their date are overdue, first."""
    table = promises.copy()
    names = contacts.set_index("id")["name"]
    table["name"] = table["contact_id"].map(names).astype(str)
    due = pd.to_datetime(table["due_on"]).dt.date
    table["overdue"] = table["done_on"].isna() & due.notna() & (due < today)
    table["open"] = table["done_on"].isna()
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
    last = last_contacts(interactions).to_dict()
    exchanged = referrals["contact_id"].value_counts().to_dict() if len(referrals) else {}
    on_goals = set(goal_people["contact_id"]) if len(goal_people) else set()
    interests = {}
    if len(gains):
        for row in gains.dropna(subset=["contact_id"])[["contact_id", "interests"]].itertuples():
            first = str(row.interests or "").split(",")[0].strip()
            if first:
                interests[int(row.contact_id)] = first
    rows = []
    for person in contacts[["id", "name", "company", "depth"]].itertuples():
        seen = last[person.id].date() if person.id in last else None
        days = (today - seen).days if seen else None
        if seen is not None and days <= threshold_days:
            continue
        count = int(exchanged.get(person.id, 0))
        worth = _DEPTH_WORTH.get(person.depth, 1) + 3 * count + (4 if person.id in on_goals else 0)
        why = [DEPTH_SHORT.get(person.depth, person.depth)]
        if count:
            why.append(f"{count} referral{'s' if count != 1 else ''} exchanged")
        if person.id in on_goals:
            why.append("on one of your goals")
        touch = _TOUCH.get(person.depth, _TOUCH["contact"])
        if person.id in interests:
            touch += f" Mention {interests[person.id]}."
        rows.append(
            (person.id, person.name, person.company, person.depth, seen, days, worth,
             ", ".join(why), touch)
        )  # fmt: skip
    table = pd.DataFrame(rows, columns=columns)
    table["never"] = table["last"].isna()
    table = table.sort_values(
        ["worth", "never", "days", "name"], ascending=[False, True, False, True]
    )
    return table.drop(columns="never").reset_index(drop=True)


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
            who = f"you promised {p.name}" if p.direction == "mine" else f"{p.name} promised you"
            rank = 0 if p.overdue and p.direction == "mine" else (1 if p.overdue else 3)
            lines.append((bucket, rank, day, "promise", int(p.id), f"{p.what} ({who})"))
    for f in follow_ups[~follow_ups["done"]].itertuples():
        day = f.due.date()
        bucket = when(day)
        if bucket:
            text = (
                f"Thank {f.name} for the {f.meeting} on {f.met_on:%a %d %b}: a note or an email, "
                f"by {f.due:%a %H:%M}"
            )
            lines.append((bucket, 2, day, "follow_up", int(f.id), text))
    for c in cadence[cadence["status"] != "on_track"].itertuples():
        if c.status == "overdue":  # past the maximum interval
            day, bucket = c.latest, "overdue"
        else:  # past the ideal interval: this week, before the maximum comes
            day, bucket = c.next_due, "today" if c.next_due == today else "this_week"
        text = (
            f"Get in touch with {c.name} ({DEPTH_SHORT.get(c.depth, c.depth)}; "
            f"last contact {c.last:%d %b %Y}, {STATUSES[c.status]})"
        )
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
        (f.due.date(), f.name, f"thank-you for the {f.meeting} of {f.met_on:%d %b}")
        for f in follow_ups[~follow_ups["done"]].itertuples()
    ]
    rows += [(c.next_due, c.name, "keep in touch") for c in cadence.itertuples()]
    rows += [
        (dt.date.fromisoformat(p.due_on), p.name, f"promise: {p.what}")
        for p in promises[promises["open"]].itertuples()
        if p.due_on
    ]
    return pd.DataFrame(rows, columns=["day", "name", "what"])
