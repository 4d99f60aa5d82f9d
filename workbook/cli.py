"""The ``workbook`` command: a thin shell over the package.

workbook start [--workbook PATH]   JupyterLab on the exercises, with your workbook
workbook demo                      the same on a fresh copy of the sample workbook
workbook new PATH [--name ...]     make a workbook file for a participant
workbook export pdf|html           the action plan from your workbook
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

import pandas as pd

from . import last_contact, words
from ._errors import InputError
from ._places import built_whole
from ._store_open import damaged, given_workbook
from ._workbook import default_path, open
from .cli_cohort import add_cohort_commands
from .cli_lab import run_lab as _run_lab
from .i18n import N_, _, ngettext
from .sample import demo


def _start(args: argparse.Namespace) -> int:
    path = Path(args.workbook).expanduser() if args.workbook else default_path()
    open(path).close()  # creates or migrates it now, so a bad file is reported here
    return _run_lab(path.resolve(), args.port, args.no_browser)


def _app(args: argparse.Namespace) -> int:
    from . import app

    path = Path(args.workbook).expanduser() if args.workbook else default_path()
    open(path).close()  # creates or migrates it now, so a bad file is reported here
    return app.run(path.resolve(), args.port)


def _demo(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="workbook-demo-") as folder:  # gone when you stop
        with demo(folder) as wb:
            path = wb.path
        print(_("This is a demo workbook in a temporary folder; your own workbook is not touched."))
        return _run_lab(path, args.port, args.no_browser)


def _new(args: argparse.Namespace) -> int:
    path = Path(args.path).expanduser()
    if path.exists():
        print(_("{path} already exists; it was left as it is.").format(path=path))
        return 0
    # All or nothing: a run stopped part-way leaves no workbook, and the next run starts over.
    with built_whole(path) as building, open(building) as wb:
        if args.from_xlsx:
            from .report import import_xlsx

            import_xlsx(args.from_xlsx, wb)
        wb.set_profile(
            **{
                k: v
                for k, v in (
                    ("name", args.name),
                    ("business", args.business),
                    ("profession", args.profession),
                )
                if v
            }
        )
    print(_("Made {name}").format(name=path.resolve()))
    return 0


def _write(wb: object, fmt: str, out: Path | None) -> tuple[Path, str]:
    """Write one workbook's plan (pdf, html) or tables (xlsx); return the file and any note."""
    from . import report
    from .report.plan import file_name

    kind = {"xlsx": "workbook", "ics": "follow-up", "notes": "notes"}.get(fmt, "action-plan")
    out = out or Path(file_name(wb, kind, "pdf" if fmt == "notes" else fmt))
    note = ""
    if fmt == "notes":
        from .report.notes import notes_pdf

        out.write_bytes(notes_pdf(wb))
    elif fmt == "pdf":
        pdf, note = report.to_pdf(wb)
        out.write_bytes(pdf)
    elif fmt == "ics":
        out.write_bytes(report.to_ics(wb))
    elif fmt == "xlsx":
        report.export_xlsx(wb, out)
    else:
        out.write_text(report.to_html(wb), encoding="utf-8")
    return out, note


def _export(args: argparse.Namespace) -> int:
    if args.all:
        return _export_all(Path(args.all), Path(args.output or "."), args.format)
    path = Path(args.workbook).expanduser() if args.workbook else default_path()
    with open(given_workbook(path)) as wb:
        out, note = _write(wb, args.format, Path(args.output) if args.output else None)
        if args.format in ("pdf", "html"):
            wb.plan_made()  # the participant's own plan: the last exercise is done
    if note:
        print(note, file=sys.stderr)
    print(_("Wrote {path}").format(path=out))
    return 0


