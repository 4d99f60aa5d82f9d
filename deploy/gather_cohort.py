"""Copy every participant's workbook into one cohort folder, for the coach's dashboard.

    sudo python deploy/gather_cohort.py cohort/

Run as root (or a coach allowed to read the participants' folders). Each workbook is copied
with SQLite's backup, so a participant still working does not leave a half-written copy.
"""

from __future__ import annotations

import grp
import os
import sqlite3
import sys
from pathlib import Path

from workshop import workbook_path


def gather(target: Path, group: str = "workshop") -> list[str]:
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for user in sorted(grp.getgrnam(group).gr_mem):
        source = workbook_path(user)
        if not source.exists():
            continue
        copy = sqlite3.connect(target / f"{user}.sqlite")
        original = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            original.backup(copy)
        finally:
            original.close()
            copy.close()
        copied.append(user)
    return copied


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "cohort")
    users = gather(folder, os.environ.get("WORKBOOK_HUB_GROUP", "workshop"))
    print(f"Copied {len(users)} workbooks to {folder}: {', '.join(users)}")
