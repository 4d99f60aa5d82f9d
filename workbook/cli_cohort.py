"""The coach's commands: ``workbook cohort new | report | cards | badges | room | programme |
note``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import words
from ._errors import InputError


def _cohort_new(args: argparse.Namespace) -> int:
    from . import programme, roster

    if (args.weeks is None) != (args.starts is None):
        raise InputError("A programme needs both --weeks and --starts.")
    if args.weeks is not None:  # checked before any workbook is made
        programme.checked(programme.Programme(int(args.weeks), _date(args.starts)))
    done = roster.new_cohort(Path(args.roster), Path(args.folder), args.templates)
    print(f"{Path(args.roster).name}: {done.columns}")
    for name, file in done.made.items():
        print(f"Made {file} for {name}")
    for said in done.renamed:
        print(said)
    if done.kept:
        print(f"Already there, left as they are: {', '.join(done.kept)}")
    print(f"{len(done.made)} new, {len(done.kept)} already there, in {args.folder}")
    if args.weeks is not None:
        print(_programme_said(programme.save(args.folder, args.weeks, args.starts)))
    return 0


def _date(text: str) -> Any:
    from .dates import parse_date

    return parse_date(text, "--starts")


def _programme_said(programme: Any) -> str:
    end = programme.week_starts()[-1]
    return (
        f"The programme: {programme.weeks} weeks from "
        f"{words.day(programme.starts, year=True, weekday=True)} (the last week starts "
        f"{words.day(end)}); quiet after {programme.quiet_days} days without an edit."
    )


def _cohort_programme(args: argparse.Namespace) -> int:
    from . import programme

    if args.weeks is None and args.starts is None and args.quiet_days is None:
        found = programme.read(args.folder)
        print(_programme_said(found) if found else f"{args.folder} has no programme yet: give "
              "--weeks and --starts.")  # fmt: skip
        return 0
    print(_programme_said(programme.save(args.folder, args.weeks, args.starts, args.quiet_days)))
    return 0


def _cohort_note(args: argparse.Namespace) -> int:
    from . import coach_notes
    from ._workbook import Workbook
    from .roster import find_workbook

    path = find_workbook(Path(args.folder), args.name)
    with Workbook(path) as wb:
        table, row_id, about = coach_notes.find_line(wb, args.about or "")
        wb.add_coach_note(args.text, table, row_id)
    print(f"Note kept in {path.name}, on: {about}")
    return 0


def _loaded(folder: str) -> Any:
    """The cohort in ``folder``, each file that could not be read said on stderr."""
    from . import cohort

    group = cohort.load(Path(folder))
    for name, why in group.unreadable:
        print(f"{name}: {why}", file=sys.stderr)
    return group


def _read(group: Any) -> str:
    return f"Read {len(group.participants)} workbooks" + (
        f" ({len(group.unreadable)} could not be read, listed above)" if group.unreadable else ""
    )


def _cohort_report(args: argparse.Namespace) -> int:
    from . import cohort
    from .report.cohort import introductions_pdf, report_html
    from .report.programme import programme_csv
    from .report.room import meet_pdf

    group = _loaded(args.folder)
    out = Path(args.output or ".")
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "cohort-report.html": report_html(group).encode("utf-8"),
        "introductions.csv": cohort.introductions_csv(cohort.pairs(group)),
        "introductions.pdf": introductions_pdf(group),
        "meet-in-this-room.pdf": meet_pdf(group),
        "progress.csv": cohort.progress_csv(group),
    }
    if group.programme:
        files["programme.csv"] = programme_csv(group)
    for name, content in files.items():
        (out / name).write_bytes(content)
    print(f"{_read(group)}; wrote {', '.join(files)} to {out}")
    return 0


def _cohort_print(args: argparse.Namespace) -> int:
    """cards, badges or room: one PDF."""
    from .report import room

    if args.cohort_command == "cards" and args.accounts:
        # On a workshop server the accounts are enough: the workbooks may not be gathered yet.
        accounts = room.read_accounts(args.accounts)
        pdf = room.cards_pdf(None, accounts, args.address or "")
        out = Path(args.output or "cards.pdf")
        out.write_bytes(pdf)
        print(f"Wrote {out} ({len(accounts)} login cards)")
        return 0
    group = _loaded(args.folder)
    if args.cohort_command == "cards":
        pdf = room.cards_pdf(group)
        made = len(group.participants)
    else:
        pdf = {"badges": room.badges_pdf, "room": room.room_list_pdf}[args.cohort_command](group)
        made = len(group.participants)
    out = Path(args.output or f"{args.cohort_command}.pdf")
    out.write_bytes(pdf)
    print(f"{_read(group)}; wrote {out} ({made} {'people' if made != 1 else 'person'})")
    return 0


def add_cohort_commands(commands: Any) -> None:
    cohort_cmd = commands.add_parser("cohort", help="coach mode: a folder of workbooks")
    sub = cohort_cmd.add_subparsers(dest="cohort_command", required=True)
    new = sub.add_parser(
        "new", help="a workbook per participant of a roster CSV (name, email, business, profession)"
    )
    new.add_argument("roster")
    new.add_argument("folder")
    new.add_argument(
        "--templates",
        metavar="DIR",
        help="your own wording for the drafted messages: a folder of thank_you.txt, "
        "reconnect.txt, ... (see workbook/templates/drafts/en), given to every new workbook",
    )
    new.add_argument("--weeks", type=int, help="a programme of this many weeks (with --starts)")
    new.add_argument("--starts", help="the programme's first day, such as 2027-01-11")
    new.set_defaults(run=_cohort_new)
    plan = sub.add_parser(
        "programme",
        help="the programme's dates: how many weeks, the first day, and after how many days "
        "without an edit a participant is shown as quiet (without options: what they are)",
    )
    plan.add_argument("folder")
    plan.add_argument("--weeks", type=int)
    plan.add_argument("--starts", help="the first day, such as 2027-01-11")
    plan.add_argument("--quiet-days", type=int, dest="quiet_days")
    plan.set_defaults(run=_cohort_programme)
    note = sub.add_parser(
        "note",
        help="a note to a participant, in your copy of their workbook: on a line of their plan "
        "(--about a few of its words: a business, a goal, 'week of 11 January') or on the plan",
    )
    note.add_argument("folder")
    note.add_argument("name", help="the participant's name (or their file's name)")
    note.add_argument("text")
    note.add_argument("--about", help="words of the line the note is about")
    note.set_defaults(run=_cohort_note)
    report = sub.add_parser(
        "report",
        help="progress, the room's totals, the introductions to make (each pair once) and a page "
        "per participant of whom to meet",
    )
    report.add_argument("folder")
    report.add_argument("-o", "--output", help="folder to write into (default: here)")
    report.set_defaults(run=_cohort_report)
    for name, what in (
        ("cards", "login cards: the server address, login and first password (with --accounts), "
                  "or how to start the app on a laptop"),
        ("badges", "name badges: name, business and 'Ask me about' their five professions"),
        ("room", "the room list: everyone, their business and whom they would like to meet"),
    ):  # fmt: skip
        command = sub.add_parser(name, help=what)
        command.add_argument("folder")
        command.add_argument("-o", "--output", help=f"the PDF to write (default: {name}.pdf)")
        if name == "cards":
            command.add_argument(
                "--accounts",
                help="the accounts file deploy/add_participants.py wrote "
                "(/var/lib/networking-workbook/accounts.csv, root only)",
            )
            command.add_argument("--address", help="the workshop server's address, for the cards")
        command.set_defaults(run=_cohort_print)
