"""Exercise 6 widgets: log what happened, tick what is due, keep cadences, keep promises."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from .. import follow_up as rules
from .. import plots, words
from ..contacts import DEPTH_PLURAL, DEPTH_SHORT, DEPTHS
from ..i18n import N_, _
from ._common import (
    LiveHTML,
    StatusLine,
    aside,
    date_field,
    esc,
    heading,
    lean,
    save,
    width,
)
from ._removal import RemoveControl
from .charts import Charts

_STYLE = {"description_width": "90px"}


def _person_box(wb: Any, description: str = "") -> w.Combobox:
    box = lean(
        w.Combobox,
        description=description or _("Who"),
        placeholder=_("a name from your contacts, or a new one"),
        ensure_option=False,
        style=_STYLE,
        layout=width("360px"),
    )
    _fill_people(wb, box)
    return box


def _fill_people(wb: Any, box: w.Combobox) -> None:
    box.options = tuple(dict.fromkeys(str(n) for n in wb.contacts()["name"]))


def _person_id(wb: Any, typed: str) -> tuple[int | None, str]:
    """(contact id, name) for what was typed: the contact of that name, or a new name."""
    people = wb.contacts()
    same = people[people["name"].str.lower() == " ".join(typed.split()).lower()]
    return (int(same["id"].iloc[0]), typed) if len(same) else (None, typed)


class InteractionLog(w.VBox):
    """Log a meeting, call, email or note. A meeting gets its 48-hour follow-up at once."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.person = _person_box(wb)
        self.day = date_field(_("When"), wb.today(), style=_STYLE)
        self.time = lean(w.Text,
            description=_("Time"), placeholder="18:30", style={"description_width": "40px"},
            layout=width("140px"),
        )  # fmt: skip
        self.kind = lean(w.Dropdown,
            description=_("What"), options=[(_(label), key) for key, label in rules.KINDS.items()],
            style=_STYLE, layout=width("300px"),
        )  # fmt: skip
        self.notes = lean(w.Textarea,
            description=_("Notes"), placeholder=_("what you talked about, what you promised"),
            style=_STYLE, layout=w.Layout(width="560px", height="60px"),
        )  # fmt: skip
        self.button = lean(w.Button, description=_("Log it"), icon="check", button_style="primary")
        self.button.on_click(self._log)
        self.recent = _RecentInteractions(wb)
        self.remove = RemoveControl(
            _("interaction"),
            wb.delete_interaction,
            self.status,
            consequences=lambda i: wb.what_goes_with("interactions", i),
            undo=wb.undo,
        )
        super().__init__(
            [
                self.person,
                lean(w.HBox, [self.day, self.time]),
                self.kind,
                self.notes,
                lean(w.HBox, [self.button, self.status]),
                self.recent,
                self.remove,
            ]
        )
        self._refresh()
        wb.on_change(self._store_changed, key="InteractionLog")

    def _store_changed(self, table: str) -> None:
        if table in ("interactions", "contacts"):
            self._refresh()

    def _refresh(self) -> None:
        _fill_people(self.wb, self.person)
        rows = self.wb.interactions().head(30)
        self.remove.set_rows(
            [
                f"{words.short_day(r.on_date)} · {r.name} · {_(r.kind_label)}"
                for r in rows.itertuples()
            ],
            rows["id"],  # fmt: skip
        )

    def _log(self, _button: w.Button) -> None:
        contact_id, name = _person_id(self.wb, self.person.value)
        kind = self.kind.value
        if save(
            self.status,
            lambda: self.wb.log_interaction(
                contact_id, name=name, on=self.day.value, at=self.time.value, kind=kind,
                notes=self.notes.value,
            ),
            _("Logged: your thank-you is due within 48 hours") if kind in rules.MEETING_KINDS
            else _("Logged"),
        ):  # fmt: skip
            self.notes.value = ""
            self.time.value = ""


