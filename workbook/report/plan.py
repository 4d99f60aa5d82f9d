"""What goes in a participant's action plan, gathered from every exercise as plain data.

The HTML and PDF are two renderings of this one structure, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import _frames as frames
from .. import follow_up, money_trail, preferred_clients
from .. import gains as gains_rules
from .. import goals as goal_rules
from .._places import file_stem
from ..contacts import DEPTH_SHORT
from ..words import count


def _first(name: str) -> str:
    return (str(name).split() or [str(name)])[0]


def file_name(wb: Any, kind: str, extension: str) -> str:
    """What a participant's file is called: action-plan-Dana-Whitfield-2026-11-24.pdf. From
    the profile and the date alone, without gathering the whole plan."""
    stem = file_stem(wb.profile().name or PLAN_TITLE, "workbook")
    return f"{kind}-{stem}-{wb.today().isoformat()}.{extension}"


PLAN_TITLE = "Your action plan"  # the plan's title when the profile has no name


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
                    "ask": "Choose an ask: "
                    + money_trail.relationship_line(b, currency, profile.writes_in),
                    "talking_points": [],
                }
            )
    in_progress = [
        {
            "business": a["business"],
            "ask": a["ask"],
            "status": a["status"],
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
                        "depth": DEPTH_SHORT[p["depth"]],
                        "why": p["why"],
                        "next_step": shallow.get(p["id"])
                        or f"Ask {_first(p['name'])} for help with this goal.",
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
        "name": profile.name or PLAN_TITLE,
        "footer": f"{profile.name} · action plan" if profile.name else PLAN_TITLE,
        "profile_line": line,
        "preferred_client": profile.preferred_client,
        "date": day.isoformat(),
        "date_text": f"{day.day} {day:%B %Y}",
        "money": {
            "businesses": totals["businesses"],
            "lifetime": profile.money(totals["lifetime_spend"]),
            "annual": profile.money(totals["annual_spend"]),
            "referrals_sent": totals["referrals_sent"],
            "line": (
                f"You spend {profile.money(totals['annual_spend'])} a year with "
                f"{count(totals['businesses'], 'local business', 'local businesses')} "
                f"({profile.money(totals['lifetime_spend'])} in all)"
                + (
                    f" and have sent them {count(totals['referrals_sent'], 'referral')}."
                    if totals["referrals_sent"]
                    else "; no referrals sent to them yet: one is the best start to an ask."
                )
            ),
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


def _since(wb: Any) -> dict[str, Any]:
    """'Since your last plan': what changed since the check-in before this week, in words
    (empty without a check-in before)."""
    found = wb.since_last_check_in()
    if not found:
        return {"title": "", "changes": []}
    week = dt.date.fromisoformat(found["week_start"])
    return {
        "title": f"Since your last plan (your check-in of the week of {week.day} {week:%B})",
        "changes": found["changes"] or ["Nothing logged since then yet."],
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
                (due.date(), f"Thank {name} for the {meeting} of {met_on.day} {met_on:%B}")
            )
    for next_due, latest, status, name in frames.rows(
        wb.cadence_status(), "next_due", "latest", "status", "name"
    ):
        if next_due <= horizon:
            # Past the ideal interval it is due this week; past the maximum, overdue.
            when = {"on_track": next_due, "overdue": latest}.get(status, day)
            items.append((when, f"Get in touch with {name} ({follow_up.STATUSES[status]})"))

    overdue = []
    for is_open, due_on, name, direction, late, what in frames.rows(
        wb.promises(), "open", "due_on", "name", "direction", "overdue", "what"
    ):
        if not is_open or not due_on:
            continue
        due = dt.date.fromisoformat(due_on)
        who = f"you promised {name}" if direction == "mine" else f"{name} promised you"
        if late:
            overdue.append({"what": what, "who": who, "due": f"{due.day} {due:%B}"})
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
    return (
        "overdue" if when < day else "today" if when == day else f"{when:%A} {when.day} {when:%B}"
    )


def _in_words(day: Any) -> str:
    """'2027-06-30' -> '30 June 2027' ('' for no date)."""
    if not frames.given(day):
        return ""
    day = dt.date.fromisoformat(day)
    return f"{day.day} {day:%B %Y}"
