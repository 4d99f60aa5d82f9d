"""Workbook operations for imported files: bank transactions into money-trail candidates,
contacts merged into the network, each file recorded as an import batch."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import _frames as frames
from . import spending
from ._errors import InputError
from .i18n import _, ngettext
from .importers import apply_rules, read_contacts, read_transactions
from .importers._source import Source, load

if TYPE_CHECKING:
    from .store import Store

# Files with more rows than this get a progress bar while they are saved.
PROGRESS_FROM_ROWS = 10_000
_CONTACT_FIELDS = [
    "first_name",
    "last_name",
    "name",
    "email",
    "company",
    "position",
    "phone",
    "url",
]


@dataclass
class ImportResult:
    """What one import did, in words the participant reads next to the upload button."""

    file_name: str
    kind: str  # "transactions" or "contacts"
    source: str = ""
    rows_read: int = 0
    added: int = 0
    merged: int = 0
    already_imported: bool = False
    settled: int = 0  # pending payments the bank has posted (or replaced) since
    warnings: list[str] = field(default_factory=list)

    def read_from(self, found: pd.DataFrame) -> None:
        """What the reader found: the format, how many rows, and the rows it left out."""
        self.source = str(found["source"].iloc[0])
        self.rows_read = len(found)
        self.warnings = list(found.attrs.get("warnings", []))

    def summary(self) -> str:
        if self.already_imported:
            return _("{file} was imported before; nothing was added.").format(file=self.file_name)
        if self.kind == "transactions":
            read = _("Read {n} transactions from {file} ({source}): {added} new")
        else:
            read = _("Read {n} contacts from {file} ({source}): {added} new")
        text = read.format(
            n=self.rows_read, file=self.file_name, source=self.source, added=self.added
        )
        if self.kind == "contacts" and self.merged:
            text += _(", {n} merged with people already in your workbook").format(n=self.merged)
        elif self.rows_read > self.added:
            text += _(", {n} already in your workbook").format(n=self.rows_read - self.added)
        if self.settled:
            text += ngettext(
                "; {n} pending payment brought up to date",
                "; {n} pending payments brought up to date",
                self.settled,
            ).format(n=self.settled)
        return text + "."


class ImportOperations:
    store: Store

    def contacts(self) -> pd.DataFrame: ...  # provided by PeopleOperations

    def businesses(self) -> pd.DataFrame: ...  # provided by Workbook

    def add_business(self, **values: Any) -> int: ...  # provided by Workbook

    # -- batches ----------------------------------------------------------------------

    def imports(self) -> pd.DataFrame:
        """Every file imported so far, oldest first."""
        return self.store.read("import_batches")

    def delete_import(self, batch_id: int) -> int:
        """Take back an imported bank file: its transactions go; the file can be imported again.
        (Contacts stay: they may have been edited since.) Returns the removal, for ``undo``."""
        name = self.store.row("import_batches", int(batch_id))["file_name"]
        label = _("the import of {file}").format(file=name)
        return self.store.delete("import_batches", int(batch_id), label)

    def _start_import(self, kind: str, source: Any) -> tuple[Source, str, ImportResult]:
        """The file's bytes, their hash, and a result that says whether it was imported before."""
        src = load(source)
        digest = hashlib.sha256(src.data).hexdigest()
        result = ImportResult(src.name, kind)
        found = self.store.find("import_batches", "file_hash", digest)
        result.already_imported = bool((found["kind"] == kind).any())
        return src, digest, result

    def _save_import(
        self,
        result: ImportResult,
        digest: str,
        rows: pd.DataFrame,
        updates: list[tuple[int, dict[str, Any]]] | None = None,
        *,
        drop: list[int] | None = None,
        progress: bool | None,
    ) -> ImportResult:
        """Record the batch and write its rows (one transaction), with a bar for big files."""
        batch = {
            "kind": result.kind,
            "file_name": result.file_name,
            "file_hash": digest,
            "source": result.source,
            "rows_read": result.rows_read,
        }
        with _progress_bar(len(rows), progress, f"Saving {result.file_name}") as advance:
            _batch, result.added = self.store.import_batch(
                batch, result.kind, rows, updates or [], drop=drop or [], progress=advance
            )
        return result

    # -- transactions -----------------------------------------------------------------

    def import_transactions(
        self, source: Any, *, day_first: bool | None = None, progress: bool | None = None
    ) -> ImportResult:
        """Read a bank or card export and keep its transactions. The same file again adds
        nothing; an overlapping export adds only the transactions that are new."""
        src, digest, result = self._start_import("transactions", source)
        if result.already_imported:
            return result
        from . import locales

        usual = locales.day_first(self.profile().writes_in)
        found = read_transactions(_named(src), day_first=day_first, usual_day_first=usual)
        found["auto_payee"] = found["payee"]
        found["payee"] = apply_rules(found["payee"], found["description"], self.payee_rules_list())
        found["dedupe_key"] = spending.dedupe_keys(found)
        rows = pd.DataFrame(
            {
                "date": found["date"].to_numpy().astype("datetime64[D]").astype(str),
                "amount": found["amount"].round(2),
                "description": found["description"],
                "auto_payee": found["auto_payee"],
                "payee": found["payee"],
                "processor": found["processor"],
                "account": found["account"],
                "fitid": found["fitid"],
                "pending": found["pending"].astype(int),
                "source": found["source"],
                "dedupe_key": found["dedupe_key"],
            }
        )
        result.read_from(found)
        posted, replaced = self._pending_settled(rows)
        result.settled = len(posted) + len(replaced)
        updates = [(row_id, {"pending": 0}) for row_id in posted]
        return self._save_import(result, digest, rows, updates, drop=replaced, progress=progress)

    def _pending_settled(self, rows: pd.DataFrame) -> tuple[list[int], list[int]]:
        """Stored pending payments a newer export of the same account has news of: (posted,
        replaced). A pending payment is provisional: where the new file has the same one
        posted, it is marked posted (its key is the same, so it would not be added again);
        where the new file covers its date without it, the bank has posted it under another
        date or text, or cancelled it, and the new file's rows stand instead."""
        if rows.empty:
            return [], []
        waiting = self.store.find("transactions", "pending", 1)  # few rows, not all of them
        if waiting.empty:
            return [], []
        places = set(zip(rows["source"], rows["account"], strict=True))
        first, last = rows["date"].min(), rows["date"].max()
        now_pending = dict(zip(rows["dedupe_key"], rows["pending"], strict=True))
        posted, replaced = [], []
        for row_id, key, day, source, account in frames.rows(
            waiting, "id", "dedupe_key", "date", "source", "account"
        ):
            if (source, account) not in places or not first <= day <= last:
                continue
            if key not in now_pending:
                replaced.append(int(row_id))
            elif not now_pending[key]:
                posted.append(int(row_id))
        return posted, replaced

    def transactions(self) -> pd.DataFrame:
        """Every imported transaction, with dates as dates and pending as True/False."""
        rows = self.store.read("transactions")
        rows["date"] = pd.to_datetime(rows["date"]).astype("datetime64[ns]")
        rows["pending"] = rows["pending"].astype(bool)
        return rows

    def money_trail_candidates(self) -> pd.DataFrame:
        """The businesses in your bank files, biggest spend first (see spending.candidates)."""
        # Kept while the transactions and businesses are unchanged: an import announces two
        # tables, and every listing of the candidates would otherwise work them out again.
        return self.store.kept(
            ("candidates",),
            lambda: spending.candidates(
                self.transactions(), list(self.businesses()["name"]), self.profile().city
            ),
        )

    def accept_candidate(self, payee: str, **changes: Any) -> int:
        """Add a bank-file business to the spend table, with any figures changed first."""
        found = self.money_trail_candidates()
        match = found[found["payee"] == payee]
        if match.empty:
            raise InputError(_("{payee} is not among the businesses in your bank files.").format(
                payee=repr(payee)))  # fmt: skip
        if bool(match["in_trail"].iloc[0]):
            raise InputError(_("{payee} is already in your money trail.").format(payee=payee))
        values = spending.business_from(match.iloc[0]) | changes
        business_id = self.add_business(**values)
        name = " ".join(str(values["name"]).split())
        if not spending.same_name(name, payee):
            # Renamed on the way in: the bank's later payments get the new name too.
            self.add_payee_rule(payee, name)
        return business_id

    # -- payee rules ------------------------------------------------------------------

    def payee_rules(self) -> pd.DataFrame:
        return self.store.read("payee_rules")

    def payee_rules_list(self) -> list[dict[str, str]]:
        return self.payee_rules()[["contains", "payee"]].to_dict("records")

    def add_payee_rule(self, contains: str, payee: str) -> int:
        """'Anything containing JOES BARBER is Joe's Barber Shop': applied to every
        transaction already imported and to every import after."""
        words = " ".join(str(contains or "").split())
        name = " ".join(str(payee or "").split())
        if not words:
            raise InputError(_("Type the words the bank's description contains."))
        if not name:
            raise InputError(_("Type the business name to use for them."))
        rule_id = self.store.insert("payee_rules", {"contains": words, "payee": name})
        self._apply_rules()
        return rule_id

    def delete_payee_rule(self, rule_id: int) -> int:
        rule = self.store.row("payee_rules", int(rule_id))
        removal = self.store.delete(
            "payee_rules", int(rule_id), f"the rule {rule['contains']} → {rule['payee']}"
        )
        self._apply_rules()
        return removal

    def _apply_rules(self) -> None:
        stored = self.store.read("transactions")
        if stored.empty:
            return
        wanted = apply_rules(stored["auto_payee"], stored["description"], self.payee_rules_list())
        changed = wanted != stored["payee"]
        self.store.update_many(
            "transactions",
            "payee",
            list(zip(wanted[changed].tolist(), stored.loc[changed, "id"].tolist(), strict=True)),
        )

    # -- contacts ---------------------------------------------------------------------

    def import_contacts(self, source: Any, *, progress: bool | None = None) -> ImportResult:
        """Read a contacts export and add its people. Someone already in the workbook (same
        email, or same name and company, or the same name typed alone, as on a goal) is
        merged: empty fields are filled in, nothing the participant typed is overwritten."""
        src, digest, result = self._start_import("contacts", source)
        if result.already_imported:
            return result
        people = read_contacts(_named(src))
        result.read_from(people)
        existing = self.contacts()
        by_email = {
            e.lower(): i for e, i in zip(existing["email"], existing["id"], strict=True) if e
        }
        by_name = {
            (n.lower(), c.lower()): i
            for n, c, i in zip(existing["name"], existing["company"], existing["id"], strict=True)
        }
        # Someone typed by name alone (on a goal, say) is whoever of that name comes in.
        bare = {
            " ".join(n.split()).casefold(): i
            for n, c, e, i in zip(
                existing["name"],
                existing["company"],
                existing["email"],
                existing["id"],
                strict=True,
            )  # fmt: skip
            if not c and not e
        }
        current = existing.set_index("id")
        new_rows: list[dict[str, Any]] = []
        updates: dict[int, dict[str, Any]] = {}
        for person in people.to_dict("records"):
            email_key = person["email"].lower()
            name_key = (person["name"].lower(), person["company"].lower())
            match = by_email.get(email_key) if email_key else None
            match = match if match is not None else by_name.get(name_key)
            if match is None:
                match = bare.pop(" ".join(person["name"].split()).casefold(), None)
            if match is None:
                new_rows.append(_contact_row(person))
                position = -len(new_rows)  # a new row, merged by later rows of this file
                if email_key:
                    by_email[email_key] = position
                by_name[name_key] = position
            elif match < 0:
                _fill(new_rows[-match - 1], person)
            else:
                have = dict(current.loc[match]) | updates.get(match, {})
                fill = {f: person[f] for f in _CONTACT_FIELDS if not have.get(f) and person[f]}
                if fill:
                    updates[match] = updates.get(match, {}) | fill
        frame = pd.DataFrame(new_rows, columns=[*_CONTACT_FIELDS, "connected_on", "source"])
        self._save_import(result, digest, frame, list(updates.items()), progress=progress)
        result.merged = result.rows_read - result.added
        return result


def _named(src: Any) -> io.BytesIO:
    data = io.BytesIO(src.data)
    data.name = src.name
    return data


def _contact_row(person: dict[str, Any]) -> dict[str, Any]:
    row = {f: person[f] for f in _CONTACT_FIELDS}
    when = person["connected_on"]
    row["connected_on"] = None if pd.isna(when) else pd.Timestamp(when).date().isoformat()
    row["source"] = person["source"]
    return row


def _fill(row: dict[str, Any], person: dict[str, Any]) -> None:
    for name in _CONTACT_FIELDS:
        if not row[name] and person[name]:
            row[name] = person[name]


class _progress_bar:  # noqa: N801 - used as a context manager, like open()
    """tqdm.auto for big files (a widget in a notebook, a text bar in a terminal)."""

    def __init__(self, total: int, wanted: bool | None, label: str):
        self.bar = None
        if wanted or (wanted is None and total > PROGRESS_FROM_ROWS):
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, desc=label, unit="rows")

    def __enter__(self):
        return self.bar.update if self.bar is not None else None

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()
