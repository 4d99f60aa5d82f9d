"""Coach mode: rosters, a cohort of workbooks, the dashboard's tables, introductions, privacy."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess

import pytest

import workbook
from workbook import cohort
from workbook.cli import main
from workbook.report.cohort import introductions_pdf, report_html
from workbook.sample import sample_dir
from workbook.widgets import CohortDashboard

ROSTER = sample_dir() / "cohort" / "roster.csv"


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    return cohort.load(cohort.demo(tmp_path_factory.mktemp("cohort")))


# -- rosters ---------------------------------------------------------------------------


def test_the_sample_roster_with_its_bom_extra_columns_and_blank_row():
    assert ROSTER.read_bytes().startswith(b"\xef\xbb\xbf")
    people = cohort.read_roster(ROSTER)
    assert list(people.columns) == ["name", "email", "business", "profession"]
    assert len(people) == 8
    assert people.iloc[5].to_dict() == {
        "name": "Carla Nuñez", "email": "carla@blueridgehair.example",
        "business": "Blue Ridge Hair Studio", "profession": "Hair stylist",
    }  # fmt: skip


def test_a_messy_roster_from_a_spreadsheet(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_bytes(
        "\ufeff\r\n;;;\r\nFirst name;Last name;E-mail;Company;Trade;Notes\r\n"
        "Zoë;Łukasz;zoe@example.org;Zoë's Bakes;Baker;vegan\r\n;;;;;\r\n"
        "王;芳;;Harbor Mortgage;Mortgage broker;\r\n".encode()
    )

    people = cohort.read_roster(roster)
    assert list(people["name"]) == ["Zoë Łukasz", "王 芳"]
    assert list(people["profession"]) == ["Baker", "Mortgage broker"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Name,Email\nAna,ana@x.org\n,bob@x.org\n", r"r\.csv, line 3: this row has no name"),
        ("Name,Email\nAna,ana@x.org\nBob,\nana ,\n", r"line 4: ana is already on line 2"),
        ("Who,Email\nAna,ana@x.org\n", r"line 1: the roster needs a Name column.*Who, Email"),
        ("Name,Email\nAna,not-an-email\n", r"line 2: 'not-an-email' is not an email address"),
        ("", r"the roster is empty"),
        ("Name,Email\n,,\n", r"nobody on it"),
    ],
)
def test_a_bad_roster_is_refused_naming_the_line(tmp_path, text, message):
    roster = tmp_path / "r.csv"
    roster.write_text(text, encoding="utf-8")
    with pytest.raises(workbook.InputError, match=message):
        cohort.read_roster(roster)
    assert not list(tmp_path.glob("*.sqlite"))


def test_new_cohort_adds_only_new_names_and_overwrites_nobody(tmp_path):
    folder = tmp_path / "cohort"
    made, kept = cohort.new_cohort(ROSTER, folder)
    assert (len(made), kept) == (8, [])
    with workbook.open(folder / "carla-nuñez.sqlite") as wb:
        assert (wb.profile().name, wb.profile().profession) == ("Carla Nuñez", "Hair stylist")
        wb.add_business(name="Sunflower Florist", amount=75)
    longer = tmp_path / "roster2.csv"
    longer.write_bytes(ROSTER.read_bytes() + b"Joan Baker,,Baker Books,Bookseller,5,no\n")
    made, kept = cohort.new_cohort(longer, folder)
    assert made == ["Joan Baker"] and len(kept) == 8
    with workbook.open(folder / "carla-nuñez.sqlite") as wb:
        assert list(wb.businesses()["name"]) == ["Sunflower Florist"]


# -- the dashboard's tables ------------------------------------------------------------


def test_progress_and_totals(room):
    progress = cohort.progress(room).set_index("Participant")
    assert progress.loc["Dana Whitfield", "Done"] == 7
    assert bool(progress.loc["Grace Kim", "1 Money trail"])
    assert not progress.loc["Anil Patel", "1 Money trail"]
    assert bool(progress.loc["Anil Patel", "2 Preferred clients"])
    totals = cohort.totals(room)
    assert totals["participants"] == 8 and totals["currency"] == "USD"
    assert totals["asks_agreed"] == 2  # one of Dana's, Grace's bookshop
    assert totals["referrals_given"] == 5  # Dana's four, Grace's one


def test_professions_present_and_wanted_but_missing(room):
    counts, missing = cohort.professions(room)
    assert set(counts["Profession"]) == {
        "Real-estate agent", "Estate-planning attorney", "Financial planner",
        "Senior move manager", "Veterinarian", "Hair stylist", "Pet groomer", "Accountant",
    }  # fmt: skip
    assert "Home inspector" in missing and "Mortgage broker" in missing
    assert "Financial planner" not in missing and "Pet groomer" not in missing


def test_introductions_worked_out_by_hand(room):
    table = cohort.introductions(room)

    def meets(name):
        return list(table.loc[table["For"] == name, "Meet"])

    # Dana wants a senior move manager, an estate-planning attorney and a financial planner;
    # Ruth and Grace want a real-estate agent back (mutual), Maria does not (one way).
    assert meets("Dana Whitfield") == ["Ruth Ellison", "Grace Kim", "Maria Lopez"]
    dana = table[table["For"] == "Dana Whitfield"].set_index("Meet")
    assert dana.loc["Ruth Ellison", "Why"].startswith("Mutual")
    assert dana.loc["Maria Lopez", "Why"] == (
        "Financial planner is one of your five professions; you both serve retirees"
    )
    assert meets("Anil Patel") == ["Ben Okafor"] and meets("Ben Okafor") == ["Anil Patel"]
    assert meets("Carla Nuñez") == ["Ben Okafor", "Dana Whitfield"]  # one way, both
    # Shared client markets without a profession match come last.
    assert meets("Maria Lopez")[-2:] == ["Dana Whitfield", "Ruth Ellison"]
    assert "Carla Nuñez" not in meets("Dana Whitfield")


def test_a_file_that_cannot_be_read_is_listed_not_fatal(tmp_path):
    folder = tmp_path / "c"
    cohort.new_cohort(ROSTER, folder)
    (folder / "broken.sqlite").write_text("not a database at all")
    group = cohort.load(folder)
    assert len(group.participants) == 8
    assert [name for name, _why in group.unreadable] == ["broken.sqlite"]
    with pytest.raises(workbook.InputError, match="not a folder"):
        cohort.load(tmp_path / "nowhere")


# -- privacy ---------------------------------------------------------------------------

EMAILS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def test_exports_show_only_the_emails_of_those_who_opted_in(room, tmp_path):
    opted_in = {"dana@whitfieldhomes.example", "grace@kimlaw.example", "ruth@gentlemoves.example",
                "sam@whitakercpa.example"}  # fmt: skip
    table = cohort.introductions(room)
    outputs = {
        "html": report_html(room),
        "csv": cohort.introductions_csv(table).decode("utf-8-sig"),
        "widget": CohortDashboard(room.folder).view.value,
    }
    if shutil.which("pdftotext"):
        pdf = tmp_path / "i.pdf"
        pdf.write_bytes(introductions_pdf(table, room))
        outputs["pdf"] = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        assert "Ruth Ellison" in outputs["pdf"]
    for name, text in outputs.items():
        found = set(EMAILS.findall(text))
        assert found <= opted_in, (name, found - opted_in)
    assert "dana@whitfieldhomes.example" in outputs["html"]
    # Dana's own contacts (with their emails and phones) never appear.
    assert "carla@blueridgehair.example" not in str(outputs)
    assert "Łukasz Nowak" not in str(outputs)


# -- the command and the widget --------------------------------------------------------


def test_cohort_commands(tmp_path, capsys):
    folder = tmp_path / "cohort"
    assert main(["cohort", "new", str(ROSTER), str(folder)]) == 0
    assert "8 new, 0 already there" in capsys.readouterr().out
    assert main(["cohort", "new", str(ROSTER), str(folder)]) == 0
    assert "0 new, 8 already there" in capsys.readouterr().out
    (folder / "junk.sqlite").write_text("junk")
    out = tmp_path / "reports"
    assert main(["cohort", "report", str(folder), "-o", str(out)]) == 0
    printed = capsys.readouterr()
    assert "junk.sqlite" in printed.err and "Read 8 workbooks (1 could not be read" in printed.out
    assert {p.name for p in out.iterdir()} == {
        "cohort-report.html", "introductions.csv", "introductions.pdf", "progress.csv",
    }  # fmt: skip
    assert (out / "introductions.pdf").read_bytes().startswith(b"%PDF")
    bad = tmp_path / "bad.csv"
    bad.write_text("Name\n\nAna\nAna\n")
    assert main(["cohort", "new", str(bad), str(tmp_path / "c2")]) == 2
    assert "line 4: Ana is already on line 3" in capsys.readouterr().err


def test_dashboard_widget_reads_another_folder_and_says_what_is_wrong(room, tmp_path):
    board = CohortDashboard(room.folder)
    assert "Read 8 workbooks" in board.status.value
    assert "data:application/pdf;base64," in board.downloads.value
    board.folder.value = str(tmp_path / "missing")
    board.button.click()
    assert board.status.kind == "error" and "is not a folder" in board.status.value


def test_a_name_that_looks_like_a_formula_stays_text_in_the_coachs_spreadsheets(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Name,Email,Business,Profession\n"
        '"=HYPERLINK(""http://evil.example"",""Ana"")",ana@example.org,+Ana Bakes,Baker\n'
        "@Ben Okafor,ben@example.org,-Ben Bikes,Florist\n",
        encoding="utf-8",
    )
    folder = tmp_path / "cohort"
    assert main(["cohort", "new", str(roster), str(folder)]) == 0
    for path in folder.glob("*.sqlite"):  # each wants to meet the other's profession
        with workbook.open(path) as wb:
            wb.add_target_profession("Florist" if "Ana" in wb.profile().business else "Baker")
    out = tmp_path / "reports"
    assert main(["cohort", "report", str(folder), "-o", str(out)]) == 0
    for name in ("introductions.csv", "progress.csv"):
        rows = list(csv.reader(io.StringIO((out / name).read_text(encoding="utf-8-sig"))))
        cells = [cell for row in rows[1:] for cell in row]
        assert cells, name
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], (name, cells)
        assert any(c.startswith("'=HYPERLINK(") or c.startswith("'@Ben") for c in cells), name
