"""Workbook operations for exercise 6: interactions, follow-ups, cadences, promises."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import contacts as contacts_rules
from . import follow_up as rules
from ._errors import InputError
from .i18n import _

if TYPE_CHECKING:
    from .store import Store


class FollowUpOperations:
    store: Store

    def today(self) -> dt.date: ...  # provided by Workbook

    def contacts(self) -> pd.DataFrame: ...  # provided by PeopleOperations

    def find_or_add_contact(self, name: str, depth: str = "contact") -> int: ...

    def _person(self, contact_id: int | None, name: str) -> int:
        if contact_id is not None:
            self.store.row("contacts", int(contact_id))  # a clear message if they are gone
            return int(contact_id)
        if not str(name or "").strip():
            raise InputError(_("Pick someone from your contacts or type a name."))
        return self.find_or_add_contact(name)

    # -- interactions -----------------------------------------------------------------

    def log_interaction(
        self,
        contact_id: int | None = None,
        *,
        name: str = "",
        on: Any = None,
        at: Any = "",
        kind: str = "one_to_one",
        notes: str = "",
    ) -> int:
        """Log a meeting, call, email or note. A meeting (one-to-one or event) gets its
        follow-up, due 48 hours later in your time zone."""
        kind = rules.clean_kind(kind)
        day = rules.parse_day(on, _("Date")) if on not in (None, "") else self.today()
        if day > self.today() + dt.timedelta(days=1):
            raise InputError(_("Log what has happened: that date is in the future."))
        time = rules.parse_time(at)
        person = self._person(contact_id, name)
        values = {
            "contact_id": person,
            "on_date": day.isoformat(),
            "at_time": time,
            "kind": kind,
            "notes": str(notes or "").strip(),
        }
        if kind in rules.MEETING_KINDS:
            due = rules.follow_up_due(day, time).isoformat(timespec="minutes")
            return self.store.insert_linked(
                "interactions", values, "follow_ups", {"due": due}, "interaction_id"
            )
        return self.store.insert("interactions", values)

    def interactions(self) -> pd.DataFrame:
        """Every interaction, newest first, with the person's name."""
        rows = self.store.read("interactions")
        rows["name"] = rows["contact_id"].map(self.contacts().set_index("id")["name"]).astype(str)
        rows["kind_label"] = rows["kind"].map(rules.KINDS).astype(str)
        return rows.sort_values(["on_date", "id"], ascending=False).reset_index(drop=True)

    def delete_interaction(self, interaction_id: int) -> int:
        row = self.store.row("interactions", int(interaction_id))
        name = self.store.row("contacts", int(row["contact_id"]))["name"]
        meeting = rules.the_meeting(row["kind"]) if row["kind"] in rules.KINDS else _("the contact")
        label = _("{meeting} with {name}").format(meeting=meeting, name=name)
        return self.store.delete("interactions", int(interaction_id), label)

    # -- follow-ups -------------------------------------------------------------------

    def follow_ups(self) -> pd.DataFrame:
        return rules.follow_up_table(
            self.store.read("follow_ups"), self.store.read("interactions"), self.contacts()
        )

    def tick_follow_up(self, follow_up_id: int, done: bool = True) -> None:
        day = self.today().isoformat() if done else None
        self.store.update("follow_ups", int(follow_up_id), {"done_on": day})

    # -- cadences ---------------------------------------------------------------------

    def cadences(self) -> pd.DataFrame:
        return self.store.read("cadences")

    def set_tier_cadence(self, depth: str, ideal_days: Any, max_days: Any) -> None:
        depth = contacts_rules.clean_depth(depth)
        ideal, most = rules.check_cadence(ideal_days, max_days)
        found = self.store.find("cadences", "depth", depth)
        if len(found):
            row = int(found["id"].iloc[0])
            self.store.update("cadences", row, {"ideal_days": ideal, "max_days": most})
        else:
            self.store.insert("cadences", {"depth": depth, "ideal_days": ideal, "max_days": most})

    def set_person_cadence(self, contact_id: int, ideal_days: Any, max_days: Any) -> None:
        ideal, most = rules.check_cadence(ideal_days, max_days)
        self.store.row("contacts", int(contact_id))
        found = self.store.find("cadences", "contact_id", int(contact_id))
        if len(found):
            row = int(found["id"].iloc[0])
            self.store.update("cadences", row, {"ideal_days": ideal, "max_days": most})
        else:
            self.store.insert(
                "cadences",
                {"contact_id": int(contact_id), "ideal_days": ideal, "max_days": most},
            )

    def clear_person_cadence(self, contact_id: int) -> None:
        for row in self.store.find("cadences", "contact_id", int(contact_id))["id"]:
            self.store.delete("cadences", int(row))

    def cadence_status(self) -> pd.DataFrame:
        return rules.cadence_table(
            self.contacts(), self.store.read("interactions"), self.cadences(), self.today()
        )

    def reconnect_list(self, threshold_days: int = rules.DEFAULT_RECONNECT_DAYS) -> pd.DataFrame:
        return rules.reconnect(
            self.contacts(),
            self.store.read("interactions"),
            self.store.read("referrals"),
            self.store.read("goal_people"),
            self.store.read("gains"),
            self.today(),
            int(threshold_days),
        )

    # -- promises ---------------------------------------------------------------------

    def add_promise(
        self,
        contact_id: int | None = None,
        *,
        name: str = "",
        direction: str = "mine",
        kind: str = "follow_through",
        what: str = "",
        due: Any = None,
    ) -> int:
        if direction not in rules.PROMISE_DIRECTIONS:
            raise InputError(_("Say who promised: 'mine' (you) or 'theirs' (them)."))
        if kind not in rules.PROMISE_KINDS:
            raise InputError(_("A promise is an ask, an offer or a follow-through."))
        text = " ".join(str(what or "").split())
        if not text:
            raise InputError(_("Write what was promised."))
        day = rules.parse_day(due, _("Due date")).isoformat() if due not in (None, "") else None
        person = self._person(contact_id, name)
        return self.store.insert(
            "promises",
            {
                "contact_id": person,
                "direction": direction,
                "kind": kind,
                "what": text,
                "due_on": day,
            },
        )

    def promises(self) -> pd.DataFrame:
        return rules.promise_table(self.store.read("promises"), self.contacts(), self.today())

    def tick_promise(self, promise_id: int, done: bool = True) -> None:
        day = self.today().isoformat() if done else None
        self.store.update("promises", int(promise_id), {"done_on": day})

    def delete_promise(self, promise_id: int) -> int:
        what = self.store.row("promises", int(promise_id))["what"]
        return self.store.delete(
            "promises", int(promise_id), _("the promise '{what}'").format(what=what)
        )

    # -- the dashboard ----------------------------------------------------------------

    def follow_up_dashboard(self) -> pd.DataFrame:
        """Overdue, today, this week: one line per action (see follow_up.dashboard)."""
        return rules.dashboard(
            self.follow_ups(), self.cadence_status(), self.promises(), self.today()
        )

    def upcoming(self) -> pd.DataFrame:
        """What is still to do, dated: open follow-ups, keep-in-touch dates, open promises."""
        return rules.upcoming(self.follow_ups(), self.cadence_status(), self.promises())

    def tick(self, kind: str, ref: int) -> None:
        """Tick a dashboard line: a follow-up or a promise is done; a keep-in-touch line logs
        that you were in touch today, which restarts that person's cadence."""
        if kind == "follow_up":
            self.tick_follow_up(ref)
        elif kind == "promise":
            self.tick_promise(ref)
        elif kind == "cadence":
            self.log_interaction(int(ref), kind="other", notes=_("Kept in touch"))
        else:
            raise ValueError(f"not a dashboard line kind: {kind!r}")

    def calendar_uid(self) -> str:
        """This workbook's own identifier, for calendar entries that stay the same on re-export."""
        uid = self.store.row("profile", 1).get("uid") or ""
        if not uid:
            uid = uuid.uuid4().hex
            self.store.update("profile", 1, {"uid": uid})
        return uid
