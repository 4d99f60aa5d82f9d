"""Charts as SVG through the process's one kaleido browser: order, reuse, no network."""

import json
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from conftest import chromium_page, needs_chromium
from workbook import network, plots
from workbook.report import svg
from workbook.report.pdf import charts


def _bar(title: str, values: list[float]) -> go.Figure:
    return go.Figure(go.Bar(x=["a", "b", "c"], y=values), layout={"title": title})


def _arrays() -> plots.Spec:
    """Every kind of array a chart may hold, as plotly writes each."""
    ints = np.array([1, 2, 3])
    return {
        "data": [
            {"type": "scatter", "x": ints, "y": ints * 100, "marker": {"size": ints * 70_000}},
            {"type": "scatter", "x": ints * 2**40, "y": np.array([1, 0, 300], dtype=np.uint64)},
            {"type": "bar", "x": np.array([0.5, 2.25], dtype=np.float32), "y": np.zeros(2)},
            {"type": "bar", "x": [np.float32(1.5), np.int64(2)], "y": np.array([True, False])},
            {"type": "scatter", "x": np.array([], dtype=float), "customdata": np.eye(3)},
            {"type": "scatter", "x": [1.0, float("nan"), float("-inf")], "y": [np.float64("nan")]},
        ],
        "layout": {"title": {"text": "Ł & 王芳"}, "xaxis": {"range": np.array([0.0, 9.0])}},
    }


def test_a_chart_as_plain_data_goes_to_the_browser_as_plotly_writes_its_figure(demo_workbook):
    """The plan's charts skip plotly's checks (``svg.figure_json``): the browser must get the
    very JSON the Figure would give, template and typed arrays included."""
    wb = demo_workbook
    wb.add_contact(name="<b>Zoë</b>", company="A & B")
    crowd = pd.DataFrame({"name": [f"P{i}" for i in range(1200)], "depth": "contact"})
    crowd = crowd.assign(id=range(1, 1201), company="", position="Realtor", profession="")
    specs = [
        *charts(wb),  # money trail, network, goal map
        plots.network_spec(network.layout(crowd), "You"),  # WebGL, float32 arrays
        plots.money_trail_spec(wb.spend_table().iloc[:0]),
        plots.network_spec(wb.network_layout().iloc[:0]),
        plots.goal_map_spec(wb.goals().iloc[:0], wb.goal_people()),
        _arrays(),
    ]
    assert len(charts(wb)) == 3
    for spec in specs:
        assert json.loads(svg.figure_json(spec)) == json.loads(go.Figure(spec).to_json())
        assert svg.height(spec) == svg.height(go.Figure(spec))


@needs_chromium
def test_charts_drawn_together_come_back_in_order():
    titles = ["Łukasz spends", "Zoë refers", "王芳 meets", "A fourth, more than the tabs"]
    drawn = svg.draw([_bar(t, [i, i + 1, i + 2]) for i, t in enumerate(titles)])
    for title, picture in zip(titles, drawn, strict=True):
        text = picture.decode()
        assert text.startswith("<svg") and 'width="900"' in text
        assert [t for t in titles if t in text] == [title]


@needs_chromium
def test_an_unchanged_chart_is_not_drawn_again_and_a_changed_one_is(monkeypatch):
    first = svg.draw([_bar("Kept", [1, 2, 3])])[0]
    sent: list[int] = []
    browser = svg._started()
    original = browser.submit
    monkeypatch.setattr(browser, "submit", lambda jobs: sent.append(len(jobs)) or original(jobs))
    again, changed = svg.draw([_bar("Kept", [1, 2, 3]), _bar("Kept", [1, 2, 4])])
    assert again == first and changed != first
    assert sent == [1]  # only the changed chart went to the browser


@needs_chromium
def test_drawing_soon_leaves_the_chart_ready():
    fig = _bar("Drawn while the participant reads", [3, 1, 2])
    svg.draw_soon([fig]).join(timeout=60)
    key = svg._key(fig.to_json(), (svg.WIDTH, svg.height(fig)))
    assert key in svg._drawn


@needs_chromium
def test_the_chart_page_loads_nothing_from_the_network():
    svg.draw([_bar("Offline", [1, 1, 1])])
    page = Path(urlparse(svg._started().kaleido._index).path).read_text(encoding="utf-8")
    assert "src=" in page and "http://" not in page and "https://" not in page


@needs_chromium
def test_a_chart_the_page_cannot_draw_says_why_and_the_next_one_draws():
    browser = svg._started()
    with pytest.raises(RuntimeError, match="chart page failed.*JSON"):
        browser.submit([("{not a figure", (svg.WIDTH, 300))]).result(timeout=60)
    (drawn,) = svg.draw([_bar("Drawn after a failure", [2, 2, 2])])
    assert b"Drawn after a failure" in drawn


