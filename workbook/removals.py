"""Before something is removed, what goes with it, in words; after, the way back (undo).

The store keeps every removed row and the rows removed with it; these are the sentences a
participant reads before saying yes ("Matilda is on your goal 'Get cards into 3 vet
practices'") and the label of the undo ("Removed Matilda Hart").
"""

from __future__ import annotations

from typing import Any

from . import words
from .i18n import NN_, _, ngettext


def consequences(store: Any, table: str, row_id: int) -> list[str]:
    """What would go with the row, one sentence each (empty: nothing else hangs on it)."""
    going = store.dependants(table, int(row_id))
    said: list[str] = []
    if table == "contacts" and going.get("goal_people"):
        texts = store.read("goals").set_index("id")["text"]
        for link in going["goal_people"]:
            goal = texts.get(int(link["goal_id"]), "")
            said.append(_("They are on your goal '{goal}'.").format(goal=goal))
    elif going.get("goal_people"):
        n = len(going["goal_people"])
        said.append(ngettext("{n} person on it.", "{n} people on it.", n).format(n=n))
    counted = [
        ngettext(*_GOING[name], len(going[name])).format(n=len(going[name]))
        for name in _GOING
        if going.get(name)
    ]
    if going.get("gains"):
        counted.append(_("what you wrote of their GAINS"))
    if going.get("cadences"):
        counted.append(_("their keep-in-touch rhythm"))
    if counted:
        said.append(_("With it go {things}.").format(things=words.listed(counted)))
    return said


# What else goes with a row, counted.
_GOING = {
    "asks": NN_("{n} ask", "{n} asks"),
    "interactions": NN_("{n} logged meeting or message", "{n} logged meetings and messages"),
    "promises": NN_("{n} promise", "{n} promises"),
    "referrals": NN_("{n} referral", "{n} referrals"),
    "transactions": NN_("{n} payment", "{n} payments"),
}
