"""The exercises in order, and which of them a participant has done.

The exercise notebooks are the one source of each exercise's number and title (their first
heading); the rules for "done" are read from the workbook, the same for the app's exercise
list and the coach's progress table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Notebook file -> the key its exercise is known by in the workbook and the coach's tables.
KEYS = {
    "00_start_here": "profile",
    "01_money_trail": "money_trail",
    "02_preferred_clients": "preferred_clients",
    "03_goals_to_people": "goals",
    "04_gains": "gains",
    "05_my_network": "network",
    "06_follow_up": "follow_up",
    "07_action_plan": "action_plan",
    "08_this_week": "this_week",
}


@dataclass(frozen=True)
class Exercise:
    number: int
    key: str  # profile, money_trail, ... (see KEYS)
    title: str  # "Your money trail", from the notebook's first heading
    notebook: Path

    @property
    def label(self) -> str:
        return f"{self.number} · {self.title}"


def exercises(folder: Path) -> list[Exercise]:
    """The exercise notebooks of ``folder`` (NN_name.ipynb), in order."""
    found = []
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        found.append(
            Exercise(int(path.name[:2]), KEYS.get(path.stem, path.stem), _title(path), path)
        )
    return found


def _title(path: Path) -> str:
    """'Your money trail' from a first cell '# 1 · Your money trail', in the participant's
    language."""
    from . import i18n

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            first = i18n.notebook_text("".join(cell["source"])).strip().splitlines()[0]
            return re.sub(r"^#+\s*(\d+\s*·\s*)?", "", first).strip()
    return path.stem[3:].replace("_", " ").capitalize()


def done(wb: Any) -> dict[str, bool]:
    """Each exercise's key -> whether its own work is there (never another exercise's)."""
    from . import gains as gains_rules
    from . import preferred_clients

    profile = wb.profile()
    businesses = wb.store.read("businesses")
    asks = wb.store.read("asks")
    goals = wb.store.read("goals")
    people = wb.store.read("goal_people")
    own = wb.store.read("gains")
    own = own[own["contact_id"].isna()]
    contacts = wb.store.read("contacts")
    per_goal = people["goal_id"].value_counts()
    return {
        "profile": bool(profile.name and profile.business and profile.profession),
        "money_trail": len(businesses) > 0 and len(asks) > 0,
        "preferred_clients": len(wb.target_professions()) >= preferred_clients.TARGET_COUNT,
        "goals": len(goals) >= 2 and all(per_goal.get(g, 0) >= 2 for g in goals["id"]),
        "gains": bool(len(own)) and gains_rules.completeness(own.iloc[0].to_dict()) >= 3,
        # People named only on a goal (exercise 3) are not the network exercise's work.
        "network": bool((contacts["source"] != "goal").any())
        or len(wb.store.read("referrals")) > 0,
        "follow_up": len(wb.store.read("interactions")) > 0,
        "action_plan": wb.plan_made_on() is not None,
        "this_week": len(wb.store.read("check_ins")) > 0,
    }
