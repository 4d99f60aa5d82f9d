"""Exercise 5 widgets: the referrals given and received, with the balance with each person, and
whether each partner (and the participant) is referrable."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from .. import network as network_rules
from .. import words
from ..contacts import DEPTH_SHORT
from ..i18n import _
from ._common import StatusLine, date_field, esc, heading, lean, save, width
from ._removal import RemoveControl


class ReferralLog(w.VBox):
    """Log each referral you give or receive; see the balance with each person."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.person = lean(
            w.Combobox,
            description=_("Person"),
            placeholder=_("Pick from your contacts"),
            ensure_option=True,
            layout=width("340px"),
            style={"description_width": "80px"},
        )
        self.direction = lean(
            w.ToggleButtons,
            options=[(_("I gave"), "given"), (_("I received"), "received")],
            value="given",
        )
        self.on_date = date_field(_("On"), style={"description_width": "30px"})
        self.what = lean(
            w.Text,
            description=_("What"),
            placeholder=_("A neighbour selling her house"),
            layout=width("500px"),
            style={"description_width": "80px"},
        )
        self.value = lean(
            w.Text,
            description=_("Value"),
            placeholder="0",
            layout=width("220px"),
            style={"description_width": "60px"},
        )
        self.log_button = lean(
            w.Button, description=_("Log referral"), button_style="primary", icon="plus"
        )
        self.log_button.on_click(self._log_clicked)
        self.recent = lean(w.HTML)
        self.remover = RemoveControl(
            _("referral"),
            wb.delete_referral,
            self.status,
            consequences=lambda i: wb.what_goes_with("referrals", i),
            undo=wb.undo,
        )
        self.balance = lean(w.HTML)
        self._refresh()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__(
            [
                lean(w.HBox, [self.person, self.direction, self.on_date]),
                lean(w.HBox, [self.what, self.value]),
                lean(w.HBox, [self.log_button, self.status]),
                heading(_("Balance with each person"), 4),
                self.balance,
                heading(_("Logged"), 4),
                self.recent,
                self.remover,
            ]
        )

    def _refresh(self) -> None:
        contacts = self.wb.contacts()
        self._by_name = {n: int(i) for n, i in zip(contacts["name"], contacts["id"], strict=True)}
        self.person.options = sorted(self._by_name)
        profile = self.wb.profile()
        table = self.wb.reciprocity()
        rows = "".join(
            f"<tr><td>{esc(r['name'])}</td><td>{r['given']}</td><td>{r['received']}</td>"
            f"<td>{profile.money(r['value_received'])}</td>"
            f"<td>{_balance_note(r['balance'])}</td></tr>"
            for r in table.to_dict("records")
        )
        head = "".join(
            f"<th>{esc(h)}</th>"
            for h in (_("Person"), _("Given"), _("Received"), _("Business received"), "")
        )
        self.balance.value = (
            f"<table style='border-spacing:14px 2px'><tr>{head}</tr>{rows}</table>"
            if rows
            else "<i>{}</i>".format(esc(_("No referrals logged yet.")))
        )
        logged = self.wb.referrals()
        labels = []
        to, from_ = _("→ to {name}"), _("← from {name}")
        for r in logged.to_dict("records"):
            arrow = (to if r["direction"] == "given" else from_).format(name=r["name"])
            value = f" · {profile.money(r['value'])}" if r["value"] else ""
            labels.append(f"{words.short_day(r['on_date'])} {arrow}: {r['what']}{value}")
        # The latest 20 as one block of text; any of them can be picked below to remove it.
        self.recent.value = "<br>".join(esc(label) for label in labels[:20])
        self.remover.set_rows(labels, logged["id"])

    def _store_changed(self, table: str) -> None:
        if table in ("referrals", "contacts", "profile"):
            self._refresh()

    def _log_clicked(self, _button: w.Button) -> None:
        name = self.person.value
        if name not in self._by_name:
            self.status.error(_("Pick the person from your contacts (add them above first)."))
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
            _("Referral logged"),
        ):
            self.what.value = ""
            self.value.value = ""


def _balance_note(balance: int) -> str:
    if balance > 1:
        return esc(_("you give more: ask how you can make it easy for them to refer you"))
    if balance < 0:
        return "<b>{}</b>".format(esc(_("they give more: find a referral for them")))
    return esc(_("balanced"))


class ReferrabilityCheck(w.VBox):
    """Would you refer them, and would they refer you? Three things make someone referrable."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.person = lean(
            w.Dropdown,
            description=_("Who"),
            layout=width("420px"),
            style={"description_width": "60px"},
        )
        self.checks = {
            key: lean(w.Checkbox, description=_(label), indent=False, layout=width("640px"))
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
        options = [(_("You: would people refer you?"), -1)] + [
            (f"{name} ({_(DEPTH_SHORT[depth])})", int(i))
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
        care = _("Refer with care, and work on these before you ask for referrals:")
        not_yet = _("not yet")
        gaps = [
            f"<li><b>{esc(r['name'])}</b>: {esc(not_yet)} "
            + ", ".join(
                esc(_(network_rules.CRITERIA[k]).split(":")[0].lower())
                for k in network_rules.CRITERIA
                if not r[k]
            )
            + "</li>"
            for r in rows.to_dict("records")
            if not all(r[k] for k in network_rules.CRITERIA)
        ]
        self.summary.value = f"<p>{esc(care)}</p><ul>{''.join(gaps)}</ul>" if gaps else ""

    def _changed(self, key: str, value: bool) -> None:
        if not self._loading:
            save(self.status, lambda: self.wb.set_referrability(self._contact_id(), **{key: value}))

    def _store_changed(self, table: str) -> None:
        if table == "contacts":
            self._refresh_people()
        elif table == "referrability":
            self._summarise(self.wb.referrability())
