"""Exercise 5 widgets: your contacts as a list, referrals both ways, the referrability check."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from .. import network as network_rules
from .. import preferred_clients
from ..contacts import DEPTH_SHORT, DEPTHS, depth_choices
from ..i18n import _
from ._common import StatusLine, date_field, esc, heading, lean, save, width
from ._removal import RemoveControl
from ._rows import Field, RowList


def person_line(person: dict[str, Any]) -> str:
    """One person in words: name, what they do and where, how well you know them."""
    work = " at ".join(
        esc(part)
        for part in (person["position"] or person["profession"], person["company"])
        if part
    )
    profession = person["profession"] or (person["known_as"] if person["guessed"] else "")
    guessed = (
        " <small>(guessed from the title)</small>"
        if not person["profession"] and profession
        else ""
    )
    facts = [f"<b>{esc(person['name'])}</b>"]
    if work:
        facts.append(work)
    line = " · ".join(facts) + f"<br><small>{esc(DEPTH_SHORT[person['depth']])}"
    if profession and profession != person["position"]:
        line += f" · {esc(profession)}"
    line += "</small>" + guessed
    if person["email"]:
        line += f"<br><small>{esc(person['email'])}</small>"
    return line


class ContactsTable(w.VBox):
    """The people you know, one line each: tag each one's profession and how deep the
    relationship is with *Change*; find anyone by name; add people with the form below."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.summary = lean(w.HTML)
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
            options=depth_choices(),
            style=style,
            layout=width("500px"),
        )
        self.add_button = lean(
            w.Button, description="Add person", button_style="primary", icon="user-plus"
        )
        self.add_button.on_click(self._add_clicked)
        self.rows = RowList(
            fields=[
                Field("name", "Name"),
                Field("company", "Company"),
                Field("position", "Position"),
                Field("profession", "Profession", "suggest", preferred_clients.professions()),
                Field("depth", "Relationship", "choice", depth_choices()),
                Field("email", "Email"),
                Field("phone", "Phone"),
                Field("notes", "Notes", "long"),
            ],
            update=wb.update_contact,
            summary=person_line,
            name_of=lambda p: str(p["name"]),
            remove=wb.delete_contact,
            what_goes_with=lambda i: wb.what_goes_with("contacts", i),
            undo=wb.undo,
            noun=_("person"),
            empty="Nobody yet: bring in your contacts above, or add people below.",
            searchable=True,
        )
        self.same_person = lean(w.VBox)
        self._refresh()
        wb.on_change(self._store_changed, key=type(self).__name__)
        super().__init__(
            [
                self.summary,
                self.same_person,
                self.rows,
                heading("Add a person", 4),
                lean(w.HBox, [self.name, self.company]),
                lean(w.HBox, [self.position, self.profession]),
                self.depth,
                lean(w.HBox, [self.add_button, self.status]),
            ]
        )

    def _refresh(self) -> None:
        people = preferred_clients.with_professions(self.wb.contacts())
        # Closest first, then by name: the people to tag are at the top.
        rank = {key: i for i, key in enumerate(reversed(DEPTHS))}
        people = people.assign(_rank=people["depth"].map(rank)).sort_values(
            ["_rank", "name"], kind="stable"
        )
        self.rows.show(people.to_dict("records"))
        self._show_likely_duplicates(people)
        counts = people["depth"].value_counts()
        self.summary.value = f"<b>{len(people)}</b> people · " + " · ".join(
            f"{counts.get(key, 0)} {DEPTH_SHORT[key]}{'s' if counts.get(key, 0) != 1 else ''}"
            for key in DEPTHS
        )

    def _store_changed(self, table: str) -> None:
        if table == "contacts":
            self._refresh()

    def _show_likely_duplicates(self, people: pd.DataFrame) -> None:
        """Two rows that are likely one person: shown side by side, merged with one click."""
        by_id = people.set_index("id")
        lines: list[w.Widget] = []
        for keep, other in self.wb.likely_duplicates()[:10]:
            text = lean(
                w.HTML,
                "<b>The same person?</b><br>"
                + "<br>".join(
                    person_line(by_id.loc[i].to_dict() | {"id": i}) for i in (keep, other)
                ),
            )
            merge = lean(
                w.Button,
                description="Same person: merge",
                icon="compress",
                tooltip=f"Keep one {by_id.loc[keep, 'name']}, with everything of both",
                layout=width("auto"),
            )
            merge.on_click(
                lambda _b, k=keep, o=other: save(
                    self.status,
                    lambda: self.wb.merge_contacts(k, o),
                    f"Merged {by_id.loc[k, 'name']}: one person, everything of both kept",
                )
            )
            card = lean(w.VBox, [text, merge])
            card.add_class("workbook-card")
            lines.append(card)
        old = self.same_person.children
        self.same_person.children = lines
        for part in old:
            for child in part.children:
                child.close()
            part.close()

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
        self.on_date = date_field("On", style={"description_width": "30px"})
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
        profile = self.wb.profile()
        table = self.wb.reciprocity()
        rows = "".join(
            f"<tr><td>{esc(r['name'])}</td><td>{r['given']}</td><td>{r['received']}</td>"
            f"<td>{profile.money(r['value_received'])}</td>"
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
            value = f" · {profile.money(r['value'])}" if r["value"] else ""
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
