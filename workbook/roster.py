"""The coach's roster: a CSV made in a spreadsheet or exported from an event tool becomes one
workbook per participant, each with the participant's profile filled in.

Every problem of a roster is said at once, naming its line, and nothing is made until there
are none; the columns used and those ignored are said too. Each participant gets a workbook
file of their own, named from their name, made all or nothing.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ._errors import InputError
from ._places import built_whole, file_stem
from ._workbook import Workbook
from .i18n import N_, _

# Roster headings as coaches and event tools (Eventbrite, Meetup, Luma) write them, in English,
# Spanish, German and French.
_ROSTER_HEADINGS = {
    "name": ("name", "full name", "participant", "participant name", "attendee", "attendee name", "nom", "name und vorname", "vollständiger name", "teilnehmer", "teilnehmerin", "nombre completo", "nombre y apellidos", "participante"),
    "first_name": ("first name", "first", "given name", "prénom", "vorname", "nombre"),
    "last_name": ("last name", "last", "surname", "family name", "nom de famille", "nachname", "apellidos", "apellido"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail", "courriel", "e-mail-adresse", "correo", "correo electrónico", "email de contacto"),
    "business": ("business", "company", "business name", "company name", "organisation", "organization", "firm", "firma", "entreprise", "unternehmen", "empresa", "negocio"),
    "profession": ("profession", "trade", "occupation", "job title", "title", "job", "position", "industry", "what they do", "role", "métier", "beruf", "berufsbezeichnung", "profesión", "oficio", "ocupación", "cargo"),
}  # fmt: skip
# The roster's columns as the coach is told which were used.
_FIELDS = {"name": N_("name"), "first_name": N_("first name"), "last_name": N_("last name"),
           "email": N_("email"), "business": N_("business"), "profession": N_("profession")}  # fmt: skip
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass
class Roster:
    people: pd.DataFrame  # name, email, business, profession
    used: dict[str, str]  # our field -> the heading it was read from
    ignored: list[str] = field(default_factory=list)  # headings not used

    def columns_said(self) -> str:
        """'Used: Full Name (name), Company (business). Ignored: Ticket type.'"""
        used = ", ".join(f"{heading} ({_(_FIELDS[what])})" for what, heading in self.used.items())
        said = _("Used: {columns}.").format(columns=used)
        if self.ignored:
            said += " " + _("Ignored: {columns}.").format(columns=", ".join(self.ignored))
        return said


def read_roster(source: str | os.PathLike[str]) -> pd.DataFrame:
    """name, email, business, profession for each participant of a roster CSV; see
    ``read_roster_columns`` for the columns used and ignored."""
    return read_roster_columns(source).people


def read_roster_columns(source: str | os.PathLike[str]) -> Roster:
    """The roster's participants, and which of its columns were used.

    Extra columns are ignored (and said), blank rows skipped, a BOM and semicolons accepted.
    Every row without a name, email that is not one, and person on two rows is an InputError
    naming the lines, all of them in one message.
    """
    from .importers._source import decode, load, refuse_binary

    path = Path(source)
    src = load(path)  # a missing file, a PDF or a spreadsheet: said in words
    empty = _("{file}: the roster is empty.").format(file=path.name)
    if not src.data.strip():
        raise InputError(empty)
    refuse_binary(src)
    lines = decode(src).splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip(" ,;\t")), None)
    if start is None:
        raise InputError(empty)
    delimiter = max((",", ";", "\t"), key=lines[start].count)
    rows = list(csv.reader(io.StringIO("\n".join(lines[start:])), delimiter=delimiter))
    printed = [" ".join(h.replace("\ufeff", "").split()) for h in rows[0]]
    headings = [h.lower() for h in printed]
    where: dict[str, int] = {}
    for key, names in _ROSTER_HEADINGS.items():
        for name in names:
            if name in headings and headings.index(name) not in where.values():
                where[key] = headings.index(name)
                break
    if "name" not in where and "first_name" not in where:
        raise InputError(
            _("{file}, line {line}: the roster needs a Name column (or First name and Last "
              "name). The headings found were: {headings}.").format(
                file=path.name, line=start + 1, headings=", ".join(rows[0]))
        )  # fmt: skip
    people, problems = _people(rows[1:], where, first_line=start + 2)
    if len(problems) == 1:
        raise InputError(f"{path.name}, {problems[0]}")
    if problems:
        shown = problems[:20] + (
            [_("... and {n} more.").format(n=len(problems) - 20)] if len(problems) > 20 else []
        )
        raise InputError(
            _("{file} has {n} problems, said here all at once:").format(
                file=path.name, n=len(problems))
            + "\n" + "\n".join(f"- {problem}" for problem in shown)
        )  # fmt: skip
    if not people:
        raise InputError(
            _("{file}: the roster has headings but nobody on it.").format(file=path.name)
        )
    used = {key: printed[i] for key, i in sorted(where.items(), key=lambda item: item[1])}
    ignored = [h for i, h in enumerate(printed) if h and i not in where.values()]
    return Roster(pd.DataFrame(people), used, ignored)


def _people(
    rows: list[list[str]], where: dict[str, int], first_line: int
) -> tuple[list[dict[str, str]], list[str]]:
    people: list[dict[str, str]] = []
    problems: list[str] = []
    by_email: dict[str, int] = {}
    by_name: dict[str, tuple[int, str]] = {}
    for line, cells in enumerate(rows, start=first_line):
        if not any(c.strip() for c in cells):
            continue

        def cell(key: str, cells: list[str] = cells) -> str:
            i = where.get(key)
            return " ".join(cells[i].split()) if i is not None and i < len(cells) else ""

        name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
        email = cell("email")
        if not name:
            problems.append(_("line {line}: this row has no name.").format(line=line))
            continue
        if email and not _EMAIL.fullmatch(email):
            problems.append(_("line {line}: {email} is not an email address.").format(
                line=line, email=repr(email)))  # fmt: skip
        elif email and email.lower() in by_email:
            problems.append(
                _("line {line}: {name} <{email}> is registered twice (also on line {other}, "
                  "same email). Keep one of the two rows.").format(
                    line=line, name=name, email=email, other=by_email[email.lower()])
            )  # fmt: skip
            continue
        elif name.lower() in by_name:
            other, other_email = by_name[name.lower()]
            two = email and other_email and email.lower() != other_email.lower()
            problems.append(
                _("line {line}: {name} is already on line {other}.").format(
                    line=line, name=name, other=other)
                + " "
                + (_("Two people with one name: add an initial to tell them apart.") if two
                   else _("If it is the same person, keep one row; if two, add an initial."))
            )  # fmt: skip
            continue
        if email:
            by_email[email.lower()] = line
        by_name[name.lower()] = (line, email)
        people.append(
            {
                "name": name,
                "email": email,
                "business": cell("business"),
                "profession": cell("profession"),
            }
        )
    return people, problems


def file_name(name: str) -> str:
    """A participant's workbook file name, first choice: 'Zoë Łukasz' -> 'zoë-łukasz.sqlite'."""
    return f"{file_stem(name.lower(), 'participant')}.sqlite"


