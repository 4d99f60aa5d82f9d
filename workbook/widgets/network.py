"""Exercise 5 widgets: your contacts in a grid, referrals both ways, the referrability check."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd
from ipydatagrid import DataGrid

from .. import network as network_rules
from .. import preferred_clients
from ..contacts import DEPTH_CHOICES, DEPTH_SHORT, DEPTHS
from ..profile import format_money
from ._common import (
    RemoveControl,
    StatusLine,
    WhenThePageIsUp,
    editable_grid,
    esc,
    heading,
    lean,
    save,
    save_cell,
    show_rows,
    width,
)

# Grid columns: label shown -> contact field (None: worked out, not editable).
_COLUMNS: dict[str, str | None] = {
    "Name": "name",
    "Company": "company",
    "Position": "position",
    "Profession": "profession",
    "Guessed from title": None,
    "Relationship": "depth",
    "Email": "email",
    "Phone": "phone",
    "Notes": "notes",
}


class ContactsTable(w.VBox):
    """The people you know: tag each one's profession and how deep the relationship is."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.summary = lean(w.HTML)
        self.grid: DataGrid | None = None  # made once the page is up (see _common)
        style, wide = {"description_width": "100px"}, width("340px")
        self.name = lean(
            w.Text, description="Name", placeholder="Maria Lopez", style=style, layout=wide
        )
        self.company = lean(
            w.Text, description="Company", placeholder="Ridge Advisors", style=style, layout=wide
        )
        self.position = lean(
            w.Text, description="Position", placeholder="Wealth Manager", style=style, layout=wide
        )
        self.profession = lean(
            w.Combobox,
            description="Profession",
            style=style,
            layout=wide,
            options=preferred_clients.professions(),
            ensure_option=False,
        )
        self.depth = lean(
            w.Dropdown,
            description="Relationship",
            options=DEPTH_CHOICES,
            style=style,
            layout=width("500px"),
        )
        self.add_button = lean(
            w.Button, description="Add person", button_style="primary", icon="user-plus"
        )
        self.add_button.on_click(self._add_clicked)
        self.remover = RemoveControl("person", wb.delete_contact, self.status)
        self._refresh()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__(
            [
                lean(
                    w.HTML,
                    "<small>Double-click a cell to change it. Relationship is one of: contact, "
                    "acquaintance, connection, referral partner.</small>",
                ),
                WhenThePageIsUp(self._new_grid, "Opening your table…"),
                self.status,
                self.summary,
                heading("Add a person", 4),
                lean(w.HBox, [self.name, self.company]),
                lean(w.HBox, [self.position, self.profession]),
                self.depth,
                self.add_button,
                self.remover,
            ]
        )

    def _new_grid(self) -> DataGrid:
        widths = {
            "Name": 160,
            "Company": 170,
            "Position": 160,
            "Profession": 150,
            "Guessed from title": 150,
            "Relationship": 120,
            "Email": 190,
            "Notes": 220,
        }
        self.grid = editable_grid(
            self._rows, widths, self._cell_changed, column_size=110, row_header_size=44
        )
        return self.grid

    def _refresh(self) -> None:
        people = preferred_clients.with_professions(self.wb.contacts())
        self._ids = [int(i) for i in people["id"]]
        frame = pd.DataFrame(
            {
                "Name": people["name"],
                "Company": people["company"],
                "Position": people["position"],
                "Profession": people["profession"],
                "Guessed from title": people["known_as"].where(people["guessed"], ""),
                "Relationship": people["depth"].map(DEPTH_SHORT),
                "Email": people["email"],
                "Phone": people["phone"],
                "Notes": people["notes"],
            },
            dtype=object,
        )
        frame.index = pd.Index(range(1, len(frame) + 1), name="#")
        self._rows = frame
        show_rows(self.grid, frame)
        counts = people["depth"].value_counts()
        self.summary.value = f"<b>{len(people)}</b> people · " + " · ".join(
            f"{counts.get(key, 0)} {DEPTH_SHORT[key]}{'s' if counts.get(key, 0) != 1 else ''}"
            for key in DEPTHS
        )
        self.remover.set_rows(people["name"], people["id"])

    def _store_changed(self, table: str) -> None:
        if table == "contacts":
            self._refresh()

    def _cell_changed(self, cell: dict[str, Any]) -> None:
        worked_out = (
            "The guess comes from the position and company: type the profession in "
            "the Profession column to set it yourself."
        )
        if not save_cell(
            self.status, cell, _COLUMNS, self._ids, self.wb.update_contact, worked_out
        ):
            self._refresh()  # put the saved value back in the cell

    def _add_clicked(self, _button: w.Button) -> None:
        values = {
            "name": self.name.value,
            "company": self.company.value,
            "position": self.position.value,
            "profession": self.profession.value,
            "depth": self.depth.value,
        }
        if save(
            self.status, lambda: self.wb.add_contact(**values), f"Added {self.name.value.strip()}"
        ):
            for box in (self.name, self.company, self.position, self.profession):
                box.value = ""


