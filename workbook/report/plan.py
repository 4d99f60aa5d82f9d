"""What goes in a participant's action plan, gathered from every exercise as plain data.

The HTML and PDF are two renderings of this one structure, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import _frames as frames
from .. import follow_up, i18n, money_trail, preferred_clients, words
from .. import gains as gains_rules
from .. import goals as goal_rules
from .._places import file_stem
from ..contacts import DEPTH_SHORT
from ..i18n import N_, _, ngettext


def _first(name: str) -> str:
    return (str(name).split() or [str(name)])[0]


def file_name(wb: Any, kind: str, extension: str) -> str:
    """What a participant's file is called: action-plan-Dana-Whitfield-2026-11-24.pdf. From
    the profile and the date alone, without gathering the whole plan."""
    stem = file_stem(wb.profile().name or PLAN_TITLE, "workbook")
    return f"{kind}-{stem}-{wb.today().isoformat()}.{extension}"


PLAN_TITLE = N_("Your action plan")  # the plan's title when the profile has no name


def labels() -> dict[str, str]:
    """The plan's headings and fixed words in the participant's language: the HTML and the
    PDF (its Typst template) take them from here."""
    return {
        "title_prefix": _("Action plan"),
        "page": _("{page} of {pages}"),
        "preferred_client": _("Preferred client"),
        "from_coach": _("From your coach"),
        "businesses": _("Businesses to approach"),
        "no_businesses": _(
            "No businesses listed yet. In exercise 1, list the local businesses you pay (or "
            "start from your bank file): the ones you have paid longest are the first to ask."
        ),
        "no_asks": _(
            "No asks planned yet: in exercise 1, pick one or two businesses and tick what to "
            "ask them for."
        ),
        "in_progress": _("Asks in progress"),
        "business": _("Business"),
        "ask": _("Ask"),
        "answer": _("Answer"),
        "since": _("Since"),
        "notes": _("Notes"),
        "declined": _(
            "Declined to reciprocate: {names}. Worth asking yourself whether to keep spending "
            "there."
        ),
        "professions": _("Five professions that serve your clients"),
        "no_professions": _(
            "None picked yet. In exercise 2, pick five professions, other than your own, that "
            "serve your preferred clients: they are the people to meet next."
        ),
        "profession": _("Profession"),
        "you_know": _("You know"),
        "next_step": _("Next step"),
        "look_for": _("Look for"),
        "next_step_look_for": _("Next step · words to look for on name tags"),
        "nobody_yet": _("nobody yet"),
        "goals": _("Goals and the people who could help"),
        "by": _("by {day}"),
        "no_goals": _(
            "No goals written yet. In exercise 3, write two goals with a date and name two "
            "people who could help with each."
        ),
        "follow_up": _("Follow-up: the next two weeks"),
        "overdue_promise": _("Overdue promise"),
        "this_week": _("This week I will"),
        "reconnect": _("People to reconnect with"),
        "to_learn": _("To learn at your next meetings"),
        "charts": _("Your charts"),
    }


def gather(wb: Any, today: dt.date | None = None) -> dict[str, Any]:
    """The action plan as JSON-ready data: profile, asks, professions, goals, GAINS gaps."""
    profile = wb.profile()
    currency = profile.currency
    spend = wb.spend_table()
    asks = wb.asks()
    day = today or wb.today()

    ask_rows = frames.records(
        asks, "business", "ask", "talking_points", "status", "answered_on", "asked_on", "notes"
    )
    to_make = [
        {"business": a["business"], "ask": a["ask"], "talking_points": list(a["talking_points"])}
        for a in ask_rows
        if a["status"] == "planned"
    ]
    for b in money_trail.this_week(spend).to_dict("records"):
        if b["asks"] == 0:
            to_make.append(
                {
                    "business": b["name"],
                    "ask": _("Choose an ask: {relationship}").format(
                        relationship=money_trail.relationship_line(b, currency, profile.writes_in)
                    ),
                    "talking_points": [],
                }
            )
    in_progress = [
        {
            "business": a["business"],
            "ask": a["ask"],
            "status": a["status"],
            "answer": _(money_trail.ASK_STATUSES.get(a["status"], a["status"])).lower(),
            # The latest date the ask has; asks saved before dates were kept have none.
            "since": _in_words(
                next((d for d in (a["answered_on"], a["asked_on"]) if frames.given(d)), "")
            ),
            "notes": a["notes"],
        }
        for a in ask_rows
        if a["status"] != "planned"
    ]
    coverage = wb.coverage()
    professions = [
        {
            "profession": row["profession"],
            "known": list(row["names"]),
            "next_step": row["next_step"],
            "look_for": preferred_clients.name_tag_words(row["profession"])[:4],
        }
        for row in frames.records(coverage, "profession", "names", "next_step")
    ]
    people = wb.goal_people()
    shallow = dict(frames.rows(goal_rules.warnings(people), "id", "first_step"))
    people_of: dict[Any, list[dict[str, Any]]] = {}  # each goal's people, in order
    for p in frames.records(people, "goal_id", "id", "name", "depth", "why"):
        people_of.setdefault(p["goal_id"], []).append(p)
    goals = []
    for goal in frames.records(wb.goals(), "id", "text", "target_date"):
        goals.append(
            {
                "goal": goal["text"],
                "by": _in_words(goal["target_date"]),
                "people": [
                    {
                        "name": p["name"],
                        "depth": _(DEPTH_SHORT[p["depth"]]),
                        "why": p["why"],
                        "next_step": shallow.get(p["id"])
                        or _("Ask {name} for help with this goal.").format(name=_first(p["name"])),
                    }
                    for p in people_of.get(goal["id"], [])
                ],
            }
        )
    follow, overdue_promises, reconnect = _follow_up(wb, day)
    partners = wb.gains()
    gaps = [q for _name, q in gains_rules.to_learn(partners[~partners["is_you"]])]
    totals = money_trail.totals(spend)
    line = " · ".join(p for p in (profile.profession, profile.business, profile.city) if p)
    return {
        "name": profile.name or _(PLAN_TITLE),
        "footer": _("{name} · action plan").format(name=profile.name)
        if profile.name
        else _(PLAN_TITLE),
        "lang": i18n.language(),
        "words": labels(),
        "profile_line": line,
        "preferred_client": profile.preferred_client,
        "date": day.isoformat(),
        "date_text": words.day(day, year=True),
        "money": {
            "businesses": totals["businesses"],
            "lifetime": profile.money(totals["lifetime_spend"]),
            "annual": profile.money(totals["annual_spend"]),
            "referrals_sent": totals["referrals_sent"],
            "line": _money_line(profile, totals),
        },
        "asks_to_make": to_make,
        "asks_in_progress": in_progress,
        "declined": list(spend.loc[spend["declined"], "name"]),
        "professions": professions,
        "goals": goals,
        "gains_gaps": gaps[:8],
        "follow_ups": follow,
        "overdue_promises": overdue_promises,
        "reconnect": reconnect,
        "this_week": _commitments(wb, day),
        "since": _since(wb),
        "coach_notes": frames.records(wb.coach_notes(), "about_now", "text"),
    }


def _money_line(profile: Any, totals: dict[str, Any]) -> str:
    """'You spend $9,300 a year with 12 local businesses ($41,000 in all) and have sent them 9
    referrals.'"""
    spent = ngettext(
        "You spend {a_year} a year with {n} local business ({in_all} in all)",
        "You spend {a_year} a year with {n} local businesses ({in_all} in all)",
        totals["businesses"],
    ).format(
        a_year=profile.money(totals["annual_spend"]),
        n=totals["businesses"],
        in_all=profile.money(totals["lifetime_spend"]),
    )
    sent = totals["referrals_sent"]
    if sent:
        return spent + ngettext(
            " and have sent them {n} referral.", " and have sent them {n} referrals.", sent
        ).format(n=sent)
    return spent + _("; no referrals sent to them yet: one is the best start to an ask.")