@dataclass
class NewCohort:
    made: dict[str, str] = field(default_factory=dict)  # name -> file name
    kept: dict[str, str] = field(default_factory=dict)  # already there, left as they were
    renamed: list[str] = field(default_factory=list)  # why a file is not the first choice
    columns: str = ""  # the roster's columns used and ignored, in words


def read_templates(folder: str | os.PathLike[str]) -> dict[str, str]:
    """A coach's draft templates: ``<kind>.txt`` files (thank_you.txt, reconnect.txt...),
    each checked; a file that is not a kind, or names a field that does not exist, is
    refused naming it."""
    from . import drafts

    source = Path(folder)
    if not source.is_dir():
        raise InputError(
            _("{folder} is not a folder of templates (thank_you.txt, ...).").format(folder=source)
        )
    found = {}
    for path in sorted(source.glob("*.txt")):
        if path.stem not in drafts.KINDS:
            raise InputError(
                _("{file}: there is no kind of draft called {kind} ({kinds}).").format(
                    file=path.name, kind=repr(path.stem), kinds=", ".join(drafts.KINDS))
            )  # fmt: skip
        try:
            found[path.stem] = drafts.check_template(path.stem, path.read_text(encoding="utf-8"))
        except InputError as exc:
            raise InputError(f"{path.name}: {exc}") from None
    if not found:
        raise InputError(
            _("{folder} has no templates in it (thank_you.txt, reconnect.txt, ...).").format(
                folder=source)
        )  # fmt: skip
    return found