class ReferralLog(w.VBox):
    """Log each referral you give or receive; see the balance with each person."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.person = lean(
            w.Combobox,
            description="Person",
            placeholder="Pick from your contacts",
            ensure_option=True,
            layout=width("340px"),
            style={"description_width": "80px"},
        )
        self.direction = lean(
            w.ToggleButtons,
            options=[("I gave", "given"), ("I received", "received")],
            value="given",
        )
        self.on_date = lean(
            w.DatePicker,
            description="On",
            layout=width("220px"),
            style={"description_width": "30px"},
        )
        self.what = lean(
            w.Text,
            description="What",
            placeholder="A neighbour selling her house",
            layout=width("500px"),
            style={"description_width": "80px"},
        )
        self.value = lean(
            w.Text,
            description="Value",
            placeholder="0",
            layout=width("220px"),
            style={"description_width": "60px"},
        )
        self.log_button = lean(
            w.Button, description="Log referral", button_style="primary", icon="plus"
        )
        self.log_button.on_click(self._log_clicked)
        self.recent = lean(w.HTML)
        self.remover = RemoveControl("referral", wb.delete_referral, self.status)
        self.balance = lean(w.HTML)
        self._refresh()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__(
            [
                lean(w.HBox, [self.person, self.direction, self.on_date]),
                lean(w.HBox, [self.what, self.value]),
                lean(w.HBox, [self.log_button, self.status]),
                heading("Balance with each person", 4),
                self.balance,
                heading("Logged", 4),
                self.recent,
                self.remover,
            ]
        )

    def _refresh(self) -> None:
        contacts = self.wb.contacts()
        self._by_name = {n: int(i) for n, i in zip(contacts["name"], contacts["id"], strict=True)}
        self.person.options = sorted(self._by_name)
        currency = self.wb.profile().currency
        table = self.wb.reciprocity()
        rows = "".join(
            f"<tr><td>{esc(r['name'])}</td><td>{r['given']}</td><td>{r['received']}</td>"
            f"<td>{format_money(r['value_received'], currency)}</td>"
            f"<td>{_balance_note(r['balance'])}</td></tr>"
            for r in table.to_dict("records")
        )
        self.balance.value = (
            "<table style='border-spacing:14px 2px'><tr><th>Person</th><th>Given</th><th>Received</th>"
            "<th>Business received</th><th></th></tr>" + rows + "</table>"
            if rows
            else "<i>No referrals logged yet.</i>"
        )
        logged = self.wb.referrals()
        labels = []
        for r in logged.to_dict("records"):
            arrow = "→ to" if r["direction"] == "given" else "← from"
            value = f" · {format_money(r['value'], currency)}" if r["value"] else ""
            labels.append(f"{r['on_date']} {arrow} {r['name']}: {r['what']}{value}")
        # The latest 20 as one block of text; any of them can be picked below to remove it.
        self.recent.value = "<br>".join(esc(label) for label in labels[:20])
        self.remover.set_rows(labels, logged["id"])

    def _store_changed(self, table: str) -> None:
        if table in ("referrals", "contacts", "profile"):
            self._refresh()

    def _log_clicked(self, _button: w.Button) -> None:
        name = self.person.value
        if name not in self._by_name:
            self.status.error("Pick the person from your contacts (add them above first).")
            return
        contact_id = self._by_name[name]
        direction, day, what, value = (
            self.direction.value,
            self.on_date.value,
            self.what.value,
            self.value.value,
        )
        if save(
            self.status,
            lambda: self.wb.add_referral(contact_id, direction, day, what, value),
            "Referral logged",
        ):
            self.what.value = ""
            self.value.value = ""


def _balance_note(balance: int) -> str:
    if balance > 1:
        return "you give more: ask how you can make it easy for them to refer you"
    if balance < 0:
        return "<b>they give more: find a referral for them</b>"
    return "balanced"


class ReferrabilityCheck(w.VBox):
    """Would you refer them, and would they refer you? Three things make someone referrable."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.person = lean(
            w.Dropdown,
            description="Who",
            layout=width("420px"),
            style={"description_width": "60px"},
        )
        self.checks = {
            key: lean(w.Checkbox, description=label, indent=False, layout=width("640px"))
            for key, label in network_rules.CRITERIA.items()
        }
        self._loading = False
        for key, box in self.checks.items():
            box.observe(lambda c, k=key: self._changed(k, c["new"]), names="value")
        self.person.observe(lambda _c: self._load(), names="value")
        self.summary = lean(w.HTML)
        self._refresh_people()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__([self.person, *self.checks.values(), self.status, self.summary])

    def _contact_id(self) -> int | None:
        return None if self.person.value in (None, -1) else int(self.person.value)

    def _refresh_people(self) -> None:
        contacts = self.wb.contacts()
        partners = contacts[contacts["depth"].isin(["referral_partner", "connection"])]
        current = self.person.value
        options = [("You: would people refer you?", -1)] + [
            (f"{name} ({DEPTH_SHORT[depth]})", int(i))
            for name, depth, i in zip(
                partners["name"], partners["depth"], partners["id"], strict=True
            )
        ]
        self.person.options = options
        self.person.value = current if current in [v for _l, v in options] else -1
        self._load()

    def _load(self) -> None:
        rows = self.wb.referrability()
        wanted = self._contact_id()
        match = (
            rows[rows["contact_id"].isna()]
            if wanted is None
            else rows[rows["contact_id"] == wanted]
        )
        record = match.iloc[0].to_dict() if len(match) else {}
        self._loading = True
        try:
            for key, box in self.checks.items():
                box.value = bool(record.get(key, 0))
        finally:
            self._loading = False
        self._summarise(rows)

    def _summarise(self, rows: pd.DataFrame) -> None:
        gaps = [
            f"<li><b>{esc(r['name'])}</b>: not yet "
            + ", ".join(
                esc(network_rules.CRITERIA[k].split(":")[0].lower())
                for k in network_rules.CRITERIA
                if not r[k]
            )
            + "</li>"
            for r in rows.to_dict("records")
            if not all(r[k] for k in network_rules.CRITERIA)
        ]
        self.summary.value = (
            "<p>Refer with care, and work on these before you ask for referrals:</p>"
            f"<ul>{''.join(gaps)}</ul>"
            if gaps
            else ""
        )

    def _changed(self, key: str, value: bool) -> None:
        if not self._loading:
            save(self.status, lambda: self.wb.set_referrability(self._contact_id(), **{key: value}))

    def _store_changed(self, table: str) -> None:
        if table == "contacts":
            self._refresh_people()
        elif table == "referrability":
            self._summarise(self.wb.referrability())
