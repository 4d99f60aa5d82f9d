"""Exercise 8, this week: the week's numbers worked out from the workbook, last week's
commitments, and the check-in: up to three commitments for the next week (suggested from the
plan, or typed) and a short note."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import ipywidgets as w

from .. import money_trail, this_week
from .._errors import InputError
from ..words import count
from ._common import Follows, StatusLine, lean, width


def _said(summary: dict[str, Any], currency: str) -> list[str]:
    """The week's numbers as words, the ones that happened ('2 meetings held'); plainly, with
    no failure colours: a quiet week is a quiet week."""
    from ..profile import format_money

    said = []
    for key, (one, many) in this_week.METRICS.items():
        value = summary.get(key, 0)
        if not value:
            continue
        if key == "referral_value":
            said.append(f"{format_money(value, currency)} {many}")
        else:
            said.append(f"{value} {one if value == 1 else many}")
    return said


def suggestions(wb: Any) -> list[str]:
    """Small next steps from the plan: the business to ask, the thank-yous due, the person to
    reconnect with, and the next step of a goal."""
    found = [
        f"Ask {b['name']} for something in return"
        for b in money_trail.this_week(wb.spend_table()).to_dict("records")
        if b["asks"] == 0
    ]
    found += [f"Thank {f.name} within 48 hours" for f in wb.follow_ups().itertuples() if not f.done]
    found += [f"Get in touch with {r.name}" for r in wb.reconnect_list().head(2).itertuples()]
    found += [f"Take the next step on my goal: {g.text}" for g in wb.goals().head(2).itertuples()]
    return list(dict.fromkeys(found))


class CheckIn(Follows, w.VBox):
    """This week's numbers, last week's commitments, and this week's check-in."""

    tables = ("asks", "interactions", "follow_ups", "promises", "referrals", "contacts",
              "gains", "businesses", "check_ins", "profile", "goals")  # fmt: skip

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.numbers = lean(w.HTML)
        self.last = lean(w.HTML)
        self.suggested = lean(w.Dropdown, description="Suggested", options=[],
                              style={"description_width": "80px"},
                              layout=width("min(100%, 560px)"))  # fmt: skip
        self.use = lean(w.Button, description="Use it", icon="arrow-down",
                        layout=w.Layout(width="auto"))  # fmt: skip
        self.use.on_click(lambda _b: self.take_suggestion())
        self.commitments = [
            lean(w.Text, description=f"{n}.", placeholder="a small step you will really take",
                 style={"description_width": "30px"}, layout=width("min(100%, 560px)"))
            for n in range(1, this_week.MAX_COMMITMENTS + 1)
        ]  # fmt: skip
        self.note = lean(w.Textarea, placeholder="how the week went, in a line or two",
                         layout=width("min(100%, 560px)"))  # fmt: skip
        self.save = lean(w.Button, description="Save my check-in", icon="check",
                         button_style="primary", layout=w.Layout(width="auto"))  # fmt: skip
        self.save.on_click(lambda _b: self.save_check_in())
        self.history = lean(w.HTML)
        super().__init__(
            [self.numbers, self.last, lean(w.HBox, [self.suggested, self.use]), *self.commitments,
             self.note, lean(w.HBox, [self.save, self.status]), self.history]
        )  # fmt: skip
        self.follow(wb)

    def refresh(self) -> None:
        week = self.wb.week()
        currency = self.wb.profile().currency
        start, end = dt.date.fromisoformat(week["start"]), dt.date.fromisoformat(week["end"])
        said = _said(week, currency)
        self.numbers.value = (
            f"<p><b>This week</b> ({start.day} {start:%B} to {end.day} {end:%B}):</p>"
            + (
                "<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in said) + "</ul>"
                if said
                else "<p><i>Nothing logged yet this week.</i></p>"
            )
        )
        done = self.wb.check_ins()
        before = done[done["week_start"] < week["start"]]
        if len(before):
            last = before.iloc[-1]
            promised = last["commitments"]
            since = dt.date.fromisoformat(last["week_start"])
            marks = {True: "✓ ", False: "not yet: ", None: ""}  # plainly, never in red
            self.last.value = (
                f"<p><b>Last time you said you would</b> (week of {last['week_start']}):</p><ul>"
                + "".join(
                    f"<li>{marks[this_week.kept(self.wb, c, since)]}{html.escape(c)}</li>"
                    for c in promised
                )
                + "</ul>"
                if promised
                else ""
            )
        else:
            self.last.value = ""
        this = done[done["week_start"] == week["start"]]
        if len(this) and not any(t.value for t in self.commitments):
            for box, text in zip(self.commitments, this.iloc[0]["commitments"], strict=False):
                box.value = text
            self.note.value = this.iloc[0]["note"]
        self.suggested.options = suggestions(self.wb) or ["(nothing to suggest yet)"]
        self.history.value = self._history(done, currency)

    def _history(self, done: Any, currency: str) -> str:
        if not len(done):
            return ""
        rows = "".join(
            f"<li><b>Week of {html.escape(r['week_start'])}</b>: "
            f"{html.escape(', '.join(_said(r['summary'], currency)) or 'a quiet week')}"
            + (f"; said: {html.escape('; '.join(r['commitments']))}" if r["commitments"] else "")
            + "</li>"
            for r in done.iloc[::-1].to_dict("records")
        )
        return f"<p><b>Your check-ins</b> ({count(len(done), 'week')}):</p><ul>{rows}</ul>"

    def take_suggestion(self) -> None:
        text = self.suggested.value or ""
        if not text or text.startswith("("):
            return
        for box in self.commitments:
            if not box.value.strip():
                box.value = text
                return
        self.status.error("You have three already: clear one to use this.")

    def save_check_in(self) -> None:
        try:
            self.wb.save_check_in(None, [box.value for box in self.commitments], self.note.value)
        except InputError as exc:
            self.status.error(str(exc))
            return
        self.status.saved("Check-in saved")
