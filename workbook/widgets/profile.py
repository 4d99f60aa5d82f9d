"""Exercise 0: the profile form. Every field saves as you type."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from .. import i18n
from ..i18n import N_, _
from ..profile import CURRENCIES, LABELS, PROFILE_FIELDS, time_zones
from ._common import StatusLine, lean, save, width

# The language first: the rest of the form reads in it.
ORDER = ["language", *(f for f in PROFILE_FIELDS if f != "language")]
_PLACEHOLDERS = {
    "name": "Dana Whitfield",
    "business": "Whitfield Homes",
    "profession": N_("Real-estate agent"),
    "preferred_client": N_("Retired homeowners who are ready to downsize"),
    "city": N_("Asheville, NC"),
    "currency": "USD",
    "time_zone": N_("America/New_York"),
    "email": "dana@whitfieldhomes.example",
    "locale": "en-US",
}


_TRANSLATED = {"profession", "preferred_client", "city", "time_zone"}


class ProfileForm(w.VBox):
    """The language, then name, business, profession, preferred client, city, currency, time
    zone, email, whether your coach may share your email with the group, the first day of
    your week, and how your money, numbers and dates are written (suggested from language,
    currency and time zone)."""

    def __init__(self, wb: Any):
        self.wb = wb
        profile = wb.profile()
        self.fields: dict[str, w.ValueWidget] = {}
        self.status: dict[str, StatusLine] = {}
        rows = []
        for field in ORDER:
            widget = self._field_widget(field, getattr(profile, field))
            status = StatusLine()
            widget.observe(lambda change, f=field: self._save(f, change["new"]), names="value")
            self.fields[field] = widget
            self.status[field] = status
            rows.append(lean(w.HBox, [widget, status]))
        super().__init__(rows)

    def _field_widget(self, field: str, value: Any) -> w.ValueWidget:
        if field == "language":
            return lean(
                w.Dropdown,
                options=[(name, code) for code, name in i18n.LANGUAGES.items()],
                value=self.wb.profile().speaks,
                description=_(LABELS[field]),
                style={"description_width": "210px"},
                layout=width("360px"),
            )
        if field == "week_starts":
            return lean(
                w.Dropdown,
                options=[(_("Monday"), "monday"), (_("Sunday"), "sunday")],
                value=value or "monday",
                description=_(LABELS[field]),
                style={"description_width": "210px"},
                layout=width("360px"),
            )
        if field == "share_with_cohort":
            return lean(
                w.Checkbox,
                value=bool(value),
                description=_(LABELS[field]),
                indent=False,
                layout=w.Layout(width="640px", margin="0 0 0 214px"),
            )
        common = {
            "description": _(LABELS[field]),
            "value": value,
            "placeholder": _(_PLACEHOLDERS[field])
            if field in _TRANSLATED
            else _PLACEHOLDERS[field],
            "style": {"description_width": "210px"},
            "layout": width("640px"),
        }
        if field == "preferred_client":
            return lean(w.Textarea, rows=3, **common)
        if field == "currency":
            return lean(
                w.Combobox,
                options=sorted(CURRENCIES),
                ensure_option=False,
                continuous_update=False,
                **common,
            )
        if field == "locale":
            from .. import locales

            profile = self.wb.profile()
            suggested = locales.choice(
                locales.suggest(profile.currency, profile.time_zone, profile.speaks)
            )
            return lean(
                w.Combobox,
                options=[locales.choice(c) for c in locales.OFFERED],
                ensure_option=False,
                continuous_update=False,
                **{**common, "value": locales.choice(value) if value else "",
                   "placeholder": _("{suggested}, from your language, currency and time zone")
                                  .format(suggested=suggested)},
            )  # fmt: skip
        if field == "time_zone":
            return lean(
                w.Combobox,
                options=time_zones(),
                ensure_option=False,
                continuous_update=False,
                **common,
            )
        return lean(w.Text, **common)

    def _save(self, field: str, value: str) -> None:
        save(self.status[field], lambda: self.wb.set_profile(**{field: value}))
