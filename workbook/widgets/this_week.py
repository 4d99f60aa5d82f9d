"""Exercise 8, this week: the week's numbers worked out from the workbook, last week's
commitments (ticked from the workbook where it can tell, by the participant otherwise), and
the check-in: up to three commitments for the next week (suggested from the plan, or typed),
weekly targets, a short note. A past week can be opened again and changed, or removed (asked
first, with Undo). Progress against the targets is drawn week by week."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import ipywidgets as w

from .. import app, this_week, words
from .._errors import InputError
from ..i18n import _, ngettext
from ..words import day
from ._common import Follows, StatusLine, lean, save, width
from ._removal import RemoveControl
from .charts import Charts


def _said(summary: dict[str, Any], currency: str, locale: str | None = None) -> list[str]:
    """The week's numbers as words, the ones that happened ('2 meetings held'); plainly, with
    no failure colours: a quiet week is a quiet week."""
    from ..profile import format_money

    said = []
    for key in this_week.METRICS:
        value = summary.get(key, 0)
        if not value:
            continue
        if key == "referral_value":
            money = format_money(value, currency, locale=locale)
            said.append(this_week.metric_count(key, 2, money))  # an amount: never 'one'
        else:
            said.append(this_week.metric_count(key, value))
    return said


def _notes_on(notes: Any, check_in_id: int) -> str:
    """The coach's notes on one check-in, for beside it."""
    mine = notes[(notes["about_table"] == "check_ins") & (notes["about_id"] == check_in_id)]
    coach = _("Your coach:")
    return "".join(
        f"<br><span class='workbook-coach-note'>✎ <b>{html.escape(coach)}</b> {html.escape(t)}</span>"
        for t in mine["text"]
    )


