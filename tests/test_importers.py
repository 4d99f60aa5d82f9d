"""Importers on byte-exact fixtures of real exports (tests/fixtures/imports) and on BytesIO."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import workbook
from workbook.importers import normalise, read_contacts, read_transactions
from workbook.importers._source import Source, decode, load
from workbook.importers._table import read_rows
from workbook.importers._values import parse_amount, parse_amounts, parse_dates

IMPORTS = Path(__file__).resolve().parent / "fixtures" / "imports"


CONTACT_COLUMNS = [
    "first_name", "last_name", "name", "email", "company", "position", "phone", "url",
    "connected_on", "source",
]  # fmt: skip
TRANSACTION_COLUMNS = [
    "date", "amount", "description", "payee", "processor", "account", "fitid", "pending", "source",
]  # fmt: skip


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


# -- contacts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["linkedin_connections.csv", "Basic_LinkedInDataExport_11-20-2026.zip"],
)
def test_linkedin_preamble_commas_rows_and_zip(name):
    people = read_contacts(IMPORTS / name)
    assert list(people.columns) == CONTACT_COLUMNS
    assert people["connected_on"].dtype == "datetime64[ns]"
    assert list(people["name"]) == [
        "Maria Gonzalez", "Tom O'Neill", "Zoë Łukasz", "王 芳", "Priya Shah",
    ]  # fmt: skip
    tom = people.iloc[1]
    assert tom["company"] == "Oak & Pine Builders, Inc."  # a quoted comma
    assert tom["email"] == ""  # hidden by his privacy setting: normal
    assert tom["connected_on"] == day("2019-11-02")
    assert people.iloc[2]["company"] == "Sunny Paws Pet Care 🐾"
    assert set(people["source"]) == {"LinkedIn"}
    assert people.attrs["warnings"] == ["Left out 2 empty rows."]


def test_linkedin_2020_layout_without_url_or_preamble():
    people = read_contacts(IMPORTS / "linkedin_2020.csv")
    assert list(people["name"]) == ["Maria Gonzalez", "Ken Adams"]
    assert list(people["url"]) == ["", ""]
    assert people.iloc[1]["connected_on"] == day("2019-06-04")


def test_google_exports_old_and_new():
    legacy = read_contacts(IMPORTS / "google_legacy.csv")
    rosa = legacy.iloc[0]
    assert (rosa["name"], rosa["email"]) == ("Rosa Delgado", "rosa@delgadolaw.com")  # first of :::
    assert (rosa["company"], rosa["position"]) == ("Delgado Law", "Estate Planning Attorney")
    assert rosa["url"] == "https://delgadolaw.com"
    current = read_contacts(IMPORTS / "google_contacts.csv")  # BOM, multi-line notes
    assert list(current["name"]) == ["Hannah Kim", "José Ramírez"]
    assert current.iloc[0]["email"] == "hannah@kiminspect.com"
    assert current.iloc[1]["company"] == "Ramírez Landscaping, LLC"
    assert current.iloc[1]["phone"] == "512-555-0177"
    assert set(current["source"]) == {"Google"}


@pytest.mark.parametrize(
    ("name", "person", "company", "email"),
    [
        ("outlook_contacts.csv", "Renée Dubois", "Café Crème", "renee@cafecreme.com"),
        ("outlook_french.csv", "Françoise Lefèvre", "Lefèvre Notaires", "f.lefevre@notaires.fr"),
        (
            "outlook_german.csv",
            "Jürgen Müller",
            "Müller Steuerberatung",
            "j.mueller@stb-mueller.de",
        ),
    ],
)
def test_outlook_cp1252_in_three_languages(name, person, company, email):
    assert b"\xe9" in (IMPORTS / name).read_bytes() or b"\xfc" in (IMPORTS / name).read_bytes()
    first = read_contacts(IMPORTS / name).iloc[0]
    assert (first["name"], first["company"], first["email"]) == (person, company, email)
    assert first["source"] == "Outlook"


def test_outlook_on_a_polish_windows_writes_windows_1250():
    assert b"\xa3ukasz" in (IMPORTS / "outlook_polish.csv").read_bytes()  # Ł in Windows-1250
    people = read_contacts(IMPORTS / "outlook_polish.csv")
    assert list(people["name"]) == ["Łukasz Wałęsa", "Zofia Kowalczyk"]
    assert list(people["company"]) == ["Żabka Polska", "Biuro Rachunkowe Źródło"]
    assert people.iloc[1]["position"] == "Księgowa"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Płatność kartą, Żabka, Wałęsa", "cp1250"),  # ł ą ż read as ³ ¹ ¯ in 1252
        ("Łukasz;Szczecin", "cp1250"),  # one name opening with Ł is enough
        ("Příliš žluťoučký kůň", "cp1250"),  # Czech: ť has no place in 1252
        ("Jürgen Müller;Straße;Café Crème;Lefèvre", "cp1252"),  # the same bytes either way
        ("Barclays;£120.00;£5;¼ share", "cp1252"),  # a pound sign before figures
        ("¿Qué tal? Señora Núñez, São Paulo", "cp1252"),
    ],
)
def test_text_that_is_not_utf8_is_read_in_the_code_page_that_makes_words(text, encoding):
    data = f"Date,Description\n2024-01-15,{text}\n".encode(encoding)
    assert decode(Source("export.csv", data)) == data.decode(encoding)


def test_vcard_21_quoted_printable_soft_breaks():
    people = read_contacts(IMPORTS / "android_contacts.vcf")
    zoe = people.iloc[0]
    assert zoe["name"] == "Zoë Łukasz"
    assert (zoe["first_name"], zoe["last_name"]) == ("Zoë", "Łukasz")
    assert zoe["company"] == "Sunny Paws Pet Care and Dog Training Academy"
    assert people.iloc[1]["phone"] == "512-555-0122"


def test_vcard_30_grouped_email_escaped_org_photo_and_missing_fn():
    people = read_contacts(IMPORTS / "apple_contacts.vcf")
    linh = people.iloc[0]
    assert linh["email"] == "linh@ntpartners.example"  # item1.EMAIL
    assert linh["company"] == "Nguyen, Tran & Partners"
    assert people.iloc[1]["name"] == "Chidi Okafor"  # built from N
    assert set(people["source"]) == {"vCard"}


def test_vcard_40_tel_uri():
    camille = read_contacts(IMPORTS / "nextcloud_contacts.vcf").iloc[0]
    assert camille["phone"] == "+33-1-23-45-67-89"
    assert camille["url"] == "https://martin-deco.example"


def test_contacts_from_bytesio_with_and_without_a_name():
    data = (IMPORTS / "linkedin_connections.csv").read_bytes()
    assert len(read_contacts(io.BytesIO(data))) == 5
    named = io.BytesIO(data)
    named.name = "Connections.csv"
    assert len(read_contacts(named)) == 5


# -- transactions: one table for every bank --------------------------------------------

# file, source, rows, (index, date, amount, payee, processor) of one row
BANKS = [
    ("chase_checking.csv", "Chase CSV", 8, (0, "2024-01-14", -45.0, "Joes Barber Shop", "Square")),
    ("chase_card.csv", "Chase card CSV", 3, (0, "2024-01-15", -38.40, "Frenchys Outpost B", "Toast")),
    ("bofa_checking.csv", "Bank of America CSV", 4, (3, "2024-01-28", -65.0, "Sunny Paws Pet Care", "")),
    ("bofa_card.csv", "Bank of America card CSV", 2, (1, "2024-01-22", -45.0, "Joes Barber Shop", "Square")),
    ("wells_fargo.csv", "Wells Fargo CSV", 4, (1, "2024-01-16", -120.0, "Green Thumb Lawn Care", "")),
    ("capital_one.csv", "Capital One CSV", 3, (0, "2024-01-11", -120.0, "Green Thumb Lawn Care", "")),
    ("citi.csv", "Citi CSV", 3, (1, "2024-01-21", 2000.05, "Autopay Auto-Pmt", "")),
    ("amex.csv", "American Express CSV", 2, (0, "2024-01-15", -120.0, "Green Thumb Lawn Care", "")),
    ("amex_uk.csv", "American Express CSV", 2, (1, "2024-01-03", -28.0, "St Albans Florist", "")),
    ("discover.csv", "Discover CSV", 3, (0, "2024-01-10", -24.5, '"The" Taco Shack', "Toast")),
    ("monzo.csv", "Monzo CSV", 3, (1, "2024-01-15", -32.0, "Hair by Jo", "")),
    ("starling.csv", "Starling CSV", 2, (1, "2024-01-14", -28.0, "St Albans Florist", "")),
    ("barclays.csv", "Barclays CSV", 3, (0, "2024-01-05", -28.0, "St Albans Florist", "")),
    ("nationwide.csv", "Nationwide CSV", 3, (0, "2023-11-21", -32.0, "Hair By Jo St Albans", "")),
    ("lloyds.csv", "Lloyds CSV", 2, (0, "2024-01-05", -28.0, "St Albans Florist", "")),
    ("n26.csv", "N26 CSV", 2, (1, "2024-01-05", -120.5, "Tierarztpraxis Dr. Weiß", "")),
    ("revolut.csv", "Revolut CSV", 3, (2, "2024-01-07", -100.5, "To EUR", "")),
    ("dkb.csv", "DKB CSV", 4, (1, "2023-11-02", -3.18, "Bäckerei Körner", "")),
    ("dkb_old.csv", "DKB CSV", 2, (0, "2022-12-15", -35.0, "Friseur Schnittpunkt", "")),
    ("sparkasse.csv", "Sparkasse CSV", 2, (0, "2023-12-28", -28.5, "Blumen Mueller", "")),
    ("erste.csv", "CSV", 2, (1, "2024-01-20", -1262.0, "Hausverwaltung Gruber", "")),
    ("semicolon_trailing_minus.csv", "CSV", 3, (2, "2024-01-31", 2500.0, "Salaris", "")),
    ("chase.qfx", "OFX", 4, (0, "2024-01-15", -45.0, "Joes Barber Shop", "Square")),
    ("qfx_saved_as.CSV", "OFX", 2, (1, "2024-01-19", -180.0, "Happy Paws Vet Clinic", "")),
    ("wells_fargo.qfx", "OFX", 2, (0, "2024-01-15", -45.0, "Joes Barber Shop", "Square")),
    ("quirky_header.ofx", "OFX", 2, (0, "2022-10-28", -12.5, "Kaffeehaus Zentral", "")),
    ("ofxstatement.ofx", "OFX", 1, (0, "2024-01-19", -180.0, "Happy Paws Vet Clinic", "")),
    ("card_ofx2.ofx", "OFX", 2, (0, "2024-01-24", -65.0, "Sunny Paws Pet Care & Training", "")),
    ("quicken.qif", "QIF", 5, (0, "2024-01-15", -45.0, "Joes Barber Shop", "Square")),
    ("quicken_uk.qif", "QIF", 2, (0, "2024-01-15", -32.0, "Hair By Jo", "")),
]  # fmt: skip


@pytest.mark.parametrize(("name", "source", "rows", "expected"), BANKS, ids=[b[0] for b in BANKS])
def test_every_bank_layout(name, source, rows, expected):
    found = read_transactions(IMPORTS / name)
    assert list(found.columns) == TRANSACTION_COLUMNS
    assert found["date"].dtype == "datetime64[ns]"
    assert found["amount"].dtype == float
    assert found["pending"].dtype == bool
    assert len(found) == rows
    assert set(found["source"]) == {source}
    index, date, amount, payee, processor = expected
    row = found.iloc[index]
    assert row["date"] == day(date)
    assert row["amount"] == pytest.approx(amount)
    assert row["payee"] == payee
    assert row["processor"] == processor


def test_chase_trailing_comma_does_not_shift_columns():
    found = read_transactions(IMPORTS / "chase_checking.csv")
    assert found["amount"].tolist() == [-45.0, -23.18, 3200.0, -180.0, -5.0, -5.0, -150.0, -12.0]
    assert found.iloc[1]["description"] == "BARNES & NOBLE #2231"  # &amp; unescaped
    assert found.iloc[2]["payee"] == "Acme Realty"  # from the ACH wrapper


def test_bank_of_america_summary_and_beginning_balance_are_left_out():
    found = read_transactions(IMPORTS / "bofa_checking.csv")
    assert found["amount"].tolist() == [-120.0, -89.99, 4500.0, -65.0]  # "(65.00)" negative
    assert found.iloc[1]["payee"] == "Comcast"
    assert found.attrs["warnings"] == ["Left out 1 balance line."]


def test_card_exports_with_positive_charges_are_turned_round():
    for name in ("amex.csv", "discover.csv"):
        amounts = read_transactions(IMPORTS / name)["amount"]
        assert amounts.iloc[0] < 0 and amounts.iloc[-1] > 0  # a charge, then a payment


def test_split_columns_with_each_banks_sign_convention():
    assert read_transactions(IMPORTS / "capital_one.csv")["amount"].tolist() == [-120, -180, 300]
    assert read_transactions(IMPORTS / "citi.csv")["amount"].tolist() == [-45, 2000.05, -180]
    assert read_transactions(IMPORTS / "nationwide.csv")["amount"].tolist() == [-32, -55, 120]
    assert read_transactions(IMPORTS / "lloyds.csv")["amount"].tolist() == [-28, 1500]


def test_pending_kept_and_marked_reverted_left_out():
    revolut = read_transactions(IMPORTS / "revolut.csv")
    assert revolut["pending"].tolist() == [False, True, False]
    assert "Amazon" not in set(revolut["payee"])
    assert revolut.iloc[1]["date"] == day("2024-01-05")  # no completed date yet: started date
    assert revolut.iloc[2]["amount"] == pytest.approx(-100.5)  # the fee counts
    assert "Left out 1 reverted or cancelled transaction." in revolut.attrs["warnings"]
    dkb = read_transactions(IMPORTS / "dkb.csv")
    assert dkb["pending"].tolist() == [False, False, False, True]
    assert dkb["amount"].tolist() == [-35.0, -3.18, 2500.0, -21.8]
    assert dkb.iloc[2]["payee"] == "Acme GmbH"  # money in: the payer is the other party
    assert read_transactions(IMPORTS / "citi.csv")["pending"].tolist() == [False, False, True]


def test_dkb_old_latin1_abschluss_row_is_a_balance_line():
    found = read_transactions(IMPORTS / "dkb_old.csv")
    assert (IMPORTS / "dkb_old.csv").read_bytes().count(b"\xe4") >= 1  # ä in ISO-8859-1
    assert found["amount"].tolist() == [-35.0, 1000.0]
    assert found.attrs["warnings"] == ["Left out 1 balance line."]


def test_utf16_with_bom_and_spaces_as_thousands():
    assert (IMPORTS / "erste.csv").read_bytes()[:2] == b"\xff\xfe"
    found = read_transactions(IMPORTS / "erste.csv")
    assert found["date"].tolist() == [day("2024-01-15"), day("2024-01-20")]
    assert found["amount"].tolist() == [-35.0, -1262.0]


def test_repeated_heading_rows_are_left_out_and_listed():
    found = read_transactions(IMPORTS / "repeated_headings.csv")
    assert len(found) == 7
    assert found.attrs["warnings"] == ["Left out 1 repeated heading row."]


def test_ofx_dates_are_the_banks_dates_not_utc():
    # 20240115200000.000[-5:EST] is 8 pm on the 15th in New York, the 16th in UTC.
    found = read_transactions(IMPORTS / "chase.qfx")
    assert found.iloc[0]["date"] == day("2024-01-15")
    assert found.iloc[0]["description"] == "SQ *JOES BARBER SHOP AUSTIN TX"  # NAME + MEMO
    assert found["account"].tolist() == ["000123456789"] * 4
    assert found["fitid"].iloc[2] == found["fitid"].iloc[3]  # Chase reuses FITIDs


def test_quicken_dates_and_the_payee_code():
    found = read_transactions(IMPORTS / "quicken.qif")
    assert found["date"].tolist() == [
        day("2024-01-15"), day("2024-01-03"), day("2024-01-31"), day("2024-02-02"),
        day("1999-12-20"),
    ]  # fmt: skip
    assert found.iloc[2]["payee"] == "Interest Payment"  # P + INTEREST PAYMENT
    assert found.iloc[3]["amount"] == -200.0  # the record's total, not its split lines
    assert set(found["account"]) == {"Checking"}


def test_day_order_is_decided_once_per_file():
    uk = read_transactions(IMPORTS / "quicken_uk.qif")  # 15/01 settles it: 03/01 is 3 January
    assert uk["date"].tolist() == [day("2024-01-15"), day("2024-01-03")]
    assert uk.attrs["warnings"] == []
    unsure = read_transactions(IMPORTS / "quicken_ambiguous.qif")
    assert unsure["date"].tolist() == [day("2024-03-04"), day("2024-05-06")]
    assert "month first" in unsure.attrs["warnings"][0]
    chosen = read_transactions(IMPORTS / "quicken_ambiguous.qif", day_first=True)
    assert chosen["date"].tolist() == [day("2024-04-03"), day("2024-06-05")]
    assert chosen.attrs["warnings"] == []


def test_a_banks_habit_decides_when_the_values_cannot():
    rows = "Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category\n"
    rows += "03/04/2024,Hair by Jo,HAIR,CARD,-32.00,1.00,PERSONAL_CARE\n"
    found = read_transactions(io.BytesIO(rows.encode()))
    assert found.iloc[0]["date"] == day("2024-04-03")  # Starling is British: day first
    assert found.attrs["warnings"] == []


# -- errors ----------------------------------------------------------------------------

ERRORS = [
    ("empty.csv", "is empty"),
    ("statement.csv", "is a PDF"),
    ("spreadsheet.csv", "Excel spreadsheet"),
    ("garbage.csv", "binary data"),
    ("unknown_layout.csv", "The first row has: Foo, Bar, Baz."),
    ("chase_headings_only.csv", "has no transactions"),
]


@pytest.mark.parametrize(("name", "words"), ERRORS, ids=[e[0] for e in ERRORS])
def test_bad_bank_files_get_words_naming_the_file(name, words):
    with pytest.raises(workbook.InputError) as caught:
        read_transactions(IMPORTS / name)
    assert str(caught.value).startswith(name + ":")
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "is empty"),
        (b"\xef\xbb\xbf\r\n\r\n", "is empty"),
        (b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n", "no contacts"),
        (b"Foo;Bar\n1;2\n", "not a contacts export"),
        (b"%PDF-1.4 ...", "is a PDF"),
    ],
)
def test_bad_contact_files(data, words):
    with pytest.raises(workbook.InputError, match=words):
        read_contacts(io.BytesIO(data))


def test_a_zip_without_connections_says_what_it_holds():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Profile.csv", "First Name\nDana\n")
    with pytest.raises(workbook.InputError, match="Profile.csv"):
        read_contacts(io.BytesIO(buffer.getvalue()))


def test_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(workbook.InputError, match="no such file"):
        read_transactions(tmp_path / "nope.csv")
    with pytest.raises(workbook.InputError, match="is a folder"):
        read_contacts(tmp_path)


def test_rows_with_too_many_cells_are_listed_not_fatal():
    text = "Date,Description,Amount\n2024-01-02,Coffee,-4.50\n2024-01-03,Bad,row,-1,extra\n"
    found = read_transactions(io.BytesIO(text.encode()))
    assert found["description"].tolist() == ["Coffee"]
    assert any("more columns than the headings" in w for w in found.attrs["warnings"])


def test_rows_without_a_date_or_amount_are_listed_with_their_line():
    text = "Date,Description,Amount\n2024-01-02,Coffee,-4.50\nsoon,Tea,-3\n2024-01-04,Cake,lots\n"
    found = read_transactions(io.BytesIO(text.encode()))
    assert found["description"].tolist() == ["Coffee"]
    assert found.attrs["warnings"] == [
        "Left out line 3: no date this workbook can read ('soon').",
        "Left out line 4: no amount ('Cake').",
    ]


# -- payees ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "payee", "processor"),
    [
        ("SQ *JOES BARBER SHOP #0042 AUSTIN TX", "Joes Barber Shop", "Square"),
        ("SQ *MYPHARMACY*#02943", "Mypharmacy", "Square"),
        ("TST*FRENCHYS OUTPOST B DUNEDIN FL0005123AA", "Frenchys Outpost B", "Toast"),
        ("PAYPAL *HOME DEPOT", "Home Depot", "PayPal"),
        ("ROCKETRIDES* RIDE 1234", "Rocketrides", "Stripe"),
        ("PURCHASE AUTHORIZED ON 01/14 SAFEWAY #1234 PORTLAND OR S384014567890123 CARD 1234", "Safeway", ""),
        ("CHECKCARD 0115 SHELL OIL 57442 HOUSTON TX", "Shell Oil", ""),
        ("POS DEBIT WALGREENS 04521", "Walgreens", ""),
        ("STARBUCKS STORE 12345 SEATTLE WA 98101", "Starbucks", ""),
        ("GREEN THUMB LAWN CARE AUSTIN TX 78701", "Green Thumb Lawn Care", ""),
        ("ORIG CO NAME:COMCAST ORIG ID:123 DESC DATE:0115", "Comcast", ""),
        ("TESCO STORES 3345 ON 30 OCT BCP", "Tesco Stores", ""),
        ("ATM WITHDRAWAL AUTHORIZED ON 02/03 MAIN ST BRANCH", "ATM withdrawal", ""),
        ("Hair by Jo", "Hair by Jo", ""),
        ("O'BRIENS PUB", "O'Briens Pub", ""),
        # Two-word cities go whole; a business name's own last word stays.
        ("SQ *JOES BARBER SHOP ROUND ROCK TX", "Joes Barber Shop", "Square"),
        ("TST*TACO SHACK SAN ANTONIO TX0004521AA", "Taco Shack", "Toast"),
        ("PURCHASE AUTHORIZED ON 01/14 PINE HARDWARE CEDAR PARK TX S3000000001234 CARD 4321", "Pine Hardware", ""),
        ("BBQ PIT ST LOUIS MO", "BBQ Pit", ""),
        ("TACO SHACK FT WORTH TX 76102", "Taco Shack", ""),
        ("LA BAMBA LA JOLLA CA", "La Bamba", ""),
        ("CAFE ON MAIN ST AUSTIN TX", "Cafe On Main St", ""),
        ("OLIVE GARDEN AUSTIN TX", "Olive Garden", ""),
        ("BLUE LAKE GRILL ROUND ROCK TX", "Blue Lake Grill", ""),
    ],
)  # fmt: skip
def test_payee_normalisation(raw, payee, processor):
    assert normalise(raw) == (payee, processor)


# -- amounts: property tests -----------------------------------------------------------

cents = st.integers(min_value=-(10**9), max_value=10**9)


def _printed(value: int, style: str) -> str:
    whole, part = divmod(abs(value), 100)
    us = f"{whole:,}.{part:02d}"
    eu = us.replace(",", " ").replace(".", ",").replace(" ", ".")
    negative = value < 0
    return {
        "plain": f"{'-' if negative else ''}{whole}.{part:02d}",
        "us": f"{'-' if negative else ''}${us}",
        "parens": f"({us})" if negative else us,
        "trailing": f"{eu}-" if negative else eu,
        "euro": f"{'-' if negative else ''}{eu} €",
        "swiss": f"{'-' if negative else ''}{us.replace(',', chr(39))}",
        "drcr": f"{us} {'DR' if negative else 'CR'}",
    }[style]


@given(cents, st.sampled_from(["plain", "us", "parens", "trailing", "euro", "swiss", "drcr"]))
def test_amounts_parse_back_in_every_printed_form(value, style):
    text = _printed(value, style)
    comma = style in ("trailing", "euro")
    assert parse_amount(text, comma) == pytest.approx(value / 100, abs=1e-9)


@given(st.lists(cents, min_size=1, max_size=40), st.sampled_from(["plain", "us", "euro"]))
def test_a_column_of_amounts_decides_its_decimal_mark(values, style):
    column = pd.Series(
        [_printed(v, style) for v in values] + ["12,50" if style == "euro" else "12.50"]
    )
    parsed = parse_amounts(column)
    assert parsed.tolist()[:-1] == pytest.approx([v / 100 for v in values])


def test_non_amounts_are_nan():
    assert math.isnan(parse_amount("lots", False))
    assert math.isnan(parse_amount("", False))


# -- CSV round trip: property test -----------------------------------------------------

safe_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() and s.strip().lower() not in {"date", "description", "amount"})


@given(
    st.lists(
        st.tuples(st.dates(dt.date(1990, 1, 13), dt.date(2039, 12, 31)), cents, safe_text),
        min_size=1,
        max_size=25,
    ),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_csv_round_trip(rows, delimiter, newline):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(["Date", "Description", "Amount"])
    for when, amount, text in rows:
        writer.writerow([when.isoformat(), text, f"{amount / 100:.2f}"])
    found = read_transactions(io.BytesIO(buffer.getvalue().encode("utf-8")))
    assert len(found) == len(rows)
    assert found["date"].dt.date.tolist() == [r[0] for r in rows]
    assert found["amount"].tolist() == pytest.approx([r[1] / 100 for r in rows])
    assert found["description"].tolist() == [r[2].strip() for r in rows]


def test_a_nul_inside_a_description_does_not_shift_the_payees():
    filler = "".join(f"2023-12-{1 + i % 28:02d},BAKERY {i},-2.00\n" for i in range(2000))
    text = "Date,Description,Amount\n" + filler + "2024-01-02,SQ *CAFE\x00 ONE,-4.50\n"
    text += "2024-01-03,TEA HOUSE,-3.00\n"  # (a NUL near the top is refused as binary data)
    found = read_transactions(io.BytesIO(text.encode()))
    assert found["payee"].tolist()[-2:] == ["Cafe\x00 One", "Tea House"]


def test_short_rows_read_as_empty_cells_in_every_column():
    data = (
        b"Date,Amount,Description,Memo\n"
        b"01/05/2026,-25.00,JOES BARBER SHOP,haircut\n"
        b"01/06/2026,-4.50\n"  # short: no description, no memo
        b"01/07/2026,-12.00,PINE HARDWARE\n"  # short: no memo
    )
    longer = data + b"01/08/2026,-3.00,CORNER CAFE,coffee,extra\n"  # read by the other reader
    table = read_rows(load(io.BytesIO(data)), data.decode(), 0, ",")
    assert table.rows.iloc[1].tolist() == ["01/06/2026", "-4.50", "", ""]
    assert table.rows.iloc[2].tolist() == ["01/07/2026", "-12.00", "PINE HARDWARE", ""]
    tx = read_transactions(io.BytesIO(data))
    assert tx["description"].tolist() == ["JOES BARBER SHOP", "", "PINE HARDWARE"]
    assert tx["amount"].tolist() == [-25.0, -4.5, -12.0]
    assert not tx.isna().any().any()
    table = read_rows(load(io.BytesIO(longer)), longer.decode(), 0, ",")
    assert table.rows.iloc[1].tolist() == ["01/06/2026", "-4.50", "", ""]
    assert "Left out a row with more columns" in table.warnings[0]


@given(st.lists(st.integers(min_value=-(10**9), max_value=10**9), min_size=1, max_size=40))
def test_amounts_read_as_numbers_equal_amounts_read_as_text(cents):
    """A column of plain numbers is read as floats by the CSV reader; one odd cell sends the
    whole column through the text parser. Both give the same amounts."""
    head = "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\n"
    lines = [
        f"DEBIT,01/{1 + i % 28:02d}/2026,SHOP {i},{c / 100:.2f},ACH_DEBIT,,,"
        for i, c in enumerate(cents)
    ]
    plain = read_transactions(io.BytesIO((head + "\n".join(lines) + "\n").encode()))
    odd = lines + ['DEBIT,01/05/2026,ODD ONE,"$1.00",ACH_DEBIT,,,']
    texts = read_transactions(io.BytesIO((head + "\n".join(odd) + "\n").encode()))
    assert plain["amount"].tolist() == [c / 100 for c in cents]
    assert texts["amount"].tolist() == [c / 100 for c in cents] + [1.0]


_DATE_LAYOUTS = {"slashed": "{a}/{b}/{y}", "iso": "{y}-{a}-{b}", "dotted": "{a}.{b}.{y}"}


@given(
    st.sampled_from(sorted(_DATE_LAYOUTS)),
    st.lists(
        st.tuples(st.integers(0, 35), st.integers(0, 35), st.integers(1600, 2300), st.booleans()),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from([None, True, False]),
)
def test_dates_in_a_plain_layout_read_at_once_equal_dates_read_one_by_one(layout, parts, first):
    """A file whose dates are all 1/15/2024, 2024-01-15 or 15.01.2024 is parsed in one go; the
    same dates with one spaced copy added go through parse_date one by one (the spaced copy
    changes neither the day order nor its warning). Both give the same days and warning."""
    values = [
        _DATE_LAYOUTS[layout].format(a=f"{a:02d}" if pad else a, b=f"{b:02d}" if pad else b, y=y)
        for a, b, y, pad in parts
    ]
    at_once, warning = parse_dates(pd.Series(values), day_first=first)
    one_by_one, warned = parse_dates(pd.Series([*values, f" {values[0]} "]), day_first=first)
    assert at_once.tolist() == one_by_one.tolist()[:-1]
    assert warning == warned


def test_a_date_outside_what_the_workbook_can_hold_is_left_out_not_fatal():
    text = "Date,Description,Amount\n2024-01-02,Coffee,-4.50\n1500-01-03,Old,-1\n"
    found = read_transactions(io.BytesIO(text.encode()))
    assert found["description"].tolist() == ["Coffee"]
    assert (
        "Left out line 3: no date this workbook can read ('1500-01-03')."
        in (found.attrs["warnings"])
    )


def test_a_csv_whose_payee_reads_like_ofx_is_still_a_csv():
    data = b"Date,Description,Amount\n2000-01-01,<OFX ,0.00\n2000-01-02,OFXHEADER:100,-1.00\n"
    found = read_transactions(io.BytesIO(data))
    assert found["description"].tolist() == ["<OFX", "OFXHEADER:100"]
