"""Copy every participant's workbook into one cohort folder, for the coach's dashboard.

    sudo /opt/workbook/bin/python deploy/gather_cohort.py cohort/

Run as root. Each workbook is copied with SQLite's backup, so a participant still working does
not leave a half-written copy; the copy keeps the time of the participant's last edit. The
folder and the copies are readable by root alone (hand them to the coach's own account with
``chown -R``). Notes the coach wrote into the copies gathered before stay in the new copies
(``return_notes.py`` gives them to the participants).
"""

from __future__ import annotations

import grp
import os
import sqlite3
import sys
from pathlib import Path

from workshop import private_folder, settings, workbook_path

from workbook.cohort_language import speak
from workbook.i18n import ngettext


def gather(target: Path, group: str | None = None) -> list[str]:
    setup = settings()
    group = group or setup.group
    private_folder(target)
    copied = []
    for user in sorted(set(grp.getgrnam(group).gr_mem) - {setup.coach}):
        try:
            source = workbook_path(user)
        except KeyError:  # in the group, but no such account any more
            continue
        if not source.exists():
            continue
        destination = target / f"{user}.sqlite"
        partial = target / f".{user}.sqlite.partial"
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_CREAT | os.O_WRONLY, 0o600))
        copy = sqlite3.connect(partial)
        original = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            original.backup(copy)
        finally:
            original.close()
            copy.close()
        if destination.exists():  # notes the coach wrote and has not returned yet stay
            keep_notes(destination, partial)
        edited = source.stat().st_mtime
        os.utime(partial, (edited, edited))
        partial.replace(destination)
        copied.append(user)
    return copied


def keep_notes(old_copy: Path, new_copy: Path) -> None:
    """The coach's notes in the copy gathered before go into the new copy (the participant's
    own file has them only once they are returned)."""
    import workbook

    with workbook.open(new_copy) as wb:
        wb.merge_notes(old_copy)


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "cohort")
    users = gather(folder)
    speak(folder)  # the cohort's language, as its other files
    print(ngettext("Copied {n} workbook to {folder}: {users}",
                   "Copied {n} workbooks to {folder}: {users}", len(users)).format(
        n=len(users), folder=folder, users=", ".join(users)))  # fmt: skip
