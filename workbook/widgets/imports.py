"""Start from real files: a bank or card export becomes money-trail candidates, a contacts
export becomes people in your network. Upload, read what was found, accept with one click."""

from __future__ import annotations

import io
from typing import Any

import ipywidgets as w
import pandas as pd

from .. import words
from .._errors import InputError
from ..i18n import _
from ..words import count
from ._common import (
    UNSEEN_LABEL,
    StatusLine,
    esc,
    heading,
    lean,
    once_the_page_is_up,
    save,
    shared,
    width,
)
from ._removal import RemoveControl

# Candidates shown at once: the biggest spend first; the rest are a scroll away in the table.
SHOWN_CANDIDATES = 8
_DAY_ORDER = [
    ("Work it out from the file", None),
    ("Day first (31/12/2024)", True),
    ("Month first (12/31/2024)", False),
]


def _uploaded(change_value: Any) -> tuple[str, bytes] | None:
    """(file name, bytes) of the file just chosen in a FileUpload, if any."""
    files = list(change_value or ())
    if not files:
        return None
    first = files[0]
    return str(first.get("name") or "the uploaded file"), bytes(first["content"])


def _as_file(name: str, data: bytes) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


class _Upload(w.VBox):
    """An upload button, its result line and the rows the file left out, in plain words."""

    accept = ""
    label = "Choose a file"

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        self.details = lean(w.HTML)
        self.upload = lean(
            w.FileUpload,
            accept=self.accept,
            multiple=False,
            description=self.label,
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
            self.details.value = (
                "<details><summary>Rows left out on purpose "
                f"({len(result.warnings)})</summary><ul>{items}</ul></details>"
            )

    def _import(self, handle: io.BytesIO) -> Any:
        raise NotImplementedError


class BankImport(_Upload):
    """Start the money trail from a bank or card export (CSV, OFX, QFX or QIF)."""

    accept = ".csv,.txt,.ofx,.qfx,.qbo,.qif"
    label = "Choose your bank file"

    def __init__(self, wb: Any):
        self.day_order = lean(
            w.Dropdown,
            options=_DAY_ORDER,
            value=None,
            description="Dates",
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
        return self.wb.import_transactions(handle, day_first=self.day_order.value)

    def _store_changed(self, table: str) -> None:
        if table == "import_batches":
            self._refresh_files()

    def _refresh_files(self) -> None:
        batches = self.wb.imports()
        batches = batches[batches["kind"] == "transactions"]
        labels = [
            f"{name} ({added} transactions, {str(when)[:10]})"
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
    label = "Choose your contacts file"

    def _import(self, handle: io.BytesIO) -> Any:
        return self.wb.import_contacts(handle)


class _CandidateRow(w.HBox):
    """One business to add: name, profession and amount to check, the file's facts, a button.
    Its parts share their layouts and styles with every other row (see ``lean``)."""

    def __init__(self, candidate: pd.Series, profile: Any, accept: Any):
        currency = profile.currency
        self.payee = str(candidate["payee"])
        self.name = lean(
            w.Text,
            description="Business",
            style=UNSEEN_LABEL,
            value=self.payee,
            layout=width(_COLUMNS["Business"]),
        )
        self.profession = lean(
            w.Text,
            description="Profession",
            style=UNSEEN_LABEL,
            value=str(candidate["profession"]),
            placeholder="profession",
            layout=width(_COLUMNS["Profession"]),
        )
        self.per_year = lean(
            w.Text,
            description=f"A year ({currency})",
            style=UNSEEN_LABEL,
            value=f"{float(candidate['per_year']):,.0f}",
            layout=width(_COLUMNS["Per year"]),
        )
        first, last = pd.Timestamp(candidate["first"]), pd.Timestamp(candidate["last"])
        when = words.month(first) + ("" if (first.year, first.month) == (last.year, last.month)
                                       else f" to {words.month(last)}")  # fmt: skip
        facts = lean(
            w.HTML,
            f"<small>{count(int(candidate['visits']), 'payment')}, {when}, "
            f"{esc(profile.money(float(candidate['total'])))} in all"
            + (f", via {esc(candidate['processor'])}" if candidate["processor"] else "")
            + "</small>",
            layout=width(_COLUMNS["From your file"]),
        )
        self.button = lean(
            w.Button, description="Add to my money trail", icon="plus", layout=width("190px")
        )
        self.button.on_click(lambda _b: accept(self))
        parts = [self.name, self.profession, self.per_year, facts, self.button]
        super().__init__(parts, layout=shared(w.Layout))
        self.add_class("workbook-card")


_COLUMNS = {
    "Business": "220px",
    "Profession": "150px",
    "Per year": "100px",
    "From your file": "300px",
}


class BankCandidates(w.VBox):
    """The businesses found in your bank files, biggest spend first: check the name, the
    profession and the yearly amount, then add each one you want to your money trail.

    The first SHOWN_CANDIDATES are listed, and "Show more" lists the next ones; those already
    in the money trail are named in one line."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.shown = SHOWN_CANDIDATES
        self.status = StatusLine()
        self.rows = lean(w.VBox)
        self.intro = lean(w.HTML)
        self.in_trail = lean(w.HTML)
        self.more = lean(
            w.Button,
            description="Show more",
            icon="chevron-down",
            layout=shared(w.Layout, width="auto"),
        )
        self.more.on_click(self._show_more)
        # Chains, online shops, utilities, rent: after the local ones, under this line.
        self.apart = lean(w.HTML)
        self.header = lean(
            w.HBox,
            [
                lean(w.HTML, f"<b>{label}</b>", layout=width(size))
                for label, size in _COLUMNS.items()
            ],
        )
        self.header.add_class("workbook-wide-only")  # on a phone each row names its fields
        super().__init__(
            [heading("Found in your bank files", 4), self.intro, self.rows, self.in_trail]
            + [self.status]
        )
        # In the app, the rows come once the page is up (as grids and charts do): they are
        # a few dozen widgets for the browser to build before it shows anything.
        self.intro.value = "<p><i>Looking through your bank files…</i></p>"
        self._listed: tuple[pd.DataFrame, int] | None = None  # what the rows show, and how many
        self._rows: dict[str, _CandidateRow] = {}  # payee -> its row, while it is listed
        once_the_page_is_up(self.refresh)  # nothing new if a file chosen meanwhile listed them
        wb.on_change(self._store_changed, key="BankCandidates")

    def _store_changed(self, table: str) -> None:
        if table in ("transactions", "businesses", "import_batches", "payee_rules"):
            self.refresh()

    def _show_more(self, _button: w.Button) -> None:
        self.shown += SHOWN_CANDIDATES
        self.refresh()

    def refresh(self) -> None:
        found = self.wb.money_trail_candidates()
        listed = self._listed
        if listed is not None and listed[1] == self.shown and listed[0].equals(found):
            return  # the same list: rows made again would lose a click or an edit under way
        self._listed = (found, self.shown)
        profile = self.wb.profile()
        if found.empty:
            self.intro.value = (
                "<p><i>Nothing yet: choose a bank or card export above, and the businesses "
                "you pay will be listed here.</i></p>"
            )
            self.rows.children = ()
            for old in self._rows.values():
                old.close()
            self._rows = {}
            self.in_trail.value = ""
            return
        waiting = found[~found["in_trail"]]
        # The local ones first (biggest first), then those probably not local.
        waiting = pd.concat([waiting[waiting["likely_local"]], waiting[~waiting["likely_local"]]])
        added = found[found["in_trail"]]
        self.intro.value = (
            f"<p>{len(found)} businesses in your bank files, {len(added)} already "
            "in your money trail. Amounts are per year at the rate your file shows (a single "
            "payment counts once a year). Change the "
            "name, profession or amount if you like, then add the ones you want to approach.</p>"
        )
        self.in_trail.value = (
            "<p><small>&#10003; Already in your money trail: "
            + esc(", ".join(added["payee"]))
            + "</small></p>"
            if len(added)
            else ""
        )
        # Rows still waiting keep their widgets (and whatever is being typed in them); only
        # the ones added or gone change, so an Add never redraws the row under the cursor.
        shown = waiting.head(self.shown)
        keep: dict[str, _CandidateRow] = {}
        for _i, candidate in shown.iterrows():
            payee = str(candidate["payee"])
            row = self._rows.pop(payee, None)
            keep[payee] = (
                row if row is not None else _CandidateRow(candidate, profile, self._accept)
            )
        for old in self._rows.values():  # its own parts; the shared layouts and styles stay
            for part in old.children:
                part.close()
            old.close()
        self._rows = keep
        rows: list[w.Widget] = list(keep.values())
        local = int(shown["likely_local"].sum())  # listed first: the rest are apart
        if local < len(shown):
            elsewhere = len(waiting) - int(waiting["likely_local"].sum())
            self.apart.value = (
                f"<p><b>Probably not local</b> ({elsewhere}): chains, online shops, fuel, "
                "phone and broadband, utilities, insurers, rent and the council. Add one if "
                "you know the people there.</p>"
            )
            rows.insert(local, self.apart)
        if len(waiting) > self.shown:
            self.more.description = f"Show more ({len(waiting) - self.shown} not shown)"
            rows.append(self.more)
        children = tuple(([self.header] if keep else []) + rows)
        if children != self.rows.children:
            self.rows.children = children

    def _accept(self, row: _CandidateRow) -> None:
        changes = {
            "name": row.name.value,
            "profession": row.profession.value,
            "amount": row.per_year.value,
        }
        save(
            self.status,
            lambda: self.wb.accept_candidate(row.payee, **changes),
            f"Added {row.name.value.strip() or row.payee} to your money trail",
        )


class PayeeRules(w.VBox):
    """Your own names for what the bank prints: 'anything containing JOES BARBER is Joe's
    Barber Shop'. Applied to every file you have imported and to every one after."""

    def __init__(self, wb: Any):
        self.wb = wb
        self.status = StatusLine()
        style = {"description_width": "190px"}
        self.contains = lean(
            w.Text,
            description="When the bank's text has",
            placeholder="JOES BARBER",
            style=style,
            layout=width("420px"),
        )
        self.payee = lean(
            w.Text,
            description="call it",
            placeholder="Joe's Barber Shop",
            style={"description_width": "60px"},
            layout=width("320px"),
        )
        self.add = lean(w.Button, description="Add rule", icon="plus")
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
            "Rule saved and applied",
        ):
            self.contains.value = ""
            self.payee.value = ""