def _since(wb: Any) -> dict[str, Any]:
    """'Since your last plan': what changed since the check-in before this week, in words
    (empty without a check-in before)."""
    found = wb.since_last_check_in()
    if not found:
        return {"title": "", "changes": []}
    week = dt.date.fromisoformat(found["week_start"])
    return {
        "title": _("Since your last plan (your check-in of the week of {day})").format(
            day=words.day(week)
        ),
        "changes": found["changes"] or [_("Nothing logged since then yet.")],
    }


def _commitments(wb: Any, day: dt.date) -> list[str]:
    """'This week I will': the commitments of this week's check-in, or last week's."""
    done = wb.check_ins()
    recent = done[done["week_start"] >= (day - dt.timedelta(days=7)).isoformat()]
    return list(recent["commitments"].iloc[-1]) if len(recent) else []


# What the plan lists from the follow-up exercise: the next two weeks, and five to reconnect with.
FOLLOW_UP_DAYS = 14
RECONNECT_SHOWN = 3


def _follow_up(wb: Any, day: dt.date) -> tuple[list[dict], list[dict], list[dict]]:
    horizon = day + dt.timedelta(days=FOLLOW_UP_DAYS)
    items: list[tuple[dt.date, str]] = []
    for done, due, name, meeting, met_on in frames.rows(
        wb.follow_ups(), "done", "due", "name", "meeting", "met_on"
    ):
        if not done and due.date() <= horizon:
            items.append(
                (
                    due.date(),
                    _("Thank {name} for {meeting} of {day}").format(
                        name=name, meeting=follow_up.the_meeting(meeting), day=words.day(met_on)
                    ),
                )
            )
    for next_due, latest, status, name in frames.rows(
        wb.cadence_status(), "next_due", "latest", "status", "name"
    ):
        if next_due <= horizon:
            # Past the ideal interval it is due this week; past the maximum, overdue.
            when = {"on_track": next_due, "overdue": latest}.get(status, day)
            items.append(
                (
                    when,
                    _("Get in touch with {name} ({status})").format(
                        name=name, status=_(follow_up.STATUSES[status])
                    ),
                )
            )

    overdue = []
    for is_open, due_on, name, direction, late, what in frames.rows(
        wb.promises(), "open", "due_on", "name", "direction", "overdue", "what"
    ):
        if not is_open or not due_on:
            continue
        due = dt.date.fromisoformat(due_on)
        who = (
            _("you promised {name}") if direction == "mine" else _("{name} promised you")
        ).format(name=name)
        if late:
            overdue.append({"what": what, "who": who, "due": words.day(due)})
        elif due <= horizon:
            items.append((due, f"{what} ({who})"))
    items.sort(key=lambda item: item[0])
    follow = [{"when": _when(when, day), "what": what} for when, what in items]
    reconnect = frames.records(
        wb.reconnect_list().head(RECONNECT_SHOWN), "contact_id", "name", "why", "touch"
    )
    for person in reconnect:  # the first words of the note, to get going
        person["opening"] = opening(wb.draft("reconnect", contact_id=int(person.pop("contact_id"))))
    return follow, overdue, reconnect


def opening(draft: Any) -> str:
    """A draft's first line after its greeting ('Dear Tom,')."""
    lines = [line for line in draft.body.splitlines() if line.strip()]
    return lines[1] if len(lines) > 1 else ""


def _when(when: dt.date, day: dt.date) -> str:
    if when < day:
        return _("overdue")
    return _("today") if when == day else words.day(when, weekday=True)


def _in_words(day: Any) -> str:
    """'2027-06-30' -> '30 June 2027', 'June 30, 2027', '30. Juni 2027' ('' for no date)."""
    if not frames.given(day):
        return ""
    return words.day(dt.date.fromisoformat(day), year=True)
