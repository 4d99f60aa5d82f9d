"""Exercise 1: the spend table, editable in place, with the form to add a business."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd
from ipydatagrid import DataGrid

from .. import money_trail
from ..profile import format_money
from ._common import (
    RemoveControl,
    StatusLine,
    WhenThePageIsUp,
    editable_grid,
    heading,
    lean,
    save,
    save_cell,
    show_rows,
    width,
)

_GRID_COLUMNS: dict[str, str | None] = {
    **{label: field for field, label in money_trail.BUSINESS_FIELDS.items()},
    "A year": None,
    "Lifetime": None,
    "Asks": None,
}
_PROFESSION_HINTS = [
    "Accountant",
    "Auto repair",
    "Bakery",
    "Barber",
    "Coffee shop",
    "Dentist",
    "Dry cleaner",
    "Florist",
    "Gym",
    "Hair stylist",
    "Hardware store",
    "Insurance agent",
    "Lawn care",
    "Massage therapist",
    "Pet groomer",
    "Pharmacy",
    "Printer",
    "Restaurant",
    "Veterinarian",
    "Yoga studio",
]


def _number(value: float) -> str:
    return f"{value:g}"


class SpendTable(w.VBox):
    """The businesses you pay, editable in place; add and remove below the grid."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.totals = lean(w.HTML)
        self.grid: DataGrid | None = None  # made once the page is up (see _common)
        self.form = _AddBusinessForm(wb, self.status)
        self.remover = RemoveControl("business", wb.delete_business, self.status)
        self._refresh_view()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__(
            [
                lean(
                    w.HTML,
                    "<small>Double-click a cell to change it; press Enter to save. "
                    "<i>A year</i> and <i>Lifetime</i> are worked out for you.</small>",
                ),
                WhenThePageIsUp(self._new_grid, "Opening your table…"),
                self.status,
                self.totals,
                heading("Add a business", 4),
                self.form,
                self.remover,
            ]
        )

    # -- view ---------------------------------------------------------------------------

    def _new_grid(self) -> DataGrid:
        widths = {
            "Business": 180,
            "Profession": 120,
            "How often": 90,
            "Visits a year": 100,
            "Years a customer": 125,
            "Referrals sent": 110,
            "A year": 80,
            "Lifetime": 85,
            "Asks": 90,
            "Notes": 260,
        }
        self.grid = editable_grid(
            self._rows, widths, self._cell_changed, column_size=80, row_header_size=36
        )
        return self.grid

    @staticmethod
    def _frame(spend: pd.DataFrame, currency: str) -> pd.DataFrame:
        """What the grid shows: every value as text, so what is typed comes back as typed."""
        frame = pd.DataFrame(
            {
                "Business": spend["name"],
                "Profession": spend["profession"],
                "Amount": spend["amount"].map(_number),
                "How often": spend["frequency"].map(money_trail.FREQUENCIES),
                "Visits a year": [
                    _number(v) if f == "per_visit" else ""
                    for v, f in zip(spend["visits_per_year"], spend["frequency"], strict=True)
                ],
                "Years a customer": spend["years_as_customer"].map(_number),
                "Referrals sent": spend["referrals_sent"].map(str),
                "A year": spend["annual_spend"].map(lambda v: format_money(v, currency)),
                "Lifetime": spend["lifetime_spend"].map(lambda v: format_money(v, currency)),
                "Asks": [
                    f"{n} · declined" if d else str(n)
                    for n, d in zip(spend["asks"], spend["declined"], strict=True)
                ],
                "Notes": spend["notes"],
            },
            dtype=object,
        )
        frame.index = pd.Index(range(1, len(frame) + 1), name="#")
        return frame

    def _refresh_view(self) -> None:
        spend = self.wb.spend_table()
        currency = self.wb.profile().currency
        self._ids = [int(i) for i in spend["id"]]  # grid row -> business id
        self._rows = self._frame(spend, currency)
        show_rows(self.grid, self._rows)
        sums = money_trail.totals(spend)
        self.totals.value = (
            f"<b>{sums['businesses']}</b> businesses · "
            f"<b>{format_money(sums['annual_spend'], currency)}</b> a year · "
            f"<b>{format_money(sums['lifetime_spend'], currency)}</b> invested in all · "
            f"<b>{sums['referrals_sent']}</b> referrals sent"
        )
        self.remover.set_rows(spend["name"], spend["id"])

    def _store_changed(self, table: str) -> None:
        if table in ("businesses", "asks", "profile"):
            self._refresh_view()

    # -- edits --------------------------------------------------------------------------

    def _cell_changed(self, cell: dict[str, Any]) -> None:
        worked_out = (
            f"{cell['column']} is worked out for you: change the amount, how often or "
            "the years instead."
        )
        if not save_cell(
            self.status, cell, _GRID_COLUMNS, self._ids, self.wb.update_business, worked_out
        ):
            self._refresh_view()  # put the saved value back in the cell


