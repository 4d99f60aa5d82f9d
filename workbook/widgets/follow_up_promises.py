"""Exercise 6 widgets: the promise ledger, and the follow-ups as a calendar file."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from .. import follow_up as rules
from .. import words
from ..i18n import _
from ._common import StatusLine, aside, date_field, download_link, lean, save, width
from ._removal import RemoveControl
from .follow_up import _STYLE, _fill_people, _person_box, _person_id


class PromiseLedger(w.VBox):
    """What you promised them and what they promised you, with dates. Tick when kept."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.person = _person_box(wb)
        self.direction = lean(
            w.ToggleButtons,
            options=[(_(label), key) for key, label in rules.PROMISE_DIRECTIONS.items()],
            style={"button_width": "150px"},
        )
        self.kind = lean(w.Dropdown,
            options=[(_(label), key) for key, label in rules.PROMISE_KINDS.items()],
            value="follow_through", description=_("Kind"), style=_STYLE,
        )  # fmt: skip
        self.what = lean(w.Text,
            description=_("What"), placeholder=_("introduce her to Maria the dentist"),
            style=_STYLE, layout=width("560px"),
        )  # fmt: skip
        self.due = date_field(_("By"), style=_STYLE)
        self.button = lean(w.Button, description=_("Add promise"), icon="plus")
        self.button.on_click(self._add)
        self.promise_lines = lean(w.VBox)
        self.remove = RemoveControl(
            _("promise"),
            wb.delete_promise,
            self.status,
            consequences=lambda i: wb.what_goes_with("promises", i),
            undo=wb.undo,
        )
        super().__init__(
            [self.person, self.direction, self.kind, self.what, self.due,
             lean(w.HBox, [self.button, self.status]), self.promise_lines, self.remove]
        )  # fmt: skip
        self.refresh()
        wb.on_change(self._store_changed, key="PromiseLedger")

    def _store_changed(self, table: str) -> None:
        if table in ("promises", "contacts", "profile"):
            self.refresh()

    def refresh(self) -> None:
        _fill_people(self.wb, self.person)
        table = self.wb.promises()
        parts: list[w.Widget] = []
        for row in table.itertuples():
            said = (_("{kind} to {name}: {what}") if row.direction == "mine"
                    else _("{kind} from {name}: {what}")).format(
                kind=_(rules.PROMISE_KINDS[row.kind]), name=row.name, what=row.what
            )  # fmt: skip
            if row.due_on:
                said += ", " + _("by {day}").format(day=words.short_day(row.due_on))
            if row.overdue:
                said += " — " + _("OVERDUE")
            box = lean(w.Checkbox,
                value=not row.open, indent=False, layout=width("100%"), description=said,
            )  # fmt: skip
            if row.overdue:
                box.add_class("workbook-overdue")
            box.observe(self._ticker(int(row.id)), names="value")
            parts.append(box)
        self.promise_lines.children = parts or [lean(w.HTML, aside(_("No promises yet.")))]
        self.remove.set_rows([f"{r.what} ({r.name})" for r in table.itertuples()], table["id"])

    def _ticker(self, promise_id: int) -> Any:
        def ticked(change: dict[str, Any]) -> None:
            save(self.status, lambda: self.wb.tick_promise(promise_id, bool(change["new"])))

        return ticked

    def _add(self, _button: w.Button) -> None:
        contact_id, name = _person_id(self.wb, self.person.value)
        if save(
            self.status,
            lambda: self.wb.add_promise(
                contact_id, name=name, direction=self.direction.value, kind=self.kind.value,
                what=self.what.value, due=self.due.value,
            ),
            _("Promise saved"),
        ):  # fmt: skip
            self.what.value = ""


class CalendarDownload(w.VBox):
    """One button: your follow-ups and promises as a calendar file (.ics) for Outlook, Apple
    or Google Calendar. Download it again after changes: the same entries are updated."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.button = lean(
            w.Button, description=_("Make my calendar file"), icon="calendar", layout=width("240px")
        )
        self.button.on_click(self._clicked)
        self.link = lean(w.HTML)
        self.ics: bytes = b""
        super().__init__([self.button, self.link, self.status])

    def _clicked(self, _button: w.Button) -> None:
        from ..report import to_ics

        self.ics = to_ics(self.wb)
        name = f"follow-up-{dt.date.today().isoformat()}.ics"
        self.link.value = download_link(
            self.ics, name, "text/calendar", _("Download my calendar (.ics)")
        )

        self.status.saved(_("Made {name}").format(name=name))
