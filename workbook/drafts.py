"""The words to say: personal messages drafted from the workbook, on the participant's own
computer, for every follow-up the exercises ask for.

Each kind has a template (``templates/drafts/<language>/<kind>.txt``: a Subject and a Channel
line, then the text, with named fields such as ``$first_name``). A line whose fields are not
all known is left out, so a draft never shows an empty slot, "nan" or "None". A participant can
save their own version of a kind; a template naming a field that does not exist is refused
with a message naming it.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import urllib.parse
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import pandas as pd

from . import words
from ._errors import InputError
from .follow_up import the_meeting
from .i18n import N_, _
from .profile import format_money, round_for_speech

KINDS = ("thank_you", "reconnect", "reciprocity_ask", "promise", "referral_thanks", "introduction")
# The fields each kind's template may use (on top of the participant's own, below).
OWN = ("my_name", "my_first_name", "my_business")
FIELDS: dict[str, tuple[str, ...]] = {
    "thank_you": ("first_name", "their_name", "meeting", "when_met", "occasion", "one_thing",
                  "next_step"),
    "reconnect": ("first_name", "their_name", "their_company", "since", "shared"),
    "reciprocity_ask": ("business", "years", "spent", "referrals", "the_ask", "why_it_fits",
                        "easy_yes"),
    "promise": ("first_name", "their_name", "subject", "opening", "what_line", "closing"),
    "referral_thanks": ("first_name", "their_name", "what", "when", "outcome"),
    "introduction": ("a_first", "a_name", "a_who", "a_why", "b_first", "b_name", "b_who", "b_why",
                     "both_serve"),
}  # fmt: skip
CHANNELS = ("email", "handwritten note", "call")


@dataclass(frozen=True)
class Draft:
    kind: str
    subject: str
    body: str
    channel_hint: str
    mailto: str = ""  # only when the person has an email
    script: str = ""  # what to say (the reciprocity ask), beside the written version
    opt_in: tuple[str, ...] = field(default_factory=tuple)  # an introduction's first notes


# -- templates ---------------------------------------------------------------------------


def package_template(kind: str, language: str = "en") -> str:
    """Our template of ``kind`` in ``language`` (English when there is none in it)."""
    folder = resources.files("workbook").joinpath("templates/drafts")
    found = folder.joinpath(f"{language}/{kind}.txt")
    if not found.is_file():
        found = folder.joinpath(f"en/{kind}.txt")
    return found.read_text(encoding="utf-8")


def check_template(kind: str, text: str) -> str:
    """A participant's template, refused in words when it names a field that does not exist
    or has no Subject line."""
    if kind not in KINDS:
        raise InputError(_("There is no kind of draft called {kind}.").format(kind=repr(kind)))
    known = set(FIELDS[kind]) | set(OWN)
    used = set(string.Template(text).get_identifiers())
    unknown = sorted(used - known)
    if unknown:
        raise InputError(
            _(
                "The template names a field that does not exist: {field}. The fields for this "
                "kind are: {fields}."
            ).format(field="$" + unknown[0], fields=", ".join("$" + f for f in sorted(known)))
        )
    if not string.Template(text).is_valid():
        raise InputError(_("The template has a $ that is not a field: write $$ for a dollar sign."))
    if not re.search(r"(?im)^subject:", text):
        raise InputError(_("The template needs a first line 'Subject: ...'."))
    return text


def _filled(line: str, values: dict[str, str]) -> str | None:
    """The line with its fields filled in, or None when one of them is not known."""
    names = string.Template(line).get_identifiers()
    if any(not values.get(name) for name in names):
        return None
    return string.Template(line).substitute(values)


def render(kind: str, template: str, values: dict[str, str], email: str = "") -> Draft:
    """A draft from a template and the fields' values (lines with an unknown field left out)."""
    head, _, text = template.partition("\n\n")
    headers = dict(
        (key.strip().lower(), value.strip())
        for key, _, value in (line.partition(":") for line in head.splitlines())
    )
    subject = _filled(headers.get("subject", ""), values) or ""
    channel = headers.get("channel", "email")
    parts: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.splitlines():
        if re.fullmatch(r"\[[^\]]+\]", line.strip()):
            current = _filled(line.strip()[1:-1], values) or line.strip()[1:-1]
            parts[current] = []
            continue
        filled = _filled(line, values)
        if filled is not None:
            parts[current].append(filled)
    sections = {name: _tidy(lines) for name, lines in parts.items()}
    named = [name for name in sections if name]
    if kind == "reciprocity_ask" and len(named) >= 2:
        script, body = sections[named[0]], sections[named[1]]
        opt_in: tuple[str, ...] = ()
    elif kind == "introduction" and len(named) >= 3:
        script, body = "", sections[named[2]]
        opt_in = (sections[named[0]], sections[named[1]])
    else:
        script, opt_in = "", ()
        body = "\n".join(s for s in sections.values() if s)
    return Draft(kind, subject, body, channel, _mailto(email, subject, body), script, opt_in)


