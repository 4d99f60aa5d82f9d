"""Make a system account for the coach and for each participant of a roster, in the workshop's
group, with their workbook ready (profile filled in from the roster). Prints each login and
first password, and keeps them in the accounts file (root's alone; see workshop.toml).

    sudo /opt/workbook/bin/python deploy/add_participants.py roster.csv

Run it again for late joiners: someone already there (the same email, or else the same name)
keeps their login, password and workbook, untouched. Two people whose names make the same
login get different ones (anas, anas2), and the output says so.
"""

from __future__ import annotations

import csv
import os
import pwd
import re
import secrets
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from workshop import Settings, prepare, private_folder, settings

import workbook
from workbook.cohort_language import speak_system
from workbook.i18n import _
from workbook.roster import read_roster

FIELDS = ["name", "email", "login", "password"]


@dataclass(frozen=True)
class Account:
    name: str
    login: str
    password: str  # the first password; "" when the account was there already
    note: str = ""  # said beside the line: a login changed because of a clash, kept as it was

    def line(self) -> str:
        told = (_("password {password}").format(password=self.password) if self.password
                else _("already there, workbook kept"))  # fmt: skip
        said = _("{name}: login {login}, {told}").format(
            name=self.name, login=self.login, told=told
        )
        return said + (f" ({self.note})" if self.note else "")


def login_name(name: str) -> str:
    """'Zoë Łukasz' -> 'zoel': ASCII, lower case, first name and the last name's initial."""
    plain = unicodedata.normalize("NFKD", name.replace("Ł", "L").replace("ł", "l"))
    words = re.sub(r"[^a-z ]", "", plain.encode("ascii", "ignore").decode().lower()).split()
    if not words:
        return "participant"
    return (words[0] + (words[-1][0] if len(words) > 1 else ""))[:30]


def _exists(login: str) -> bool:
    try:
        pwd.getpwnam(login)
        return True
    except KeyError:
        return False


def read_accounts(setup: Settings) -> list[dict[str, str]]:
    if not setup.accounts.exists():
        return []
    with open(setup.accounts, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _write_accounts(setup: Settings, rows: list[dict[str, str]]) -> None:
    private_folder(setup.accounts.parent)
    partial = setup.accounts.with_suffix(".partial")
    with open(partial, "w", newline="", encoding="utf-8", opener=_private) as f:
        out = csv.DictWriter(f, FIELDS)
        out.writeheader()
        out.writerows(rows)
    partial.replace(setup.accounts)


def _private(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)


def _make_account(login: str, name: str, group: str) -> str:
    password = secrets.token_urlsafe(8)
    subprocess.run(
        ["useradd", "-m", "-G", group, "-c", name, "-s", "/usr/sbin/nologin", login], check=True
    )
    subprocess.run(["chpasswd"], input=f"{login}:{password}", text=True, check=True)
    return password


def add(roster: Path, setup: Settings | None = None) -> list[Account]:
    """The coach's account and one per roster row (see the module's docstring)."""
    setup = setup or settings()
    people = read_roster(roster).to_dict("records")  # every problem said before anything is made
    subprocess.run(["groupadd", "-f", setup.group], check=True)
    known = read_accounts(setup)
    by_email = {r["email"].casefold(): r for r in known if r["email"]}
    by_name = {r["name"].casefold(): r for r in known}
    taken = {r["login"]: r["name"] for r in known}
    made: list[Account] = []

    if not _exists(setup.coach):
        password = _make_account(setup.coach, "Coach", setup.group)
        known.append({"name": "Coach", "email": "", "login": setup.coach, "password": password})
        made.append(Account("Coach", setup.coach, password, _("the hub's admin")))
    else:
        subprocess.run(["usermod", "-a", "-G", setup.group, setup.coach], check=True)
    taken.setdefault(setup.coach, _("the coach"))

    for person in people:
        email = (person.get("email") or "").strip()
        found = by_email.get(email.casefold()) if email else None
        found = found or by_name.get(person["name"].casefold())
        if found is not None and _exists(found["login"]):
            prepare(found["login"])  # the current exercises; the workbook is not touched
            made.append(Account(person["name"], found["login"], ""))
            continue
        base = login_name(person["name"])
        login, n = base, 1
        while login in taken or _exists(login):
            n += 1
            login = f"{base}{n}"
        note = ""
        if login != base:
            note = (_("{login} belongs to {name}").format(login=base, name=taken[base])
                    if base in taken else _("{login} was taken").format(login=base))  # fmt: skip
        password = _make_account(login, person["name"], setup.group)
        path, _new = prepare(login)
        with workbook.open(path) as wb:
            wb.set_profile(**{k: v for k, v in person.items() if v})
        row = {"name": person["name"], "email": email, "login": login, "password": password}
        known.append(row)
        taken[login] = person["name"]
        by_name[person["name"].casefold()] = row
        if email:
            by_email[email.casefold()] = row
        made.append(Account(person["name"], login, password, note))
        _write_accounts(setup, known)  # after each: an interrupted run loses no password
    _write_accounts(setup, known)
    return made


if __name__ == "__main__":
    speak_system()  # the coach's computer's language (sudo keeps LANG)
    if len(sys.argv) != 2:
        raise SystemExit(_("Usage: {command}").format(command="add_participants.py roster.csv"))
    try:
        accounts = add(Path(sys.argv[1]))
    except workbook.InputError as problem:
        raise SystemExit(str(problem)) from None
    for account in accounts:
        print(account.line())
    print(_("Logins and first passwords are kept in {path} (root only).").format(
        path=settings().accounts))  # fmt: skip
