"""The exercise forms driven in Python as a participant would, then read back from the file."""

import pytest

import workbook
from workbook.widgets import (
    AskBuilder,
    AskTracker,
    MoneyTrailCharts,
    ProfileForm,
    SpendTable,
    ThisWeek,
)


def _reopen(wb):
    """What a restarted kernel would see."""
    return workbook.open(wb.path)


def test_profile_form_saves_every_field_as_typed(tmp_workbook):
    form = ProfileForm(tmp_workbook)
    form.fields["name"].value = "Zoë Łukasz"
    form.fields["business"].value = "Łukasz & Co"
    form.fields["preferred_client"].value = "New parents who just bought a house"
    form.fields["currency"].value = "gbp"
    form.fields["time_zone"].value = "Europe/London"
    assert form.status["name"].kind == "saved"
    with _reopen(tmp_workbook) as again:
        profile = again.profile()
    assert (profile.name, profile.business, profile.currency, profile.time_zone) == (
        "Zoë Łukasz",
        "Łukasz & Co",
        "GBP",
        "Europe/London",
    )


def test_profile_form_rejects_a_bad_time_zone_and_keeps_the_old_one(tmp_workbook):
    form = ProfileForm(tmp_workbook)
    form.fields["time_zone"].value = "America/Chicago"
    form.fields["time_zone"].value = "Chicago"
    assert form.status["time_zone"].kind == "error"
    assert "not a time zone" in form.status["time_zone"].value
    assert tmp_workbook.profile().time_zone == "America/Chicago"


def _add(table, **values):
    form = table.form
    form.name.value = values.get("name", "")
    form.profession.value = values.get("profession", "")
    form.amount.value = values.get("amount", "")
    form.frequency.value = values.get("frequency", "per_visit")
    form.visits.value = values.get("visits", "")
    form.years.value = values.get("years", "")
    form.referrals.value = values.get("referrals", "")
    form.add_button.click()


def test_adding_ten_businesses_by_form_then_restarting(tmp_workbook):
    table = SpendTable(tmp_workbook)
    for i in range(10):
        _add(
            table,
            name=f"Business {i}",
            profession="Florist",
            amount=str(10 + i),
            frequency="per_visit",
            visits="12",
            years="2",
            referrals="1",
        )
        assert table.status.kind == "saved", table.status.value
    assert table.form.name.value == ""  # cleared for the next one
    assert len(table.rows.rows) == 10
    assert "10</b> businesses" in table.totals.value
    with _reopen(tmp_workbook) as again:
        spend = again.spend_table()
    assert len(spend) == 10
    assert spend.loc[0, "name"] == "Business 9"
    assert spend.loc[0, "lifetime_spend"] == 19 * 12 * 2


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": "Vet", "amount": "-20", "visits": "2"}, "cannot be negative"),
        ({"name": "Vet", "amount": "twenty", "visits": "2"}, "must be a number"),
        ({"name": "", "amount": "20", "visits": "2"}, "needs a name"),
        ({"name": "Vet", "amount": "20", "visits": ""}, "how many visits a year"),
    ],
)
def test_invalid_business_gets_a_message_and_is_not_saved(tmp_workbook, values, message):
    table = SpendTable(tmp_workbook)
    _add(table, **values)
    assert table.status.kind == "error"
    assert message in table.status.value
    assert tmp_workbook.businesses().empty
    assert table.form.name.value == values["name"]  # what was typed stays for fixing


def _row(table, name: str):
    """A business's row in the money trail, opened for changes."""
    business = int(table.wb.spend_table().set_index("name").loc[name, "id"])
    row = table.rows.rows[business]
    if not row.is_open:
        row.change.click()
    return row


def test_a_row_change_is_saved_and_what_follows_from_it_too(demo_workbook):
    table = SpendTable(demo_workbook)
    row = _row(table, "Montford Dental")
    row.fields["years_as_customer"].value = "12"
    assert row.status.kind == "saved"
    spend = demo_workbook.spend_table().set_index("name")
    assert spend.loc["Montford Dental", "lifetime_spend"] == 220 * 2 * 12
    assert "$5,280</b> in all" in row.line.value
    assert table.rows.rows[row.row_id] is row and row.is_open  # still open, in its place
    row.fields["frequency"].value = "per_month"  # chosen from a list: nothing to type exactly
    assert row.fields["visits_per_year"].layout.display == "none"  # asked only per visit
    assert demo_workbook.spend_table().set_index("name").loc["Montford Dental", "annual_spend"] == (
        220 * 12
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "-5", "cannot be negative"),
        ("amount", "lots", "must be a number"),
        ("name", "", "needs a name"),
        ("years_as_customer", "many", "must be a number"),
    ],
)
def test_a_refused_change_is_said_in_the_row_and_nothing_is_saved(
    demo_workbook, field, value, message
):
    table = SpendTable(demo_workbook)
    before = demo_workbook.businesses()
    row = _row(table, "Montford Dental")
    row.fields[field].value = value
    assert row.status.kind == "error" and message in row.status.value
    assert demo_workbook.businesses().equals(before)


