"""The coach's commands: ``workbook cohort new | report | cards | badges | room | programme |
note | language``. Each speaks the cohort's language (``cohort_language``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from . import cohort_language, i18n, locales, words
from ._errors import InputError
from .i18n import N_, _, ngettext


def _cohort_new(args: argparse.Namespace) -> int:
    from . import programme, roster

    if (args.weeks is None) != (args.starts is None):
        raise InputError(_("A programme needs both --weeks and --starts."))
    if args.language:  # checked before any workbook is made, as the programme's dates are
        code = i18n.clean(args.language)
        i18n.use(code, locales.suggest(language=code))  # the roster's problems said in it
    if args.weeks is not None:
        programme.checked(programme.Programme(int(args.weeks), _date(args.starts)))
    done = roster.new_cohort(Path(args.roster), Path(args.folder), args.templates)
    if args.language:
        print(cohort_language.save(args.folder, args.language).in_words())
        cohort_language.speak(args.folder)
    print(f"{Path(args.roster).name}: {done.columns}")
    for name, file in done.made.items():
        print(_("Made {file} for {name}").format(file=file, name=name))
    for said in done.renamed:
        print(said)
    if done.kept:
        print(_("Already there, left as they are: {names}").format(names=", ".join(done.kept)))
    print(_("{made} new, {kept} already there, in {folder}").format(
        made=len(done.made), kept=len(done.kept), folder=args.folder))  # fmt: skip
    if args.weeks is not None:
        print(_programme_said(programme.save(args.folder, args.weeks, args.starts)))
    return 0


def _date(text: str) -> Any:
    from .dates import parse_date

    return parse_date(text, "--starts")


def _programme_said(programme: Any) -> str:
    end = programme.week_starts()[-1]
    return ngettext(
        "The programme: {weeks} week from {first} (the last week starts {last}); quiet after "
        "{days} days without an edit.",
        "The programme: {weeks} weeks from {first} (the last week starts {last}); quiet after "
        "{days} days without an edit.",
        programme.weeks,
    ).format(weeks=programme.weeks, first=words.day(programme.starts, year=True, weekday=True),
             last=words.day(end), days=programme.quiet_days)  # fmt: skip


def _cohort_programme(args: argparse.Namespace) -> int:
    from . import programme

    if args.weeks is None and args.starts is None and args.quiet_days is None:
        found = programme.read(args.folder)
        print(_programme_said(found) if found else _(
            "{folder} has no programme yet: give --weeks and --starts.").format(
                folder=args.folder))  # fmt: skip
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
    print(_("Note kept in {file}, on: {about}").format(file=path.name, about=about))
    return 0


def _loaded(folder: str) -> Any:
    """The cohort in ``folder``, each file that could not be read said on stderr."""
    from . import cohort

    group = cohort.load(Path(folder))
    for name, why in group.unreadable:
        print(f"{name}: {why}", file=sys.stderr)
    return group


def _read(group: Any) -> str:
    read = len(group.participants)
    said = ngettext("Read {n} workbook", "Read {n} workbooks", read).format(n=read)
    if group.unreadable:
        said += " " + ngettext("({n} could not be read, listed above)",
                               "({n} could not be read, listed above)",
                               len(group.unreadable)).format(n=len(group.unreadable))  # fmt: skip
    return said


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
    print(_("{read}; wrote {files} to {folder}").format(
        read=_read(group), files=", ".join(files), folder=out))  # fmt: skip
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
        print(ngettext("Wrote {file} ({n} login card)", "Wrote {file} ({n} login cards)",
                       len(accounts)).format(file=out, n=len(accounts)))  # fmt: skip
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
    print(ngettext("{read}; wrote {file} ({n} person)", "{read}; wrote {file} ({n} people)",
                   made).format(read=_read(group), file=out, n=made))  # fmt: skip
    return 0


def _cohort_language(args: argparse.Namespace) -> int:
    if args.language or args.locale:  # a locale alone keeps the language
        language = args.language or cohort_language.read(args.folder).language
        cohort_language.save(args.folder, language, args.locale or "")
    print(cohort_language.speak(args.folder).in_words())
    return 0


def _in_the_cohorts_language(run: Any) -> Any:
    """A cohort command, said in the cohort's language (chosen or not, the folder decides)."""

    def speaking(args: argparse.Namespace) -> int:
        cohort_language.speak(args.folder)
        return int(run(args))

    return speaking


