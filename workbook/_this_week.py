"""Workbook operations for exercise 8, this week: the week worked out from the workbook, the
weekly check-in (commitments, targets, a note), ticks, progress over the weeks, and the
coach's notes that came back into the workbook."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import this_week, words
from ._sql import now
from .dates import parse_date
from .i18n import _

if TYPE_CHECKING:
    from .profile import Profile
    from .store import Store


class ThisWeekOperations:
    store: Store

    def today(self) -> dt.date: ...  # provided by Workbook

    def profile(self) -> Profile: ...

    def _week_start(self, day: Any = None) -> dt.date:
        """The first day of the week holding ``day`` (default: today), as the profile says."""
        found = parse_date(day, "Week") if day not in (None, "") else None
        return this_week.week_start(found or self.today(), self.profile().week_starts)

    def week(self, start: Any = None) -> dict[str, Any]:
        """What happened in the week containing ``start`` (default: today), worked out from
        the workbook itself (see ``this_week.METRICS``); weeks start on the profile's day."""
        return this_week.summary(self, self._week_start(start))

    def save_check_in(
        self,
        week_start: Any = None,
        commitments: Any = (),
        note: str = "",
        targets: dict[str, Any] | None = None,
    ) -> int:
        """Keep the week's numbers, up to three commitments for the next week, the targets
        for the weeks ahead (``this_week.TARGETS``; None keeps the ones in force) and a short
        note. Saving the same week again updates it; a past week keeps its numbers as they
        were when it was first saved."""
        first = self._week_start(week_start)
        found = self.store.find("check_ins", "week_start", first.isoformat())
        if targets is None:
            targets = self.targets(first + dt.timedelta(days=7))
        values = {
            "commitments": json.dumps(this_week.clean_commitments(list(commitments))),
            "note": " ".join(str(note or "").split()),
            "targets": json.dumps(this_week.clean_targets(targets)),
        }
        current = first == self._week_start()
        if len(found):
            check_in = int(found["id"].iloc[0])
            if current:  # this week's numbers are still moving: keep them as they are now
                values["summary"] = json.dumps(this_week.summary(self, first))
            self.store.update("check_ins", check_in, {**values, "updated_at": now()})
            return check_in
        summary = this_week.summary(self, first)
        return self.store.insert(
            "check_ins", {"week_start": first.isoformat(), "summary": json.dumps(summary), **values}
        )

    def check_ins(self) -> pd.DataFrame:
        """Every check-in, oldest first: week_start, summary, commitments, targets and ticked
        (as read back), note."""
        found = self.store.read("check_ins", order_by="week_start").copy()
        for column in ("summary", "commitments", "targets", "ticked"):
            found[column] = [json.loads(s) for s in found[column]]
        return found

    def delete_check_in(self, check_in_id: int) -> int:
        """Remove a check-in (the widget asks first); returns the removal, for ``undo``."""
        week = self.store.row("check_ins", int(check_in_id))["week_start"]
        label = _("your check-in of {day}").format(day=words.day(week, year=True))
        return self.store.delete("check_ins", int(check_in_id), label)

    def tick_commitment(self, check_in_id: int, commitment: str, done: bool = True) -> None:
        """Mark one of a check-in's commitments done (or not) by hand: for the ones the
        workbook cannot tell from what was logged."""
        row = self.store.row("check_ins", int(check_in_id))
        ticked = [c for c in json.loads(row["ticked"]) if c != commitment]
        if done:
            ticked.append(commitment)
        self.store.update("check_ins", int(check_in_id), {"ticked": json.dumps(ticked)})

    def targets(self, day: Any = None) -> dict[str, int]:
        """The weekly targets in force for the week holding ``day`` (default: this week): the
        ones set at the latest check-in before that week."""
        first = self._week_start(day).isoformat()
        done = self.check_ins()
        before = done[done["week_start"] < first]
        return dict(before["targets"].iloc[-1]) if len(before) else {}

    def progress(self) -> pd.DataFrame:
        """Week by week since the first check-in: each target metric done and planned (see
        ``this_week.progress``)."""
        return this_week.progress(self, self._week_start())

    def since_last_check_in(self) -> dict[str, Any]:
        """What changed since the check-in before this week (see ``this_week.since``)."""
        return this_week.since(self, self._week_start())

    # -- the coach's notes ----------------------------------------------------------------

    def coach_notes(self, exercise: int | None = None) -> pd.DataFrame:
        """The coach's notes that reached this workbook (see ``coach_notes.notes``)."""
        from . import coach_notes

        return coach_notes.notes(self, exercise)

    def add_coach_note(self, text: str, about_table: str = "", about_id: Any = None) -> int:
        """Write a note into this workbook as its coach (the coach's copy of it)."""
        from . import coach_notes

        return coach_notes.write(
            self, text, about_table, None if about_id is None else int(about_id)
        )

    def merge_notes(self, copy: Any) -> tuple[int, int]:
        """Take the coach's notes from their copy of this workbook (see ``coach_notes.merge``)."""
        from . import coach_notes

        return coach_notes.merge(self, copy)
