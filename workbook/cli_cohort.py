"""The coach's commands: ``workbook cohort new | report | cards | badges | room``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def _cohort_new(args: argparse.Namespace) -> int:
    from . import roster

    done = roster.new_cohort(Path(args.roster), Path(args.folder), args.templates)
    print(f"{Path(args.roster).name}: {done.columns}")
    for name, file in done.made.items():
        print(f"Made {file} for {name}")
    for said in done.renamed:
        print(said)
    if done.kept:
        print(f"Already there, left as they are: {', '.join(done.kept)}")
    print(f"{len(done.made)} new, {len(done.kept)} already there, in {args.folder}")
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
    new.set_defaults(run=_cohort_new)
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
