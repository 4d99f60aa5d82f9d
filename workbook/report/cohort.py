"""The coach's exports: the cohort report (HTML) and the introductions (CSV and PDF).

Built from ``workbook.cohort``'s tables, which carry no contact details except the email of a
participant who opted in.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

import pandas as pd

from .. import cohort as cohort_rules
from ..profile import format_money

_TEMPLATE = Path(__file__).resolve().parent / "introductions.typ"


def introductions_pdf(table: pd.DataFrame, cohort: cohort_rules.Cohort, title: str = "") -> bytes:
    from .pdf import typeset

    professions = {p["name"]: p["profession"] for p in cohort.participants}
    people = [
        {
            "name": name,
            "profession": professions.get(name, ""),
            "meet": [
                {"name": r["Meet"], "profession": r["Their profession"], "why": r["Why"]}
                for r in rows.to_dict("records")
            ],
        }
        for name, rows in table.groupby("For", sort=True)
    ]
    today = dt.date.today()
    data = {
        "title": title or f"Introductions to make: {cohort.folder.name}",
        "date_text": f"{today.day} {today:%B %Y}",
        "count": len(table),
        "people": people,
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


def report_body(cohort: cohort_rules.Cohort) -> str:
    """The dashboard's sections as an HTML fragment (for the page and the notebook)."""
    e = escape

    progress = cohort_rules.progress(cohort)
    totals = cohort_rules.totals(cohort)
    counts, missing = cohort_rules.professions(cohort)
    intros = cohort_rules.introductions(cohort)
    emails = {p["name"]: p["email"] for p in cohort.participants if p["email"]}
    header = "".join(f"<th>{e(c)}</th>" for c in progress.columns if c != "Profession")
    rows = ""
    for r in progress.to_dict("records"):
        cells = "".join(
            f"<td>{'✓' if r[label] else ''}</td>" for label in cohort_rules.EXERCISES.values()
        )
        email = (
            f"<br><small>{e(emails[r['Participant']])}</small>"
            if r["Participant"] in emails
            else ""
        )
        rows += (
            f"<tr><td>{e(r['Participant'])}{email}</td>{cells}<td>{r['Done']}</td>"
            f"<td>{r['Last edit']:%d %b %H:%M}</td></tr>"
        )
    money = (
        format_money(totals["annual_spend"], totals["currency"]) if totals["currency"] else
        f"{totals['annual_spend']:,.0f} (mixed currencies)"
    )  # fmt: skip
    intro_rows = "".join(
        f"<tr><td>{e(r['For'])}</td><td>{e(r['Meet'])}</td><td>{e(r['Their profession'])}</td>"
        f"<td>{e(r['Why'])}</td></tr>"
        for r in intros.to_dict("records")
    )
    unreadable = "".join(f"<li>{e(f)}: {e(why)}</li>" for f, why in cohort.unreadable)
    return f"""<h2>Progress</h2>

<table><tr><th>Participant</th>{header}</tr>{rows}</table>
{"<p>Files that could not be read:</p><ul>" + unreadable + "</ul>" if unreadable else ""}
<h2>The room</h2>
<p>{totals["participants"]} participants spend {e(money)} a year with local businesses;
{totals["asks_made"]} asks made, {totals["asks_agreed"]} agreed; {totals["referrals_given"]}
referrals given and {totals["referrals_received"]} received.</p>
<h2>Professions in the room</h2>
<p>{e(", ".join(f"{r['Profession']} ({r['People']})" for r in counts.to_dict("records")))}</p>
<p><b>Wanted but nobody in the room:</b> {e(", ".join(missing)) or "none"}</p>
<h2>Introductions to make</h2>
<table><tr><th>For</th><th>Meet</th><th>Their profession</th><th>Why</th></tr>{intro_rows}</table>
"""
