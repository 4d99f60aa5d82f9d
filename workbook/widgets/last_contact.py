"""Exercise 6's "Bring in your calendar and mail": the participant's calendar files, mailbox
or LinkedIn messages read on their computer, the people found reviewed (tick whom to log, and
whom to add as a contact), then logged; an import can be taken back."""

from __future__ import annotations

import io
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import last_contact, words
from .._errors import InputError
from ..i18n import _, ngettext
from ._common import Follows, StatusLine, esc, lean, width
from ._removal import UndoLine

ACCEPT = ".ics,.mbox,.eml,.csv,.zip"


def _source(upload: w.FileUpload, path: str) -> Any:
    """What to read: a typed path (a mailbox too big to upload), else the chosen file."""
    if path.strip():
        return path.strip()
    files = list(upload.value or ())
    if not files:
        raise InputError(_("Choose a file (or type the path of your mailbox) first."))
    first = files[0]
    handle = io.BytesIO(bytes(first["content"]))
    handle.name = str(first.get("name") or _("the uploaded file"))
    return handle


class PersonFound(w.HBox):
    """One person found in the files: whom they match, what was found, and a tick."""

    def __init__(self, person: dict[str, Any]):
        self.person = person
        new = pd.isna(person["contact_id"])
        found = last_contact.found_in_words(person)
        self.tick = lean(
            w.Checkbox,
            value=not new,
            description=_("Add as a contact and log") if new else _("Log"),
            indent=False,
            layout=width("210px"),
        )
        who = esc(person["name"] or person["email"] or person["url"])
        not_yet = _("not a contact yet")
        whom = f"<i>{esc(not_yet)}</i>" if new else esc(_("your contact"))
        last = _("last {day}").format(day=words.short_day(person["last"]))
        line = lean(
            w.HTML,
            f"<b>{who}</b> · {whom} · {esc(found)} · {esc(last)}",
            layout=width("auto"),
        )
        super().__init__([self.tick, line])
        self.add_class("workbook-card")