def _mark_tabs(browser: svg._Browser, expression: str) -> list:
    """Evaluate ``expression`` on every chart tab (waiting for each to be free)."""

    async def on_each() -> list:
        tabs = [
            await browser.kaleido._get_kaleido_tab() for _ in range(browser.kaleido._total_tabs)
        ]
        try:
            return [
                (
                    await tab.tab.send_command(
                        "Runtime.evaluate",
                        params={
                            "expression": expression,
                            "returnByValue": True,
                            "contextId": tab._current_js_id,
                        },
                    )
                )["result"]["result"].get("value")
                for tab in tabs
            ]
        finally:
            for tab in tabs:
                browser.kaleido.tabs_ready.put_nowait(tab)

    return browser._run(on_each(), timeout=60)


@needs_chromium
def test_tabs_stay_loaded_between_charts_and_are_reloaded_now_and_then(monkeypatch):
    # A loaded page draws about twice as fast as a fresh one, so tabs are not reloaded after
    # every chart as kaleido does; every RELOAD_AFTER charts they are, to free memory.
    browser = svg._started()
    svg.draw([_bar("Tabs opened", [1, 2, 1])])
    deadline = time.monotonic() + 30  # the second tab opens after the first charts
    while browser.kaleido._total_tabs < svg.TABS and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _mark_tabs(browser, "window.kept = 1") == [1] * svg.TABS
    svg.draw([_bar(f"Kept loaded {i}", [i, 1, 2]) for i in range(4)])
    assert _mark_tabs(browser, "window.kept || 0") == [1] * svg.TABS
    monkeypatch.setattr(svg, "RELOAD_AFTER", 1)
    svg.draw([_bar("Reloaded after this one", [1, 1, 2])])
    assert sorted(_mark_tabs(browser, "window.kept || 0")) == [0] + [1] * (svg.TABS - 1)
    monkeypatch.undo()
    (drawn,) = svg.draw([_bar("On a reloaded tab", [3, 1, 2])])
    assert b"On a reloaded tab" in drawn


@needs_chromium
def test_the_money_trail_leaves_room_for_its_names_so_the_browser_draws_it_once(demo_workbook):
    """The money trail asks for a left margin that fits its longest business name, so
    plotly's automargin has nothing to add (which costs a second drawing, a third of the
    chart's time). Drawn: the plot starts where the margin said, names of every kind."""
    names = {
        "capitals": ["ACME PLUMBING & HEATING", "WWW MOWING CO"],
        "long": ["Łukasz & Zoë Super Long Business Name Plumbing Ltd", "Short"],
        "East Asian": ["王芳的花店", "東京ラーメン 横浜店", "Café Zoë"],
        "digits": ["7-Eleven #12345", "Studio 54 W 12th St"],
    }
    spend = demo_workbook.spend_table()
    specs = [plots.money_trail_spec(spend)] + [
        plots.money_trail_spec(spend.head(len(n)).assign(name=n)) for n in names.values()
    ]
    for spec, picture in zip(specs, svg.draw(specs), strict=True):
        plot = re.search(rb'<rect class="bg" x="([\d.]+)"', picture)
        assert plot and float(plot.group(1)) == spec["layout"]["margin"]["l"]
        assert spec["layout"]["margin"]["l"] < 400


@needs_chromium
def test_each_money_trail_note_stays_on_the_chart_and_clear_of_the_legend(demo_workbook, request):
    """The note beside a bar ('4 referrals sent · declined your ask') must end inside the
    chart, and the legend (under the chart) must not cover a bar or a note: the axis reaches
    past the bars as far as their notes need. Measured in a browser on the drawn SVG, for the
    demo and for a biggest spender with the longest note."""
    spend = demo_workbook.spend_table()
    top = spend["lifetime_spend"].idxmax()
    chatty = spend.assign(referrals_sent=spend["referrals_sent"].where(spend.index != top, 12))
    chatty["declined"] = chatty.index == top
    specs = [plots.money_trail_spec(spend), plots.money_trail_spec(chatty)]
    with chromium_page(request, "svg-") as page:
        for picture in svg.draw(specs):
            page.set_content(picture.decode())
            notes = page.eval_on_selector_all(
                "text.bartext", "ts => ts.map(t => t.getBoundingClientRect().right)"
            )
            width = page.eval_on_selector("svg", "s => s.getBoundingClientRect().right")
            lowest = page.eval_on_selector_all(
                "text.bartext, g.point",
                "ts => Math.max(...ts.map(t => t.getBoundingClientRect().bottom))",
            )
            legend = page.eval_on_selector("g.legend", "g => g.getBoundingClientRect().top")
            assert notes and max(notes) < width, (max(notes), width)
            assert lowest < legend, (lowest, legend)
