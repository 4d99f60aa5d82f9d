"""The coach's notes: a note on a participant's check-in or on a line of their plan (an ask, a
business, a goal, a follow-up, a promise, someone to reconnect with), or on the plan as a
whole.

The coach writes them into the coach's copy of the workbook (gathered from the workshop
server, or handed over on a laptop). They reach the participant's own file by ``merge``:
only the notes are added, nothing the participant typed is touched, and a copy of somebody
else's workbook is refused. Notes are not the participant's edits: writing or merging one
leaves the workbook's "last edit" as it was.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pandas as pd

from . import _frames as frames
from . import words
from ._errors import InputError
from ._sql import insert, now
from .i18n import _, ngettext
from .words import day

# Where the participant sees a note: the exercise that shows the line it is about.
EXERCISE_OF = {"businesses": 1, "asks": 1, "goals": 3, "follow_ups": 6, "promises": 6,
               "contacts": 6, "check_ins": 8, "": 8}  # fmt: skip
MAX_LENGTH = 2000


def lines(wb: Any) -> pd.DataFrame:
    """Every line a note can be about, in words as the participant sees them. Columns:
    about_table, about_id (None for the plan as a whole), about, exercise."""
    from .follow_up import the_meeting
    from .money_trail import ASK_STATUSES

    found: list[tuple[str, int | None, str]] = [("", None, _("Your action plan as a whole"))]
    for r in frames.records(wb.check_ins(), "id", "week_start"):
        found.append(("check_ins", r["id"], _("Your check-in, week of {day}").format(
            day=day(r["week_start"], year=True))))  # fmt: skip
    asks = wb.asks()
    for r in frames.records(asks, "id", "business", "ask", "status"):
        status = _(ASK_STATUSES.get(r["status"], r["status"])).lower()
        found.append(("asks", r["id"], _("Ask of {business}: {ask} ({status})").format(
            business=r["business"], ask=r["ask"], status=status)))  # fmt: skip
    asked = set(asks["business_id"])
    for r in frames.records(wb.spend_table(), "id", "name"):
        if r["id"] not in asked:
            found.append(("businesses", r["id"], _("Money trail: {name}").format(name=r["name"])))
    for r in frames.records(wb.goals(), "id", "text"):
        found.append(("goals", r["id"], _("Goal: {text}").format(text=r["text"])))
    for r in frames.records(wb.follow_ups(), "id", "name", "meeting", "met_on", "done"):
        if not r["done"]:
            found.append(("follow_ups", r["id"], _(
                "Follow-up: thank {name} for {the_meeting} of {day}").format(
                    name=r["name"], the_meeting=the_meeting(r["meeting"]),
                    day=words.day(r["met_on"]))))  # fmt: skip
    for r in frames.records(wb.promises(), "id", "what", "name", "direction", "open"):
        if r["open"]:
            said = (_("Promise to {name}: {what}") if r["direction"] == "mine"
                    else _("Promise from {name}: {what}"))  # fmt: skip
            found.append(("promises", r["id"], said.format(name=r["name"], what=r["what"])))
    for r in frames.records(wb.reconnect_list(), "contact_id", "name"):
        found.append(("contacts", int(r["contact_id"]),
                      _("Reconnect with {name}").format(name=r["name"])))  # fmt: skip
    table = pd.DataFrame(found, columns=["about_table", "about_id", "about"])
    table["about_id"] = table["about_id"].astype("Int64")
    table["exercise"] = table["about_table"].map(EXERCISE_OF)
    return table


def find_line(wb: Any, words: str) -> tuple[str, int | None, str]:
    """The one line whose words contain ``words`` (any case), for the command line; the plan as
    a whole for no words. Several or none are refused, listing what there is."""
    table = lines(wb)
    if not str(words or "").strip():
        return "", None, str(table["about"].iloc[0])
    hits = table[table["about"].str.contains(str(words).strip(), case=False, regex=False)]
    if len(hits) == 1:
        hit = hits.iloc[0]
        row_id = None if pd.isna(hit["about_id"]) else int(hit["about_id"])
        return str(hit["about_table"]), row_id, str(hit["about"])
    listed = "\n".join(f"  {about}" for about in (hits if len(hits) else table)["about"])
    if len(hits):
        raise InputError(_("'{words}' fits {n} lines; give more of the words:").format(
            words=words, n=len(hits)) + "\n" + listed)  # fmt: skip
    raise InputError(_("No line of the plan has '{words}'. The lines are:").format(words=words)
                     + "\n" + listed)  # fmt: skip


def write(wb: Any, text: str, about_table: str = "", about_id: int | None = None) -> int:
    """Add a note from the coach about a line (see ``lines``) or the plan as a whole."""
    text = str(text or "").strip()
    if not text:
        raise InputError(_("Write the note first: a line or two for the participant."))
    if len(text) > MAX_LENGTH:
        raise InputError(_("A note is at most {n} characters: keep it to the point.").format(
            n=MAX_LENGTH))  # fmt: skip
    table = lines(wb)
    line = table[(table["about_table"] == about_table)
                 & ((table["about_id"] == about_id) if about_id is not None
                    else table["about_id"].isna())]  # fmt: skip
    if not len(line):
        raise InputError(_("That line is no longer in the plan: pick it again."))
    values = {"uid": uuid.uuid4().hex, "about_table": about_table, "about_id": about_id,
              "about": str(line["about"].iloc[0]), "text": text,
              "written_on": dt.date.today().isoformat()}  # fmt: skip
    with wb.store.transaction("coach_notes", edit=False) as con:
        row_id = insert(con, "coach_notes", values)
    wb.store.changed("coach_notes")
    return row_id


def notes(wb: Any, exercise: int | None = None) -> pd.DataFrame:
    """The coach's notes, oldest first, each with what it is about in today's words (or as
    written, when the line has gone) and the exercise that shows it; only that exercise's
    notes when one is given."""
    found = wb.store.read("coach_notes")
    current = lines(wb).set_index(["about_table", "about_id"])["about"]
    found["about_now"] = [
        current.get((t, pd.NA if pd.isna(i) else int(i)), about)
        for t, i, about in zip(found["about_table"], found["about_id"], found["about"],
                               strict=True)
    ]  # fmt: skip
    found["exercise"] = found["about_table"].map(EXERCISE_OF)
    if exercise is not None:
        found = found[found["exercise"] == exercise]
    return found.reset_index(drop=True)


def identity(wb: Any) -> str:
    """The workbook's own id, kept by every copy of it (one is given to a file without)."""
    found = wb.store.row("profile", 1).get("workbook_id") or ""
    if not found:
        found = uuid.uuid4().hex
        with wb.store.transaction("profile", edit=False) as con:
            con.execute("UPDATE profile SET workbook_id = ? WHERE id = 1", (found,))
    return str(found)