def add_cohort_commands(commands: Any) -> None:
    cohort_cmd = commands.add_parser("cohort", help=_("coach mode: a folder of workbooks"))
    sub = cohort_cmd.add_subparsers(dest="cohort_command", required=True)
    new = sub.add_parser(
        "new",
        help=_("a workbook per participant of a roster CSV (name, email, business, profession)"),
    )
    new.add_argument("roster")
    new.add_argument("folder")
    new.add_argument(
        "--templates",
        metavar="DIR",
        help=_(
            "your own wording for the drafted messages: a folder of thank_you.txt, "
            "reconnect.txt, ... (see workbook/templates/drafts/en), given to every new workbook"
        ),
    )
    new.add_argument("--weeks", type=int, help=_("a programme of this many weeks (with --starts)"))
    new.add_argument("--starts", help=_("the programme's first day, such as 2027-01-11"))
    new.add_argument("--language", help=_("the language of the dashboard and the cohort's "
                     "files: en, es or de (default: this computer's)"))  # fmt: skip
    new.set_defaults(run=_in_the_cohorts_language(_cohort_new))
    language = sub.add_parser(
        "language",
        help=_("the language of the dashboard and of every file made for the cohort (without "
               "a language: which it is)"),
    )  # fmt: skip
    language.add_argument("folder")
    language.add_argument("language", nargs="?", help=_("en, es or de"))
    language.add_argument("--locale", help=_("how dates and amounts are written, such as de-AT"))
    language.set_defaults(run=_in_the_cohorts_language(_cohort_language))
    plan = sub.add_parser(
        "programme",
        help=_(
            "the programme's dates: how many weeks, the first day, and after how many days "
            "without an edit a participant is shown as quiet (without options: what they are)"
        ),
    )
    plan.add_argument("folder")
    plan.add_argument("--weeks", type=int)
    plan.add_argument("--starts", help=_("the first day, such as 2027-01-11"))
    plan.add_argument("--quiet-days", type=int, dest="quiet_days")
    plan.set_defaults(run=_in_the_cohorts_language(_cohort_programme))
    note = sub.add_parser(
        "note",
        help=_(
            "a note to a participant, in your copy of their workbook: on a line of their plan "
            "(--about a few of its words: a business, a goal, 'week of 11 January') or on the plan"
        ),
    )
    note.add_argument("folder")
    note.add_argument("name", help=_("the participant's name (or their file's name)"))
    note.add_argument("text")
    note.add_argument("--about", help=_("words of the line the note is about"))
    note.set_defaults(run=_in_the_cohorts_language(_cohort_note))
    report = sub.add_parser(
        "report",
        help=_(
            "progress, the room's totals, the introductions to make (each pair once) and a page "
            "per participant of whom to meet"
        ),
    )
    report.add_argument("folder")
    report.add_argument("-o", "--output", help=_("folder to write into (default: here)"))
    report.set_defaults(run=_in_the_cohorts_language(_cohort_report))
    for name, what in (
        ("cards", N_("login cards: the server address, login and first password (with "
                     "--accounts), or how to start the app on a laptop")),
        ("badges", N_("name badges: name, business and 'Ask me about' their five professions")),
        ("room", N_("the room list: everyone, their business and whom they would like to meet")),
    ):  # fmt: skip
        command = sub.add_parser(name, help=_(what))
        command.add_argument("folder")
        command.add_argument("-o", "--output", help=_("the PDF to write (default: {file})").format(
            file=f"{name}.pdf"))  # fmt: skip
        if name == "cards":
            command.add_argument(
                "--accounts",
                help=_(
                    "the accounts file deploy/add_participants.py wrote "
                    "(/var/lib/networking-workbook/accounts.csv, root only)"
                ),
            )
            command.add_argument(
                "--address", help=_("the workshop server's address, for the cards")
            )
        command.set_defaults(run=_in_the_cohorts_language(_cohort_print))
