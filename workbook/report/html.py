"""The action plan as one self-contained HTML file with interactive charts.

Every piece of participant text is escaped; plotly.js is embedded once, so the file opens
offline.
"""

from __future__ import annotations

from html import escape
from typing import Any

import plotly.graph_objects as go

from .pdf import charts
from .plan import gather

_STYLE = """
body { font-family: Georgia, 'DejaVu Serif', serif; max-width: 60em; margin: 2em auto;
       padding: 0 1em; color: #222; }
h1 { margin-bottom: 0; } h2 { color: #1f4e79; margin-top: 1.4em; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 3px 8px;
text-align: left; vertical-align: top; }
.muted { color: #777; } .warn { color: #b42318; } .points { font-size: 0.9em; color: #444; }
"""


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


def plan_body(plan: dict[str, Any]) -> str:
    """The plan's sections as an HTML fragment (no charts): for the file and the preview."""
    e = escape
    asks = []
    for a in plan["asks_to_make"]:
        points = "".join(f"<div class='points'>→ {e(p)}</div>" for p in a["talking_points"])
        asks.append(f"<b>{e(a['business'])}</b>: {e(a['ask'])}{points}")
    progress = "".join(
        f"<tr><td>{e(a['business'])}</td><td>{e(a['ask'])}</td><td>{e(a['status'])}</td>"
        f"<td>{e(a['since'] or '')}</td><td>{e(a['notes'])}</td></tr>"
        for a in plan["asks_in_progress"]
    )
    professions = "".join(
        f"<tr><td>{e(p['profession'])}</td><td>{e(', '.join(p['known']) or 'nobody yet')}</td>"
        f"<td>{e(p['next_step'])}</td><td>{e(', '.join(p['look_for']))}</td></tr>"
        for p in plan["professions"]
    )
    goals = "".join(
        f"<p><b>{e(g['goal'])}</b>{' (by ' + e(g['by']) + ')' if g['by'] else ''}</p>"
        + _list([f"{e(p['name'])} ({e(p['depth'])}): {e(p['next_step'])}" for p in g["people"]])
        for g in plan["goals"]
    )
    declined = (
        f"<p class='warn'>Declined to reciprocate: {e(', '.join(plan['declined']))}.</p>"
        if plan["declined"]
        else ""
    )
    follow = _list(
        [
            f"<span class='warn'><b>Overdue promise</b> ({e(p['due'])}): {e(p['what'])} "
            f"({e(p['who'])})</span>"
            for p in plan["overdue_promises"]
        ]
        + [f"<b>{e(f['when'])}</b>: {e(f['what'])}" for f in plan["follow_ups"]]
    )
    reconnect = [
        f"<b>{e(r['name'])}</b> ({e(r['why'])}): {e(r['touch'])}"
        + (f"<div class='points'>“{e(r['opening'])}”</div>" if r["opening"] else "")
        for r in plan["reconnect"]
    ]
    coach = [f"<b>{e(n['about_now'])}</b>: {e(n['text'])}" for n in plan["coach_notes"]]
    money = plan["money"]
    no_asks = (
        "<p><i>No asks planned yet: in exercise 1, pick one or two businesses and tick what to "
        "ask them for.</i></p>"
        if money["businesses"]
        else ""
    )

    def section(title: str, body: str) -> str:  # a section with nothing in it is left out
        return f"<h2>{title}</h2>\n{body}" if body else ""

    line = " · ".join(e(x) for x in (plan["date_text"], plan["profile_line"]) if x)
    client = plan["preferred_client"]
    return f"""<h1>{e(plan["name"])}</h1>
<p class="muted">{line}</p>
{f"<p><i>Preferred client: {e(client)}</i></p>" if client else ""}
{section(e(plan["since"]["title"]), _list([e(c) for c in plan["since"]["changes"]]))}
{section("From your coach", _list(coach))}
<h2>Businesses to approach</h2>
{_money_line(money)}
{_list(asks) or no_asks}
{
        section(
            "Asks in progress",
            (
                "<table><tr><th>Business</th><th>Ask</th><th>Answer</th><th>Since</th><th>Notes</th></tr>"
                f"{progress}</table>{declined}"
            )
            if progress
            else "",
        )
    }
<h2>Five professions that serve your clients</h2>
{_professions_table(professions)}
<h2>Goals and the people who could help</h2>
{goals or GOALS_FIRST}
{section("Follow-up: the next two weeks", follow)}
{section("This week I will", _list([e(c) for c in plan["this_week"]]))}
{section("People to reconnect with", _list(reconnect))}
{section("To learn at your next meetings", _list([e(q) for q in plan["gains_gaps"]]))}
"""


GOALS_FIRST = (
    "<p><i>No goals written yet. In exercise 3, write two goals with a date and name two people "
    "who could help with each.</i></p>"
)


def to_html(wb: Any) -> str:
    """The whole plan as one HTML page, charts included, that opens offline."""
    plan = gather(wb)
    chart_html = "".join(
        go.Figure(spec).to_html(
            full_html=False, include_plotlyjs=(i == 0), config={"displaylogo": False}
        )
        for i, spec in enumerate(charts(wb))
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Action plan: {escape(plan["name"])}</title><style>{_STYLE}</style></head><body>
{plan_body(plan)}
{"<h2>Your charts</h2>" + chart_html if chart_html else ""}
</body></html>
"""


def _money_line(money: dict) -> str:
    if not money["businesses"]:
        return (
            "<p><i>No businesses listed yet. In exercise 1, list the local businesses you pay "
            "(or start from your bank file): the ones you have paid longest are the first to "
            "ask.</i></p>"
        )
    return f"<p>{escape(money['line'])}</p>"


def _professions_table(rows: str) -> str:
    if not rows:
        return (
            "<p><i>None picked yet. In exercise 2, pick five professions, other than your own, "
            "that serve your preferred clients: they are the people to meet next.</i></p>"
        )
    return (
        "<table><tr><th>Profession</th><th>You know</th><th>Next step</th><th>Look for</th></tr>"
        f"{rows}</table>"
    )