class _RecentInteractions(LiveHTML):
    tables = ("interactions", "contacts")

    def refresh(self) -> None:
        rows = self.wb.interactions().head(10)
        if rows.empty:
            self.value = aside(_("Nothing logged yet."))
            return
        items = "".join(
            f"<tr><td>{esc(words.short_day(r.on_date))} {esc(r.at_time)}</td><td>{esc(r.name)}</td>"
            f"<td>{esc(_(r.kind_label))}</td><td>{esc(r.notes)[:120]}</td></tr>"
            for r in rows.itertuples()
        )
        head = "".join(f"<th align=left>{esc(h)}</th>"
                       for h in (_("When"), _("Who"), _("What"), _("Notes")))  # fmt: skip
        self.value = f"<table style='border-collapse:collapse'><tr>{head}</tr>{items}</table>"


class FollowUpDashboard(w.VBox):
    """Overdue, today, this week: one line per action. Tick it when it is done."""

    _TITLES = {"overdue": N_("Overdue"), "today": N_("Today"), "this_week": N_("This week")}

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.lines = lean(w.VBox)
        super().__init__([self.lines, self.status])
        self.refresh()
        wb.on_change(self._store_changed, key="FollowUpDashboard")

    def _store_changed(self, table: str) -> None:
        if table in ("interactions", "follow_ups", "promises", "cadences", "contacts", "profile"):
            self.refresh()

    def refresh(self) -> None:
        table = self.wb.follow_up_dashboard()
        if table.empty:
            self.lines.children = [
                lean(
                    w.HTML,
                    "<p>✓ {}</p>".format(
                        esc(_("Nothing due this week. Log your next meeting when it happens."))
                    ),
                )  # fmt: skip
            ]
            return
        parts: list[w.Widget] = []
        for bucket, title in self._TITLES.items():
            rows = table[table["bucket"] == bucket]
            if rows.empty:
                continue
            colour = "#b42318" if bucket == "overdue" else "#333"
            shown = esc(_(title))
            parts.append(lean(w.HTML, f"<b style='color:{colour}'>{shown} ({len(rows)})</b>"))
            for row in rows.itertuples():
                box = lean(w.Checkbox,
                    value=False, description=row.text, indent=False,
                    layout=width("100%"),
                )  # fmt: skip
                box.observe(self._ticker(row.kind, int(row.ref), row.text), names="value")
                parts.append(box)
        self.lines.children = parts

    def _ticker(self, kind: str, ref: int, text: str) -> Any:
        def ticked(change: dict[str, Any]) -> None:
            if change["new"]:
                done = _("Done: {what}").format(what=text[:60])
                save(self.status, lambda: self.wb.tick(kind, ref), done)

        return ticked