def test_the_order_holds_while_a_row_is_open(demo_workbook):
    """Changing the spend of a business moves it in the ranking, but not under the cursor."""
    table = SpendTable(demo_workbook)
    order = list(table.rows.order)
    row = _row(table, "Westside Hardware")
    row.fields["amount"].value = "90000"
    assert table.rows.order == order
    row.change.click()  # done
    assert table.rows.order[0] == row.row_id  # now the biggest, at the top


def test_remove_asks_first_says_what_goes_with_it_and_can_be_undone(demo_workbook):
    table = SpendTable(demo_workbook)
    vet = int(demo_workbook.spend_table().set_index("name").loc["Haywood Road Veterinary", "id"])
    row = table.rows.rows[vet]
    asks_before = len(demo_workbook.asks())
    row.remove.click()
    assert len(demo_workbook.businesses()) == 12
    assert "ask" in row.question.children[0].value  # with it go its asks
    row.yes.click()
    assert "Haywood Road Veterinary" not in set(demo_workbook.businesses()["name"])
    assert len(demo_workbook.asks()) < asks_before
    assert "Removed Haywood Road Veterinary" in table.rows.status.value
    table.rows.undo_line.button.click()
    assert "Haywood Road Veterinary" in set(demo_workbook.businesses()["name"])
    assert len(demo_workbook.asks()) == asks_before  # the asks came back with it


def test_ask_tracker_records_answers_with_dates(demo_workbook):
    tracker = AskTracker(demo_workbook)
    planned = demo_workbook.asks().set_index("id")
    ask_id = int(planned.index[planned["status"] == "planned"][0])
    tracker.rows[ask_id]["status"].value = "agreed"
    tracker.rows[ask_id]["notes"].value = "Flyers on the waiting-room table"
    with _reopen(demo_workbook) as again:
        ask = again.asks().set_index("id").loc[ask_id]
    assert ask["status"] == "agreed"
    assert ask["answered_on"] == demo_workbook.today().isoformat()
    assert ask["notes"] == "Flyers on the waiting-room table"
    tracker.remover.choice.value = ask_id
    tracker.remover.button.click()
    assert ask_id in set(demo_workbook.asks()["id"])  # it asks first
    tracker.remover.yes.click()
    assert ask_id not in set(demo_workbook.asks()["id"])
    assert ask_id not in tracker.rows


def test_this_week_and_charts_follow_edits(demo_workbook):
    week = ThisWeek(demo_workbook)
    charts = MoneyTrailCharts(demo_workbook)
    assert "Greenway Lawn &amp; Garden" in week.value
    assert "Declined to reciprocate: Pisgah Auto Care" in week.value
    lawn = int(demo_workbook.spend_table().set_index("name").loc["Greenway Lawn & Garden", "id"])
    demo_workbook.add_ask(lawn, "coupon")
    assert "Greenway" not in week.value.split("Declined")[0]
    demo_workbook.update_business(lawn, amount=1000)
    ranking = charts.figures[0]
    top = ranking.layout.yaxis.categoryarray[-1]
    assert top == "Greenway Lawn &amp; Garden"
    assert max(x for t in ranking.data for x in t.x) == 1000 * 12 * 5


def test_running_a_cell_again_replaces_the_old_forms_listener(demo_workbook):
    first = SpendTable(demo_workbook)
    second = SpendTable(demo_workbook)
    ThisWeek(demo_workbook)
    assert len(demo_workbook.store._listeners) == 2
    demo_workbook.add_business(name="New place", amount=10)
    shown = lambda table: {r["name"] for r in table.rows.records}  # noqa: E731
    assert "New place" in shown(second)
    assert "New place" not in shown(first)  # no longer redrawn


def test_open_asks_show_their_talking_points_in_the_tracker(demo_workbook):
    tracker = AskTracker(demo_workbook)
    shown = " ".join(t for t in _shown_text(tracker.table) if isinstance(t, str))
    # The vet ask is planned: its talking points quote Dana's own numbers.
    assert "6 years and have spent about $3,200 with Haywood Road Veterinary" in shown
    # The garage declined: no talking points for a closed ask.
    assert "spent about $8,100 with Pisgah Auto Care" not in shown