def _export_all(folder: Path, outdir: Path, fmt: str) -> int:
    """Every workbook in a folder, one progress bar, one line per file that failed."""
    from tqdm import tqdm

    if not folder.is_dir():
        raise InputError(_("{folder} is not a folder of workbooks.").format(folder=folder))
    files = sorted(p for p in folder.glob("*.sqlite") if "-backup-" not in p.name)
    if not files:
        raise InputError(
            _("There are no workbook files (*.sqlite) in {folder}.").format(folder=folder)
        )
    outdir.mkdir(parents=True, exist_ok=True)
    failed = 0
    notes = set()
    desc = _("Action plans ({format})").format(format=fmt)
    for path in tqdm(files, unit="", desc=desc):
        try:
            with open(given_workbook(path)) as wb:
                _out, note = _write(wb, fmt, outdir / f"{path.stem}.{fmt}")
            notes.add(note)
        except InputError as exc:
            failed += 1
            tqdm.write(f"{path.name}: {exc}", file=sys.stderr)
        except sqlite3.DatabaseError:  # damaged past what the check on opening finds
            failed += 1
            tqdm.write(f"{path.name}: {damaged(path)}", file=sys.stderr)
    for note in notes - {""}:
        print(note, file=sys.stderr)
    said = _("Wrote {done} of {all} to {folder}").format(
        done=len(files) - failed, all=len(files), folder=outdir
    )
    if failed:
        said += "; " + ngettext("{n} failed (listed above)", "{n} failed (listed above)",
                                failed).format(n=failed)  # fmt: skip
    print(said)
    return 1 if failed else 0


def _people_found(result: object) -> None:
    """After a calendar or mail import: whom it found, contacts first, then the people in
    touch who are not contacts yet (to add in exercise 5, never added here)."""
    people = getattr(result, "people", None)
    if people is None or not len(people):
        return
    for row in people.head(30).itertuples():
        counts = last_contact.found_in_words(
            {"meetings": row.meetings, "emails": row.emails, "messages": row.messages}
        )
        status = "" if pd.notna(row.contact_id) else "  (" + _("not a contact yet") + ")"
        last = _("last {day}").format(day=words.short_day(row.last))
        print(f"  {row.name}: {counts}, {last}{status}")