def new_cohort(
    roster: str | os.PathLike[str],
    folder: str | os.PathLike[str],
    templates: str | os.PathLike[str] | None = None,
) -> NewCohort:
    """One workbook per roster row in ``folder``, the profile filled in, each made all or
    nothing. A participant's workbook already there (their name or email in its profile) is
    left as it is; a re-run after a stop part-way makes the rest. Names that make the same
    file name ('Ann Lee', 'Ann-Lee', 'ANN LEE') get files of their own: ann-lee-2.sqlite."""
    read = read_roster_columns(roster)
    wording = read_templates(templates) if templates else {}  # all checked before anything
    people = read.people
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    owners = _owners(target)
    done = NewCohort(columns=read.columns_said())
    for person in people.to_dict("records"):
        path = _file_for(person, target, owners)
        if path.exists():
            done.kept[person["name"]] = path.name
            continue
        with built_whole(path) as building:
            with Workbook(building) as wb:
                wb.set_profile(**{k: v for k, v in person.items() if v})
                for kind, text in wording.items():  # the coach's wording for the drafts
                    wb.save_template(kind, text)
        owners[path.name] = (person["name"], person["email"].lower())
        done.made[person["name"]] = path.name
        if path.name != file_name(person["name"]):
            first = owners.get(file_name(person["name"]), (_("another participant"),))[0]
            done.renamed.append(
                _("The workbook of {name} is {file}: {first_choice} belongs to {other}.").format(
                    name=person["name"], file=path.name, first_choice=file_name(person["name"]),
                    other=first)
            )  # fmt: skip
    return done


def _owners(folder: Path) -> dict[str, tuple[str, str]]:
    """Each workbook file's participant: (name, email) from its profile."""
    owners = {}
    for path in sorted(folder.glob("*.sqlite")):
        if "-backup-" in path.name:
            continue
        try:
            with Workbook(path) as wb:
                profile = wb.profile()
        except InputError:  # a damaged file is nobody's: it is never written over
            owners[path.name] = ("", "")
            continue
        owners[path.name] = (profile.name or "", (profile.email or "").lower())
    return owners


def _file_for(person: dict[str, str], folder: Path, owners: dict[str, tuple[str, str]]) -> Path:
    """The participant's workbook: the one already theirs (same email, else same name), or
    the first free file name from theirs (ann-lee.sqlite, ann-lee-2.sqlite, ...)."""
    stem = file_name(person["name"])[: -len(".sqlite")]
    choices = [f"{stem}.sqlite"] + [f"{stem}-{n}.sqlite" for n in range(2, 1000)]
    email = person["email"].lower()
    for matches in (
        lambda owner: bool(email) and owner[1] == email,
        lambda owner: owner[0] == person["name"] and (not email or not owner[1]),
    ):
        for choice in choices:
            if choice not in owners:
                break
            if matches(owners[choice]):
                return folder / choice
    return folder / next(choice for choice in choices if choice not in owners)


def find_workbook(folder: Path, name: str) -> Path:
    """The workbook in a cohort folder of the participant called ``name`` (their profile's
    name in any case, or the file's name: 'dana-whitfield', 'anas' on a workshop server)."""
    if not folder.is_dir():
        raise InputError(_("{folder} is not a folder: give the cohort's folder.").format(
            folder=folder))  # fmt: skip
    wanted = " ".join(str(name).split()).casefold()
    owners = _owners(folder)
    found = [f for f, (owner, _email) in owners.items()
             if owner.casefold() == wanted or f[: -len(".sqlite")].casefold() == wanted]  # fmt: skip
    if len(found) == 1:
        return folder / found[0]
    names = ", ".join(sorted(owner or f for f, (owner, _e) in owners.items())) or _("nobody yet")
    if found:
        raise InputError(_("Several workbooks belong to {name} ({files}): give the file's name "
                           "instead.").format(name=name, files=", ".join(found)))  # fmt: skip
    raise InputError(_("No workbook in {folder} belongs to {name}. The participants are: "
                       "{names}.").format(folder=folder, name=name, names=names))  # fmt: skip
