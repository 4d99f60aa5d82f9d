"""Exercise 1: the businesses you pay, changed in place, with the form to add one."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from .. import money_trail
from ..words import count
from ._common import StatusLine, esc, heading, lean, save, width
from ._rows import Field, RowList

_FREQUENCY_CHOICES = [(label, key) for key, label in money_trail.FREQUENCIES.items()]
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


def business_line(business: dict[str, Any], profile: Any) -> str:
    """One business in words: name and profession, what is paid and how often, the years,
    the referrals sent, and what that makes a year and in all."""
    how = business["frequency"]
    paid = profile.money(business["amount"]) + " " + money_trail.FREQUENCIES[how]
    if how == "per_visit":
        paid += f", {count(business['visits_per_year'], 'visit', 'visits')} a year"
    facts = [
        paid,
        count(business["years_as_customer"], "year a customer", "years a customer"),
        count(business["referrals_sent"], "referral sent", "referrals sent"),
    ]
    asks = int(business.get("asks", 0) or 0)
    if asks:
        facts.append(f"{asks} ask{'s' if asks != 1 else ''}")
    if business.get("declined"):
        facts.append("<span style='color:#b42318'>⚑ declined</span>")
    profession = f" · {esc(business['profession'])}" if business["profession"] else ""
    return (
        f"<b>{esc(business['name'])}</b>{profession}<br><small>"
        + " · ".join(f if f.startswith("<span") else esc(f) for f in facts)
        + f"</small><br><b>{esc(profile.money(business['annual_spend']))}</b> a year · "
        f"<b>{esc(profile.money(business['lifetime_spend']))}</b> in all"
    )


class SpendTable(w.VBox):
    """The businesses you pay, one line each: change or remove any of them in place, and add
    more with the form below."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.totals = lean(w.HTML)
        self.profile = wb.profile()
        self.form = _AddBusinessForm(wb, self.status)
        fields = [
            Field("name", "Business"),
            Field("profession", "Profession", "suggest", _PROFESSION_HINTS),
            Field("amount", "Amount"),
            Field("frequency", "How often", "choice", _FREQUENCY_CHOICES),
            Field(
                "visits_per_year",
                "Visits a year",
                "number",
                shown=lambda b: b["frequency"] == "per_visit",
            ),
            Field("years_as_customer", "Years a customer", "number"),
            Field("referrals_sent", "Referrals sent", "number"),
            Field("notes", "Notes", "long"),
        ]
        self.rows = RowList(
            fields=fields,
            update=wb.update_business,
            summary=lambda b: business_line(b, self.profile),
            name_of=lambda b: str(b["name"]),
            remove=wb.delete_business,
            what_goes_with=lambda i: wb.what_goes_with("businesses", i),
            undo=wb.undo,
            noun="business",
            empty="No businesses yet: add the first one below.",
            searchable=True,
        )
        self._refresh_view()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__(
            [
                self.totals,
                self.rows,
                heading("Add a business", 4),
                self.form,
                self.status,
            ]
        )

    def _refresh_view(self) -> None:
        spend = self.wb.spend_table()
        self.profile = self.wb.profile()
        self.rows.show(spend.to_dict("records"))
        sums = money_trail.totals(spend)
        self.totals.value = (
            f"<b>{sums['businesses']}</b> businesses · "
            f"<b>{self.profile.money(sums['annual_spend'])}</b> a year · "
            f"<b>{self.profile.money(sums['lifetime_spend'])}</b> invested in all · "
            f"<b>{sums['referrals_sent']}</b> referrals sent"
        )

    def _store_changed(self, table: str) -> None:
        if table in ("businesses", "asks", "profile"):
            self._refresh_view()


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
