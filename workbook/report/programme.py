"""The coach's weekly view of a programme, for the dashboard and ``cohort report``: week by
week for each participant and the room, who has not checked in this week, who has gone quiet,
and each participant's check-ins with the coach's notes. For the coach's eyes only: none of it
goes into the room's files (introductions, badges, the room list)."""

from __future__ import annotations

from html import escape as e

import pandas as pd

from .. import cohort as cohort_rules
from .. import programme as programmes
from ..i18n import _, ngettext
from ..words import day


def programme_html(cohort: cohort_rules.Cohort) -> str:
    """The programme's section, or '' for a cohort without one."""
    programme = cohort.programme
    if programme is None or not cohort.participants:
        return ""
    week = cohort.week
    weeks, first = programme.weeks, day(programme.starts)
    if cohort.today < programme.starts:
        when = ngettext(
            "The programme starts on {day} ({n} week)",
            "The programme starts on {day} ({n} weeks)",
            weeks,
        )
    elif week is None:
        when = ngettext(
            "The programme has ended ({n} week from {day})",
            "The programme has ended ({n} weeks from {day})",
            weeks,
        )
    else:
        when = _("The programme: week {week} of {n} (started {day})")
    when = when.format(day=first, n=weeks, week=week)
    people = cohort.participants
    missing = programmes.not_checked_in(people, week)
    quiet = programmes.quiet(people, programme.quiet_days, pd.Timestamp.now())
    said = []
    if week is not None and missing:
        heading = e(_("Not checked in this week:"))
        said.append(f"<p><b>{heading}</b> {e(', '.join(missing))}</p>")
    elif week is not None:
        said.append("<p>" + e(_("Everyone has checked in this week.")) + "</p>")
    days = programme.quiet_days
    if quiet:
        heading = ngettext(
            "Not in their workbook for more than {n} day:",
            "Not in their workbook for more than {n} days:",
            days,
        ).format(n=days)
        who = ", ".join(ngettext("{name} ({n} day)", "{name} ({n} days)", idle).format(
            name=name, n=idle) for name, idle in quiet)  # fmt: skip
        said.append(f"<p><b>{e(heading)}</b> {e(who)}</p>")
    else:
        said.append("<p>" + e(ngettext(
            "Everyone has worked in their workbook in the last {n} day.",
            "Everyone has worked in their workbook in the last {n} days.", days).format(n=days))
            + "</p>")  # fmt: skip
    check_ins = "".join(_check_ins(p) for p in people)
    if check_ins:
        check_ins = "<h3>" + e(_("Check-ins and your notes")) + "</h3>" + check_ins
    return f"<h2>{e(when)}</h2>{''.join(said)}{_weeks_table(cohort)}{check_ins}"


def _weeks_table(cohort: cohort_rules.Cohort) -> str:
    people = cohort.participants
    shown = max((len(p["weeks"]) for p in people), default=0)
    if not shown:
        return ""
    week_n = _("Week {n}")
    header = "".join(
        f"<th>{e(week_n.format(n=w['week']))}<br><small>{day(w['start'])}</small></th>"
        for w in next(p for p in people if len(p["weeks"]) == shown)["weeks"]
    )

    def cell(week: dict) -> str:
        mark = "✓ " + e(_("checked in")) if week["checked_in"] else ""
        words = programmes.in_words(week["numbers"])
        return f"<td>{mark}{'<br>' if mark and words else ''}{e(words)}</td>"

    rows = "".join(
        f"<tr><td>{e(p['name'])}</td>{''.join(cell(w) for w in p['weeks'])}</tr>" for p in people
    )
    table = programmes.weekly(people)
    room = ""
    for n in range(1, shown + 1):
        this = table[table["Week"] == n]
        numbers = {key: int(this[heading].sum())
                   for key, (heading, _forms) in programmes.SHOWN.items()}  # fmt: skip
        checked = _("{n} of {all} checked in").format(n=int(this["Checked in"].sum()),
                                                       all=len(this))  # fmt: skip
        room += f"<td><b>{e(checked)}</b><br>{e(programmes.in_words(numbers))}</td>"
    participant, the_room = e(_("Participant")), e(_("The room"))
    return (
        f'<table class="programme"><tr><th>{participant}</th>{header}</tr>{rows}'
        f"<tr><td><b>{the_room}</b></td>{room}</tr></table>"
    )


def _check_ins(p: dict) -> str:
    weeks = [w for w in p["weeks"] if w["checked_in"]]
    notes = p.get("coach_notes", [])
    if not weeks and not notes:
        return ""
    no_note = "<i>" + e(_("no note")) + "</i>"
    week_n, will, note_on = _("Week {n}"), _("Will: {steps}"), _("Your note on {about}:")
    items = "".join(
        f"<li>{e(week_n.format(n=w['week']))}: {e(w['note']) or no_note}"
        + (f"<br><small>{e(will.format(steps='; '.join(w['commitments'])))}</small>"
           if w["commitments"] else "")
        + "</li>"
        for w in weeks
    )  # fmt: skip
    written = "".join(
        f"<li><small>{e(note_on.format(about=n['about']))}</small> {e(n['text'])}</li>"
        for n in notes
    )
    summary = ngettext("{name}: {n} check-in", "{name}: {n} check-ins", len(weeks)).format(
        name=p["name"], n=len(weeks))  # fmt: skip
    if notes:
        summary += ", " + ngettext("{n} note from you", "{n} notes from you", len(notes)).format(
            n=len(notes))  # fmt: skip
    return f"<details><summary>{e(summary)}</summary><ul>{items}{written}</ul></details>"


def programme_csv(cohort: cohort_rules.Cohort) -> bytes:
    """The weekly view as a spreadsheet: a row per participant and week."""
    return cohort_rules.spreadsheet_csv(programmes.weekly(cohort.participants))
