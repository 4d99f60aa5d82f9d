"""Exercise 3, goals to people: two business goals, two people who could help with each.

A favour asked of someone you barely know rarely lands; a first step that builds the
relationship does. So wherever a goal leans on a mere contact, the exercise says so and
offers a small step to take this week instead.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._errors import InputError
from .dates import parse_date
from .i18n import N_, _

MIN_GOALS = 2
PEOPLE_PER_GOAL = 2

# A small first step for each depth: what to do this week before asking anything.
FIRST_STEPS = {
    "contact": N_("Invite {first} for a coffee to learn about their business; ask nothing yet."),
    "acquaintance": N_(
        "Send {first} something useful (an article, an introduction) and ask how you can help them."
    ),
}
# Why a favour would come too early, for each depth that gets a first step.
TOO_EARLY = {
    "contact": N_("{name} is a contact so far: asking a favour for “{goal}” would come too early."),
    "acquaintance": N_(
        "{name} is an acquaintance so far: asking a favour for “{goal}” would come too early."
    ),
}


def clean_goal(text: Any, target_date: Any = None) -> tuple[str, str | None]:
    goal = " ".join(str(text or "").split())
    if not goal:
        raise InputError(
            _("Write the goal in a few words, for example 'Ten listings from retirees by June'.")
        )
    if len(goal) > 300:
        raise InputError(_("Keep the goal short: one sentence under 300 characters."))
    return goal, clean_date(target_date, _("Target date"))


def clean_date(value: Any, label: str) -> str | None:
    """A stored date (ISO) from what was typed or picked; None for an empty field."""
    day = parse_date(value, label)
    return day.isoformat() if day else None


def warnings(goal_people: pd.DataFrame) -> pd.DataFrame:
    """Rows of goal_people (with name and depth) whose person is a mere contact or an
    acquaintance, each with the first step to take this week instead of asking a favour."""
    shallow = goal_people[goal_people["depth"].isin(list(FIRST_STEPS))].copy()
    shallow["first_step"] = [
        _(FIRST_STEPS[depth]).format(first=(name.split() or [name])[0])
        for name, depth in zip(shallow["name"], shallow["depth"], strict=True)
    ]
    return shallow


def progress(goals: pd.DataFrame, goal_people: pd.DataFrame) -> dict[str, Any]:
    """How far the exercise is: goals written, and goals that still need people."""
    counts = goal_people.groupby("goal_id").size() if len(goal_people) else pd.Series(dtype=int)
    short = [
        text
        for goal_id, text in zip(goals["id"], goals["text"], strict=True)
        if counts.get(goal_id, 0) < PEOPLE_PER_GOAL
    ]
    return {
        "goals": len(goals),
        "goals_needed": max(MIN_GOALS - len(goals), 0),
        "goals_short_of_people": short,
        "done": len(goals) >= MIN_GOALS and not short,
    }
