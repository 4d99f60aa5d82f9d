"""Workbook operations for the people exercises: contacts, preferred clients, goals, GAINS."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import contacts as contacts_rules
from . import gains as gains_rules
from . import goals as goal_rules
from . import network as network_rules
from . import preferred_clients
from ._errors import InputError
from ._frames import given
from .i18n import _

if TYPE_CHECKING:
    from .profile import Profile
    from .store import Store


# What a merge fills in on the person kept, from the other (see merge_contacts).
MERGED_FIELDS = ("first_name", "last_name", "email", "company", "position", "phone", "url",
                 "connected_on", "profession", "notes")  # fmt: skip


class PeopleOperations:
    store: Store

    def profile(self) -> Profile: ...  # provided by Workbook

    def today(self) -> dt.date: ...  # provided by Workbook

    # -- contacts ---------------------------------------------------------------------

    def contacts(self) -> pd.DataFrame:
        return self.store.read("contacts")

    def add_contact(self, **values: Any) -> int:
        return self.store.insert("contacts", contacts_rules.clean_contact(values))

    def update_contact(self, contact_id: int, **values: Any) -> None:
        clean = contacts_rules.clean_contact(values, partial=True)
        clean["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.store.update("contacts", int(contact_id), clean)

    def delete_contact(self, contact_id: int) -> int:
        """Remove a person and what hangs on them (goals' links, GAINS, interactions,
        referrals, promises); returns the removal, for ``undo``."""
        name = self.store.row("contacts", int(contact_id))["name"]
        return self.store.delete("contacts", int(contact_id), str(name))

    def merge_contacts(self, keep: int, other: int) -> None:
        """One person, one row: everything attached to ``other`` (goals, GAINS, interactions,
        referrals, promises, referrability checks, a cadence) moves to ``keep``; the fields
        ``keep`` has empty are filled from ``other``, the closer relationship of the two is
        kept; then ``other`` goes. Where both have a part that is one per person (GAINS,
        referrability, a cadence, a place on the same goal), ``keep``'s stays and its empty
        parts are filled from ``other``'s."""
        keep, other = int(keep), int(other)
        if keep == other:
            raise InputError(_("Pick two different people to merge."))
        mine, theirs = self.store.row("contacts", keep), self.store.row("contacts", other)
        closer = max(mine["depth"], theirs["depth"], key=list(contacts_rules.DEPTHS).index)
        fill = {
            f: theirs[f] for f in MERGED_FIELDS if not given(mine.get(f)) and given(theirs.get(f))
        }
        fill["depth"] = closer
        self.store.merge_contacts(keep, other, fill)

    def likely_duplicates(self) -> list[tuple[int, int]]:
        """Pairs of contacts that are likely one person (the same name, written the same way
        but for case and spaces), to show the participant: first the one to keep (the one with
        more filled in)."""
        people = self.contacts()
        if people.empty:
            return []
        key = people["name"].str.split().str.join(" ").str.casefold()
        filled = sum((people[f] != "").astype(int) for f in ("email", "company", "position"))
        people = people.assign(_key=key, _filled=filled).sort_values(
            ["_filled", "id"], ascending=[False, True]
        )
        pairs = []
        for _name, same in people.groupby("_key", sort=False):
            ids = [int(i) for i in same["id"]]
            pairs += [(ids[0], other) for other in ids[1:]]
        return sorted(pairs)

    def find_or_add_contact(self, name: str, depth: str = "contact", source: str = "typed") -> int:
        """The contact with this name (ignoring case and spaces), or a new one; ``source``
        says where a new one was typed ('goal': named on a goal, exercise 3)."""
        wanted = " ".join(str(name or "").split())
        found = self.contacts()
        same = found[found["name"].str.lower() == wanted.lower()]
        if len(same):
            return int(same["id"].iloc[0])
        clean = contacts_rules.clean_contact({"name": wanted, "depth": depth})
        return self.store.insert("contacts", {**clean, "source": source})

    # -- preferred clients ------------------------------------------------------------

    def client_tags(self) -> list[str]:
        return list(self.store.read("client_tags")["tag"])

    def set_client_tags(self, tags: list[str]) -> None:
        known = preferred_clients.markets()
        unknown = [t for t in tags if t not in known]
        if unknown:
            raise InputError(
                _("Pick client markets from the list (not {typed}).").format(
                    typed=", ".join(unknown)
                )
            )
        self.store.replace_all("client_tags", [{"tag": t} for t in dict.fromkeys(tags)])

    def target_professions(self) -> list[str]:
        return list(self.store.read("target_professions")["profession"])

    def add_target_profession(self, profession: str, *, keep_both: bool = False) -> int:
        """One more of the five. A profession the catalog counts as one already chosen is
        refused with CountsAsAnother ('Roofing contractor counts as Roofer here; keep
        both?'), and added when ``keep_both``."""
        name = preferred_clients.clean_target(
            profession, self.target_professions(), self.profile().profession, keep_both
        )
        return self.store.insert("target_professions", {"profession": name})

    def remove_target_profession(self, profession: str) -> None:
        rows = self.store.read("target_professions")
        for row_id in rows.loc[rows["profession"] == profession, "id"]:
            self.store.delete("target_professions", int(row_id))

    def coverage(self) -> pd.DataFrame:
        """For each of the five: the contacts you know in it, and the next step."""
        return preferred_clients.coverage(self.target_professions(), self.contacts())

    # -- goals to people --------------------------------------------------------------

    def goals(self) -> pd.DataFrame:
        return self.store.read("goals")

    def add_goal(self, text: str, target_date: Any = None) -> int:
        goal, day = goal_rules.clean_goal(text, target_date)
        return self.store.insert("goals", {"text": goal, "target_date": day})

    def update_goal(self, goal_id: int, text: str, target_date: Any = None) -> None:
        """Reword a goal or change its date; the people on it stay."""
        goal, day = goal_rules.clean_goal(text, target_date)
        self.store.update("goals", int(goal_id), {"text": goal, "target_date": day})

    def delete_goal(self, goal_id: int) -> int:
        text = self.store.row("goals", int(goal_id))["text"]
        return self.store.delete("goals", int(goal_id), _("your goal '{goal}'").format(goal=text))

    def add_goal_person(
        self,
        goal_id: int,
        *,
        contact_id: int | None = None,
        name: str = "",
        depth: str | None = None,
        why: str = "",
    ) -> int:
        """Link a person to a goal: an existing contact, or a name typed in (made a contact).
        A depth given here is saved on the contact: it is one relationship, whatever the goal."""
        self.store.row("goals", int(goal_id))  # a clear message if it is gone
        if contact_id is None:
            if not str(name or "").strip():
                raise InputError(_("Pick someone from your contacts or type a name."))
            contact_id = self.find_or_add_contact(
                name, contacts_rules.clean_depth(depth or "contact"), source="goal"
            )
        if depth:
            self.update_contact(contact_id, depth=depth)
        linked = self.store.read("goal_people")
        if ((linked["goal_id"] == goal_id) & (linked["contact_id"] == contact_id)).any():
            raise InputError(_("That person is already on this goal."))
        return self.store.insert(
            "goal_people",
            {"goal_id": int(goal_id), "contact_id": int(contact_id), "why": " ".join(why.split())},
        )

    def remove_goal_person(self, goal_person_id: int) -> int:
        link = self.store.row("goal_people", int(goal_person_id))
        name = self.store.row("contacts", int(link["contact_id"]))["name"]
        goal = self.store.row("goals", int(link["goal_id"]))["text"]
        return self.store.delete(
            "goal_people", int(goal_person_id), _("{name} on '{goal}'").format(name=name, goal=goal)
        )

    def goal_people(self) -> pd.DataFrame:
        """Each goal's people with their name, company and depth."""
        return self.store.kept(("goal people",), self._goal_people)

    def _goal_people(self) -> pd.DataFrame:
        links = self.store.read("goal_people")
        people = self.contacts().set_index("id")
        goals = self.goals().set_index("id")
        links["name"] = links["contact_id"].map(people["name"]).astype(str)
        links["company"] = links["contact_id"].map(people["company"]).astype(str)
        links["depth"] = links["contact_id"].map(people["depth"]).astype(str)
        links["goal"] = links["goal_id"].map(goals["text"]).astype(str)
        return links

    # -- GAINS ------------------------------------------------------------------------

    def gains(self) -> pd.DataFrame:
        """Your GAINS (contact_id empty, name 'You') and each partner's, you first."""
        rows = self.store.read("gains")
        people = self.contacts().set_index("id")
        you = self.profile().name or _("You")
        rows["name"] = [
            you if pd.isna(c) else str(people.loc[int(c), "name"]) for c in rows["contact_id"]
        ]
        rows["is_you"] = rows["contact_id"].isna()
        return rows.sort_values("is_you", ascending=False, kind="stable").reset_index(drop=True)

    def add_gains_partner(self, contact_id: int) -> int:
        self.store.row("contacts", int(contact_id))
        rows = self.store.read("gains")
        if (rows["contact_id"] == contact_id).any():
            raise InputError(_("That person is already in your GAINS exchange."))
        return self.store.insert("gains", {"contact_id": int(contact_id)})

    def remove_gains_partner(self, contact_id: int) -> None:
        rows = self.store.read("gains")
        for row_id in rows.loc[rows["contact_id"] == contact_id, "id"]:
            self.store.delete("gains", int(row_id))

    def set_gains(self, contact_id: int | None = None, **values: Any) -> None:
        """Save GAINS answers for you (no contact_id) or for a partner."""
        clean = gains_rules.clean(values)
        self._save_for_person("gains", contact_id, clean)

    # -- my network: referrals and referrability ---------------------------------------

    def referrals(self) -> pd.DataFrame:
        """Every referral given or received, newest first, with the person's name."""
        rows = self.store.read("referrals")
        rows["name"] = rows["contact_id"].map(self.contacts().set_index("id")["name"]).astype(str)
        return rows.sort_values(["on_date", "id"], ascending=False).reset_index(drop=True)

    def add_referral(
        self, contact_id: int, direction: str, on_date: Any = None, what: str = "", value: Any = 0
    ) -> int:
        clean = network_rules.clean_referral(direction, on_date or self.today(), what, value)
        self.store.row("contacts", int(contact_id))
        return self.store.insert("referrals", {"contact_id": int(contact_id), **clean})

    def delete_referral(self, referral_id: int) -> int:
        row = self.store.row("referrals", int(referral_id))
        name = self.store.row("contacts", int(row["contact_id"]))["name"]
        said = (
            _("the referral to {name}")
            if row["direction"] == "given"
            else _("the referral from {name}")
        )
        return self.store.delete("referrals", int(referral_id), said.format(name=name))

    def reciprocity(self) -> pd.DataFrame:
        return network_rules.reciprocity(self.contacts(), self.store.read("referrals"))

    def network_layout(self) -> pd.DataFrame:
        return self.store.kept(
            ("network layout",),
            lambda: network_rules.layout(self.contacts(), self.store.read("referrals")),
        )

    def referrability(self) -> pd.DataFrame:
        """The three-criteria check for you (contact_id empty, name 'You') and each partner."""
        rows = self.store.read("referrability")
        names = self.contacts().set_index("id")["name"]
        rows["name"] = [
            _("You") if pd.isna(c) else str(names.get(int(c), "")) for c in rows["contact_id"]
        ]
        return rows

    def set_referrability(self, contact_id: int | None = None, **checks: bool) -> None:
        """Tick or untick expert / passionate / honours_referrals, for you or a partner."""
        unknown = set(checks) - set(network_rules.CRITERIA)
        if unknown:
            raise ValueError(f"not referrability criteria: {sorted(unknown)}")
        values: dict[str, Any] = {k: int(bool(v)) for k, v in checks.items()}
        self._save_for_person("referrability", contact_id, values)

    def _save_for_person(self, table: str, contact_id: int | None, values: dict[str, Any]) -> None:
        """Update the row of ``table`` for you (no contact_id) or a contact, making it if new."""
        rows = self.store.read(table)
        mine = (
            rows[rows["contact_id"].isna()]
            if contact_id is None
            else rows[rows["contact_id"] == contact_id]
        )
        values = {**values, "updated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        if len(mine):
            self.store.update(table, int(mine["id"].iloc[0]), values)
            return
        if contact_id is not None:
            self.store.row("contacts", int(contact_id))  # a clear message if they are gone
        self.store.insert(table, {"contact_id": contact_id, **values})
