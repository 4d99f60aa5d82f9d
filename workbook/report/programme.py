"""The coach's weekly view of a programme, for the dashboard and ``cohort report``: week by
week for each participant and the room, who has not checked in this week, who has gone quiet,
and each participant's check-ins with the coach's notes. For the coach's eyes only: none of it
goes into the room's files (introductions, badges, the room list)."""

from __future__ import annotations

from html import escape as e

import pandas as pd

from .. import cohort as cohort_rules
from .. import programme as programmes
from ..words import count, day


def programme_html(cohort: cohort_rules.Cohort) -> str:
    """The programme's section, or '' for a cohort without one."""
    programme = cohort.programme
    if programme is None or not cohort.participants:
        return ""
    week = cohort.week
    if cohort.today < programme.starts:
        when = f"starts on {day(programme.starts)} ({count(programme.weeks, 'week')})"
    elif week is None:
        when = f"ended ({count(programme.weeks, 'week')} from {day(programme.starts)})"
    else:
        when = f"week {week} of {programme.weeks} (started {day(programme.starts)})"
    people = cohort.participants
    missing = programmes.not_checked_in(people, week)
    quiet = programmes.quiet(people, programme.quiet_days, pd.Timestamp.now())
    said = []
    if week is not None:
        said.append(
            f"<p><b>Not checked in this week:</b> {e(', '.join(missing))}</p>"
            if missing
            else "<p>Everyone has checked in this week.</p>"
        )
    said.append(
        f"<p><b>Not in their workbook for more than {count(programme.quiet_days, 'day')}:</b> "
        + e(", ".join(f"{name} ({days} days)" for name, days in quiet))
        + "</p>"
        if quiet
        else f"<p>Everyone has worked in their workbook in the last "
        f"{count(programme.quiet_days, 'day')}.</p>"
    )
    check_ins = "".join(_check_ins(p) for p in people)
    if check_ins:
        check_ins = "<h3>Check-ins and your notes</h3>" + check_ins
    return f"<h2>The programme: {e(when)}</h2>{''.join(said)}{_weeks_table(cohort)}{check_ins}"


def _weeks_table(cohort: cohort_rules.Cohort) -> str:
    people = cohort.participants
    shown = max((len(p["weeks"]) for p in people), default=0)
    if not shown:
        return ""
    header = "".join(
        f"<th>Week {w['week']}<br><small>{day(w['start'])}</small></th>"
        for w in next(p for p in people if len(p["weeks"]) == shown)["weeks"]
    )

    def cell(week: dict) -> str:
        mark = "✓ checked in" if week["checked_in"] else ""
        words = programmes.in_words(week["numbers"])
        return f"<td>{mark}{'<br>' if mark and words else ''}{e(words)}</td>"

    rows = "".join(
        f"<tr><td>{e(p['name'])}</td>{''.join(cell(w) for w in p['weeks'])}</tr>" for p in people
    )
    table = programmes.weekly(people)
    room = ""
    for n in range(1, shown + 1):
        this = table[table["Week"] == n]
        numbers = {key: int(this[many.capitalize()].sum())
                   for key, (_one, many) in programmes.SHOWN.items()}  # fmt: skip
        checked = f"{int(this['Checked in'].sum())} of {len(this)} checked in"
        room += f"<td><b>{checked}</b><br>{e(programmes.in_words(numbers))}</td>"
    return (
        f'<table class="programme"><tr><th>Participant</th>{header}</tr>{rows}'
        f"<tr><td><b>The room</b></td>{room}</tr></table>"
    )


def _check_ins(p: dict) -> str:
    weeks = [w for w in p["weeks"] if w["checked_in"]]
    notes = p.get("coach_notes", [])
    if not weeks and not notes:
        return ""
    items = "".join(
        f"<li>Week {w['week']}: {e(w['note']) or '<i>no note</i>'}"
        + (f"<br><small>Will: {e('; '.join(w['commitments']))}</small>" if w["commitments"] else "")
        + "</li>"
        for w in weeks
    )
    written = "".join(
        f"<li><small>Your note on {e(n['about'])}:</small> {e(n['text'])}</li>" for n in notes
    )
    return (
        f"<details><summary>{e(p['name'])}: {count(len(weeks), 'check-in')}"
        f"{', ' + count(len(notes), 'note') + ' from you' if notes else ''}</summary>"
        f"<ul>{items}{written}</ul></details>"
    )


def programme_csv(cohort: cohort_rules.Cohort) -> bytes:
    """The weekly view as a spreadsheet: a row per participant and week."""
    return cohort_rules.spreadsheet_csv(programmes.weekly(cohort.participants))
