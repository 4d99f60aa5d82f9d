"""What the coach prints for the day itself: login cards, name badges, the room list, and for
each participant a page of whom to meet in this room. Each a PDF typeset with Typst, as the
action plan is; every text arrives as JSON data, never as markup.

Nothing here shows an email except that of a participant who opted in, and a first password
only on the participant's own card.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from .. import cohort as cohort_rules
from .. import i18n, words
from .._errors import InputError
from ..i18n import N_, _, ngettext
from ..words import plural

_TEMPLATES = Path(__file__).resolve().parent / "room"
# The README's first command, and the app's, as a participant types them on their laptop.
INSTALL = "python3 -m venv .venv && .venv/bin/pip install -e ."
START = ".venv/bin/workbook app --workbook {file}"


# The fixed words of the templates in room/, in the cohort's language.
WORDS = {
    "page": N_("{page} of {pages}"), "product": N_("Networking Workbook"),
    "ask_me_about": N_("Ask me about:"), "ask_me_who": N_("Ask me who I would like to meet."),
    "login": N_("Login:"), "password": N_("Password:"),
    "password_given": N_("the one you were given"), "open": N_("Open:"),
    "scan": N_("Scan the code with your phone's camera, or type the address into any browser. "
               "Your workbook is yours alone; everything you type is saved as you go."),
    "on_your_laptop": N_("On your own laptop (Python 3.11 or newer), in the workbook folder "
                         "your coach gave you:"),
    "install": N_("Install, once:"), "start": N_("Start:"),
    "laptop_saved": N_("The exercises open in your browser. Everything you type is saved as "
                       "you go, on your laptop only."),
    "in_this_room_meet": N_("In this room, meet:"),
    "nobody_matches": N_("Nobody in this room matches yet."),
    "name": N_("Name"), "business": N_("Business"), "profession": N_("Profession"),
    "would_like_to_meet": N_("Would like to meet"), "not_chosen": N_("not chosen yet"),
}  # fmt: skip


def _typeset(template: str, title: str, people: list[dict[str, Any]]) -> bytes:
    from .pdf import typeset

    today = dt.date.today()
    data = {"title": title, "date_text": words.day(today, year=True), "people": people,
            "words": {key: _(text) for key, text in WORDS.items()}, "lang": i18n.language(),
            "count": ngettext("{n} participant", "{n} participants", len(people)).format(
                n=len(people))}  # fmt: skip
    return typeset(_TEMPLATES / template, data)


def _ask_me(participant: dict[str, Any]) -> str:
    return ", ".join(plural(t) for t in participant["targets"])


def _title(cohort: cohort_rules.Cohort, what: str) -> str:
    return _("{what}: {cohort}").format(what=what, cohort=cohort.folder.name)


def badges_pdf(cohort: cohort_rules.Cohort) -> bytes:
    """A name badge per participant: name, business, profession, and 'Ask me about: florists,
    photographers, ...' (the five professions they want to meet)."""
    people = [
        {"name": p["name"], "business": p["business"], "profession": p["profession"],
         "ask_me": _ask_me(p)}
        for p in cohort.participants
    ]  # fmt: skip
    return _typeset("badges.typ", _title(cohort, _("Name badges")), people)


def room_list_pdf(cohort: cohort_rules.Cohort) -> bytes:
    """Everyone in the room: name (and email, for those who opted in), business, profession,
    and the professions they would like to meet."""
    people = [
        {"name": p["name"], "email": p["email"], "business": p["business"],
         "profession": p["profession"], "ask_me": _ask_me(p)}
        for p in cohort.participants
    ]  # fmt: skip
    return _typeset("room_list.typ", _title(cohort, _("In the room")), people)


def meet_pdf(cohort: cohort_rules.Cohort) -> bytes:
    """A page per participant: 'In this room, meet ...', with why, best first: those on their
    five, those who want to meet them, those who serve the same clients."""
    matches = cohort_rules.introductions(cohort)
    business = {p["name"]: p["business"] for p in cohort.participants}
    people = []
    for p in cohort.participants:
        rows = matches[matches["For"] == p["name"]]
        people.append(
            {
                "name": p["name"],
                "profession": p["profession"],
                "meet": [
                    {
                        "name": r["Meet"],
                        "why": r["Why"],
                        "profession": ", ".join(
                            x for x in (r["Their profession"], business[r["Meet"]]) if x
                        ),
                    }
                    for r in rows.to_dict("records")
                ],
                "nobody": _(
                    "Choose your five professions (exercise 2) and the clients you serve, and "
                    "ask your coach to read the room again."
                )
                if not p["targets"]
                else _(
                    "Nobody here practises one of your five yet: ask the others whom they know."
                ),
            }
        )
    return _typeset("meet.typ", _title(cohort, _("In this room, meet")), people)


def read_accounts(path: str | Path) -> list[dict[str, str]]:
    """The accounts file ``deploy/add_participants.py`` writes: name, email, login, password
    (the coach's own account left out)."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(_("There is no accounts file at {path}.").format(path=source)) from None
    except PermissionError:
        raise InputError(
            _(
                "{path} is readable by root alone (it holds first passwords): run the command "
                "with sudo."
            ).format(path=source)
        ) from None
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or not {"name", "login", "password"} <= set(rows[0]):
        raise InputError(
            _(
                "{path} is not the accounts file {script} writes (name, email, login, password)."
            ).format(path=source, script="deploy/add_participants.py")
        )
    return [r for r in rows if r["name"] != "Coach"]


def _qr_svg(address: str) -> str:
    import segno

    out = io.BytesIO()
    segno.make(address, error="m").save(out, kind="svg", scale=4, border=2, xmldecl=False)
    return out.getvalue().decode("utf-8")


def cards_pdf(
    cohort: cohort_rules.Cohort | None,
    accounts: list[dict[str, str]] | None = None,
    address: str = "",
) -> bytes:
    """A login card per participant. With the workshop server's ``accounts`` and ``address``:
    the address (and its QR code), their login and first password. Without: how to start the
    app on their own laptop with their workbook file from the cohort folder."""
    people: list[dict[str, Any]] = []
    if accounts is not None:
        if not address:
            raise InputError(_("Give the workshop server's address (--address https://...)."))
        if "://" not in address:
            address = "https://" + address
        qr = _qr_svg(address)
        for row in accounts:
            people.append(
                {"name": row["name"], "server": True, "address": address, "qr": qr,
                 "login": row["login"], "password": row.get("password", "")}
            )  # fmt: skip
        title = _("Login cards")
    else:
        if cohort is None or not cohort.participants:
            raise InputError(_("There are no workbooks in this folder to make cards for."))
        for p in cohort.participants:
            people.append(
                {"name": p["name"], "server": False, "install": INSTALL,
                 "start": START.format(file=p["file"])}
            )  # fmt: skip
        title = _title(cohort, _("Start your workbook"))
    if not people:
        raise InputError(_("The accounts file has no participants in it yet."))
    return _typeset("cards.typ", title, people)