class CheckIn(Follows, w.VBox):
    """This week's numbers, last week's commitments, and a week's check-in."""

    tables = ("asks", "interactions", "follow_ups", "promises", "referrals", "contacts",
              "gains", "businesses", "check_ins", "profile", "goals", "coach_notes")  # fmt: skip

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.numbers = lean(w.HTML)
        self.last = lean(w.HTML)
        self.ticks = lean(w.VBox)
        self.week = lean(w.Dropdown, description=_("Check-in for"), options=[],
                         style={"description_width": "90px"},
                         layout=width("min(100%, 360px)"))  # fmt: skip
        self.week.observe(lambda _c: self.load_week(), names="value")
        self.suggested = lean(w.Dropdown, description=_("Suggested"), options=[],
                              style={"description_width": "80px"},
                              layout=width("min(100%, 560px)"))  # fmt: skip
        self.use = lean(w.Button, description=_("Use it"), icon="arrow-down",
                        layout=w.Layout(width="auto"))  # fmt: skip
        self.use.on_click(lambda _b: self.take_suggestion())
        self.commitments = [
            lean(w.Text, description=f"{n}.", placeholder=_("a small step you will really take"),
                 style={"description_width": "30px"}, layout=width("min(100%, 560px)"))
            for n in range(1, this_week.MAX_COMMITMENTS + 1)
        ]  # fmt: skip
        self.targets = {
            key: lean(w.BoundedIntText, value=0, min=0, max=this_week.MAX_TARGET,
                      description=this_week.metric_label(key),
                      style={"description_width": "230px"}, layout=width("min(100%, 320px)"))
            for key in this_week.TARGETS
        }  # fmt: skip
        self.note = lean(w.Textarea, placeholder=_("how the week went, in a line or two"),
                         layout=width("min(100%, 560px)"))  # fmt: skip
        self.save = lean(w.Button, description=_("Save my check-in"), icon="check",
                         button_style="primary", layout=w.Layout(width="auto"))  # fmt: skip
        self.save.on_click(lambda _b: self.save_check_in())
        self.tick_status = StatusLine()  # beside the tick boxes
        self.remove = RemoveControl(_("check-in"), wb.delete_check_in, StatusLine(), undo=wb.undo)
        self.history = lean(w.HTML)
        plan, hint = (
            _("What you plan for a week"),
            _("(0 for no target; you can change them each week)"),
        )
        targets_text = lean(w.HTML, f"<p><b>{html.escape(plan)}</b> <small>"
                            f"{html.escape(hint)}</small></p>")  # fmt: skip
        super().__init__(
            [self.numbers, self.last, self.ticks, self.tick_status, self.week,
             lean(w.HBox, [self.suggested, self.use]), *self.commitments, targets_text,
             *self.targets.values(), self.note, lean(w.HBox, [self.save, self.status]),
             self.history, self.remove]
        )  # fmt: skip
        self.follow(wb)

    # -- drawing ------------------------------------------------------------------------

    def refresh(self) -> None:
        week = self.wb.week()
        profile = self.wb.profile()
        start, end = dt.date.fromisoformat(week["start"]), dt.date.fromisoformat(week["end"])
        said = _said(week, profile.currency, profile.writes_in)
        aims = self.wb.targets()
        planned = [f"{this_week.metric_label(k)}: "
                   f"{this_week.planned(int(week.get(k, 0)), n)}" for k, n in aims.items()]  # fmt: skip
        span = _("{first} to {last}").format(first=words.day(start), last=words.day(end))
        nothing, heading = _("Nothing logged yet this week."), _("This week")
        self.numbers.value = (
            f"<p><b>{html.escape(heading)}</b> ({html.escape(span)}):</p>"
            + (
                "<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in said) + "</ul>"
                if said
                else f"<p><i>{html.escape(nothing)}</i></p>"
            )
            + (f"<p>{html.escape('; '.join(planned))}.</p>" if planned else "")
        )
        done = self.wb.check_ins()
        self._last_time(done, week["start"])
        this, other = _("this week ({day})"), _("the week of {day}")
        choices = [(this.format(day=day(week["start"])), week["start"])] + [
            (other.format(day=day(s)), s)
            for s in reversed(list(done["week_start"]))
            if s != week["start"]
        ]
        if list(self.week.options) != choices:
            chosen = self.week.value if self.week.value in dict(choices).values() else None
            self.week.options = choices
            self.week.value = chosen or week["start"]
        offered = this_week.suggestions(self.wb) or [_("(nothing to suggest yet)")]
        if list(self.suggested.options) != offered:
            self.suggested.options = offered
        if self.suggested.value not in offered:  # a drop-down with no value shows blank
            self.suggested.value = offered[0]
        self.history.value = self._history(done, profile)
        self.remove.set_rows([other.format(day=day(s)) for s in done["week_start"]],
                             done["id"])  # fmt: skip

    def _last_time(self, done: Any, current: str) -> None:
        """Last time's commitments: ✓ or "not yet:" where the workbook can tell, and a tick
        box for each one only the participant can tell; plainly, never in red."""
        before = done[done["week_start"] < current]
        if not len(before) or not before.iloc[-1]["commitments"]:
            self.last.value = ""
            self.ticks.children = ()
            return
        last = before.iloc[-1].to_dict()
        marks = this_week.marks(self.wb, last)
        sign = {True: "✓ ", False: _("not yet:") + " "}
        said = _("Last time you said you would")
        week_of = _("week of {day}").format(day=day(last["week_start"]))
        self.last.value = (
            f"<p><b>{html.escape(said)}</b> ({html.escape(week_of)}):</p><ul>"
            + "".join(
                f"<li>{sign[kept] if told else '✓ ' if kept else ''}{html.escape(text)}</li>"
                for text, kept, told in marks
            )
            + "</ul>"
        )
        boxes = []
        for text, kept, told in marks:
            if told:
                continue
            box = lean(w.Checkbox, value=bool(kept),
                       description=_("I did: {step}").format(step=text),
                       indent=False, layout=width("min(100%, 560px)"))  # fmt: skip
            box.observe(lambda c, t=text, i=int(last["id"]): self.tick(i, t, c["new"]),
                        names="value")  # fmt: skip
            boxes.append(box)
        self.ticks.children = tuple(boxes)

    def _history(self, done: Any, profile: Any) -> str:
        if not len(done):
            return ""
        notes = self.wb.coach_notes()
        quiet, week_of, said = _("a quiet week"), _("Week of {day}"), _("said: {steps}")
        rows = "".join(
            f"<li><b>{html.escape(week_of.format(day=day(r['week_start'])))}</b>: "
            + html.escape(", ".join(_said(r["summary"], profile.currency, profile.writes_in))
                          or quiet)
            + (f"; {html.escape(said.format(steps='; '.join(r['commitments'])))}"
               if r["commitments"] else "")
            + (f"<br><i>{html.escape(r['note'])}</i>" if r["note"] else "")
            + _notes_on(notes, int(r["id"]))
            + "</li>"
            for r in done.iloc[::-1].to_dict("records")
        )  # fmt: skip
        title = ngettext("Your check-ins ({n} week)", "Your check-ins ({n} weeks)", len(done))
        return f"<p><b>{html.escape(title.format(n=len(done)))}</b>:</p><ul>{rows}</ul>"

    # -- editing ------------------------------------------------------------------------

    def load_week(self) -> None:
        """Show the chosen week's check-in in the form (empty for a week without one)."""
        done = self.wb.check_ins()
        found = done[done["week_start"] == self.week.value]
        check_in = found.iloc[0].to_dict() if len(found) else None
        said = check_in["commitments"] if check_in else []
        for n, box in enumerate(self.commitments):
            box.value = said[n] if n < len(said) else ""
        self.note.value = check_in["note"] if check_in else ""
        aims = check_in["targets"] if check_in else self.wb.targets(self.week.value)
        for key, box in self.targets.items():
            box.value = int(aims.get(key, 0))

    def tick(self, check_in_id: int, text: str, done: bool) -> None:
        save(self.tick_status, lambda: self.wb.tick_commitment(check_in_id, text, done),
             _("Ticked") if done else _("Saved"))  # fmt: skip

    def take_suggestion(self) -> None:
        text = self.suggested.value or ""
        if not text or text.startswith("("):
            return
        for box in self.commitments:
            if not box.value.strip():
                box.value = text
                return
        self.status.error(_("You have three already: clear one to use this."))

    def save_check_in(self) -> None:
        week = self.week.value
        try:
            self.wb.save_check_in(week, [box.value for box in self.commitments], self.note.value,
                                  {k: box.value for k, box in self.targets.items()})  # fmt: skip
        except InputError as exc:
            self.status.error(str(exc))
            return
        this = week == self.wb.week()["start"]
        self.status.saved(
            _("Check-in saved") if this else _("Week of {day} saved").format(day=day(week))
        )


class ProgressCharts(Charts):
    """Each number the participant planned for, week by week against the plan."""

    tables = ("check_ins", "asks", "interactions", "follow_ups", "referrals", "contacts",
              "profile")  # fmt: skip

    _drawn: tuple[str, int] | None = None

    def redraw(self) -> None:
        """Drawn again only when the numbers or the width changed: an edit elsewhere in the
        app (a contact's notes, a business) leaves the charts as they are."""
        self._progress = self.wb.progress()
        drawn = (self._progress.to_json(), app.chart_width())
        if drawn != self._drawn:
            self._drawn = drawn
            super().redraw()

    def figures_for(self, wb: Any) -> list[Any]:
        from ..plots_this_week import metrics_to_chart, weekly_progress

        progress = self._progress
        return [weekly_progress(progress, m, app.chart_width()) for m in metrics_to_chart(progress)]
