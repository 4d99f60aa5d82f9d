import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import workbook
from workbook import money_trail
from workbook.profile import Profile, format_money, round_for_speech


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1,200", 1200.0),
        ("$45.50", 45.5),
        (" 3 ", 3.0),
        (7, 7.0),
        ("", 0.0),
        (None, 0.0),
        ("€80", 80.0),
    ],
)
def test_numbers_as_people_type_them(typed, expected):
    assert money_trail.parse_number(typed, "Amount") == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "must be a number"),
        ("-5", "cannot be negative"),
        (-1, "cannot be negative"),
        ("nan", "ordinary number"),
        (True, "must be a number"),
    ],
)
def test_bad_numbers_are_explained(typed, message):
    with pytest.raises(workbook.InputError, match=message):
        money_trail.parse_number(typed, "Amount")


def test_referrals_must_be_whole():
    with pytest.raises(workbook.InputError, match="whole number"):
        money_trail.clean_business({"referrals_sent": "2.5"}, partial=True)


@pytest.mark.parametrize("typed", ["monthly", "Per Month", "per_month", "month"])
def test_frequency_words(typed):
    assert money_trail.parse_frequency(typed) == "per_month"


def test_a_business_needs_a_name():
    with pytest.raises(workbook.InputError, match="needs a name"):
        money_trail.clean_business({"name": "  ", "amount": 5})
    with pytest.raises(workbook.InputError, match="needs a name"):
        money_trail.clean_business({"amount": 5})
    assert money_trail.clean_business({"amount": 5}, partial=True) == {"amount": 5.0}


def test_annual_and_lifetime_spend(demo_workbook):
    spend = demo_workbook.spend_table().set_index("name")
    stylist = spend.loc["Blue Ridge Hair Studio"]
    assert stylist["annual_spend"] == 65 * 10
    assert stylist["lifetime_spend"] == 65 * 10 * 8
    lawn = spend.loc["Greenway Lawn & Garden"]
    assert lawn["annual_spend"] == 140 * 12
    assert spend.loc["Ridgeline CPA", "lifetime_spend"] == 850 * 7
    # Biggest investment first.
    assert list(demo_workbook.spend_table()["lifetime_spend"]) == sorted(
        spend["lifetime_spend"], reverse=True
    )


frames = st.lists(
    st.tuples(
        st.floats(0, 10_000, allow_nan=False),
        st.sampled_from(list(money_trail.FREQUENCIES)),
        st.floats(0, 400, allow_nan=False),
        st.floats(0, 60, allow_nan=False),
    ),
    max_size=20,
)


@given(frames)
def test_spend_rule_holds_for_any_table(rows):
    table = pd.DataFrame(
        [
            {
                "id": i,
                "name": f"b{i}",
                "amount": a,
                "frequency": f,
                "visits_per_year": v,
                "years_as_customer": y,
                "referrals_sent": 0,
            }
            for i, (a, f, v, y) in enumerate(rows)
        ],
        columns=[
            "id",
            "name",
            "amount",
            "frequency",
            "visits_per_year",
            "years_as_customer",
            "referrals_sent",
        ],
    )
    spend = money_trail.with_spend(table)
    for row in spend.to_dict("records"):
        annual = money_trail.annual_spend(row["amount"], row["frequency"], row["visits_per_year"])
        assert row["annual_spend"] == pytest.approx(annual)
        assert row["lifetime_spend"] == pytest.approx(annual * row["years_as_customer"])
    assert list(spend["lifetime_spend"]) == sorted(spend["lifetime_spend"], reverse=True)


def test_talking_points_quote_the_participants_own_numbers(demo_workbook):
    spend = demo_workbook.spend_table().set_index("id")
    stylist = spend[spend["name"] == "Blue Ridge Hair Studio"].iloc[0].to_dict()
    points = money_trail.talking_points(stylist, "newsletter_ad", "", demo_workbook.profile())
    text = " ".join(points)
    assert "8 years" in text and "$5,200" in text and "5 customers" in text
    assert "Whitfield Homes" in text
    assert "retired homeowners" in text
    line = money_trail.relationship_line(stylist, "USD")
    assert line == "8 years a client, about $5,200 spent, 5 people referred"


def test_other_ask_needs_words():
    with pytest.raises(workbook.InputError, match="Say what you will ask"):
        money_trail.clean_ask("other", "  ")
    with pytest.raises(workbook.InputError, match="Pick an ask"):
        money_trail.clean_ask("bribe")
    points = money_trail.talking_points(
        {"name": "Café", "years_as_customer": 1, "lifetime_spend": 0, "referrals_sent": 0},
        "other",
        "Let me run a tasting night",
        Profile(name="Zoë"),
    )
    assert points[-1] == "Would you let me run a tasting night?"
    assert points[0] == "I have been your customer for 1 year."


def test_ask_tracking_dates_and_declined_flag(demo_workbook):
    wb = demo_workbook
    spend = wb.spend_table().set_index("name")
    florist = int(spend.loc["Sunflower Florist", "id"])
    ask_id = wb.add_ask(florist, "display_cards")
    ask = wb.asks().set_index("id").loc[ask_id]
    assert ask["status"] == "planned" and ask["planned_on"] == wb.today().isoformat()
    wb.set_ask_status(ask_id, "asked")
    wb.set_ask_status(ask_id, "declined")
    ask = wb.asks().set_index("id").loc[ask_id]
    assert ask["asked_on"] == ask["answered_on"] == wb.today().isoformat()
    assert wb.spend_table().set_index("name").loc["Sunflower Florist", "declined"]
    wb.set_ask_status(ask_id, "planned")
    ask = wb.asks().set_index("id").loc[ask_id]
    assert pd.isna(ask["asked_on"]) and pd.isna(ask["answered_on"])
    with pytest.raises(workbook.InputError):
        wb.set_ask_status(ask_id, "maybe")


def test_this_week_is_most_invested_without_an_ask(demo_workbook):
    picks = demo_workbook.this_week()
    # Lawn care ($8,400) and the printer ($7,200) lead; the garage has an ask already.
    assert list(picks["name"]) == ["Greenway Lawn & Garden", "Print Asheville"]


def test_deleting_a_business_removes_its_asks(demo_workbook):
    wb = demo_workbook
    stylist = int(wb.spend_table().set_index("name").loc["Blue Ridge Hair Studio", "id"])
    assert (wb.asks()["business_id"] == stylist).sum() == 2
    wb.delete_business(stylist)
    assert (wb.asks()["business_id"] == stylist).sum() == 0


@pytest.mark.parametrize(
    ("amount", "spoken"), [(3140, 3100), (487, 490), (12_600, 13_000), (45, 45), (5200, 5200)]
)
def test_round_for_speech(amount, spoken):
    assert round_for_speech(amount) == spoken


def test_money_formats():
    assert format_money(5200, "USD") == "$5,200"
    assert format_money(6.5, "GBP") == "£6.50"
    assert format_money(3140, "EUR", approx=True) == "€3,100"
    assert format_money(10, "XYZ") == "XYZ 10"


def test_profile_checks(tmp_workbook):
    with pytest.raises(workbook.InputError, match="three-letter"):
        tmp_workbook.set_profile(currency="dollars")
    with pytest.raises(workbook.InputError, match="not a time zone"):
        tmp_workbook.set_profile(time_zone="Mars/Olympus")
    tmp_workbook.set_profile(time_zone="Asia/Shanghai", currency="cny")
    assert tmp_workbook.profile().currency == "CNY"
    assert tmp_workbook.profile().currency == "CNY"