class _AddBusinessForm(w.VBox):
    def __init__(self, wb: Any, status: StatusLine):
        self.wb = wb
        self.status = status
        style = {"description_width": "130px"}
        wide = width("360px")
        self.name = lean(
            w.Text,
            description="Business",
            placeholder="Blue Ridge Hair Studio",
            style=style,
            layout=wide,
        )
        self.profession = lean(
            w.Combobox,
            description="Profession",
            placeholder="Hair stylist",
            options=_PROFESSION_HINTS,
            ensure_option=False,
            style=style,
            layout=wide,
        )
        self.amount = lean(w.Text, description="Amount", placeholder="65", style=style, layout=wide)
        self.frequency = lean(
            w.Dropdown,
            description="How often",
            options=[(label, key) for key, label in money_trail.FREQUENCIES.items()],
            value="per_visit",
            style=style,
            layout=wide,
        )
        self.visits = lean(
            w.Text, description="Visits a year", placeholder="10", style=style, layout=wide
        )
        self.years = lean(
            w.Text, description="Years a customer", placeholder="5", style=style, layout=wide
        )
        self.referrals = lean(
            w.Text, description="Referrals sent", placeholder="0", style=style, layout=wide
        )
        self.notes = lean(w.Text, description="Notes", style=style, layout=width("730px"))
        self.add_button = lean(
            w.Button, description="Add business", button_style="primary", icon="plus"
        )
        self.add_button.on_click(self._add_clicked)
        self.frequency.observe(self._frequency_changed, names="value")
        super().__init__(
            [
                lean(w.HBox, [self.name, self.profession]),
                lean(w.HBox, [self.amount, self.frequency]),
                lean(w.HBox, [self.visits, self.years]),
                lean(w.HBox, [self.referrals]),
                self.notes,
                self.add_button,
            ]
        )

    def _frequency_changed(self, change: dict[str, Any]) -> None:
        self.visits.disabled = change["new"] != "per_visit"

    def _add_clicked(self, _button: w.Button) -> None:
        values = {
            "name": self.name.value,
            "profession": self.profession.value,
            "amount": self.amount.value,
            "frequency": self.frequency.value,
            "visits_per_year": self.visits.value if self.frequency.value == "per_visit" else 1,
            "years_as_customer": self.years.value or 1,
            "referrals_sent": self.referrals.value,
            "notes": self.notes.value,
        }
        if self.frequency.value == "per_visit" and not str(self.visits.value).strip():
            self.status.error("Say how many visits a year (for example 10), or pick 'per month'.")
            return
        if save(
            self.status, lambda: self.wb.add_business(**values), f"Added {values['name'].strip()}"
        ):
            for box in (
                self.name,
                self.profession,
                self.amount,
                self.visits,
                self.years,
                self.referrals,
                self.notes,
            ):
                box.value = ""
