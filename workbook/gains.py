"""Exercise 4, the GAINS exchange: Goals, Accomplishments, Interests, Networks, Skills.

Knowing these for a referral partner tells you what to listen for on their behalf; sharing
yours tells them what to listen for on yours. Overlaps are where a relationship starts easily.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .i18n import N_, _

FIELDS = {
    "goals": N_("Goals"),
    "accomplishments": N_("Accomplishments"),
    "interests": N_("Interests"),
    "networks": N_("Networks"),
    "skills": N_("Skills"),
}
PROMPTS = {
    "goals": N_("What are you working towards this year, in business and outside it?"),
    "accomplishments": N_("What are you proudest of: a project, a client, an award?"),
    "interests": N_("What do you do when you are not working?"),
    "networks": N_("Which groups, clubs, associations or congregations are you part of?"),
    "skills": N_("What are you better at than most people you know?"),
}
# The questions to ask at the next meeting, for what you do not know yet.
QUESTIONS = {
    "goals": N_("What are you working towards this year?"),
    "accomplishments": N_("What are you proudest of in your business?"),
    "interests": N_("What do you enjoy outside work?"),
    "networks": N_("Which groups or associations do you belong to?"),
    "skills": N_("What do clients come to you for that nobody else does as well?"),
}
# Overlaps worth a conversation: shared interests and networks (and skills you could swap).
OVERLAP_FIELDS = ("interests", "networks", "skills")


def items(text: Any) -> list[str]:
    """The separate entries of a GAINS answer: one per line, comma or semicolon."""
    parts = re.split(r"[\n,;•]+", str(text or ""))
    return [" ".join(p.split()) for p in parts if p.strip()]


def _key(item: str) -> str:
    return re.sub(r"[^\w ]", "", item.lower()).strip()


def clean(values: Mapping[str, Any]) -> dict[str, str]:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"not GAINS fields: {sorted(unknown)}")
    return {field: str(value or "").strip() for field, value in values.items()}


def completeness(profile: Mapping[str, Any]) -> int:
    """How many of the five GAINS have an answer (0 to 5)."""
    return sum(bool(items(profile.get(field))) for field in FIELDS)


def shared(mine: Mapping[str, Any], theirs: Mapping[str, Any], field: str) -> list[str]:
    """Entries of one field that both people wrote (ignoring case and punctuation)."""
    their_keys = {_key(i) for i in items(theirs.get(field))}
    return [i for i in items(mine.get(field)) if _key(i) in their_keys]


def overlaps(you: Mapping[str, Any], partners: pd.DataFrame) -> pd.DataFrame:
    """One row per partner: the shared interests, networks and skills, and how many in all."""
    rows = []
    for partner in partners.to_dict("records"):
        row: dict[str, Any] = {"name": partner["name"]}
        for field in OVERLAP_FIELDS:
            row[field] = shared(you, partner, field)
        row["shared"] = sum(len(row[f]) for f in OVERLAP_FIELDS)
        rows.append(row)
    return pd.DataFrame(rows, columns=["name", *OVERLAP_FIELDS, "shared"])


def to_learn(partners: pd.DataFrame) -> list[tuple[str, str]]:
    """(name, question) for every GAINS answer you do not know yet, partner by partner."""
    out = []
    for partner in partners.to_dict("records"):
        first = (str(partner["name"]).split() or [partner["name"]])[0]
        for field in FIELDS:
            if not items(partner.get(field)):
                ask = _("Ask {name}: {question}").format(name=first, question=_(QUESTIONS[field]))
                out.append((partner["name"], ask))
    return out
