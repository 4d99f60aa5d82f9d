"""The coach's exports: the cohort report (HTML) and the introductions (CSV and PDF).

Built from ``workbook.cohort``'s tables, which carry no contact details except the email of a
participant who opted in.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from .. import cohort as cohort_rules
from .. import i18n, locales, words
from ..i18n import N_, _, ngettext
from ..introductions import PAIR_COLUMNS
from ..profile import format_money

_TEMPLATE = Path(__file__).resolve().parent / "introductions.typ"


def opt_in(cohort: cohort_rules.Cohort, a: str, b: str) -> tuple[str, ...]:
    """The double opt-in notes for introducing two participants: one to each, asking first
    (``workbook.drafts``, the introduction's first notes)."""
    from .. import drafts
    from .._drafting import introduction_values

    people = {p["name"]: p for p in cohort.participants}
    values = introduction_values(people[a], people[b])
    return drafts.render(
        "introduction", drafts.package_template("introduction", i18n.language()), values
    ).opt_in


def introductions_pdf(cohort: cohort_rules.Cohort, title: str = "") -> bytes:
    """The introductions for the coach to read out in the session: each pair once, best first
    (mutual pairs, then one-way matches, then shared clients)."""
    from .pdf import typeset

    professions = {p["name"]: p["profession"] for p in cohort.participants}
    pairs = [
        {"introduce": r["Introduce"], "introduce_profession": professions.get(r["Introduce"], ""),
         "to": r["To"], "to_profession": professions.get(r["To"], ""), "why": r["Why"],
         "ask_first": list(opt_in(cohort, r["Introduce"], r["To"]))}
        for r in cohort_rules.pairs(cohort).to_dict("records")
    ]  # fmt: skip
    today = dt.date.today()
    nobody_chose = sum(1 for p in cohort.participants if not p["targets"])
    data = {
        "title": title or _("Introductions to make: {cohort}").format(cohort=cohort.folder.name),
        "date_text": words.day(today, year=True),
        "count_said": _("{introductions}, each pair once").format(
            introductions=_introductions(len(pairs))),
        "words": {key: _(text) for key, text in INTRODUCTIONS_WORDS.items()},
        "lang": i18n.language(),
        "pairs": pairs,
        "nobody_chose": nobody_chose,
        "nobody_chose_said": ngettext(
            "{n} of the participants has not chosen their five professions yet (exercise 2); "
            "their introductions here are the ones others asked for.",
            "{n} of the participants have not chosen their five professions yet (exercise 2); "
            "their introductions here are the ones others asked for.", nobody_chose,
        ).format(n=nobody_chose),
    }  # fmt: skip
    return typeset(_TEMPLATE, data)


# The words of introductions.typ, in the cohort's language.
INTRODUCTIONS_WORDS = {
    "introduce": N_("Introduce"), "to": N_("to"), "ask_first": N_("Ask each first:"),
    "none": N_("No introductions yet: they come from each participant's profession and their "
               "five professions (exercise 2)."),
    "page": N_("{page} of {pages}"),
}  # fmt: skip


def _introductions(n: int) -> str:
    return ngettext("{n} introduction", "{n} introductions", n).format(n=words.figure(n))


def report_html(cohort: cohort_rules.Cohort) -> str:
    """The dashboard as one HTML page: progress, the room's totals, professions, introductions."""
    title = _("Cohort: {cohort}").format(cohort=cohort.folder.name)
    return f"""<!DOCTYPE html><html lang="{i18n.language()}"><head><meta charset="utf-8">
<title>{escape(title)}</title>
<style>body{{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:3px 8px;text-align:left}}
</style></head><body>
<h1>{escape(title)}</h1>
{report_body(cohort)}
</body></html>"""


def progress_html(cohort: cohort_rules.Cohort) -> str:
    """The progress table, a cell for each column of ``cohort.progress`` (as progress.csv has
    them), in the same order: the participant (with the email of one who opted in), their
    profession, a tick per exercise done, how many, and their own last edit."""
    e = escape
    progress = cohort_rules.progress(cohort)
    emails = {p["name"]: p["email"] for p in cohort.participants if p["email"]}
    ticks = set(cohort_rules.EXERCISES.values())

    def cell(column: str, value: object) -> str:
        if column in ticks:
            return "<td>✓</td>" if value else "<td></td>"
        if column == cohort_rules.LAST_EDIT:
            return f"<td>{words.short_day(value, year=False)} {value:%H:%M}</td>"
        if column == cohort_rules.PARTICIPANT and value in emails:
            return f"<td>{e(str(value))}<br><small>{e(emails[value])}</small></td>"
        return f"<td>{e(str(value))}</td>"

    header = "".join(f"<th>{e(_(c))}</th>" for c in progress.columns)
    rows = "".join(
        "<tr>" + "".join(cell(c, r[c]) for c in progress.columns) + "</tr>"
        for r in progress.to_dict("records")
    )
    return f'<table class="progress"><tr>{header}</tr>{rows}</table>'


def report_body(cohort: cohort_rules.Cohort) -> str:
    """The dashboard's sections as an HTML fragment (for the page and the notebook)."""
    e = escape

    totals = cohort_rules.totals(cohort)
    counts, missing = cohort_rules.professions(cohort)
    pairs = cohort_rules.pairs(cohort)
    money = (
        format_money(totals["annual_spend"], totals["currency"], locale=i18n.locale())
        if totals["currency"] else
        _("{amount} (mixed currencies)").format(amount=locales.number(round(totals["annual_spend"])))
    )  # fmt: skip
    intro_rows = "".join(
        f"<tr><td>{e(r['Introduce'])}</td><td>{e(r['To'])}</td><td>{e(r['Why'])}</td></tr>"
        for r in pairs.to_dict("records")
    )
    unreadable = "".join(f"<li>{e(f)}: {e(why)}</li>" for f, why in cohort.unreadable)
    if unreadable:
        heading = e(_("Files that could not be read:"))
        unreadable = f"<p>{heading}</p><ul>{unreadable}</ul>"
    if not cohort.participants:
        said = _(
            "No workbooks in {folder} yet. Make them from your roster with {command} (or "
            "gather them from the workshop server), then read the cohort again."
        ).format(
            folder=e(str(cohort.folder)), command="<code>workbook cohort new roster.csv</code>"
        )
        return f"<p><i>{said}</i></p>{unreadable}"
    people, asks = totals["participants"], totals["asks_made"]
    room = " ".join([
        ngettext("{n} participant spends {money} a year with local businesses;",
                 "{n} participants spend {money} a year with local businesses;", people),
        ngettext("{asks} ask made, {agreed} agreed;", "{asks} asks made, {agreed} agreed;", asks),
        ngettext("{given} referral given and {received} received.",
                 "{given} referrals given and {received} received.", totals["referrals_given"]),
    ]).format(n=people, money=e(money), asks=asks, agreed=totals["asks_agreed"],
              given=totals["referrals_given"], received=totals["referrals_received"])  # fmt: skip
    present = ", ".join(f"{r['Profession']} ({r['People']})" for r in counts.to_dict("records"))
    heads = "".join(f"<th>{e(_(c))}</th>" for c in PAIR_COLUMNS)
    each_once = _("{introductions}, each pair once.").format(
        introductions=_introductions(len(pairs)))  # fmt: skip
    introductions = (
        f"<p>{e(each_once)}</p><table><tr>{heads}</tr>{intro_rows}</table>"
        if len(pairs)
        else f"<p><i>{e(_(INTRODUCTIONS_WORDS['none']))}</i></p>"
    )
    from .programme import programme_html

    words = {key: e(text) for key, text in {
        "progress": _("Progress"), "room": _("The room"),
        "professions": _("Professions in the room"),
        "wanted": _("Wanted but nobody in the room:"), "none": _("none"),
        "introductions": _("Introductions to make"),
        "nobody": _("Nobody has given a profession yet (exercise 0)."),
    }.items()}  # fmt: skip
    present = e(present) or f"<i>{words['nobody']}</i>"
    return f"""<h2>{words["progress"]}</h2>

{progress_html(cohort)}
{unreadable}
{programme_html(cohort)}
<h2>{words["room"]}</h2>
<p>{room}</p>
<h2>{words["professions"]}</h2>
<p>{present}</p>
<p><b>{words["wanted"]}</b> {e(", ".join(missing)) or words["none"]}</p>
<h2>{words["introductions"]}</h2>
{introductions}
"""
