"""Make a system account for each participant of a roster, in the ``workshop`` group, with
their workbook ready (profile filled in from the roster). Prints each login and password.

    sudo python deploy/add_participants.py roster.csv

Someone already there keeps their account, password and workbook.
"""

from __future__ import annotations

import os
import pwd
import re
import secrets
import subprocess
import sys
import unicodedata
from pathlib import Path

from workshop import prepare, workbook_path

import workbook
from workbook.cohort import read_roster


def login_name(name: str) -> str:
    """'Zoë Łukasz' -> 'zoel': ASCII, lower case, first name and the last name's initial."""
    plain = unicodedata.normalize("NFKD", name.replace("Ł", "L").replace("ł", "l"))
    words = re.sub(r"[^a-z ]", "", plain.encode("ascii", "ignore").decode().lower()).split()
    if not words:
        return "participant" + secrets.token_hex(2)
    return (words[0] + (words[-1][0] if len(words) > 1 else ""))[:30]


def add(roster: Path, group: str = "workshop") -> list[tuple[str, str, str]]:
    subprocess.run(["groupadd", "-f", group], check=True)
    made = []
    for person in read_roster(roster).to_dict("records"):
        user = login_name(person["name"])
        try:
            pwd.getpwnam(user)
            password = "(unchanged)"
        except KeyError:
            password = secrets.token_urlsafe(6)
            subprocess.run(
                ["useradd", "-m", "-G", group, "-c", person["name"], "-s", "/bin/bash", user],
                check=True,
            )
            subprocess.run(["chpasswd"], input=f"{user}:{password}", text=True, check=True)
        prepare(user)
        with workbook.open(workbook_path(user)) as wb:
            wb.set_profile(**{k: v for k, v in person.items() if v})
        made.append((person["name"], user, password))
    return made


if __name__ == "__main__":
    group = os.environ.get("WORKBOOK_HUB_GROUP", "workshop")
    for name, user, password in add(Path(sys.argv[1]), group):
        print(f"{name}: login {user}, password {password}")
