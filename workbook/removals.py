"""Before something is removed, what goes with it, in words; after, the way back (undo).

The store keeps every removed row and the rows removed with it; these are the sentences a
participant reads before saying yes ("Matilda is on your goal 'Get cards into 3 vet
practices'") and the label of the undo ("Removed Matilda Hart").
"""

from __future__ import annotations

from typing import Any

from .words import count


def consequences(store: Any, table: str, row_id: int) -> list[str]:
    """What would go with the row, one sentence each (empty: nothing else hangs on it)."""
    going = store.dependants(table, int(row_id))
    said: list[str] = []
    if table == "contacts" and going.get("goal_people"):
        texts = store.read("goals").set_index("id")["text"]
        for link in going["goal_people"]:
            said.append(f"They are on your goal '{texts.get(int(link['goal_id']), '')}'.")
    elif going.get("goal_people"):
        said.append(f"{count(len(going['goal_people']), 'person', 'people')} on it.")
    counted = [
        count(len(going[name]), one, many)
        for name, one, many in (
            ("asks", "ask", "asks"),
            ("interactions", "logged meeting or message", "logged meetings and messages"),
            ("promises", "promise", "promises"),
            ("referrals", "referral", "referrals"),
            ("transactions", "payment", "payments"),
        )
        if going.get(name)
    ]
    if going.get("gains"):
        counted.append("what you wrote of their GAINS")
    if going.get("cadences"):
        counted.append("their keep-in-touch rhythm")
    if counted:
        said.append("With it go " + _listed(counted) + ".")
    return said


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
