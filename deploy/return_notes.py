"""Give the coach's notes back to each participant: the counterpart of gather_cohort.py.

    sudo /opt/workbook/bin/python deploy/return_notes.py cohort/

Run as root, after writing notes into the gathered copies (in the dashboard, or with
``workbook cohort note``). Each participant's own workbook gets the notes of the copy gathered
from it, and nothing else: what they typed since the copy was made stays as it is, and a copy
of somebody else's workbook is refused. Their folder stays theirs alone. They see the notes
the next time they open the exercise a note is about, and on their next action plan.
"""

from __future__ import annotations

import grp
import sys
from pathlib import Path

from workshop import hand_back, settings, workbook_path

from workbook.cohort_language import speak
from workbook.i18n import _, ngettext


def give_back(folder: Path, group: str | None = None) -> dict[str, tuple[int, int]]:
    """{login: (notes added, notes changed)} for every participant with a copy in ``folder``."""
    import workbook

    setup = settings()
    returned = {}
    for user in sorted(set(grp.getgrnam(group or setup.group).gr_mem) - {setup.coach}):
        copy = folder / f"{user}.sqlite"
        try:
            own = workbook_path(user)
        except KeyError:  # in the group, but no such account any more
            continue
        if not copy.exists() or not own.exists():
            continue
        try:
            with workbook.open(own) as wb:
                returned[user] = wb.merge_notes(copy)
        except workbook.InputError as exc:  # one file that cannot be read stops no other
            print(f"{user}: {exc}", file=sys.stderr)
        hand_back(user)
    return returned


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "cohort")
    speak(folder)  # the cohort's language, as its other files
    done = give_back(folder)
    for user, (added, changed) in done.items():
        if added or changed:
            print(_("{user}: {added} new, {changed} changed").format(
                user=user, added=added, changed=changed))  # fmt: skip
    total = sum(added + changed for added, changed in done.values())
    people = sum(1 for a, c in done.values() if a or c)
    print(ngettext("Returned {notes} notes to {n} participant ({looked} workbooks looked at).",
                   "Returned {notes} notes to {n} participants ({looked} workbooks looked at).",
                   people).format(notes=total, n=people, looked=len(done)))  # fmt: skip