def _tidy(lines: list[str]) -> str:
    """Lines joined, blank runs folded to one, no blank at either end."""
    kept: list[str] = []
    for line in lines:  # of two versions of a line (with a fact and without), the fuller one
        shorter = kept[-1].rstrip(".") if kept else ""
        if shorter and line.startswith(shorter) and len(line) > len(kept[-1]):
            kept[-1] = line
        else:
            kept.append(line)
    text = "\n".join(kept)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _mailto(email: str, subject: str, body: str) -> str:
    if not email or "@" not in email:
        return ""
    query = urllib.parse.urlencode({"subject": subject, "body": body}, quote_via=urllib.parse.quote)
    return f"mailto:{urllib.parse.quote(email, safe='@')}?{query}"


# -- the facts each kind is drafted from -----------------------------------------------------


def _text(value: Any) -> str:
    """A stored value as text: '' for a gap (None, NaN), never 'nan' or 'None'."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return " ".join(str(value).split())


def first_name(name: str) -> str:
    return (_text(name).split() or [""])[0]


def own(profile: Any) -> dict[str, str]:
    return {
        "my_name": _text(profile.name),
        "my_first_name": first_name(profile.name),
        "my_business": _text(profile.business),
    }


def when_in_words(day: dt.date, today: dt.date) -> str:
    """'yesterday', 'on Tuesday', 'on 3 December' (as a person writes it)."""
    days = (today - day).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    if 1 < days < 7:
        return _("on {weekday}").format(weekday=words.weekday(day))
    return _("on {day}").format(day=words.day(day, year=day.year != today.year))


def first_sentence(text: str) -> str:
    """The first sentence of a note, without its final full stop, lower-cased at the start
    unless it starts with a name or 'I'."""
    found = re.split(r"(?<=[.!?])\s", _text(text), maxsplit=1)[0].rstrip(".!? ")
    return found


def money_in_words(amount: float, currency: str, locale: str | None = None) -> str:
    if not amount:
        return ""
    return format_money(round_for_speech(amount), currency, approx=True, locale=locale)


def years_in_words(years: float) -> str:
    if not years:
        return ""
    whole = int(round(years))
    return _("a year") if whole <= 1 else _("{n} years").format(n=whole)


def customers_in_words(number: int) -> str:
    """'one customer', '5 customers' ('' for none)."""
    if not number:
        return ""
    return _("one customer") if number == 1 else _("{n} customers").format(n=number)


def shared_words(mine: dict[str, Any], theirs: dict[str, Any]) -> str:
    """What two GAINS profiles share: 'are in the Rotary Club of Asheville', 'love dogs'."""

    def items(value: Any) -> list[str]:
        return [i.strip() for i in re.split(r"[,;]| and ", _text(value)) if i.strip()]

    for key, verb in (("networks", N_("are in {what}")), ("interests", N_("love {what}"))):
        ours = {i.lower(): i for i in items(mine.get(key, ""))}
        common = [ours[i.lower()] for i in items(theirs.get(key, "")) if i.lower() in ours]
        if common:
            return _(verb).format(what=common[0] if key == "networks" else common[0].lower())
    return ""


def gains_of(gains: pd.DataFrame, contact_id: int | None) -> dict[str, Any]:
    if gains.empty:
        return {}
    rows = (
        gains[gains["is_you"]] if contact_id is None else gains[gains["contact_id"] == contact_id]
    )
    return rows.iloc[0].to_dict() if len(rows) else {}


# -- what there is to write ------------------------------------------------------------


def to_write(wb: Any, kinds: tuple[str, ...] = ()) -> list[tuple[str, tuple[str, dict[str, int]]]]:
    """What there is to write, most pressing first: thank-yous due, promises, people to
    reconnect with, referrals to thank for, asks to make (only ``kinds``, when given)."""
    found: list[tuple[str, tuple[str, dict[str, int]]]] = []

    def add(label: str, kind: str, **refs: int) -> None:
        if not kinds or kind in kinds:
            found.append((label, (kind, refs)))

    for row in wb.follow_ups().itertuples():
        if not row.done:
            label = _("Thank {name} for {meeting}").format(
                name=row.name, meeting=the_meeting(row.meeting)
            )
            add(label, "thank_you", interaction_id=_id(wb, row))
    for row in wb.promises().itertuples():
        if row.open:
            who = (
                _("Keep your promise to {name}: {what}")
                if row.direction == "mine"
                else _("Remind {name}: {what}")
            )
            add(who.format(name=row.name, what=row.what), "promise", promise_id=int(row.id))
    for row in wb.reconnect_list().head(10).itertuples():
        label = _("Reconnect with {name}").format(name=row.name)
        add(label, "reconnect", contact_id=int(row.contact_id))
    for row in wb.referrals().itertuples():
        if row.direction == "received":
            label = _("Thank {name} for the referral").format(name=row.name)
            add(label, "referral_thanks", referral_id=int(row.id))
    for row in wb.asks().itertuples():
        if row.status == "planned":
            label = _("Ask {business}: {ask}").format(business=row.business, ask=row.ask)
            add(label, "reciprocity_ask", ask_id=int(row.id))
    return found


def _id(wb: Any, follow_up: Any) -> int:
    return int(wb.store.row("follow_ups", int(follow_up.id))["interaction_id"])
