"""Imports into a real workbook file: batches, dedupe, payee rules, candidates, contact merges,
and the upload widgets driven in Python."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

import workbook
from workbook import spending
from workbook.widgets import BankCandidates, BankImport, ContactsImport, PayeeRules

IMPORTS = Path(__file__).resolve().parent / "fixtures" / "imports"


def test_the_same_file_twice_adds_nothing(tmp_workbook):
    first = tmp_workbook.import_transactions(IMPORTS / "chase_checking.csv")
    assert (first.rows_read, first.added, first.already_imported) == (8, 8, False)
    again = tmp_workbook.import_transactions(IMPORTS / "chase_checking.csv")
    assert again.already_imported and again.added == 0
    assert "imported before" in again.summary()
    assert len(tmp_workbook.transactions()) == 8
    assert len(tmp_workbook.imports()) == 1


def test_overlapping_exports_do_not_duplicate_and_two_real_coffees_stay(tmp_workbook):
    tmp_workbook.import_transactions(IMPORTS / "chase_checking.csv")
    later = tmp_workbook.import_transactions(IMPORTS / "chase_checking_feb.csv")
    assert (later.rows_read, later.added) == (7, 2)  # five rows overlap the January file
    assert later.summary() == (
        "Read 7 transactions from chase_checking_feb.csv (Chase CSV): 2 new, "
        "5 already in your workbook."
    )
    stored = tmp_workbook.transactions()
    assert len(stored) == 10
    coffees = stored[stored["payee"] == "Starbucks"]
    assert len(coffees) == 2 and set(coffees["date"]) == {dt.datetime(2024, 1, 20)}


def _citi(tmp_path: Path, name: str, *rows: str) -> Path:
    path = tmp_path / name
    path.write_text("Status,Date,Description,Debit,Credit\n" + "\n".join(rows) + "\n")
    return path


def test_a_pending_payment_is_brought_up_to_date_by_the_next_export(tmp_workbook, tmp_path):
    tmp_workbook.import_transactions(
        _citi(
            tmp_path,
            "january.csv",
            "Cleared,01/14/2024,SQ *JOES BARBER SHOP,45.00,",
            "Pending,01/29/2024,STARBUCKS STORE 1234,4.50,",
            "Pending,01/30/2024,HAPPY PAWS VET CLINIC,180.00,",
            "Pending,01/30/2024,MARSH PLUMBING,95.00,",
        )
    )
    assert tmp_workbook.transactions()["pending"].sum() == 3
    later = tmp_workbook.import_transactions(
        _citi(
            tmp_path,
            "january-later.csv",
            # Posted as it was: the same row, no longer pending.
            "Cleared,01/29/2024,STARBUCKS STORE 1234,4.50,",
            # Posted two days on under the bank's final text: the pending one is replaced.
            "Cleared,02/01/2024,HAPPY PAWS VET CLINIC AUSTIN TX,180.00,",
            # The plumber's is still pending: kept as it is.
            "Pending,01/30/2024,MARSH PLUMBING,95.00,",
        )
    )
    assert later.settled == 2 and "2 pending payments brought up to date" in later.summary()
    stored = tmp_workbook.transactions().sort_values("date")
    assert list(zip(stored["description"], stored["pending"], strict=True)) == [
        ("SQ *JOES BARBER SHOP", False),
        ("STARBUCKS STORE 1234", False),
        ("MARSH PLUMBING", True),
        ("HAPPY PAWS VET CLINIC AUSTIN TX", False),
    ]
    spent = tmp_workbook.money_trail_candidates().set_index("payee")["total"]
    assert spent["Starbucks"] == 4.5 and spent["Happy Paws Vet Clinic"] == 180.0
    assert "Marsh Plumbing" not in spent  # pending payments are not counted until posted


def test_a_pending_payment_is_left_alone_by_other_accounts_and_other_dates(tmp_workbook, tmp_path):
    tmp_workbook.import_transactions(
        _citi(tmp_path, "citi.csv", "Pending,01/20/2024,BLOOM FLORIST,60.00,")
    )
    # Another bank's export of the same days, and a Citi export of later days only.
    tmp_workbook.import_transactions(IMPORTS / "chase_checking.csv")
    tmp_workbook.import_transactions(
        _citi(tmp_path, "citi-feb.csv", "Cleared,02/03/2024,CORNER CAFE,12.00,")
    )
    stored = tmp_workbook.transactions()
    assert bool(stored.loc[stored["description"] == "BLOOM FLORIST", "pending"].item())


def test_ofx_dedupe_uses_account_fitid_amount_and_date(tmp_workbook, tmp_path):
    tmp_workbook.import_transactions(IMPORTS / "chase.qfx")
    stored = tmp_workbook.transactions()
    assert len(stored) == 4  # the reused FITID with a different amount is its own transaction
    text = (IMPORTS / "chase.qfx").read_text()
    extra = (
        "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240125<TRNAMT>-65.00<FITID>202401250009"
        "<NAME>SUNNY PAWS PET CARE</STMTTRN>\r\n</BANKTRANLIST>"
    )
    newer = tmp_path / "chase-later.qfx"
    newer.write_text(text.replace("</BANKTRANLIST>", extra, 1))
    result = tmp_workbook.import_transactions(newer)
    assert (result.rows_read, result.added) == (5, 1)


def test_a_bad_file_changes_nothing(tmp_workbook):
    tmp_workbook.import_transactions(IMPORTS / "chase_checking.csv")
    for name in ("statement.csv", "unknown_layout.csv", "empty.csv"):
        with pytest.raises(workbook.InputError, match=name):
            tmp_workbook.import_transactions(IMPORTS / name)
    assert len(tmp_workbook.transactions()) == 8
    assert len(tmp_workbook.imports()) == 1


def test_taking_back_an_import_removes_its_transactions(tmp_workbook):
    tmp_workbook.import_transactions(IMPORTS / "capital_one.csv")
    batch = int(tmp_workbook.imports()["id"].iloc[0])
    tmp_workbook.delete_import(batch)
    assert tmp_workbook.transactions().empty
    assert tmp_workbook.import_transactions(IMPORTS / "capital_one.csv").added == 3


def test_candidates_group_money_out_by_payee(tmp_workbook):
    tmp_workbook.import_transactions(IMPORTS / "chase_checking.csv")
    tmp_workbook.import_transactions(IMPORTS / "chase_checking_feb.csv")
    found = tmp_workbook.money_trail_candidates().set_index("payee")
    # Payroll (money in), the check, the bank fee are not businesses to approach.
    assert set(found.index) == {
        "Happy Paws Vet Clinic", "Green Thumb Lawn Care", "Joes Barber Shop", "Barnes & Noble",
        "Starbucks",
    }  # fmt: skip
    barber = found.loc["Joes Barber Shop"]
    assert (barber["total"], barber["visits"]) == (90.0, 2)
    assert barber["processor"] == "Square"
    assert barber["profession"] == "Barber"
    assert barber["first"] == dt.datetime(2024, 1, 14) and barber["last"] == dt.datetime(
        2024, 2, 14
    )
    days = (dt.date(2024, 2, 18) - dt.date(2024, 1, 14)).days + 1  # the files cover 36 days
    assert barber["per_year"] == pytest.approx(round(90 * 365.25 / days, 2))
    assert list(found.index[:2]) == ["Happy Paws Vet Clinic", "Green Thumb Lawn Care"]


def test_accepting_a_candidate_fills_the_spend_table(tmp_workbook):
    tmp_workbook.import_transactions(IMPORTS / "chase_checking.csv")
    business_id = tmp_workbook.accept_candidate("Happy Paws Vet Clinic")
    saved = tmp_workbook.businesses().set_index("id").loc[business_id]
    assert saved["name"] == "Happy Paws Vet Clinic"
    assert saved["profession"] == "Veterinarian"
    assert saved["frequency"] == "per_year"
    assert saved["notes"] == (
        "From your bank file: 1 payment, Jan 20, 2024. A customer since at least Jan 20, 2024: "
        "change 'Years a customer' if it is longer."
    )
    found = tmp_workbook.money_trail_candidates().set_index("payee")
    assert bool(found.loc["Happy Paws Vet Clinic", "in_trail"])
    with pytest.raises(workbook.InputError, match="already in your money trail"):
        tmp_workbook.accept_candidate("Happy Paws Vet Clinic")
    with pytest.raises(workbook.InputError, match="not among"):
        tmp_workbook.accept_candidate("Nobody")


def test_candidates_are_worked_out_once_per_change_of_the_file(tmp_workbook, monkeypatch):
    worked_out: list[int] = []
    original = spending.candidates
    monkeypatch.setattr(
        spending, "candidates", lambda *a, **k: worked_out.append(1) or original(*a, **k)
    )
    tmp_workbook.import_transactions(IMPORTS / "chase_checking.csv")
    first = tmp_workbook.money_trail_candidates()
    first["payee"] = "changed by a caller"  # the caller's own copy
    again = tmp_workbook.money_trail_candidates()
    assert len(worked_out) == 1 and "Happy Paws Vet Clinic" in set(again["payee"])
    tmp_workbook.add_business(name="Happy Paws Vet Clinic", amount=120)  # a change: again
    found = tmp_workbook.money_trail_candidates().set_index("payee")
    assert len(worked_out) == 2 and bool(found.loc["Happy Paws Vet Clinic", "in_trail"])


def test_renaming_on_accept_names_later_payments_the_same(tmp_workbook):
    tmp_workbook.import_transactions(IMPORTS / "chase_checking.csv")
    tmp_workbook.accept_candidate("Joes Barber Shop", name="Joe's Barbershop", amount="600")
    assert tmp_workbook.businesses()["amount"].tolist() == [600.0]
    assert tmp_workbook.payee_rules_list() == [
        {"contains": "Joes Barber Shop", "payee": "Joe's Barbershop"}
    ]
    tmp_workbook.import_transactions(IMPORTS / "chase_checking_feb.csv")
    found = tmp_workbook.money_trail_candidates().set_index("payee")
    assert "Joes Barber Shop" not in found.index
    assert found.loc["Joe's Barbershop", "visits"] == 2
    assert bool(found.loc["Joe's Barbershop", "in_trail"])


def test_a_name_that_differs_only_in_punctuation_needs_no_rule(tmp_workbook):
    tmp_workbook.import_transactions(IMPORTS / "chase_checking.csv")
    tmp_workbook.accept_candidate("Joes Barber Shop", name="Joe's Barber Shop")
    assert tmp_workbook.payee_rules().empty
    found = tmp_workbook.money_trail_candidates().set_index("payee")
    assert bool(found.loc["Joes Barber Shop", "in_trail"])


def test_payee_rules_apply_to_stored_and_later_imports(tmp_workbook):
    tmp_workbook.import_transactions(IMPORTS / "wells_fargo.csv")
    rule = tmp_workbook.add_payee_rule("  green   thumb ", "Green Thumb Lawns")
    stored = tmp_workbook.transactions()
    assert stored["payee"].tolist() == [
        "Joes Barber Shop", "Green Thumb Lawns", "Acme Realty Payroll Dana Whitfield",
        "ATM withdrawal",
    ]  # fmt: skip
    tmp_workbook.import_transactions(IMPORTS / "capital_one.csv")
    stored = tmp_workbook.transactions()
    assert (stored["payee"] == "Green Thumb Lawns").sum() == 2
    assert (stored["auto_payee"] == "Green Thumb Lawn Care").sum() == 2  # the bank's name kept
    tmp_workbook.delete_payee_rule(rule)
    assert "Green Thumb Lawns" not in set(tmp_workbook.transactions()["payee"])
    with pytest.raises(workbook.InputError):
        tmp_workbook.add_payee_rule("", "X")


def test_contacts_merge_by_email_or_name_and_company(tmp_workbook):
    typed = tmp_workbook.add_contact(
        name="Maria Gonzalez",
        company="Bright Smiles Dental",
        notes="Met at BNI",
        depth="connection",
    )
    result = tmp_workbook.import_contacts(IMPORTS / "linkedin_connections.csv")
    assert (result.rows_read, result.added, result.merged) == (5, 4, 1)
    people = tmp_workbook.contacts().set_index("id")
    maria = people.loc[typed]
    assert maria["email"] == "maria@brightsmilesdental.com"  # filled in
    assert (maria["notes"], maria["depth"]) == ("Met at BNI", "connection")  # kept
    assert maria["source"] == "typed"
    tom = people[people["name"] == "Tom O'Neill"].iloc[0]
    assert (tom["connected_on"], tom["source"]) == ("2019-11-02", "LinkedIn")
    # The export ZIP holds the same Connections.csv: a different file, nobody new.
    again = tmp_workbook.import_contacts(IMPORTS / "Basic_LinkedInDataExport_11-20-2026.zip")
    assert (again.added, again.merged) == (0, 5)
    older = tmp_workbook.import_contacts(IMPORTS / "linkedin_2020.csv")
    assert (older.added, older.merged) == (1, 1)
    assert len(tmp_workbook.contacts()) == 6
    assert tmp_workbook.import_contacts(IMPORTS / "linkedin_2020.csv").already_imported


def test_the_same_person_twice_in_one_file_is_one_contact(tmp_workbook):
    text = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ana,Silva,,ana@x.example,Silva Law,,01 Jan 2024\n"
        "Ana,Silva,https://linkedin.com/in/ana,ANA@x.example,Silva Law,Attorney,01 Jan 2024\n"
    )
    result = tmp_workbook.import_contacts(io.BytesIO(text.encode()))
    assert (result.added, result.merged) == (1, 1)
    ana = tmp_workbook.contacts().iloc[0]
    assert (ana["position"], ana["url"]) == ("Attorney", "https://linkedin.com/in/ana")


def test_a_big_file_shows_a_progress_bar(tmp_workbook, capsys):
    rows = ["Date,Description,Amount"] + [
        f"2024-{1 + i % 12:02d}-{1 + i % 28:02d},SHOP {i % 97},-{1 + i % 50}.00"
        for i in range(12_000)
    ]
    result = tmp_workbook.import_transactions(io.BytesIO("\n".join(rows).encode()))
    assert result.added == 12_000
    assert "Saving the uploaded file" in capsys.readouterr().err


def test_dedupe_keys_count_identical_rows():
    import pandas as pd

    tx = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-20"] * 3),
            "amount": [-5.0, -5.0, -5.0],
            "description": ["COFFEE", "COFFEE", "TEA"],
            "account": ["", "", ""],
            "fitid": ["", "", ""],
            "source": ["CSV"] * 3,
        }
    )
    keys = spending.dedupe_keys(tx).tolist()
    assert keys[0] != keys[1] and keys[0].endswith("#0") and keys[1].endswith("#1")
    assert keys[2].endswith("#0")


# -- widgets ---------------------------------------------------------------------------


def _upload(widget, path: Path) -> None:
    """Choose a file in the upload button, as the browser hands it to the kernel."""
    data = path.read_bytes()
    widget.upload.value = (
        {
            "name": path.name,
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": dt.datetime.now(dt.UTC),
        },
    )


def test_bank_upload_widget_to_one_click_accept(tmp_workbook):
    upload = BankImport(tmp_workbook)
    found = BankCandidates(tmp_workbook)
    assert "Nothing yet" in found.intro.value
    _upload(upload, IMPORTS / "bofa_checking.csv")
    assert upload.status.kind == "saved"
    assert "Read 4 transactions from bofa_checking.csv" in upload.status.value
    assert "balance line" in upload.details.value
    rows = [r for r in found.rows.children[1:] if hasattr(r, "payee")]
    names = [r.name.value for r in rows]
    # Comcast, a cable company, comes after the local ones, under "Probably not local".
    assert names[:3] == ["Green Thumb Lawn Care", "Sunny Paws Pet Care", "Comcast"]
    assert found.rows.children.index(found.apart) == 3
    lawn = rows[0]
    lawn.per_year.value = "1,440"
    lawn.button.click()
    assert found.status.kind == "saved"
    saved = tmp_workbook.businesses().iloc[0]
    assert (saved["name"], saved["amount"]) == ("Green Thumb Lawn Care", 1440.0)
    assert "Already in your money trail: Green Thumb Lawn Care" in found.in_trail.value
    assert [r.name.value for r in found.rows.children[1:] if hasattr(r, "payee")] == names[1:]
    assert len(upload.files.choice.options) == 2  # the blank choice and the file


def test_a_long_candidate_list_shows_a_few_and_more_on_request(tmp_workbook):
    lines = ["Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #,"]
    lines += [
        f"DEBIT,01/{day:02d}/2026,SHOP NUMBER{chr(65 + i)} AUSTIN TX,-{10 + i}.00,DEBIT_CARD,,,"
        for i in range(13)
        for day in (5, 20)
    ]
    path = tmp_workbook.path.parent / "chase.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp_workbook.import_transactions(path)
    found = BankCandidates(tmp_workbook)
    rows = [r for r in found.rows.children if hasattr(r, "payee")]
    assert len(rows) == 8 and found.rows.children[-1] is found.more
    assert "5 not shown" in found.more.description
    found.more.click()
    rows = [r for r in found.rows.children if hasattr(r, "payee")]
    assert len(rows) == 13 and found.more not in found.rows.children
    # The rows share their column layouts: a few models for the browser, not five a row.
    assert len({id(r.name.layout) for r in rows}) == 1
    assert len({id(r.button.style) for r in rows}) == 1


def test_bank_upload_widget_shows_the_problem_in_words(tmp_workbook):
    upload = BankImport(tmp_workbook)
    _upload(upload, IMPORTS / "spreadsheet.csv")
    assert upload.status.kind == "error"
    assert "spreadsheet.csv: is an Excel spreadsheet" in upload.status.value
    assert tmp_workbook.transactions().empty


def test_day_order_choice_reaches_the_import(tmp_workbook):
    upload = BankImport(tmp_workbook)
    assert upload.day_order.label == "Work it out from the file"  # never a blank choice
    upload.day_order.value = "day"
    upload.import_file("cafe.qif", (IMPORTS / "quicken_ambiguous.qif").read_bytes())
    assert sorted(tmp_workbook.transactions()["date"].dt.month) == [4, 6]


def test_payee_rule_form(tmp_workbook):
    tmp_workbook.import_transactions(IMPORTS / "chase_checking.csv")
    form = PayeeRules(tmp_workbook)
    form.contains.value = "JOES BARBER"
    form.payee.value = "Joe's Barber Shop"
    form.add.click()
    assert form.status.kind == "saved"
    assert "Joe's Barber Shop" in set(tmp_workbook.transactions()["payee"])
    assert form.contains.value == ""
    form.add.click()
    assert form.status.kind == "error"


def test_contacts_upload_widget(tmp_workbook):
    upload = ContactsImport(tmp_workbook)
    _upload(upload, IMPORTS / "google_contacts.csv")
    assert "Read 2 contacts from google_contacts.csv (Google): 2 new." in upload.status.value
    assert sorted(tmp_workbook.contacts()["name"]) == ["Hannah Kim", "José Ramírez"]


def test_candidate_rows_stay_while_the_list_is_the_same(tmp_workbook):
    """An import says it changed two tables (its rows, then its batch): the rows are made once,
    so a click or an edit under way in them is not lost. A real change lists them again."""
    found = BankCandidates(tmp_workbook)
    tmp_workbook.import_transactions(IMPORTS / "chase_checking.csv")
    rows = [r for r in found.rows.children if hasattr(r, "payee")]
    rows[1].name.value = "Joe's Barber Shop"  # an edit under way
    found.refresh()
    assert [r for r in found.rows.children if hasattr(r, "payee")] == rows
    assert rows[1].name.value == "Joe's Barber Shop" and rows[0].button.comm is not None
    rows[0].button.click()  # Happy Paws joins the money trail: the list changes
    assert "Happy Paws Vet Clinic" in found.in_trail.value
    assert rows[0] not in found.rows.children


def test_people_named_on_a_goal_are_not_doubled_by_an_import(tmp_workbook):
    """Named by hand in exercise 3, then arriving in the LinkedIn export of exercise 5: one
    person each, filled in from the file, still on the goal."""
    wb = tmp_workbook
    goal = wb.add_goal("Two builders who send me clients", "2027-06-30")
    wb.add_goal_person(goal, name="maria  gonzalez", depth="connection", why="Her patients")
    wb.add_goal_person(goal, name="Tom O'Neill", why="Builds for retirees")
    wb.import_contacts(IMPORTS / "linkedin_connections.csv")
    people = wb.contacts()
    assert (people["name"].str.casefold().str.split().str.join(" ") == "maria gonzalez").sum() == 1
    assert (people["name"] == "Tom O'Neill").sum() == 1
    tom = people.set_index("name").loc["Tom O'Neill"]
    assert tom["company"] == "Oak & Pine Builders, Inc."  # filled in from the file
    assert len(wb.goal_people()) == 2 and not wb.likely_duplicates()


def test_merging_two_rows_of_one_person_moves_everything_attached(tmp_workbook):
    wb = tmp_workbook
    keep = wb.add_contact(name="Grace Kim", email="grace@kimlaw.example", depth="connection")
    other = wb.add_contact(name="grace kim", company="Kim Elder Law", depth="referral_partner")
    both_on = wb.add_goal("Speak at the bar association")
    only_other = wb.add_goal("Ten estate-planning clients")
    wb.add_goal_person(both_on, contact_id=keep)
    wb.add_goal_person(both_on, contact_id=other, why="She chairs it")
    wb.add_goal_person(only_other, contact_id=other)
    wb.add_gains_partner(keep)
    wb.set_gains(keep, interests="Jazz")
    wb.add_gains_partner(other)
    wb.set_gains(other, interests="Sailing", networks="Rotary")
    wb.set_referrability(other, expert=True)
    wb.add_referral(other, "received", "2026-10-01", "A will", 800)
    wb.log_interaction(other, on="2026-11-02", kind="one_to_one", notes="Lunch")
    wb.set_person_cadence(other, 14, 21)
    wb.add_promise(other, what="Send the checklist", due="2026-12-20")
    assert wb.likely_duplicates() == [(other, keep)] or wb.likely_duplicates() == [(keep, other)]

    wb.merge_contacts(keep, other)
    people = wb.contacts().set_index("id")
    assert other not in people.index
    grace = people.loc[keep]
    assert (grace["email"], grace["company"]) == ("grace@kimlaw.example", "Kim Elder Law")
    assert grace["depth"] == "referral_partner"  # the closer of the two
    for table in ("goal_people", "gains", "referrability", "referrals", "interactions",
                  "cadences", "promises"):  # fmt: skip
        rows = wb.store.read(table)
        assert other not in set(rows["contact_id"].dropna().astype(int)), table
        assert keep in set(rows["contact_id"].dropna().astype(int)), table
    links = wb.goal_people()
    assert len(links) == 2  # one place on each goal
    assert links.set_index("goal_id").loc[both_on, "why"] == "She chairs it"
    gains = wb.store.read("gains").set_index("contact_id").loc[keep]
    assert (gains["interests"], gains["networks"]) == ("Jazz", "Rotary")
    assert not wb.likely_duplicates()
    with pytest.raises(workbook.InputError):
        wb.merge_contacts(keep, keep)


def _a_year_of_statements(tmp_path: Path) -> Path:
    """Eleven months of a UK-style account: the salon monthly from January to December, the
    florist once, and the payees that are almost never a local business."""
    rows = [f"Cleared,{m:02d}/05/2025,HAIR BY LUCY,60.00," for m in range(1, 13)]
    rows += [
        "Cleared,03/10/2025,ST ALBANS FLORIST,400.00,",
        "Cleared,01/06/2025,TESCO STORES 2345,54.10,",
        "Cleared,01/07/2025,AMAZON MKTPLACE PMTS,23.99,",
        "Cleared,01/08/2025,SHELL 4456,61.00,",
        "Cleared,01/09/2025,EE LIMITED,35.00,",
        "Cleared,01/10/2025,DIRECT LINE INSURANCE,41.20,",
        "Cleared,01/11/2025,RENT TO J SMITH,950.00,",
        "Cleared,01/12/2025,LEEDS CITY COUNCIL,120.00,",
    ]
    return _citi(tmp_path, "a_year.csv", *rows)


def test_a_year_of_statements_never_undersells_the_years_or_the_lifetime(tmp_workbook, tmp_path):
    tmp_workbook.import_transactions(_a_year_of_statements(tmp_path))
    salon = tmp_workbook.money_trail_candidates().set_index("payee").loc["Hair By Lucy"]
    business_id = tmp_workbook.accept_candidate(salon.name)
    saved = tmp_workbook.businesses().set_index("id").loc[business_id]
    # Eleven months of a file say "at least since January", not "less than a year".
    assert saved["years_as_customer"] >= 1
    assert "A customer since at least Jan 5, 2025" in saved["notes"]
    spend = tmp_workbook.spend_table().set_index("name").loc["Hair By Lucy"]
    assert spend["lifetime_spend"] >= spend["annual_spend"] == pytest.approx(720, rel=0.1)


def test_one_payment_is_not_multiplied_into_a_yearly_habit(tmp_workbook, tmp_path):
    tmp_workbook.import_transactions(
        _citi(tmp_path, "spring.csv", "Cleared,03/01/2025,ST ALBANS FLORIST,400.00,",
              "Cleared,05/30/2025,HAIR BY JO,30.00,", "Cleared,04/30/2025,HAIR BY JO,30.00,")
    )  # fmt: skip
    found = tmp_workbook.money_trail_candidates().set_index("payee")
    assert found.loc["St Albans Florist", "per_year"] == 400  # not 400 x 365 / 91
    assert found.loc["St Albans Florist", "visits_per_year"] == 1
    assert found.loc["Hair By Jo", "per_year"] > 60  # two payments: a rate the file shows


def test_chains_utilities_rent_and_taxes_are_listed_apart_and_still_addable(tmp_workbook, tmp_path):
    tmp_workbook.import_transactions(_a_year_of_statements(tmp_path))
    found = tmp_workbook.money_trail_candidates().set_index("payee")
    apart = set(found.index[~found["likely_local"]])
    assert apart == {"Tesco Stores", "Amazon Mktplace Pmts", "Shell", "EE Limited",
                     "Direct Line Insurance", "Rent To J Smith", "Leeds City Council"}  # fmt: skip
    assert set(found.index[found["likely_local"]]) == {"Hair By Lucy", "St Albans Florist"}
    tmp_workbook.accept_candidate("Shell")  # the participant knows their own garage
    assert "Shell" in set(tmp_workbook.businesses()["name"])
    widget = BankCandidates(tmp_workbook)
    listed = [getattr(row, "payee", None) or row.value for row in widget.rows.children[1:]]
    apart_at = next(i for i, r in enumerate(listed) if "Probably not local" in str(r))
    assert set(listed[:apart_at]) == {"Hair By Lucy", "St Albans Florist"}
    assert "Tesco Stores" in listed[apart_at + 1 :] and "Shell" not in listed  # added already


def test_brand_names_keep_their_capitals():
    from workbook.importers import payees

    assert payees.title_case("EE LIMITED") == "EE Limited"
    assert payees.title_case("BT GROUP") == "BT Group"
    assert payees.title_case("O2 UK") == "O2 UK" and payees.title_case("JOES CAFE") == "Joes Cafe"


def test_a_trailing_neighbourhood_or_the_participants_town_is_not_part_of_the_name(
    tmp_workbook, tmp_path
):
    tmp_workbook.set_profile(city="Leeds")
    tmp_workbook.import_transactions(
        _citi(
            tmp_path,
            "leeds.csv",
            "Cleared,01/05/2025,HAIR BY LUCY HEADINGLEY,60.00,",
            "Cleared,02/05/2025,HAIR BY LUCY HEADINGLEY,60.00,",
            "Cleared,01/07/2025,COSTA HEADINGLEY,4.20,",
            "Cleared,01/09/2025,THE SKYRACK HEADINGLEY,18.00,",
            "Cleared,01/11/2025,PRINT WORKS LEEDS,35.00,",
            "Cleared,01/12/2025,LAYNES COFFEE,3.10,",
            "Cleared,01/13/2025,BLACK SHEEP COFFEE,3.40,",
            "Cleared,01/14/2025,NORTH STAR COFFEE,3.20,",
            "Cleared,01/15/2025,HEADINGLEY DENTAL,90.00,",
        )
    )
    found = tmp_workbook.money_trail_candidates()
    assert set(found["payee"]) == {
        "Hair By Lucy", "Costa", "The Skyrack", "Print Works", "Laynes Coffee",
        "Black Sheep Coffee", "North Star Coffee", "Headingley Dental",
    }  # fmt: skip
    lucy = found.set_index("payee").loc["Hair By Lucy"]
    assert lucy["visits"] == 2 and lucy["total"] == 120
    business = tmp_workbook.accept_candidate("Hair By Lucy")
    assert tmp_workbook.businesses().set_index("id").loc[business, "name"] == "Hair By Lucy"
    assert tmp_workbook.money_trail_candidates().set_index("payee").loc["Hair By Lucy", "in_trail"]
