"""Calendar files (.ics from Google Takeout, Outlook, Apple Calendar) to meetings: one row per
occurrence and other person.

icalendar reads the file (Windows zone names such as 'GMT Standard Time' included),
x-wr-timezone repairs Google's X-WR-TIMEZONE calendars, and recurring-ical-events expands the
recurring series within the window only, with their exceptions (EXDATE, moved occurrences).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from typing import Any

from ..i18n import _
from ._source import Source

MEETING = "meeting"


def _address(value: Any) -> str:
    text = str(value or "").strip()
    return text[7:].strip().lower() if text.lower().startswith("mailto:") else text.lower()


def _name(value: Any) -> str:
    params = getattr(value, "params", {}) or {}
    return " ".join(str(params.get("CN", "")).split()).strip('"')


def _people(event: Any) -> tuple[list[tuple[str, str, str]], tuple[str, str]]:
    """(email, name, participation status) of each attendee, and the organiser (email, name)."""
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    people = [
        (_address(a), _name(a), str((getattr(a, "params", {}) or {}).get("PARTSTAT", "")).upper())
        for a in attendees
    ]
    organizer = event.get("ORGANIZER")
    return people, (_address(organizer), _name(organizer)) if organizer else ("", "")


def _wall_clock(value: Any, zone: dt.tzinfo) -> dt.datetime:
    """A DTSTART as a naive time on the participant's clock: timed events converted to their
    zone, floating times and all-day events (dates) taken as they are."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value
        return value.astimezone(zone).replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def calendar_rows(
    src: Source, me: set[str], zone: dt.tzinfo, since: dt.datetime, until: dt.datetime
) -> tuple[list[dict[str, Any]], set[str]]:
    """Meetings in ``[since, until]`` with the other people at each (never ``me``; a meeting
    ``me`` declined is left out), and the addresses taken for the participant's own."""
    import icalendar
    import recurring_ical_events
    import x_wr_timezone

    try:
        calendar = icalendar.Calendar.from_ical(src.data)
    except ValueError as exc:
        raise src.fail(_("is not a calendar file this workbook can read: it is damaged.")) from exc
    calendar = x_wr_timezone.to_standard(calendar)
    occurrences = recurring_ical_events.of(calendar, skip_bad_series=True).between(
        since.replace(tzinfo=zone), until.replace(tzinfo=zone)
    )
    events = [e for e in occurrences if e.name == "VEVENT"]
    if not any("@" in m for m in me):  # the organiser of most of the participant's events
        organisers = Counter(_people(e)[1][0] for e in events)
        organisers.pop("", None)
        if organisers:
            me = me | {organisers.most_common(1)[0][0]}
    recurring = {str(e.get("UID", "")) for e in calendar.walk("VEVENT") if e.get("RRULE")}
    rows = []
    for event in events:
        attendees, organiser = _people(event)
        if any(email in me and status == "DECLINED" for email, _name, status in attendees):
            continue
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        others: dict[str, str] = {}
        for email, name, status in [*attendees, (*organiser, "")]:
            if (email or name) and email not in me and status != "DECLINED":
                others.setdefault(email or name.lower(), name)
        uid = str(event.get("UID", ""))
        start = _wall_clock(event["DTSTART"].dt, zone)
        recurrence = event.get("RECURRENCE-ID")
        occurrence = recurrence.dt.isoformat() if recurrence is not None else ""
        for key, name in others.items():
            rows.append(
                {
                    "start": start,
                    "kind": MEETING,
                    "direction": "",
                    "email": key if "@" in key else "",
                    "name": name,
                    "url": "",
                    "title": " ".join(str(event.get("SUMMARY", "")).split()),
                    "attendees": len(others),
                    "series": uid if uid in recurring else "",
                    "uid": f"{uid}/{occurrence}" if occurrence else uid,
                    "source": src.name,
                }
            )
    return rows, me


def zone_of(tz: str | dt.tzinfo | None) -> dt.tzinfo:
    """The participant's time zone: a name ('Europe/London'), a tzinfo, or this computer's."""
    if isinstance(tz, dt.tzinfo):
        return tz
    if tz:
        try:
            return zoneinfo.ZoneInfo(str(tz))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            from .._errors import InputError

            raise InputError(
                _("{typed} is not a time zone name (such as Europe/London).").format(typed=repr(tz))
            ) from None
    local = dt.datetime.now().astimezone().tzinfo
    return local or dt.UTC
