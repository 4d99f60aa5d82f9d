"""Coach mode: rosters, a cohort of workbooks, the dashboard's tables, introductions, privacy."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import workbook
from workbook import cohort
from workbook import roster as rosters
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
    people = rosters.read_roster(ROSTER)
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

    people = rosters.read_roster(roster)
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
        rosters.read_roster(roster)
    assert not list(tmp_path.glob("*.sqlite"))


def test_new_cohort_adds_only_new_names_and_overwrites_nobody(tmp_path):
    folder = tmp_path / "cohort"
    done = rosters.new_cohort(ROSTER, folder)
    assert (len(done.made), done.kept) == (8, {})
    with workbook.open(folder / "carla-nuñez.sqlite") as wb:
        assert (wb.profile().name, wb.profile().profession) == ("Carla Nuñez", "Hair stylist")
        wb.add_business(name="Sunflower Florist", amount=75)
    longer = tmp_path / "roster2.csv"
    longer.write_bytes(ROSTER.read_bytes() + b"Joan Baker,,Baker Books,Bookseller,5,no\n")
    done = rosters.new_cohort(longer, folder)
    assert done.made == {"Joan Baker": "joan-baker.sqlite"} and len(done.kept) == 8
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
    rosters.new_cohort(ROSTER, folder)
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


# -- rosters as coaches and event tools make them ---------------------------------------


def test_an_event_tools_company_and_job_title_are_used_and_the_other_columns_said(tmp_path):
    export = tmp_path / "attendees.csv"
    export.write_text(
        "Order #,Order Date,First Name,Last Name,Email,Ticket Type,Company,Job Title\n"
        "1001,2026-11-02,Ana,Silva,ana@example.org,Early bird,Bloom & Co,Floral designer\n"
        "1002,2026-11-03,Raj,Mehta,raj@example.org,General,Mehta Tax,CPA\n",
        encoding="utf-8",
    )
    read = rosters.read_roster_columns(export)
    assert list(read.people["profession"]) == ["Floral designer", "CPA"]
    assert list(read.people["business"]) == ["Bloom & Co", "Mehta Tax"]
    said = read.columns_said()
    assert "Company (business)" in said and "Job Title (profession)" in said
    assert "Ignored: Order #, Order Date, Ticket Type." in said
    done = subprocess.run(
        [sys.executable, "-m", "workbook.cli", "cohort", "new", str(export), str(tmp_path / "c")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Job Title (profession)" in done.stdout and "Ignored: Order #" in done.stdout
    with workbook.open(tmp_path / "c" / "ana-silva.sqlite") as wb:
        assert wb.profile().profession == "Floral designer"


def test_every_roster_problem_is_said_at_once_and_a_double_registration_is_named(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text(
        "Name,Email\nAna Silva,ana@example.org\nBob,bob-at-example\n,carl@example.org\n"
        "Ana Silva,ana@example.org\nDee Lin,dee@example.org\nDee Lin,dee.lin@other.org\n"
        "Eve,\nEve,\n",
        encoding="utf-8",
    )
    with pytest.raises(workbook.InputError) as refused:
        rosters.read_roster(roster)
    lines = str(refused.value).splitlines()
    assert "5 problems" in lines[0]
    assert "line 3: 'bob-at-example' is not an email address." in lines[1]
    assert "line 4: this row has no name." in lines[2]
    assert "line 5: Ana Silva <ana@example.org> is registered twice (also on line 2" in lines[3]
    assert "line 7: Dee Lin is already on line 6. Two people with one name" in lines[4]
    assert "line 9: Eve is already on line 8. If it is the same person" in lines[5]
    assert not list(tmp_path.glob("*.sqlite"))


def test_names_that_make_one_file_name_get_a_workbook_each_and_a_rerun_keeps_them(tmp_path):
    roster = tmp_path / "r.csv"
    people = ["Ann Lee,ann@a.org", "Ann-Lee,ann@b.org", "Ann.Lee,"]
    roster.write_text("Name,Email\n" + "\n".join(people) + "\n", encoding="utf-8")
    folder = tmp_path / "cohort"
    done = rosters.new_cohort(roster, folder)
    assert done.made == {
        "Ann Lee": "ann-lee.sqlite", "Ann-Lee": "ann-lee-2.sqlite", "Ann.Lee": "ann-lee-3.sqlite"
    }  # fmt: skip
    assert done.renamed == [
        "Ann-Lee's workbook is ann-lee-2.sqlite: ann-lee.sqlite is Ann Lee's.",
        "Ann.Lee's workbook is ann-lee-3.sqlite: ann-lee.sqlite is Ann Lee's.",
    ]
    for name, file in done.made.items():
        with workbook.open(folder / file) as wb:
            assert wb.profile().name == name
    # The same roster in another order: everybody's workbook is found, nobody's is made again.
    roster.write_text("Name,Email\n" + "\n".join(reversed(people)) + "\n", encoding="utf-8")
    again = rosters.new_cohort(roster, folder)
    assert again.made == {} and again.kept == done.made


def _killed_part_way(command: list[str], folder: Path, pattern: str) -> None:
    """Run ``command`` and kill it (SIGKILL) once it has begun writing files in ``folder``."""
    running = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and running.poll() is None:
            if len(list(folder.glob(pattern))) >= 3:
                break
            time.sleep(0.01)
    finally:
        running.kill()
        running.wait()


def test_cohort_new_killed_part_way_leaves_whole_workbooks_and_a_rerun_finishes(tmp_path):
    roster = tmp_path / "r.csv"
    names = [f"Person {n:03d}" for n in range(150)]
    roster.write_text(
        "Name,Business\n" + "".join(f"{name},Shop {name}\n" for name in names), encoding="utf-8"
    )
    folder = tmp_path / "cohort"
    folder.mkdir()
    command = [sys.executable, "-m", "workbook.cli", "cohort", "new", str(roster), str(folder)]
    _killed_part_way(command, folder, "*.sqlite")
    made = sorted(folder.glob("*.sqlite"))
    assert 3 <= len(made) < len(names)  # killed part-way indeed
    for path in made:
        with workbook.open(path) as wb:
            assert wb.profile().business == f"Shop {wb.profile().name}"
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(list(folder.glob("*.sqlite"))) == len(names)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    for path in folder.glob("*.sqlite"):
        with workbook.open(path) as wb:
            assert wb.profile().business == f"Shop {wb.profile().name}"
