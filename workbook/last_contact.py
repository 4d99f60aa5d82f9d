"""Last contact from the participant's own files (exercise 6): which of the meetings, emails
and messages read from their calendar, mailbox and LinkedIn export count, and whom they were
with.

The rules, each a parameter the widget shows:
- mail and messages count when the participant sent them (received mail alone does not
  restart a cadence, so newsletters never do);
- a meeting counts when it has happened and had between one and ``max_attendees`` other
  people (a chapter meeting with forty members resets nobody); a recurring series can be left
  out by its name.
People are matched to contacts by email, then LinkedIn profile URL, then exact name; the others
are listed, never added silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import _frames as frames
from .i18n import NN_, _, ngettext

MAX_ATTENDEES = 8
# A meeting this recent gets its 48-hour follow-up; older ones are history, not a to-do.
FOLLOW_UP_WITHIN_DAYS = 2


@dataclass
class Rules:
    max_attendees: int = MAX_ATTENDEES
    left_out_series: tuple[str, ...] = ()  # titles of recurring series that do not count


def counted(found: pd.DataFrame, rules: Rules, now: dt.datetime) -> pd.DataFrame:
    """The interactions that count, by the rules above."""
    if found.empty:
        return found
    mail = found["kind"].isin(["email", "message"])
    sent = found["direction"] == "sent"
    meeting = found["kind"] == "meeting"
    small = found["attendees"].between(1, rules.max_attendees)
    left_out = {title.strip().lower() for title in rules.left_out_series}
    series = found["series"].ne("") & found["title"].str.strip().str.lower().isin(left_out)
    happened = found["start"] <= now
    return found[((mail & sent) | (meeting & small & ~series)) & happened]


def match(found: pd.DataFrame, contacts: pd.DataFrame) -> pd.Series:
    """The contact id of each row (by email, then LinkedIn profile URL, then exact name), or
    NA for people who are not contacts yet."""
    by_email: dict[str, int] = {}
    by_url: dict[str, int] = {}
    by_name: dict[str, int | None] = {}
    for contact_id, email, url, name in frames.rows(contacts, "id", "email", "url", "name"):
        if frames.given(email):
            by_email.setdefault(str(email).strip().lower(), int(contact_id))
        if frames.given(url):
            by_url.setdefault(_url(str(url)), int(contact_id))
        key = " ".join(str(name).split()).lower()
        by_name[key] = None if key in by_name else int(contact_id)  # a name two share: no match
    ids = []
    for email, url, name in frames.rows(found, "email", "url", "name"):
        found_id = (
            by_email.get(str(email).lower())
            or (by_url.get(_url(str(url))) if url else None)
            or by_name.get(" ".join(str(name).split()).lower())
        )
        ids.append(found_id)
    return pd.Series(ids, index=found.index, dtype="Int64")


def _url(url: str) -> str:
    return url.strip().lower().rstrip("/").removeprefix("https://").removeprefix("http://")


def logged_kind(row: Any) -> str:
    """How an interaction is logged: a meeting with one other person is a one-to-one, with a
    few an event; mail and LinkedIn messages are emails."""
    if row.kind == "meeting":
        return "one_to_one" if row.attendees == 1 else "event"
    return "email"


def note(row: Any) -> str:
    where = {"meeting": _("your calendar"), "email": _("your mail"), "message": "LinkedIn"}[
        row.kind
    ]
    if row.title:
        return _("{title} (from {where})").format(title=row.title, where=where)
    return _("From {where}").format(where=where)


@dataclass
class InteractionImport:
    """What one import of calendars, mail or messages did, for the participant to review."""

    file_name: str
    already_imported: bool = False
    read: int = 0  # interactions found in the files
    counted: int = 0  # of those, the ones the rules count
    added: int = 0  # logged now (the others were logged before, or are not contacts)
    people: pd.DataFrame = field(default_factory=pd.DataFrame)  # per person, see ``per_person``
    import_id: int | None = None
    digest: str = ""

    def summary(self) -> str:
        if self.already_imported:
            return _("{file} was imported before; nothing was added.").format(file=self.file_name)
        new = self.people[self.people["contact_id"].isna()] if len(self.people) else self.people
        text = _(
            "Read {n} meetings, emails and messages from {file}: {counted} count, {added} "
            "logged for your contacts"
        ).format(n=self.read, file=self.file_name, counted=self.counted, added=self.added)
        if len(new):
            text += ngettext(
                "; {n} person you were in touch with is not a contact yet",
                "; {n} people you were in touch with are not contacts yet",
                len(new),
            ).format(n=len(new))
        return text + "."


def per_person(rows: pd.DataFrame) -> pd.DataFrame:
    """One line per person: name, email, url, contact_id (NA: not a contact yet), meetings,
    emails, messages and the last date, most recent first."""
    if rows.empty:
        return pd.DataFrame(
            columns=["name", "email", "url", "contact_id", "meetings", "emails", "messages", "last"]
        )
    key = rows["contact_id"].astype("string").fillna(_people_keys(rows))
    grouped = rows.assign(key=key).groupby("key", sort=False)
    table = pd.DataFrame(
        {
            "name": grouped["name"].agg(lambda names: next((n for n in names if n), "")),
            "email": grouped["email"].agg(lambda values: next((v for v in values if v), "")),
            "url": grouped["url"].agg(lambda values: next((v for v in values if v), "")),
            "contact_id": grouped["contact_id"].first(),
            "meetings": grouped["kind"].agg(lambda k: int((k == "meeting").sum())),
            "emails": grouped["kind"].agg(lambda k: int((k == "email").sum())),
            "messages": grouped["kind"].agg(lambda k: int((k == "message").sum())),
            "last": grouped["start"].max(),
        }
    )
    table["name"] = table["name"].where(table["name"] != "", table["email"])
    return table.sort_values("last", ascending=False).reset_index(drop=True)


def _people_keys(rows: pd.DataFrame) -> pd.Series:
    """Someone not yet a contact is one line whatever the file said of them: rows that share
    an email, a profile URL or a name are one person."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    keys = []
    for email, url, name in frames.rows(rows, "email", "url", "name"):
        own = [f"e:{email}" if email else "", f"u:{_url(url)}" if url else "",
               f"n:{' '.join(str(name).split()).lower()}" if name else ""]  # fmt: skip
        own = [k for k in own if k] or ["n:?"]
        for other in own[1:]:
            parent[root(other)] = root(own[0])
        keys.append(own[0])
    return pd.Series(["new:" + root(k) for k in keys], index=rows.index, dtype="string")


_FOUND = {
    "meetings": NN_("{n} meeting", "{n} meetings"),
    "emails": NN_("{n} email", "{n} emails"),
    "messages": NN_("{n} message", "{n} messages"),
}


def found_in_words(person: Mapping[str, Any]) -> str:
    """'2 meetings, 5 emails': what the files show of someone."""
    return ", ".join(
        ngettext(*_FOUND[key], int(person[key])).format(n=int(person[key]))
        for key in _FOUND
        if person[key]
    )
