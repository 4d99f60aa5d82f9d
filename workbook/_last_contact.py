"""Workbook operations for last contact from the participant's own files: calendars, mail and
LinkedIn messages imported, matched to contacts and logged (see ``last_contact``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import follow_up as rules
from . import last_contact
from ._errors import InputError
from .i18n import _
from .importers import read_interactions

if TYPE_CHECKING:
    from .profile import Profile
    from .store import Store


_NEW = ("name", "email", "url")  # what a person found in the files brings as a new contact


class LastContactOperations:
    store: Store

    def contacts(self) -> pd.DataFrame: ...  # provided by PeopleOperations

    def profile(self) -> Profile: ...  # provided by Workbook

    def today(self) -> dt.date: ...  # provided by Workbook

    def add_contact(self, **values: Any) -> int: ...  # provided by PeopleOperations

    def people_not_contacts(self) -> pd.DataFrame:
        """The people the imported calendars and mail found who are not contacts (yet): name,
        email, url, last (date), meetings, emails, messages; most recent first, one line each."""
        found: dict[str, dict[str, Any]] = {}
        for text in self.interaction_imports()["not_contacts"]:
            for person in json.loads(text or "[]"):
                key = (person["email"] or person["url"] or person["name"]).lower()
                if key not in found or person["last"] > found[key]["last"]:
                    found[key] = person
        table = pd.DataFrame(
            list(found.values()),
            columns=["name", "email", "url", "last", "meetings", "emails", "messages"],
        )
        if table.empty:
            return table
        again = last_contact.match(table.assign(kind="email"), self.contacts())
        return (
            table[again.isna().to_numpy()]
            .sort_values("last", ascending=False)
            .reset_index(drop=True)
        )

    def interaction_imports(self) -> pd.DataFrame:
        """Every calendar, mailbox or messages file imported so far, oldest first."""
        return self.store.read("interaction_imports")

    def delete_interaction_import(self, import_id: int) -> int:
        """Take back an import: what it logged goes (it can be undone, and imported again)."""
        name = self.store.row("interaction_imports", int(import_id))["file_name"]
        return self.store.delete(
            "interaction_imports", int(import_id), _("the import of {file}").format(file=name)
        )

    def preview_interactions(
        self,
        source: Any,
        *,
        me: tuple[str, ...] = (),
        rules_: last_contact.Rules | None = None,
        since: Any = None,
    ) -> last_contact.InteractionImport:
        """What ``import_interactions`` would find, without logging anything: for the
        participant to review (``people``: each person, their contact or NA) before logging."""
        result, _found, _kept = self._read(source, me, rules_, since)
        return result

    def _read(
        self,
        source: Any,
        me: tuple[str, ...],
        rules_: last_contact.Rules | None,
        since: Any,
        progress: bool | None = None,
    ) -> tuple[last_contact.InteractionImport, pd.DataFrame, pd.DataFrame]:
        rules_ = rules_ or last_contact.Rules()
        result = last_contact.InteractionImport(_shown(source))
        result.digest = _digest(source)
        if len(self.store.find("interaction_imports", "file_hash", result.digest)):
            result.already_imported = True
            return result, pd.DataFrame(), pd.DataFrame()
        profile = self.profile()
        mine = tuple(m for m in (*me, profile.email) if m)
        found = read_interactions(
            source, me=mine, tz=profile.time_zone or None, since=since, progress=progress
        )
        now = dt.datetime.combine(self.today(), dt.time(23, 59, 59))
        result.read = len(found)
        kept = last_contact.counted(found, rules_, now)
        result.counted = len(kept)
        kept = kept.assign(contact_id=last_contact.match(kept, self.contacts()))
        result.people = last_contact.per_person(kept)
        return result, found, kept

    def import_interactions(
        self,
        source: Any,
        *,
        me: tuple[str, ...] = (),
        rules_: last_contact.Rules | None = None,
        since: Any = None,
        only: set[int] | None = None,
        add: list[dict[str, str]] = (),  # type: ignore[assignment]
        progress: bool | None = None,
    ) -> last_contact.InteractionImport:
        """Read calendars, a mailbox or LinkedIn messages, and log for each contact the
        meetings, emails and messages that count (``last_contact.Rules``). The same file again
        adds nothing; a later export that overlaps adds only what is new. A meeting of the last
        two days gets its 48-hour follow-up. People who are not contacts are listed in the
        result's ``people`` (contact_id NA), never added unless given in ``add`` (name, email,
        url: the participant ticked them); ``only``: the contacts to log (default: all)."""
        result, found, kept = self._read(source, me, rules_, since, progress)
        if result.already_imported:
            return result
        if add:  # the people the participant ticked to add: contacts now, then matched
            added = {
                self.add_contact(**{k: v for k, v in person.items() if k in _NEW and v})
                for person in add
            }
            only = None if only is None else only | added
            kept = kept.assign(contact_id=last_contact.match(kept, self.contacts()))
            result.people = last_contact.per_person(kept)
        logged = self.store.read("interactions")
        before = set(zip(logged["uid"], logged["contact_id"], strict=True))
        by_day = set(zip(logged["contact_id"], logged["on_date"], logged["kind"], strict=True))
        rows: list[dict[str, Any]] = []
        follow_ups: dict[int, str] = {}
        recent = self.today() - dt.timedelta(days=last_contact.FOLLOW_UP_WITHIN_DAYS)
        for row in kept[kept["contact_id"].notna()].itertuples():
            contact = int(row.contact_id)
            if only is not None and contact not in only:
                continue
            kind = last_contact.logged_kind(row)
            day, time = row.start.date(), f"{row.start:%H:%M}"
            if (row.uid, contact) in before or (contact, day.isoformat(), kind) in by_day:
                continue  # logged before: by an earlier import, or by hand that day
            before.add((row.uid, contact))
            by_day.add((contact, day.isoformat(), kind))
            if kind in rules.MEETING_KINDS and day >= recent:
                follow_ups[len(rows)] = rules.follow_up_due(day, time).isoformat(timespec="minutes")
            rows.append(
                {"contact_id": contact, "on_date": day.isoformat(), "at_time": time,
                 "kind": kind, "notes": last_contact.note(row), "uid": row.uid}
            )  # fmt: skip
        result.added = len(rows)
        new = result.people[result.people["contact_id"].isna()] if len(result.people) else None
        strangers = [] if new is None else [
            {"name": p["name"], "email": p["email"], "url": p["url"], "last": f"{p['last']:%Y-%m-%d}",
             "meetings": int(p["meetings"]), "emails": int(p["emails"]), "messages": int(p["messages"])}
            for p in new.to_dict("records")
        ]  # fmt: skip
        batch = {"file_name": result.file_name, "file_hash": result.digest,
                 "source": ", ".join(sorted(set(found["source"])))[:200], "rows_read": len(found),
                 "not_contacts": json.dumps(strangers, ensure_ascii=False)}  # fmt: skip
        result.import_id = self.store.import_interactions(batch, rows, follow_ups)
        return result


def _shown(source: Any) -> str:
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return Path(str(getattr(source, "name", "") or _("the uploaded file"))).name


def _digest(source: Any) -> str:
    """What identifies the file(s): their bytes (a folder: each file's, with its name),
    read in blocks, so a mailbox of several GB is hashed without being held."""
    digest = hashlib.sha256()
    if isinstance(source, (str, os.PathLike)):
        path = Path(source).expanduser()
        if not path.exists():
            raise InputError(
                _("{file}: there is no such file ({path}).").format(file=path.name, path=path)
            )
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(path) if path.is_dir() else "").encode())
            with file.open("rb") as stream:
                for block in iter(lambda: stream.read(1 << 20), b""):
                    digest.update(block)
        return digest.hexdigest()
    data = source if isinstance(source, (bytes, bytearray)) else source.read()
    if hasattr(source, "seek"):
        source.seek(0)
    digest.update(bytes(data))
    return digest.hexdigest()
