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
    said = plan["words"]
    asks = []
    for a in plan["asks_to_make"]:
        points = "".join(f"<div class='points'>→ {e(p)}</div>" for p in a["talking_points"])
        asks.append(f"<b>{e(a['business'])}</b>: {e(a['ask'])}{points}")
    progress = "".join(
        f"<tr><td>{e(a['business'])}</td><td>{e(a['ask'])}</td><td>{e(a['answer'])}</td>"
        f"<td>{e(a['since'] or '')}</td><td>{e(a['notes'])}</td></tr>"
        for a in plan["asks_in_progress"]
    )
    professions = "".join(
        f"<tr><td>{e(p['profession'])}</td><td>{e(', '.join(p['known']) or said['nobody_yet'])}</td>"
        f"<td>{e(p['next_step'])}</td><td>{e(', '.join(p['look_for']))}</td></tr>"
        for p in plan["professions"]
    )
    goals = "".join(
        f"<p><b>{e(g['goal'])}</b>"
        + (f" ({e(said['by'].format(day=g['by']))})" if g["by"] else "")
        + "</p>"
        + _list([f"{e(p['name'])} ({e(p['depth'])}): {e(p['next_step'])}" for p in g["people"]])
        for g in plan["goals"]
    )
    declined = (
        f"<p class='warn'>{e(said['declined'].format(names=', '.join(plan['declined'])))}</p>"
        if plan["declined"]
        else ""
    )
    follow = _list(
        [
            f"<span class='warn'><b>{e(said['overdue_promise'])}</b> ({e(p['due'])}): {e(p['what'])} "
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
    no_asks = f"<p><i>{e(said['no_asks'])}</i></p>" if money["businesses"] else ""

    def section(title: str, body: str) -> str:  # a section with nothing in it is left out
        return f"<h2>{title}</h2>\n{body}" if body else ""

    line = " · ".join(e(x) for x in (plan["date_text"], plan["profile_line"]) if x)
    client = plan["preferred_client"]
    return f"""<h1>{e(plan["name"])}</h1>
<p class="muted">{line}</p>
{f"<p><i>{e(said['preferred_client'])}: {e(client)}</i></p>" if client else ""}
{section(e(plan["since"]["title"]), _list([e(c) for c in plan["since"]["changes"]]))}
{section(e(said["from_coach"]), _list(coach))}
<h2>{e(said["businesses"])}</h2>
{_money_line(money, said)}
{_list(asks) or no_asks}
{section(e(said["in_progress"]), _progress_table(progress, said) + declined if progress else "")}
<h2>{e(said["professions"])}</h2>
{_professions_table(professions, said)}
<h2>{e(said["goals"])}</h2>
{goals or f"<p><i>{e(said['no_goals'])}</i></p>"}
{section(e(said["follow_up"]), follow)}
{section(e(said["this_week"]), _list([e(c) for c in plan["this_week"]]))}
{section(e(said["reconnect"]), _list(reconnect))}
{section(e(said["to_learn"]), _list([e(q) for q in plan["gains_gaps"]]))}
"""


def _head(said: dict[str, str], *keys: str) -> str:
    return "<tr>" + "".join(f"<th>{escape(said[k])}</th>" for k in keys) + "</tr>"


def _progress_table(rows: str, said: dict[str, str]) -> str:
    return f"<table>{_head(said, 'business', 'ask', 'answer', 'since', 'notes')}{rows}</table>"


def to_html(wb: Any) -> str:
    """The whole plan as one HTML page, charts included, that opens offline."""
    plan = gather(wb)
    chart_html = "".join(
        go.Figure(spec).to_html(
            full_html=False, include_plotlyjs=(i == 0), config={"displaylogo": False}
        )
        for i, spec in enumerate(charts(wb))
    )
    said = plan["words"]
    charts_heading = f"<h2>{escape(said['charts'])}</h2>"
    return f"""<!DOCTYPE html>
<html lang="{plan["lang"]}"><head><meta charset="utf-8">
<title>{escape(said["title_prefix"])}: {escape(plan["name"])}</title><style>{_STYLE}</style>
</head><body>
{plan_body(plan)}
{charts_heading + chart_html if chart_html else ""}
</body></html>
"""


def _money_line(money: dict, said: dict[str, str]) -> str:
    if not money["businesses"]:
        return f"<p><i>{escape(said['no_businesses'])}</i></p>"
    return f"<p>{escape(money['line'])}</p>"


def _professions_table(rows: str, said: dict[str, str]) -> str:
    if not rows:
        return f"<p><i>{escape(said['no_professions'])}</i></p>"
    head = _head(said, "profession", "you_know", "next_step", "look_for")
    return f"<table>{head}{rows}</table>"