def test_lean_widgets_share_one_layout_and_one_style_per_look():
    import ipywidgets as w

    from workbook.widgets._common import StatusLine, lean, plain_text, shared, width

    a = lean(w.Text, description="Name", style={"description_width": "90px"})
    b = lean(w.Text, description="Town", style={"description_width": "90px"})
    c = lean(w.Text, description="Notes", style={"description_width": "60px"})
    d = lean(w.Text, layout=width("300px"))
    assert a.style is b.style and a.style is not c.style
    assert c.style.description_width == "60px"
    assert a.layout is b.layout is shared(w.Layout) and d.layout is width("300px")
    assert lean(w.HTML).style is lean(w.HTML, "<b>x</b>").style
    # Status lines, headings and live views keep the plain look: the same one style.
    assert lean(w.HTML).style is plain_text() is StatusLine().style


def test_layouts_that_change_are_not_shared(demo_workbook):
    """A hidden "Show more" and a hidden remove control change their layout: sharing it would
    hide every widget of the same width with them."""
    import ipywidgets as w

    from workbook.widgets._common import shared, width

    table, tracker = SpendTable(demo_workbook), AskTracker(demo_workbook)
    assert table.rows.more.layout is not width("auto")
    assert tracker.remover.layout is not shared(w.Layout)


def test_the_money_trail_page_builds_few_widget_models(demo_workbook):
    """Every model is built by the browser before the app draws the page (issue: first paint)."""
    from ipywidgets.widgets.widget import _instances

    from workbook.widgets import BankCandidates, BankImport, PayeeRules

    before = len(_instances)
    for part in (BankImport, BankCandidates, PayeeRules, SpendTable, MoneyTrailCharts):
        part(demo_workbook)
    for part in (ThisWeek, AskBuilder, AskTracker):
        part(demo_workbook)
    assert len(_instances) - before < 260
    # A row of the money trail is a handful of models, whatever its fields.
    rows_before = len(_instances)
    table = SpendTable(demo_workbook)
    rows = len(table.rows.rows)
    form_only = len(_instances) - rows_before - 5 * rows
    assert rows == 12 and form_only < 40


def _shown_text(widget) -> list[str]:
    """Every text a widget tree shows: values, labels, placeholders, tooltips, options, and
    the cells of its data grids."""
    import pandas as pd

    found, todo, seen = [], [widget], set()
    while todo:
        part = todo.pop()
        if id(part) in seen:
            continue
        seen.add(id(part))
        for name in ("value", "description", "placeholder", "tooltip"):
            if isinstance(getattr(part, name, None), str):
                found.append(getattr(part, name))
        for option in getattr(part, "options", None) or ():
            found.append(str(option[0] if isinstance(option, tuple) else option))
        if isinstance(getattr(part, "data", None), pd.DataFrame):
            found += [str(v) for v in part.data.astype(str).to_numpy().ravel()]
        todo.extend(getattr(part, "children", ()) or ())
    return found


def test_gaps_in_stored_dates_show_as_nothing_on_every_page(demo_workbook):
    """A nullable text column with some rows filled is read by pandas with NaN in the gaps,
    which prints as 'nan' and counts as true. With a gap in each kind of stored date (an ask
    from before dates were kept, a goal and a promise without one, one follow-up ticked, one
    business edited, one contact with a connection date), no page, plan or calendar shows a
    nan, None or NaT, and none breaks."""
    import re

    from workbook import report, widgets
    from workbook.report.html import plan_body

    wb = demo_workbook
    asks = wb.asks()
    wb.store.update("asks", int(asks.loc[asks["status"] != "planned", "id"].iloc[0]),
                    {"asked_on": None, "answered_on": None})  # fmt: skip
    wb.add_goal("A goal with no date")
    someone = int(wb.contacts()["id"].iloc[0])
    wb.add_promise(someone, what="Someday, a coffee")
    wb.tick_follow_up(int(wb.follow_ups()["id"].iloc[-1]))
    wb.update_business(int(wb.businesses()["id"].iloc[0]), amount=80)
    wb.store.update("contacts", someone, {"connected_on": "2024-05-01"})
    missing = re.compile(r"\b(nan|NaN|None|NaT)\b")
    for name in widgets.__all__:
        if name == "CohortDashboard":  # a coach's, over a folder of workbooks
            continue
        shown = _shown_text(getattr(widgets, name)(wb))
        assert not [t for t in shown if missing.search(t)], name
    plan = report.gather(wb)
    data = {k: v for k, v in plan.items() if k != "words"}  # fixed words: "None picked yet"
    assert not missing.search(plan_body(plan)) and not missing.search(str(data))
    assert not missing.search(report.to_ics(wb).decode())