class LastContactImport(w.VBox):
    """Choose the files, read them, review the people found, log the ticked ones."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.upload = lean(
            w.FileUpload, accept=ACCEPT, multiple=False, description=_("Choose a file"),
            layout=width("220px"),
        )  # fmt: skip
        self.path = lean(
            w.Text,
            description=_("Or its path"),
            placeholder=_("a mailbox too big to upload: {path}").format(
                path="~/Downloads/Takeout/Mail/All mail.mbox"
            ),
            style={"description_width": "90px"},
            layout=width("100%"),
        )
        self.max_attendees = lean(
            w.BoundedIntText,
            value=last_contact.MAX_ATTENDEES,
            min=1,
            max=500,
            description=_("Meetings count with at most this many other people"),
            style={"description_width": "initial"},
            layout=width("min(100%, 420px)"),
        )
        self.left_out = lean(
            w.Text,
            description=_("Leave out these recurring meetings"),
            placeholder=_("Chapter breakfast, Team stand-up"),
            style={"description_width": "initial"},
            layout=width("100%"),
        )
        self.read_button = lean(w.Button, description=_("Read my files"), icon="search",
                                button_style="primary")  # fmt: skip
        self.read_button.on_click(lambda _b: self.read())
        self.log_button = lean(w.Button, description=_("Log the ticked ones"), icon="check",
                               button_style="success",
                               layout=w.Layout(display="none", width="auto"))  # fmt: skip
        self.log_button.on_click(lambda _b: self.log())
        self.people = lean(w.VBox)
        self.undo = UndoLine(wb.undo)
        self.take_back = lean(w.Button, description=_("Take back this import"), icon="undo",
                              layout=w.Layout(display="none", width="auto"))  # fmt: skip
        self.take_back.on_click(lambda _b: self.take_back_last())
        self._source: Any = None
        self._import_id: int | None = None
        counts = _(
            "What counts: meetings that happened, mail and messages you sent (never received "
            "mail alone, so newsletters do not)."
        )
        super().__init__(
            [
                lean(w.HBox, [self.upload, self.read_button]),
                self.path,
                lean(w.HTML, f"<small>{esc(counts)}</small>"),
                self.max_attendees,
                self.left_out,
                self.status,
                self.people,
                lean(w.HBox, [self.log_button, self.take_back]),
                self.undo,
            ]
        )  # fmt: skip

    def rules(self) -> last_contact.Rules:
        names = tuple(n.strip() for n in self.left_out.value.split(",") if n.strip())
        return last_contact.Rules(
            max_attendees=int(self.max_attendees.value), left_out_series=names
        )

    def read(self) -> None:
        """Read the files and show whom they found, nothing logged yet."""
        self.people.children = ()
        self.log_button.layout.display = "none"
        try:
            self._source = _source(self.upload, self.path.value)
            found = self.wb.preview_interactions(self._source, rules_=self.rules())
        except InputError as exc:
            self.status.error(str(exc))
            return
        if found.already_imported:
            self.status.saved(found.summary())
            return
        rows = [PersonFound(p) for p in found.people.to_dict("records")]
        self.people.children = rows
        self.log_button.layout.display = "" if rows else "none"
        self.status.saved(
            ngettext(
                "Found {n} person in {file}: tick whom to log, then Log the ticked ones.",
                "Found {n} people in {file}: tick whom to log, then Log the ticked ones.",
                len(rows),
            ).format(n=len(rows), file=found.file_name)
            if rows
            else _("Nothing in {file} counts: no meeting held, no mail you sent.").format(
                file=found.file_name
            )
        )

    def log(self) -> None:
        rows = [r for r in self.people.children if isinstance(r, PersonFound)]
        only = {
            int(r.person["contact_id"])
            for r in rows
            if r.tick.value and pd.notna(r.person["contact_id"])
        }
        add = [
            {"name": r.person["name"], "email": r.person["email"], "url": r.person["url"]}
            for r in rows
            if r.tick.value and pd.isna(r.person["contact_id"])
        ]
        if hasattr(self._source, "seek"):
            self._source.seek(0)
        try:
            result = self.wb.import_interactions(
                self._source, rules_=self.rules(), only=only, add=add
            )
        except InputError as exc:
            self.status.error(str(exc))
            return
        self._import_id = result.import_id
        self.people.children = ()
        self.log_button.layout.display = "none"
        self.take_back.layout.display = "" if result.import_id else "none"
        self.status.saved(result.summary())

    def take_back_last(self) -> None:
        if self._import_id is None:
            return
        name = self.wb.interaction_imports().set_index("id").loc[self._import_id, "file_name"]
        removal = self.wb.delete_interaction_import(self._import_id)
        self._import_id = None
        self.take_back.layout.display = "none"
        self.undo.offer(_("the import of {file}").format(file=name), removal)


class PeopleNotContacts(Follows, w.VBox):
    """Exercise 5: the people your calendar and mail show you in touch with who are not
    contacts yet (from exercise 6's imports), each with a button to add them."""

    tables = ("interaction_imports", "contacts")

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.rows = lean(w.VBox)
        super().__init__([self.rows, self.status])
        self.follow(wb)

    def refresh(self) -> None:
        people = self.wb.people_not_contacts()
        if people.empty:
            said = _(
                "Nobody waiting: import your calendar or mail in exercise 6 to see the people "
                "you are in touch with who are not contacts yet."
            )
            self.rows.children = (lean(w.HTML, f"<i>{esc(said)}</i>"),)
            return
        rows = []
        for person in people.head(30).to_dict("records"):
            found = last_contact.found_in_words(person)
            add = lean(w.Button, description=_("Add as a contact"), icon="plus",
                       layout=w.Layout(width="auto"))  # fmt: skip
            add.on_click(lambda _b, p=person: self.add(p))
            line = lean(
                w.HTML,
                f"<b>{esc(person['name'] or person['email'])}</b> · {esc(found)} · "
                + esc(_("last {day}").format(day=words.short_day(pd.Timestamp(person["last"])))),
            )
            row = lean(w.HBox, [add, line])
            row.add_class("workbook-card")
            rows.append(row)
        self.rows.children = rows

    def add(self, person: dict[str, Any]) -> None:
        values = {k: person[k] for k in ("name", "email", "url") if person[k]}
        values.setdefault("name", person["email"] or person["url"])
        try:
            self.wb.add_contact(**values)
        except InputError as exc:
            self.status.error(str(exc))
            return
        self.status.saved(
            _("Added {name}: import your mail again to log them").format(name=values["name"])
        )