def _import(args: argparse.Namespace) -> int:
    path = Path(args.workbook).expanduser() if args.workbook else default_path()
    day_first = {"day": True, "month": False, None: None}[args.day_first]
    failed = 0
    with open(path) as wb:
        for name in args.files:
            try:
                if args.kind == "bank":
                    result = wb.import_transactions(Path(name), day_first=day_first)
                elif args.kind == "contacts":
                    result = wb.import_contacts(Path(name))
                else:  # calendar or mail: read by content, either way
                    result = wb.import_interactions(Path(name))
            except InputError as exc:  # one bad file does not stop the others
                failed += 1
                print(f"workbook: {exc}", file=sys.stderr)
                continue
            print(result.summary())
            for warning in getattr(result, "warnings", []):
                print(f"  {warning}")
            _people_found(result)
        if args.kind == "bank":
            found = wb.money_trail_candidates()
            waiting = found[~found["in_trail"]]
            if len(waiting):
                profile = wb.profile()
                print(
                    _("Businesses in your bank files, not yet in your money trail ({n}):").format(
                        n=len(waiting)
                    )
                )
                for row in waiting.head(15).itertuples():
                    visits = int(row.visits)
                    said = _("{amount} a year").format(amount=profile.money(row.per_year))
                    said += ", " + ngettext("{n} payment", "{n} payments", visits).format(n=visits)
                    said += f" ({row.profession})" if row.profession else ""
                    said += "" if row.likely_local else ", " + _("probably not local")
                    print(f"  {row.payee}: {said}")
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbook", description=_("Networking Workbook"))
    commands = parser.add_subparsers(dest="command", required=True)

    start = commands.add_parser("start", help=_("open the exercises in JupyterLab"))
    start.add_argument(
        "--workbook", help=_("workbook file (default: $WORKBOOK_PATH or your data folder)")
    )
    demo_cmd = commands.add_parser("demo", help=_("the exercises on a sample workbook"))
    for sub in (start, demo_cmd):
        sub.add_argument("--port", type=int, help=_("port for JupyterLab (default: a free one)"))
        sub.add_argument("--no-browser", action="store_true", help=_("only print the address"))
    start.set_defaults(run=_start)
    demo_cmd.set_defaults(run=_demo)

    app_cmd = commands.add_parser(
        "app", help=_("the exercises as an app: forms and charts, no code (for workshops)")
    )
    app_cmd.add_argument(
        "--workbook", help=_("workbook file (default: $WORKBOOK_PATH or your data folder)")
    )
    app_cmd.add_argument("--port", type=int, help=_("port for the app (default: 8866)"))
    app_cmd.set_defaults(run=_app)

    add_cohort_commands(commands)

    new = commands.add_parser("new", help=_("make a workbook file for a participant"))
    new.add_argument("path")
    new.add_argument("--name")
    new.add_argument("--business")
    new.add_argument("--profession")
    new.add_argument(
        "--from-xlsx",
        metavar="FILE",
        help=_("fill it from a spreadsheet made by 'workbook export xlsx'"),
    )
    new.set_defaults(run=_new)

    imports = commands.add_parser(
        "import",
        help=_(
            "read a bank or card export, a contacts export, or calendars, mail and LinkedIn "
            "messages (for the last contact with each person) into a workbook"
        ),
    )
    imports.add_argument("kind", choices=["bank", "contacts", "calendar", "mail"])
    imports.add_argument("files", nargs="+", metavar="FILE")
    imports.add_argument(
        "--workbook", help=_("workbook file (default: $WORKBOOK_PATH or your data folder)")
    )
    imports.add_argument(
        "--day-first",
        choices=["day", "month"],
        help=_("bank dates like 03/04/2025: day first or month first (default: from the file)"),
    )
    imports.set_defaults(run=_import)

    export = commands.add_parser(
        "export",
        help=_("write the action plan (PDF, HTML), the workbook (xlsx) or the calendar (ics)"),
    )
    export.add_argument(
        "format",
        choices=["pdf", "html", "xlsx", "ics", "notes"],
        help=_(
            "pdf or html: the action plan; xlsx: every table, for a spreadsheet; "
            "ics: your follow-ups and promises for a calendar program; notes: cards for "
            "handwritten notes (PDF)"
        ),
    )
    export.add_argument(
        "--workbook", help=_("workbook file (default: $WORKBOOK_PATH or your data folder)")
    )
    export.add_argument(
        "-o",
        "--output",
        help=_(
            "file to write (default: action-plan-NAME-DATE.pdf); with --all, "
            "the folder to write into"
        ),
    )
    export.add_argument(
        "--all",
        metavar="DIR",
        help=_("every workbook in a folder (a coach's cohort), one file each"),
    )
    export.set_defaults(run=_export)

    merge = commands.add_parser(
        "merge-notes",
        help=_(
            "take your coach's notes from the copy of your workbook they sent back: only the "
            "notes are added, nothing you typed changes"
        ),
    )
    merge.add_argument("copy", metavar="COACH_COPY")
    merge.add_argument(
        "--workbook", help=_("workbook file (default: $WORKBOOK_PATH or your data folder)")
    )
    merge.set_defaults(run=_merge_notes)
    return parser


def _merge_notes(args: argparse.Namespace) -> int:
    from .coach_notes import merged_in_words

    path = Path(args.workbook).expanduser() if args.workbook else default_path()
    if Path(args.copy).expanduser().resolve() == path.resolve():
        raise InputError(_("That is your own workbook: give the copy your coach sent back."))
    with open(path) as wb:
        print(merged_in_words(*wb.merge_notes(args.copy)))
    return 0


# argparse's own words, for the catalogs: argparse looks them up through the names ``_`` and
# ``ngettext`` it imported from gettext, which ``main`` points at the workbook's catalogs.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("expected one argument"),
    N_("argument %(argument_name)s: %(message)s"), N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """The command, in the computer's language until a workbook or a cohort says otherwise."""
    from .cohort_language import speak_system

    speak_system()
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except InputError as exc:
        print(f"workbook: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
