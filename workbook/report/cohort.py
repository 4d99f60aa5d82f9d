"""The coach's exports: the cohort report (HTML) and the introductions (CSV and PDF).

Built from ``workbook.cohort``'s tables, which carry no contact details except the email of a
participant who opted in.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from .. import cohort as cohort_rules
from .. import locales, words
from ..profile import format_money
from ..words import count

_TEMPLATE = Path(__file__).resolve().parent / "introductions.typ"


def opt_in(cohort: cohort_rules.Cohort, a: str, b: str) -> tuple[str, ...]:
    """The double opt-in notes for introducing two participants: one to each, asking first
    (``workbook.drafts``, the introduction's first notes)."""
    from .. import drafts
    from .._drafting import introduction_values

    people = {p["name"]: p for p in cohort.participants}
    values = introduction_values(people[a], people[b])
    return drafts.render("introduction", drafts.package_template("introduction"), values).opt_in


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
    data = {
        "title": title or f"Introductions to make: {cohort.folder.name}",
        "date_text": words.day(today, year=True),
        "count": count(len(pairs), "introduction"),
        "pairs": pairs,
        "nobody_chose": sum(1 for p in cohort.participants if not p["targets"]),
    }
    return typeset(_TEMPLATE, data)


def report_html(cohort: cohort_rules.Cohort) -> str:
    """The dashboard as one HTML page: progress, the room's totals, professions, introductions."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Cohort: {escape(cohort.folder.name)}</title>
<style>body{{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:3px 8px;text-align:left}}
</style></head><body>
<h1>Cohort: {escape(cohort.folder.name)}</h1>
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
        if column == "Last edit":
            return f"<td>{words.short_day(value, year=False)} {value:%H:%M}</td>"
        if column == "Participant" and value in emails:
            return f"<td>{e(str(value))}<br><small>{e(emails[value])}</small></td>"
        return f"<td>{e(str(value))}</td>"

    header = "".join(f"<th>{e(c)}</th>" for c in progress.columns)
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
        format_money(totals["annual_spend"], totals["currency"]) if totals["currency"] else
        f"{locales.number(round(totals['annual_spend']))} (mixed currencies)"
    )  # fmt: skip
    intro_rows = "".join(
        f"<tr><td>{e(r['Introduce'])}</td><td>{e(r['To'])}</td><td>{e(r['Why'])}</td></tr>"
        for r in pairs.to_dict("records")
    )
    unreadable = "".join(f"<li>{e(f)}: {e(why)}</li>" for f, why in cohort.unreadable)
    unreadable = f"<p>Files that could not be read:</p><ul>{unreadable}</ul>" if unreadable else ""
    if not cohort.participants:
        return (
            f"<p><i>No workbooks in {e(str(cohort.folder))} yet. Make them from your roster "
            "with <code>workbook cohort new roster.csv</code> (or gather them from the workshop "
            f"server), then read the cohort again.</i></p>{unreadable}"
        )
    room = (
        f"{count(totals['participants'], 'participant')} spend {e(money)} a year with local "
        f"businesses; {count(totals['asks_made'], 'ask')} made, {totals['asks_agreed']} agreed; "
        f"{count(totals['referrals_given'], 'referral')} given and "
        f"{totals['referrals_received']} received."
    )
    present = ", ".join(f"{r['Profession']} ({r['People']})" for r in counts.to_dict("records"))
    introductions = (
        f"<p>{count(len(pairs), 'introduction')}, each pair once.</p>"
        f"<table><tr><th>Introduce</th><th>To</th><th>Why</th></tr>{intro_rows}</table>"
        if len(pairs)
        else "<p><i>None yet: introductions come from each participant's profession and their "
        "five professions (exercise 2).</i></p>"
    )
    from .programme import programme_html

    return f"""<h2>Progress</h2>

{progress_html(cohort)}
{unreadable}
{programme_html(cohort)}
<h2>The room</h2>
<p>{room}</p>
<h2>Professions in the room</h2>
<p>{e(present) or "<i>Nobody has given a profession yet (exercise 0).</i>"}</p>
<p><b>Wanted but nobody in the room:</b> {e(", ".join(missing)) or "none"}</p>
<h2>Introductions to make</h2>
{introductions}
"""
