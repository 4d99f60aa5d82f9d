"""Exercise 4 widgets: GAINS for you and each referral partner; overlaps and what to ask."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from .. import gains as gains_rules
from ..i18n import _
from ._common import LiveHTML, StatusLine, aside, esc, lean, save, width

YOU = -1  # the dropdown value for the participant's own GAINS


class GainsForm(w.VBox):
    """Choose whose GAINS to fill in (yours or a partner's); each answer saves as you type."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.person = lean(
            w.Dropdown,
            description=_("Whose"),
            layout=width("420px"),
            style={"description_width": "80px"},
        )
        self.partner = lean(
            w.Combobox,
            placeholder=_("A referral partner's name"),
            ensure_option=True,
            layout=width("300px"),
        )
        self.add_partner = lean(w.Button, description=_("Add partner"), icon="user-plus")
        self.add_partner.on_click(self._add_partner_clicked)
        self.fields = {
            field: lean(
                w.Textarea,
                description=_(label),
                placeholder=_(gains_rules.PROMPTS[field]),
                rows=2,
                layout=width("640px"),
                style={"description_width": "140px"},
            )
            for field, label in gains_rules.FIELDS.items()
        }
        self._loading = False
        for field, box in self.fields.items():
            box.observe(lambda c, f=field: self._changed(f, c["new"]), names="value")
        self.person.observe(lambda _c: self._load(), names="value")
        self._refresh_people()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__(
            [
                lean(w.HBox, [self.person]),
                lean(
                    w.HBox,
                    [lean(w.HTML, esc(_("Add someone:")) + " "), self.partner, self.add_partner],
                ),  # fmt: skip
                *self.fields.values(),
                self.status,
            ]
        )

    def _contact_id(self) -> int | None:
        return None if self.person.value in (None, YOU) else int(self.person.value)

    def _refresh_people(self) -> None:
        rows = self.wb.gains()
        current = self.person.value
        you = _("You ({name})").format(name=self.wb.profile().name or _("me"))
        options = [(you, YOU)] + [
            (str(r["name"]), int(r["contact_id"]))
            for r in rows.to_dict("records")
            if not r["is_you"]
        ]
        chosen = {int(c) for c in rows["contact_id"].dropna()}
        contacts = self.wb.contacts()
        self._by_name = {
            n: int(i)
            for n, i in zip(contacts["name"], contacts["id"], strict=True)
            if int(i) not in chosen
        }
        self.partner.options = sorted(self._by_name)
        self.person.options = options
        values = [v for _label, v in options]
        self.person.value = current if current in values else YOU
        self._load()

    def _load(self) -> None:
        """Show the chosen person's answers without saving them back."""
        rows = self.wb.gains()
        wanted = self._contact_id()
        match = rows[rows["is_you"]] if wanted is None else rows[rows["contact_id"] == wanted]
        record = match.iloc[0].to_dict() if len(match) else {}
        self._loading = True
        try:
            for field, box in self.fields.items():
                box.value = str(record.get(field) or "")
        finally:
            self._loading = False

    def _changed(self, field: str, value: str) -> None:
        if not self._loading:
            save(self.status, lambda: self.wb.set_gains(self._contact_id(), **{field: value}))

    def _store_changed(self, table: str) -> None:
        if table in ("contacts", "profile") or (table == "gains" and self._people_changed()):
            self._refresh_people()

    def _people_changed(self) -> bool:
        shown = {v for _l, v in self.person.options if v != YOU}
        return shown != {int(c) for c in self.wb.gains()["contact_id"].dropna()}

    def _add_partner_clicked(self, _button: w.Button) -> None:
        name = self.partner.value
        if name not in self._by_name:
            self.status.error(
                _("Pick a person from your contacts (add them in the network exercise).")
            )
            return
        contact_id = self._by_name[name]
        added = _("Added {name}").format(name=name)
        if save(self.status, lambda: self.wb.add_gains_partner(contact_id), added):
            self.partner.value = ""
            self.person.value = contact_id


class GainsOverview(LiveHTML):
    """Completeness per person, what you share with each partner, and what to ask next."""

    tables = ("gains", "contacts", "profile")

    def refresh(self) -> None:
        people = self.wb.gains()
        if people.empty:
            self.value = aside(_("Start with your own GAINS above."))
            return
        you = people[people["is_you"]]
        partners = people[~people["is_you"]]
        mine = you.iloc[0].to_dict() if len(you) else {}
        of = _("{n} of {total}")
        rows = "".join(
            f"<tr><td>{esc(p['name'])}</td>"
            f"<td>{esc(of.format(n=gains_rules.completeness(p), total=5))}</td></tr>"
            for p in people.to_dict("records")
        )
        head = "".join(f"<th>{esc(h)}</th>" for h in (_("Person"), _("GAINS known")))
        parts = [f"<table style='border-spacing:14px 2px'><tr>{head}</tr>{rows}</table>"]
        common = gains_rules.overlaps(mine, partners)
        lines = [
            f"<li><b>{esc(r['name'])}</b>: "
            + "; ".join(
                f"{esc(_(gains_rules.FIELDS[f]).lower())}: {esc(', '.join(r[f]))}"
                for f in gains_rules.OVERLAP_FIELDS
                if r[f]
            )
            + "</li>"
            for r in common.to_dict("records")
            if r["shared"]
        ]
        if lines:
            share, why = _("What you share"), _("(a natural way into the next conversation)")
            parts.append(f"<p><b>{esc(share)}</b> {esc(why)}:</p><ul>{''.join(lines)}</ul>")
        questions = gains_rules.to_learn(partners)
        if questions:
            items = "".join(f"<li>{esc(q)}</li>" for _name, q in questions)
            learn = _("To learn at your next meeting:")
            parts.append(f"<p><b>{esc(learn)}</b></p><ul>{items}</ul>")
        self.value = "".join(parts)
