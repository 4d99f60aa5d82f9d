"""Who should meet whom in the room: worked out from each participant's profession, their five
professions (exercise 2) and the client markets they serve.

Three views of the same matches: for each participant, the people to meet (those on their five,
those who have them on theirs, those who serve the same clients), so a participant who skipped
exercise 2 still learns who wants to meet them; and the pairs to introduce, each pair once, for
the coach to read out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import i18n, preferred_clients
from .i18n import N_, _

# Headings, translated where shown (the dashboard, the CSV files).
COLUMNS = [N_("For"), N_("Meet"), N_("Their profession"), N_("Why"), N_("Score")]
PAIR_COLUMNS = [N_("Introduce"), N_("To"), N_("Why")]


def _wants(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether ``b``'s profession is one of ``a``'s five."""
    return bool(b["profession"]) and any(
        preferred_clients.same_profession(t, b["profession"]) for t in a["targets"]
    )


def _article(profession: str) -> str:
    """'a florist', 'an accountant' in English; the profession as it is in other languages
    (whose sentences here are written to need no article)."""
    if i18n.language() != i18n.SOURCE:
        return profession
    return ("an " if profession[:1].lower() in "aeiou" else "a ") + profession.lower()


def _markets(labels: dict[str, str], shared: list[str]) -> str:
    """The client markets two participants share, as a sentence lists them: 'families,
    retirees', 'familias, jubilados'; German nouns keep their capitals."""
    said = [labels.get(m, m) for m in shared]
    return ", ".join(said if i18n.language() == "de" else [s.lower() for s in said])


def matches(participants: list[dict[str, Any]]) -> pd.DataFrame:
    """For each participant, the others worth meeting in the room, best first: mutual matches
    (each practises one of the other's five), then the people on their five, then the people
    who have them on theirs ("wants to meet you"), then people who serve the same client
    markets. Columns: For, Meet, Their profession, Why, Score."""
    labels = preferred_clients.markets()
    rows = []
    for a in participants:
        for b in participants:
            if a is b:
                continue
            a_wants_b, b_wants_a = _wants(a, b), _wants(b, a)
            shared = sorted(set(a["markets"]) & set(b["markets"]))
            if not (a_wants_b or b_wants_a or shared):
                continue
            market_words = _markets(labels, shared)
            if a_wants_b and b_wants_a:
                why, score = _("Mutual: each of you is on the other's list of five"), 3.0
            elif a_wants_b:
                why = _("{profession} is one of your five professions").format(
                    profession=b["profession"])  # fmt: skip
                score = 2.0
            elif b_wants_a:
                why = _("Wants to meet you: {a_profession} is one of their five").format(
                    a_profession=_article(a["profession"]))  # fmt: skip
                score = 1.5
            else:
                why = _("You serve the same clients ({markets})").format(markets=market_words)
                score = 1.0
            if shared and score > 1:
                why += "; " + _("you both serve {markets}").format(markets=market_words)
            rows.append(
                {"For": a["name"], "Meet": b["name"], "Their profession": b["profession"],
                 "Why": why, "Score": score + len(shared) / 10}
            )  # fmt: skip
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["For", "Score", "Meet"], ascending=[True, False, True]).reset_index(
        drop=True
    )


def pairs(participants: list[dict[str, Any]]) -> pd.DataFrame:
    """The introductions to make, each pair once, best first: 'Introduce Dana Whitfield to Ruth
    Ellison: each is on the other's list of five'. One-way matches name who asked first."""
    by_name = {p["name"]: p for p in participants}
    labels = preferred_clients.markets()
    seen: set[frozenset[str]] = set()
    rows = []
    for r in (
        matches(participants).sort_values("Score", ascending=False, kind="stable").itertuples()
    ):
        key = frozenset((r.For, r.Meet))
        if key in seen:
            continue
        seen.add(key)
        a, b = by_name[r.For], by_name[r.Meet]
        a_wants_b, b_wants_a = _wants(a, b), _wants(b, a)
        shared = sorted(set(a["markets"]) & set(b["markets"]))
        market_words = _markets(labels, shared)
        if a_wants_b and b_wants_a:
            first, second = a, b
            why = _("each is on the other's list of five")
        elif a_wants_b or b_wants_a:
            first, second = (a, b) if a_wants_b else (b, a)
            why = _("{name} wants to meet {a_profession}").format(
                name=first["name"], a_profession=_article(second["profession"]))  # fmt: skip
        else:
            first, second = a, b
            why = _("both serve the same clients ({markets})").format(markets=market_words)
        if shared and (a_wants_b or b_wants_a):
            why += "; " + _("both serve {markets}").format(markets=market_words)
        rows.append(
            {"Introduce": first["name"], "To": second["name"], "Why": why, "_score": r.Score}
        )
    table = pd.DataFrame(rows, columns=[*PAIR_COLUMNS, "_score"])
    return (
        table.sort_values(["_score", "Introduce", "To"], ascending=[False, True, True])
        .drop(columns="_score")
        .reset_index(drop=True)
    )