class CadenceSettings(w.VBox):
    """How often to be in touch, per relationship tier or per person: an ideal interval and
    a maximum. The next date always counts from your last contact."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.tiers: dict[str, tuple[w.BoundedIntText, w.BoundedIntText]] = {}
        rows = []
        for depth in reversed(list(DEPTHS)):
            ideal = lean(
                w.BoundedIntText, min=1, max=3650, description=_("every"), layout=width("160px")
            )
            most = lean(
                w.BoundedIntText, min=1, max=3650, description=_("at most"), layout=width("170px")
            )
            self.tiers[depth] = (ideal, most)
            rows.append(
                lean(
                    w.HBox,
                    [
                        lean(
                            w.HTML,
                            f"<b>{esc(_(DEPTH_PLURAL[depth]))}</b>",
                            layout=width("150px"),
                        ),
                        ideal,
                        most,
                        lean(w.HTML, esc(_("days"))),
                    ],
                )
            )
        self.save_tiers = lean(w.Button, description=_("Save the cadences"), icon="check")
        self.save_tiers.on_click(self._save_tiers)
        self.person = _person_box(wb, _("Person"))
        self.person_ideal = lean(
            w.BoundedIntText, min=1, max=3650, value=30, description=_("every"),
            layout=width("160px"),
        )  # fmt: skip
        self.person_max = lean(
            w.BoundedIntText,
            min=1,
            max=3650,
            value=45,
            description=_("at most"),
            layout=width("170px"),
        )
        self.save_person = lean(w.Button, description=_("Set for this person"), icon="user")
        self.save_person.on_click(self._save_person)
        self.table = _CadenceTable(wb)
        super().__init__(
            [
                *rows,
                self.save_tiers,
                heading(_("Someone who needs their own rhythm"), 4),
                lean(w.HBox, [self.person, self.person_ideal, self.person_max,
                              lean(w.HTML, esc(_("days")))]),
                self.save_person,
                self.status,
                heading(_("Where you stand"), 4),
                self.table,
            ]
        )  # fmt: skip
        self._load()

    def _load(self) -> None:
        cadences = self.wb.cadences()
        for row in cadences.dropna(subset=["depth"]).itertuples():
            if row.depth in self.tiers:
                ideal, most = self.tiers[row.depth]
                ideal.value, most.value = int(row.ideal_days), int(row.max_days)

    def _save_tiers(self, _button: w.Button) -> None:
        def apply() -> None:
            for depth, (ideal, most) in self.tiers.items():
                self.wb.set_tier_cadence(depth, ideal.value, most.value)

        save(self.status, apply, _("Cadences saved"))

    def _save_person(self, _button: w.Button) -> None:
        contact_id, name = _person_id(self.wb, self.person.value)
        if contact_id is None:
            self.status.error(
                _("Pick someone from your contacts ({name} is not one yet).").format(
                    name=repr(name)
                )
            )
            return
        save(
            self.status,
            lambda: self.wb.set_person_cadence(contact_id, self.person_ideal.value, self.person_max.value),
            _("{name}: every {ideal} days, at most {most}").format(
                name=name, ideal=self.person_ideal.value, most=self.person_max.value
            ),
        )  # fmt: skip


class _CadenceTable(LiveHTML):
    tables = ("interactions", "cadences", "contacts", "profile")
    _COLOURS = {"on_track": "#1a7f37", "due_soon": "#8a4b00", "overdue": "#b42318"}

    def refresh(self) -> None:
        table = self.wb.cadence_status()
        if table.empty:
            self.value = aside(_("Log an interaction to start a cadence."))
            return
        rows = "".join(
            f"<tr><td>{esc(r.name)}</td><td>{esc(_(DEPTH_SHORT.get(r.depth, r.depth)))}</td>"
            f"<td>{words.short_day(r.last)}</td><td>{words.short_day(r.next_due)}</td>"
            f"<td style='color:{self._COLOURS[r.status]}'>{_(rules.STATUSES[r.status])}</td></tr>"
            for r in table.itertuples()
        )
        head = "".join(
            f"<th align=left>{esc(h)}</th>"
            for h in (_("Who"), _("Relationship"), _("Last contact"), _("Next"), _("Status"))
        )
        self.value = f"<table><tr>{head}</tr>{rows}</table>"


class ReconnectList(w.VBox):
    """People you have not been in touch with for a while, most valuable first, each with a
    personal touch to use: a call or a handwritten note, never a mass message."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.months = lean(w.BoundedIntText,
            value=6, min=1, max=60, description=_("Not in touch for more than"),
            style={"description_width": "190px"}, layout=width("260px"),
        )  # fmt: skip
        self.months.observe(lambda _c: self.refresh(), names="value")
        self.view = lean(w.HTML)
        super().__init__(
            [lean(w.HBox, [self.months, lean(w.HTML, esc(_("months (or never)")))]), self.view]
        )
        self.refresh()
        wb.on_change(self._store_changed, key="ReconnectList")

    def _store_changed(self, table: str) -> None:
        if table in ("interactions", "contacts", "referrals", "goal_people", "gains", "profile"):
            self.refresh()

    def refresh(self) -> None:
        table = self.wb.reconnect_list(round(self.months.value * 30.44)).head(15)
        if table.empty:
            self.view.value = "<p>✓ {}</p>".format(
                esc(_("You have been in touch with everyone recently."))
            )
            return
        last, never = _("last in touch {day}"), _("never logged")
        items = "".join(
            f"<li><b>{esc(r.name)}</b>{' (' + esc(r.company) + ')' if r.company else ''}: "
            f"{esc(r.why)}; {esc(last.format(day=words.short_day(r.last)) if r.last else never)}"
            f"<br><span style='color:#555'>{esc(r.touch)}</span></li>"
            for r in table.itertuples()
        )
        self.view.value = f"<ol>{items}</ol>"


class FollowUpTimeline(Charts):
    """Past interactions and what is coming up, one row per person."""

    tables = ("interactions", "follow_ups", "promises", "cadences", "contacts", "profile")

    def figures_for(self, wb: Any) -> list[Any]:
        return [plots.follow_up_timeline(wb.interactions(), wb.upcoming(), wb.today())]
