"""Exercise 5 widgets: your contacts as a list, referrals both ways, the referrability check."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from .. import preferred_clients
from ..contacts import DEPTH_SHORT, DEPTHS, depth_choices
from ..i18n import NN_, _, ngettext
from ._common import StatusLine, esc, heading, lean, save, width
from ._rows import Field, RowList


def person_line(person: dict[str, Any]) -> str:
    """One person in words: name, what they do and where, how well you know them."""
    role, company = person["position"] or person["profession"], person["company"]
    if role and company:
        work = esc(_("{role} at {company}").format(role=role, company=company))
    else:
        work = esc(role or company or "")
    profession = person["profession"] or (person["known_as"] if person["guessed"] else "")
    guessed = (
        " <small>{}</small>".format(esc(_("(guessed from the title)")))
        if not person["profession"] and profession
        else ""
    )
    facts = [f"<b>{esc(person['name'])}</b>"]
    if work:
        facts.append(work)
    line = " · ".join(facts) + f"<br><small>{esc(_(DEPTH_SHORT[person['depth']]))}"
    if profession and profession != person["position"]:
        line += f" · {esc(profession)}"
    line += "</small>" + guessed
    if person["email"]:
        line += f"<br><small>{esc(person['email'])}</small>"
    return line


_DEPTH_COUNTS = {
    "contact": NN_("{n} contact", "{n} contacts"),
    "acquaintance": NN_("{n} acquaintance", "{n} acquaintances"),
    "connection": NN_("{n} connection", "{n} connections"),
    "referral_partner": NN_("{n} referral partner", "{n} referral partners"),
}


class ContactsTable(w.VBox):
    """The people you know, one line each: tag each one's profession and how deep the
    relationship is with *Change*; find anyone by name; add people with the form below."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.summary = lean(w.HTML)
        style, wide = {"description_width": "100px"}, width("340px")
        self.name = lean(
            w.Text, description=_("Name"), placeholder="Maria Lopez", style=style, layout=wide
        )
        self.company = lean(
            w.Text, description=_("Company"), placeholder="Ridge Advisors", style=style, layout=wide
        )
        self.position = lean(
            w.Text,
            description=_("Position"),
            placeholder=_("Wealth Manager"),
            style=style,
            layout=wide,
        )
        self.profession = lean(
            w.Combobox,
            description=_("Profession"),
            style=style,
            layout=wide,
            options=preferred_clients.professions(),
            ensure_option=False,
        )
        self.depth = lean(
            w.Dropdown,
            description=_("Relationship"),
            options=depth_choices(),
            style=style,
            layout=width("500px"),
        )
        self.add_button = lean(
            w.Button, description=_("Add person"), button_style="primary", icon="user-plus"
        )
        self.add_button.on_click(self._add_clicked)
        self.rows = RowList(
            fields=[
                Field("name", _("Name")),
                Field("company", _("Company")),
                Field("position", _("Position")),
                Field("profession", _("Profession"), "suggest", preferred_clients.professions()),
                Field("depth", _("Relationship"), "choice", depth_choices()),
                Field("email", _("Email")),
                Field("phone", _("Phone")),
                Field("notes", _("Notes"), "long"),
            ],
            update=wb.update_contact,
            summary=person_line,
            name_of=lambda p: str(p["name"]),
            remove=wb.delete_contact,
            what_goes_with=lambda i: wb.what_goes_with("contacts", i),
            undo=wb.undo,
            noun=_("person"),
            empty=_("Nobody yet: bring in your contacts above, or add people below."),
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
                heading(_("Add a person"), 4),
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
        said = [ngettext("{n} person", "{n} people", len(people)).format(n=f"<b>{len(people)}</b>")]
        said += [
            ngettext(*_DEPTH_COUNTS[key], int(counts.get(key, 0))).format(n=int(counts.get(key, 0)))
            for key in DEPTHS
        ]
        self.summary.value = " · ".join(said)

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
                "<b>{}</b><br>".format(esc(_("The same person?")))
                + "<br>".join(
                    person_line(by_id.loc[i].to_dict() | {"id": i}) for i in (keep, other)
                ),
            )
            merge = lean(
                w.Button,
                description=_("Same person: merge"),
                icon="compress",
                tooltip=_("Keep one {name}, with everything of both").format(
                    name=by_id.loc[keep, "name"]
                ),
                layout=width("auto"),
            )
            merge.on_click(
                lambda _b, k=keep, o=other: save(
                    self.status,
                    lambda: self.wb.merge_contacts(k, o),
                    _("Merged {name}: one person, everything of both kept").format(
                        name=by_id.loc[k, "name"]
                    ),
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
            self.status,
            lambda: self.wb.add_contact(**values),
            _("Added {name}").format(name=self.name.value.strip()),
        ):
            for box in (self.name, self.company, self.position, self.profession):
                box.value = ""
