"""The follow-ups and promises as a calendar file (RFC 5545) for any calendar program.

Each follow-up and each promise with a date is one event, with a UID made of this workbook's
own identifier and the row's id: exporting again updates the same events instead of adding
copies. Done ones are exported as cancelled, so the calendar clears them. Times carry the
participant's time zone (a VTIMEZONE is included), so a 6 pm follow-up stays at 6 pm.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from .. import words
from ..follow_up import PROMISE_KINDS, the_meeting
from ..i18n import _

FOLLOW_UP_MINUTES = 15


def to_ics(wb: Any) -> bytes:
    from icalendar import Calendar, Event

    profile = wb.profile()
    zone = zoneinfo.ZoneInfo(profile.time_zone) if profile.time_zone else None
    uid = wb.calendar_uid()
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//Networking Workbook//Follow-up//EN")
    calendar.add("version", "2.0")
    calendar.add(
        "x-wr-calname", _("Follow-up: {name}").format(name=profile.name or _("my network"))
    )

    for f in wb.follow_ups().itertuples():
        event = Event()
        event.add("uid", f"follow-up-{f.id}-{uid}@networking-workbook")
        event.add("dtstamp", stamp)
        start = f.due.replace(tzinfo=zone) if zone else f.due
        event.add("dtstart", start - dt.timedelta(minutes=FOLLOW_UP_MINUTES))
        event.add("dtend", start)
        meeting = the_meeting(f.meeting)
        event.add("summary", _("Thank {name} for {meeting}").format(name=f.name, meeting=meeting))
        said = _(
            "{meeting} with {name} on {day}: send a thank-you note or email within 48 hours, "
            "with one thing you remember and one way you can help."
        ).format(meeting=meeting, name=f.name, day=words.day(f.met_on, year=True, weekday=True))
        if f.notes:
            said += "\n\n" + _("Your notes:") + "\n" + f.notes
        event.add("description", said[:1].upper() + said[1:])
        event.add("status", "CANCELLED" if f.done else "CONFIRMED")
        event.add("sequence", 1 if f.done else 0)
        calendar.add_component(event)

    for p in wb.promises().itertuples():
        if not p.due_on:
            continue
        event = Event()
        event.add("uid", f"promise-{p.id}-{uid}@networking-workbook")
        event.add("dtstamp", stamp)
        day = dt.date.fromisoformat(p.due_on)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        mine = p.direction == "mine"
        summary = _("Promised {name}: {what}") if mine else _("{name} promised: {what}")
        event.add("summary", summary.format(name=p.name, what=p.what))
        whose = (
            _("You promised this to {name}.") if mine else _("This was promised to you by {name}.")
        )
        event.add("description", f"{_(PROMISE_KINDS[p.kind])}. {whose.format(name=p.name)}")
        event.add("status", "CANCELLED" if p.done_on else "CONFIRMED")
        event.add("sequence", 1 if p.done_on else 0)
        calendar.add_component(event)

    if zone:
        calendar.add_missing_timezones()
    return calendar.to_ical()
