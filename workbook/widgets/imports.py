"""Start from real files: a bank or card export becomes money-trail candidates, a contacts
export becomes people in your network. Upload, read what was found, accept with one click."""

from __future__ import annotations

import io
from typing import Any

import ipywidgets as w

from .. import words
from .._errors import InputError
from ..i18n import N_, _
from ._common import (
    StatusLine,
    esc,
    lean,
    save,
    width,
)
from ._removal import RemoveControl
from .bank_candidates import BankCandidates

__all__ = ["BankCandidates", "BankImport", "ContactsImport", "PayeeRules"]

# A drop-down whose value is None shows blank: "from the file" has a value of its own.
_DAY_ORDER = [
    (N_("Work it out from the file"), "file"),
    (N_("Day first (31/12/2024)"), "day"),
    (N_("Month first (12/31/2024)"), "month"),
]
_DAY_FIRST = {"file": None, "day": True, "month": False}


def _uploaded(change_value: Any) -> tuple[str, bytes] | None:
    """(file name, bytes) of the file just chosen in a FileUpload, if any."""
    files = list(change_value or ())
    if not files:
        return None
    first = files[0]
    return str(first.get("name") or _("the uploaded file")), bytes(first["content"])


def _as_file(name: str, data: bytes) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


class _Upload(w.VBox):
    """An upload button, its result line and the rows the file left out, in plain words."""

    accept = ""
    label = N_("Choose a file")

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.details = lean(w.HTML)
        self.upload = lean(
            w.FileUpload,
            accept=self.accept,
            multiple=False,
            description=_(self.label),
            layout=width("260px"),
        )
        self.upload.observe(self._chosen, names="value")
        super().__init__(self._parts())

    def _parts(self) -> list[w.Widget]:
        return [lean(w.HBox, [self.upload, self.status]), self.details]

    def _chosen(self, change: dict[str, Any]) -> None:
        found = _uploaded(change["new"])
        if found is None:
            return
        self.import_file(*found)

    def import_file(self, name: str, data: bytes) -> None:
        """Import one file's bytes (what the upload button does; tests call it directly)."""
        self.details.value = ""
        try:
            result = self._import(_as_file(name, data))
        except InputError as exc:
            self.status.error(str(exc))
            return
        self.status.saved(result.summary())
        if result.warnings:
            items = "".join(f"<li>{esc(text)}</li>" for text in result.warnings)
            said = _("Rows left out on purpose ({n})").format(n=len(result.warnings))
            self.details.value = (
                f"<details><summary>{esc(said)}</summary><ul>{items}</ul></details>"
            )

    def _import(self, handle: io.BytesIO) -> Any:
        raise NotImplementedError


class BankImport(_Upload):
    """Start the money trail from a bank or card export (CSV, OFX, QFX or QIF)."""

    accept = ".csv,.txt,.ofx,.qfx,.qbo,.qif"
    label = N_("Choose your bank file")

    def __init__(self, wb: Any):
        self.day_order = lean(
            w.Dropdown,
            options=[(_(label), value) for label, value in _DAY_ORDER],
            value="file",
            description=_("Dates"),
            style={"description_width": "50px"},
            layout=width("320px"),
        )
        self.files = RemoveControl(
            _("imported file"),
            wb.delete_import,
            StatusLine(),
            consequences=lambda i: wb.what_goes_with("import_batches", i),
            undo=wb.undo,
        )
        super().__init__(wb)
        self._refresh_files()
        wb.on_change(self._store_changed, key="BankImport")

    def _parts(self) -> list[w.Widget]:
        return [lean(w.HBox, [self.upload, self.day_order]), self.status, self.details, self.files]

    def _import(self, handle: io.BytesIO) -> Any:
        return self.wb.import_transactions(handle, day_first=_DAY_FIRST[self.day_order.value])

    def _store_changed(self, table: str) -> None:
        if table == "import_batches":
            self._refresh_files()

    def _refresh_files(self) -> None:
        batches = self.wb.imports()
        batches = batches[batches["kind"] == "transactions"]
        labels = [
            _("{name} ({n} transactions, {day})").format(
                name=name, n=added, day=words.short_day(str(when)[:10])
            )
            for name, added, when in zip(
                batches["file_name"], batches["rows_added"], batches["created_at"], strict=True
            )
        ]
        self.files.set_rows(labels, batches["id"])
        self.files.layout.display = "" if len(batches) else "none"


class ContactsImport(_Upload):
    """Bring in your contacts: LinkedIn (Connections.csv or the whole export ZIP), Google or
    Outlook CSV, or a vCard file from your phone."""

    accept = ".csv,.zip,.vcf,.vcard,.txt"
    label = N_("Choose your contacts file")

    def _import(self, handle: io.BytesIO) -> Any:
        return self.wb.import_contacts(handle)


class PayeeRules(w.VBox):
    """Your own names for what the bank prints: 'anything containing JOES BARBER is Joe's
    Barber Shop'. Applied to every file you have imported and to every one after."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        style = {"description_width": "190px"}
        self.contains = lean(
            w.Text,
            description=_("When the bank's text has"),
            placeholder="JOES BARBER",
            style=style,
            layout=width("420px"),
        )
        self.payee = lean(
            w.Text,
            description=_("call it"),
            placeholder="Joe's Barber Shop",
            style={"description_width": "60px"},
            layout=width("320px"),
        )
        self.add = lean(w.Button, description=_("Add rule"), icon="plus")
        self.add.on_click(self._add)
        self.remove = RemoveControl(
            _("rule"),
            wb.delete_payee_rule,
            self.status,
            consequences=lambda i: wb.what_goes_with("payee_rules", i),
            undo=wb.undo,
        )
        super().__init__(
            [lean(w.HBox, [self.contains, self.payee, self.add]), self.remove, self.status]
        )
        self._refresh()
        wb.on_change(self._store_changed, key="PayeeRules")

    def _store_changed(self, table: str) -> None:
        if table == "payee_rules":
            self._refresh()

    def _refresh(self) -> None:
        rules = self.wb.payee_rules()
        self.remove.set_rows(
            [f"{c} → {p}" for c, p in zip(rules["contains"], rules["payee"], strict=True)],
            rules["id"],
        )
        self.remove.layout.display = "" if len(rules) else "none"

    def _add(self, _button: w.Button) -> None:
        if save(
            self.status,
            lambda: self.wb.add_payee_rule(self.contains.value, self.payee.value),
            _("Rule saved and applied"),
        ):
            self.contains.value = ""
            self.payee.value = ""
