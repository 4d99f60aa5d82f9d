"""Exercise 1: the businesses you pay, changed in place, with the form to add one."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from .. import money_trail
from ..i18n import N_, _, ngettext
from ..words import figure
from ._common import StatusLine, esc, heading, lean, save, width
from ._rows import Field, RowList

_PROFESSION_HINTS = [
    N_("Accountant"),
    N_("Auto repair"),
    N_("Bakery"),
    N_("Barber"),
    N_("Coffee shop"),
    N_("Dentist"),
    N_("Dry cleaner"),
    N_("Florist"),
    N_("Gym"),
    N_("Hair stylist"),
    N_("Hardware store"),
    N_("Insurance agent"),
    N_("Lawn care"),
    N_("Massage therapist"),
    N_("Pet groomer"),
    N_("Pharmacy"),
    N_("Printer"),
    N_("Restaurant"),
    N_("Veterinarian"),
    N_("Yoga studio"),
]


def _professions() -> list[str]:
    return [_(hint) for hint in _PROFESSION_HINTS]


def _frequencies() -> list[tuple[str, str]]:
    return [(_(label), key) for key, label in money_trail.FREQUENCIES.items()]


def business_line(business: dict[str, Any], profile: Any) -> str:
    """One business in words: name and profession, what is paid and how often, the years,
    the referrals sent, and what that makes a year and in all."""
    how = business["frequency"]
    paid = profile.money(business["amount"]) + " " + _(money_trail.FREQUENCIES[how])
    if how == "per_visit":
        visits = business["visits_per_year"]
        paid += ", " + ngettext("{n} visit a year", "{n} visits a year", visits).format(
            n=f"{visits:g}"
        )
    years, sent = business["years_as_customer"], business["referrals_sent"]
    facts = [
        paid,
        ngettext("{n} year a customer", "{n} years a customer", years).format(n=figure(years)),
        ngettext("{n} referral sent", "{n} referrals sent", sent).format(n=figure(sent)),
    ]
    asks = int(business.get("asks", 0) or 0)
    if asks:
        facts.append(ngettext("{n} ask", "{n} asks", asks).format(n=asks))
    if business.get("declined"):
        facts.append("<span style='color:#b42318'>⚑ {}</span>".format(esc(_("declined"))))
    profession = f" · {esc(business['profession'])}" if business["profession"] else ""
    return (
        f"<b>{esc(business['name'])}</b>{profession}<br><small>"
        + " · ".join(f if f.startswith("<span") else esc(f) for f in facts)
        + "</small><br>"
        + _("{a_year} a year · {in_all} in all").format(
            a_year=f"<b>{esc(profile.money(business['annual_spend']))}</b>",
            in_all=f"<b>{esc(profile.money(business['lifetime_spend']))}</b>",
        )
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
            Field("name", _("Business")),
            Field("profession", _("Profession"), "suggest", _professions()),
            Field("amount", _("Amount")),
            Field("frequency", _("How often"), "choice", _frequencies()),
            Field(
                "visits_per_year",
                _("Visits a year"),
                "number",
                shown=lambda b: b["frequency"] == "per_visit",
            ),
            Field("years_as_customer", _("Years a customer"), "number"),
            Field("referrals_sent", _("Referrals sent"), "number"),
            Field("notes", _("Notes"), "long"),
        ]
        self.rows = RowList(
            fields=fields,
            update=wb.update_business,
            summary=lambda b: business_line(b, self.profile),
            name_of=lambda b: str(b["name"]),
            remove=wb.delete_business,
            what_goes_with=lambda i: wb.what_goes_with("businesses", i),
            undo=wb.undo,
            noun=_("business"),
            empty=_("No businesses yet: add the first one below."),
            searchable=True,
        )
        self._refresh_view()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__(
            [
                self.totals,
                self.rows,
                heading(_("Add a business"), 4),
                self.form,
                self.status,
            ]
        )

    def _refresh_view(self) -> None:
        spend = self.wb.spend_table()
        self.profile = self.wb.profile()
        self.rows.show(spend.to_dict("records"))
        sums = money_trail.totals(spend)
        self.totals.value = _(
            "{businesses} businesses · {a_year} a year · {in_all} invested in all · "
            "{referrals} referrals sent"
        ).format(
            businesses=f"<b>{sums['businesses']}</b>",
            a_year=f"<b>{esc(self.profile.money(sums['annual_spend']))}</b>",
            in_all=f"<b>{esc(self.profile.money(sums['lifetime_spend']))}</b>",
            referrals=f"<b>{sums['referrals_sent']}</b>",
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
            description=_("Business"),
            placeholder="Blue Ridge Hair Studio",
            style=style,
            layout=wide,
        )
        self.profession = lean(
            w.Combobox,
            description=_("Profession"),
            placeholder=_("Hair stylist"),
            options=_professions(),
            ensure_option=False,
            style=style,
            layout=wide,
        )
        self.amount = lean(
            w.Text, description=_("Amount"), placeholder="65", style=style, layout=wide
        )
        self.frequency = lean(
            w.Dropdown,
            description=_("How often"),
            options=_frequencies(),
            value="per_visit",
            style=style,
            layout=wide,
        )
        self.visits = lean(
            w.Text, description=_("Visits a year"), placeholder="10", style=style, layout=wide
        )
        self.years = lean(
            w.Text, description=_("Years a customer"), placeholder="5", style=style, layout=wide
        )
        self.referrals = lean(
            w.Text, description=_("Referrals sent"), placeholder="0", style=style, layout=wide
        )
        self.notes = lean(w.Text, description=_("Notes"), style=style, layout=width("730px"))
        self.add_button = lean(
            w.Button, description=_("Add business"), button_style="primary", icon="plus"
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
            self.status.error(
                _("Say how many visits a year (for example 10), or pick 'per month'.")
            )
            return
        if save(
            self.status,
            lambda: self.wb.add_business(**values),
            _("Added {name}").format(name=values["name"].strip()),
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
