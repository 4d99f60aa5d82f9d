"""The participant's locale: money and numbers written as where they live, through Babel (the
expected values are Babel's own output, or CLDR's well-known forms), suggested from the
currency and time zone; and a bank file's ambiguous dates read as dates are written there."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from babel import numbers

import workbook
from workbook import locales
from workbook.profile import format_money

# Locale, its currency, and how 1,234.50 is written there (CLDR, via Babel).
WRITTEN = [
    ("en-US", "USD"), ("en-GB", "GBP"), ("en-AU", "AUD"), ("en-IN", "INR"), ("de-DE", "EUR"),
    ("de-AT", "EUR"), ("de-CH", "CHF"), ("es-ES", "EUR"), ("es-MX", "MXN"),
]  # fmt: skip


@pytest.mark.parametrize(("locale", "currency"), WRITTEN)
def test_money_is_written_as_babel_writes_it(locale, currency):
    where = locale.replace("-", "_")
    assert format_money(234.5, currency, locale=locale) == numbers.format_currency(
        234.5, currency, locale=where
    )
    # Past a thousand and on round sums, no cents: the locale's own pattern without them.
    pattern = numbers.Locale.parse(where).currency_formats["standard"].pattern
    whole = pattern.replace(".00", "")
    assert format_money(123456.4, currency, locale=locale) == numbers.format_currency(
        123456, currency, locale=where, format=whole, currency_digits=False
    )


def test_the_forms_people_know():
    assert format_money(123456, "INR", locale="en-IN") == "₹1,23,456"  # lakh grouping
    assert format_money(1234.5, "EUR", locale="de-DE") == "1.234\xa0€"  # CLDR's no-break space
    assert format_money(234.5, "EUR", locale="de-DE") == "234,50\xa0€"
    assert format_money(1234.5, "CHF", locale="de-CH").replace("’", "'") == "CHF\xa01'234"
    assert format_money(9340, "GBP", approx=True, locale="en-GB") == "£9,300"
    assert format_money(9340, "EUR", approx=True, locale="de-DE") == "9.300\xa0€"
    assert format_money(10, "XYZ") == "XYZ 10"  # a code of letters stands apart from digits
    assert format_money(-1200, "USD") == "-$1,200"


@pytest.mark.parametrize(
    ("currency", "time_zone", "suggested"),
    [
        ("USD", "America/New_York", "en-US"), ("GBP", "", "en-GB"), ("GBP", "Europe/London", "en-GB"),
        ("EUR", "Europe/Berlin", "en-DE"), ("EUR", "Europe/Vienna", "en-AT"),
        ("CHF", "Europe/Zurich", "en-CH"), ("INR", "Asia/Kolkata", "en-IN"), ("INR", "", "en-IN"),
        ("AUD", "Australia/Sydney", "en-AU"), ("MXN", "", "es-MX"), ("EUR", "", "en-US"),
        ("", "", "en-US"), ("USD", "Not/AZone", "en-US"),
    ],
)  # fmt: skip
def test_the_locale_is_suggested_from_currency_and_time_zone(currency, time_zone, suggested):
    assert locales.suggest(currency, time_zone) == suggested


def test_the_profile_keeps_a_locale_and_every_amount_follows_it(demo_workbook):
    wb = demo_workbook
    assert wb.profile().locale == "" and wb.profile().writes_in == "en-US"
    wb.set_profile(locale="de_de")
    assert wb.profile().locale == "de-DE"
    with pytest.raises(workbook.InputError, match="is not a language and country"):
        wb.set_profile(locale="xx-QQ")
    assert wb.profile().locale == "de-DE"
    wb.set_profile(currency="EUR")
    from workbook.widgets import SpendTable

    table = SpendTable(wb)
    assert "€</b> a year" in table.totals.value and "$" not in table.totals.value
    points = " ".join(" ".join(p) for p in wb.asks()["talking_points"])
    assert "€ with" in points and "," not in points.split("about ")[1].split("€")[0]
    from workbook import plots

    figure = plots.money_trail(wb.spend_table(), "EUR", locale="de-DE")
    assert figure.layout.separators == ",." and figure.layout.xaxis.ticksuffix == " €"
    assert "{x:,.0f} €" in figure.data[0].hovertemplate


def test_the_plan_pdf_writes_money_as_the_participant_does(demo_workbook, tmp_path):
    from workbook.report.pdf import to_pdf

    wb = demo_workbook
    wb.set_profile(currency="EUR", locale="de-DE")
    pdf, _note = to_pdf(wb, with_charts=False)
    (tmp_path / "plan.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "plan.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    annual = format_money(wb.spend_table()["annual_spend"].sum(), "EUR", locale="de-DE")
    assert annual == "10.715\xa0€"
    assert "You spend 10.715 € a year" in text.replace("\xa0", " ").replace("\n", " ")
    assert "$" not in text


AMBIGUOUS = (
    b"Date,Description,Amount\n03/04/2025,Corner Cafe,-4.50\n05/06/2025,Print Works,-40.00\n"
)


@pytest.mark.parametrize(
    ("currency", "time_zone", "day_first", "first"),
    [
        ("USD", "America/New_York", None, dt.date(2025, 3, 4)),  # as before: month first
        ("GBP", "Europe/London", None, dt.date(2025, 4, 3)),  # a UK participant: 3 April
        ("GBP", "Europe/London", False, dt.date(2025, 3, 4)),  # still theirs to override
        ("EUR", "Europe/Berlin", None, dt.date(2025, 4, 3)),
    ],
)
def test_a_bank_files_ambiguous_dates_follow_where_the_participant_lives(
    tmp_path, currency, time_zone, day_first, first
):
    source = tmp_path / "export.csv"
    source.write_bytes(AMBIGUOUS)
    with workbook.open(tmp_path / "p.sqlite") as wb:
        wb.set_profile(currency=currency, time_zone=time_zone)
        result = wb.import_transactions(source, day_first=day_first)
        dates = sorted(wb.transactions()["date"].dt.date)
        assert dates[0] == first
        said = " ".join(result.warnings)
        if day_first is None:
            assert ("day first" if first.day == 3 else "month first") in said


def test_a_banks_known_habit_wins_over_the_locale(tmp_path):
    # Chase writes month first: a UK participant's Chase export is still read that way.
    chase = (
        b"Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\n"
        b"DEBIT,03/04/2025,CORNER CAFE,-4.50,DEBIT_CARD,100.00,,\n"
    )
    source = tmp_path / "chase.csv"
    source.write_bytes(chase)
    with workbook.open(tmp_path / "p.sqlite") as wb:
        wb.set_profile(currency="GBP", time_zone="Europe/London")
        wb.import_transactions(source)
        assert list(wb.transactions()["date"].dt.date) == [dt.date(2025, 3, 4)]


def test_the_profile_form_offers_locales_in_words(tmp_workbook):
    from workbook.widgets import ProfileForm

    wb = tmp_workbook
    wb.set_profile(currency="GBP", time_zone="Europe/London")
    form = ProfileForm(wb)
    field = form.fields["locale"]
    assert field.placeholder.startswith(
        "en-GB · English (United Kingdom), from your language, currency"
    )
    assert "de-CH · German (Switzerland)" in field.options
    field.value = "en-IN · English (India)"
    assert wb.profile().locale == "en-IN" and form.status["locale"].kind == "saved"
    field.value = "Klingon"
    assert form.status["locale"].kind == "error" and "not a language and country" in (
        form.status["locale"].value
    )
    assert wb.profile().locale == "en-IN"  # what was saved stays
    assert ProfileForm(wb).fields["locale"].value == "en-IN · English (India)"


def test_a_room_of_mixed_currencies_gets_a_plain_number(tmp_path):
    from workbook import cohort
    from workbook.report.cohort import report_body

    folder = tmp_path / "cohort"
    folder.mkdir()
    for name, currency, amount in (("Ann", "USD", 1000), ("Bea", "GBP", 2345)):
        with workbook.open(folder / f"{name.lower()}.sqlite") as wb:
            wb.set_profile(name=name, currency=currency)
            wb.add_business(name="Corner Cafe", amount=amount)
    assert "spend 3,345 (mixed currencies) a year" in report_body(cohort.load(folder))