def _read_copy(path: Path) -> tuple[str, str, list[dict[str, Any]]]:
    """(its workbook id, its participant's name, its notes) from a copy, read without a byte
    of it changed."""
    if not path.is_file():
        raise InputError(
            _("{file} is not there: give the copy of your workbook your coach sent.").format(
                file=path
            )
        )
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        con.row_factory = sqlite3.Row
        try:
            profile = dict(con.execute("SELECT * FROM profile WHERE id = 1").fetchone() or {})
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            found = (
                [dict(r) for r in con.execute("SELECT * FROM coach_notes ORDER BY id")]
                if "coach_notes" in tables
                else []
            )
        finally:
            con.close()
    except sqlite3.DatabaseError:
        raise InputError(
            _("{file} is not a workbook file: nothing was merged.").format(file=path)
        ) from None
    return str(profile.get("workbook_id") or ""), str(profile.get("name") or ""), found


def merge(wb: Any, copy: str | Path) -> tuple[int, int]:
    """Add the coach's notes from ``copy`` (the coach's copy of this workbook) into ``wb``:
    new notes are added, a note the coach changed since is updated, and nothing else in
    ``wb`` changes. Returns (added, updated). A copy of another workbook is refused."""
    path = Path(copy).expanduser()
    theirs, name, found = _read_copy(path)
    mine = identity(wb)
    if theirs and theirs != mine:
        said = (
            _("{file} is not a copy of this workbook (a workbook of {name}): nothing was merged.")
            if name
            else _("{file} is not a copy of this workbook: nothing was merged.")
        )
        raise InputError(
            said.format(file=path.name, name=name)
            + " "
            + _("Merge the copy your coach made of this very file.")
        )
    have = wb.store.read("coach_notes").set_index("uid")
    added = updated = 0
    with wb.store.transaction("coach_notes", edit=False) as con:
        for note in found:
            values = {k: note[k] for k in ("uid", "about_table", "about_id", "about", "text",
                                           "written_on", "created_at", "updated_at")}  # fmt: skip
            if note["uid"] not in have.index:
                insert(con, "coach_notes", values, stamp=False)
                added += 1
            elif have.loc[note["uid"], "text"] != note["text"] and _when(note) > _when(
                have.loc[note["uid"]]
            ):  # changed by the coach since: an older copy never undoes a newer note
                con.execute("UPDATE coach_notes SET text = ?, updated_at = ? WHERE uid = ?",
                            (note["text"], note["updated_at"] or now(), note["uid"]))  # fmt: skip
                updated += 1
    wb.store.changed("coach_notes")
    return added, updated


def _when(note: Any) -> str:
    """When a note was last written (ISO time): changed, else made."""
    changed = note["updated_at"]
    return str(changed if isinstance(changed, str) and changed else note["created_at"])


def merged_in_words(added: int, updated: int) -> str:
    """'2 new notes and 1 note changed from your coach, added to your workbook.'"""
    if not added and not updated:
        return _("No new notes from your coach in that file.")
    parts = [ngettext("{n} new note", "{n} new notes", added).format(n=added)] if added else []
    if updated:
        parts.append(ngettext("{n} note changed", "{n} notes changed", updated).format(n=updated))
    return _("{notes} from your coach, added to your workbook.").format(notes=words.listed(parts))
