import pandas as pd

from workbook import plots


def _bars(fig):
    """(business, lifetime, profession, text) for every bar in the ranking."""
    out = []
    for trace in fig.data:
        for y, x, text in zip(trace.y, trace.x, trace.text, strict=True):
            out.append((y, x, trace.name, text))
    return out


def test_ranking_orders_by_lifetime_spend_and_colours_by_profession(demo_workbook):
    spend = demo_workbook.spend_table()
    fig = plots.money_trail(spend, "USD")
    bars = _bars(fig)
    assert len(bars) == 12
    order = list(fig.layout.yaxis.categoryarray)
    assert order[-1] == "Greenway Lawn &amp; Garden"  # largest at the top
    values = {b: x for b, x, _, _ in bars}
    assert [values[b] for b in order] == sorted(values.values())
    assert {p for _, _, p, _ in bars} == set(spend["profession"])
    text = {b: t for b, _, _, t in bars}
    assert text["Blue Ridge Hair Studio"] == "5 referrals sent"
    assert text["Westside Hardware"] == ""
    assert fig.layout.xaxis.tickprefix == "$"


def test_user_text_is_escaped_in_every_label():
    spend = pd.DataFrame(
        {
            "name": ["<script>alert(1)</script>"],
            "profession": ["<b>Vet</b>"],
            "lifetime_spend": [100.0],
            "annual_spend": [50.0],
            "years_as_customer": [2.0],
            "referrals_sent": [1],
        }
    )
    for fig in (plots.money_trail(spend), plots.money_trail_treemap(spend)):
        blob = fig.to_json()
        assert "<script>" not in blob and "<b>Vet</b>" not in blob
        assert "&lt;script&gt;" in blob


def test_treemap_adds_up_to_the_total(demo_workbook):
    spend = demo_workbook.spend_table()
    fig = plots.money_trail_treemap(spend, "GBP")
    trace = fig.data[0]
    values = dict(zip(trace.ids, trace.values, strict=True))
    assert values["All businesses"] == spend["lifetime_spend"].sum()
    assert values["All businesses/Hair stylist"] == 5200
    assert "£" in trace.hovertemplate


def test_empty_money_trail_shows_a_hint(tmp_workbook):
    fig = plots.money_trail(tmp_workbook.spend_table())
    assert not fig.data
    assert "Add the businesses" in fig.layout.annotations[0].text
    assert plots.money_trail_treemap(tmp_workbook.spend_table()).layout.annotations


def test_a_profession_has_the_same_colour_in_both_charts(demo_workbook):
    spend = demo_workbook.spend_table()
    ranking = plots.money_trail(spend)
    treemap = plots.money_trail_treemap(spend).data[0]
    bar_colour = {t.name: t.marker.color for t in ranking.data}
    tree_colour = dict(zip(treemap.ids, treemap.marker.colors, strict=True))
    for profession, colour in bar_colour.items():
        assert tree_colour[f"All businesses/{profession}"] == colour
