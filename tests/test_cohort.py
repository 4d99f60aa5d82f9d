"""Coach mode: rosters, a cohort of workbooks, the dashboard's tables, introductions, privacy."""

from __future__ import annotations

import csv
import io
import re
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
    # Carla has a real-estate agent on her five: Dana learns that Carla wants to meet her.
    assert meets("Dana Whitfield") == ["Ruth Ellison", "Grace Kim", "Maria Lopez", "Carla Nuñez"]
    dana = table[table["For"] == "Dana Whitfield"].set_index("Meet")
    assert dana.loc["Ruth Ellison", "Why"].startswith("Mutual")
    assert dana.loc["Maria Lopez", "Why"] == (
        "Financial planner is one of your five professions; you both serve retirees"
    )
    assert meets("Anil Patel") == ["Ben Okafor"]
    assert meets("Ben Okafor") == ["Anil Patel", "Carla Nuñez"]  # Carla wants a pet groomer
    assert meets("Carla Nuñez") == ["Ben Okafor", "Dana Whitfield"]  # one way, both
    # Shared client markets without a profession match come last.
    assert meets("Maria Lopez")[-2:] == ["Dana Whitfield", "Ruth Ellison"]
    assert dana.loc["Carla Nuñez", "Why"] == (
        "Wants to meet you: a real-estate agent is one of their five"
    )


def test_someone_who_skipped_exercise_2_still_learns_who_wants_to_meet_them(tmp_path):
    folder = cohort.demo(tmp_path / "cohort")
    with workbook.open(folder / "ben-okafor.sqlite") as ben:
        for profession in ben.target_professions():
            ben.remove_target_profession(profession)
        ben.set_client_tags([])
    table = cohort.introductions(cohort.load(folder))
    ben = table[table["For"] == "Ben Okafor"].set_index("Meet")
    # Anil (a vet) and Carla (a hair stylist) have a pet groomer on their five.
    assert set(ben.index) == {"Anil Patel", "Carla Nuñez"}
    assert ben.loc["Anil Patel", "Why"].startswith("Wants to meet you: a pet groomer")


def test_each_pair_is_introduced_once(room):
    table = cohort.pairs(room)
    pairs = [frozenset(p) for p in zip(table["Introduce"], table["To"], strict=True)]
    assert len(pairs) == len(set(pairs))
    meets = cohort.introductions(room)
    assert set(pairs) == {frozenset(p) for p in zip(meets["For"], meets["Meet"], strict=True)}
    mutual = table[table["Why"].str.startswith("each is on the other's")]
    assert {frozenset(p) for p in zip(mutual["Introduce"], mutual["To"], strict=True)} >= {
        frozenset(("Dana Whitfield", "Ruth Ellison")),
        frozenset(("Anil Patel", "Ben Okafor")),
    }
    carla = table[(table["Introduce"] == "Carla Nuñez") & (table["To"] == "Dana Whitfield")]
    assert list(carla["Why"]) == ["Carla Nuñez wants to meet a real-estate agent"]
    assert list(table.columns) == ["Introduce", "To", "Why"]


def test_a_file_that_cannot_be_read_is_listed_not_fatal(tmp_path):
    folder = tmp_path / "c"
    rosters.new_cohort(ROSTER, folder)
    (folder / "broken.sqlite").write_text("not a database at all")
    group = cohort.load(folder)
    assert len(group.participants) == 8
    assert [name for name, _why in group.unreadable] == ["broken.sqlite"]
    with pytest.raises(workbook.InputError, match="not a folder"):
        cohort.load(tmp_path / "nowhere")


def pdf_text(pdf: bytes, folder: Path, column: int | None = None) -> str:
    """The PDF's text as pdftotext reads it; ``column`` 0 or 1: the left or right half of
    each A4 page alone (for materials printed two to a row)."""
    path = folder / "read-back.pdf"
    path.write_bytes(pdf)
    crop = [] if column is None else ["-x", str(298 * column), "-y", "0", "-W", "297", "-H", "842"]
    done = subprocess.run(
        ["pdftotext", "-layout", *crop, str(path), "-"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# -- privacy ---------------------------------------------------------------------------

EMAILS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def test_exports_show_only_the_emails_of_those_who_opted_in(room, tmp_path):
    opted_in = {"dana@whitfieldhomes.example", "grace@kimlaw.example", "ruth@gentlemoves.example",
                "sam@whitakercpa.example"}  # fmt: skip
    from workbook.report import room as materials

    outputs = {
        "html": report_html(room),
        "csv": cohort.introductions_csv(cohort.pairs(room)).decode("utf-8-sig"),
        "widget": CohortDashboard(room.folder).view.value,
    }
    for name, pdf in {
        "introductions": introductions_pdf(room),
        "meet": materials.meet_pdf(room),
        "badges": materials.badges_pdf(room),
        "room list": materials.room_list_pdf(room),
        "laptop cards": materials.cards_pdf(room),
    }.items():
        outputs[name] = pdf_text(pdf, tmp_path)
        assert "Ruth Ellison" in outputs[name], name
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
        "meet-in-this-room.pdf",
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
        "The workbook of Ann-Lee is ann-lee-2.sqlite: ann-lee.sqlite belongs to Ann Lee.",
        "The workbook of Ann.Lee is ann-lee-3.sqlite: ann-lee.sqlite belongs to Ann Lee.",
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


# -- what the coach prints for the day ---------------------------------------------------


def _qr_codes(pdf: bytes, folder: Path) -> list[str]:
    """The text of every QR code on the PDF's pages, decoded from the pages as printed
    (pdftoppm draws them, zxing-cpp reads them)."""
    import numpy as np
    import zxingcpp

    (folder / "cards.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", str(folder / "cards.pdf"), str(folder / "page")],
        check=True,
    )
    found = []
    for page in sorted(folder.glob("page*.pgm")):
        header, _, pixels = page.read_bytes().partition(b"\n255\n")
        width, height = map(int, header.split()[1:3])
        image = np.frombuffer(pixels, dtype=np.uint8).reshape(height, width)
        found += [code.text for code in zxingcpp.read_barcodes(image)]
    return found


def test_login_cards_hold_each_login_password_and_a_qr_code_of_the_address(room, tmp_path):
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "name,email,login,password\nCoach,,coach,c0ach-secret\n"
        "Dana Whitfield,dana@whitfieldhomes.example,danaw,Xq7-pL2a\nRuth Ellison,,ruthe,Mn4_tZ9k\n",
        encoding="utf-8",
    )
    out = tmp_path / "cards.pdf"
    address = "https://10.0.0.5:8000/hub/login"
    assert main(["cohort", "cards", str(room.folder), "--accounts", str(accounts),
                 "--address", address, "-o", str(out)]) == 0  # fmt: skip
    text = pdf_text(out.read_bytes(), tmp_path)
    for words in ("Dana Whitfield", "danaw", "Xq7-pL2a", "Ruth Ellison", "ruthe", "Mn4_tZ9k"):
        assert words in text
    assert "c0ach-secret" not in text and "Coach" not in text.replace("coach", "")
    assert address in text.replace("\n", "")
    assert _qr_codes(out.read_bytes(), tmp_path) == [address, address]


def test_without_a_server_the_cards_say_how_to_start_on_a_laptop(room, tmp_path):
    from workbook.report import room as materials

    text = " ".join(pdf_text(materials.cards_pdf(room), tmp_path).split())
    assert text.count("Install, once: python3 -m venv .venv && .venv/bin/pip install -e .") == 8
    assert "Start: .venv/bin/workbook app --workbook carla-nuñez.sqlite" in text


def test_badges_ask_about_the_five_professions_and_the_room_list_has_everyone(room, tmp_path):
    from workbook.report import room as materials

    badges = " ".join(pdf_text(materials.badges_pdf(room), tmp_path, column=1).split())
    badges = badges.replace("- ", "-")  # a line broken after a hyphen
    assert "Dana Whitfield Whitfield Homes Real-estate agent" in badges
    assert (
        "Ask me about: financial planners, estate-planning attorneys, senior move managers, "
        "elder-care advisors, home inspectors" in badges
    )
    listing = pdf_text(materials.room_list_pdf(room), tmp_path)
    for p in room.participants:
        assert p["name"] in listing and p["business"] in listing
    assert "8 participants" in listing


def test_a_page_per_participant_says_whom_to_meet_in_this_room(room, tmp_path):
    from workbook.report import room as materials

    pages = pdf_text(materials.meet_pdf(room), tmp_path).split("\f")
    pages = [" ".join(page.split()) for page in pages if page.strip()]
    assert len(pages) == len(room.participants)
    dana = next(page for page in pages if page.startswith("Dana Whitfield"))
    assert "In this room, meet:" in dana
    assert "Ruth Ellison (Senior move manager, Gentle Moves)" in dana
    assert "Carla Nuñez (Hair stylist, Blue Ridge Hair Studio) Wants to meet you" in dana


def test_the_introductions_to_read_out_name_each_pair_once(room, tmp_path):
    text = " ".join(pdf_text(introductions_pdf(room), tmp_path).split())
    pairs = cohort.pairs(room)
    assert f"{len(pairs)} introductions, each pair once" in text
    assert text.count("Introduce ") == len(pairs)
    assert (
        text.count("Ruth Ellison (Senior move manager) to Dana Whitfield")
        + text.count("Dana Whitfield (Real-estate agent) to Ruth Ellison")
        == 1
    )
    # With each pair, the double opt-in notes: one to each, asking first.
    assert text.count("Ask each first:") == len(pairs)
    assert text.count("Shall I introduce you?") == 2 * len(pairs)
    assert (
        "Hi Ruth, would you like to meet Dana Whitfield, a real-estate agent at Whitfield" in text
    )


def _html_table(html: str, css_class: str = "progress") -> list[list[str]]:
    """The cells of the first table with that class, row by row, as text."""
    from html.parser import HTMLParser

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.inside = self.in_cell = False

        def handle_starttag(self, tag, attrs):
            if tag == "table" and (css_class in (dict(attrs).get("class") or "")) and not self.rows:
                self.inside = True
            elif self.inside and tag == "tr":
                self.rows.append([])
            elif self.inside and tag in ("td", "th"):
                self.rows[-1].append("")
                self.in_cell = True
            elif self.inside and tag == "br" and self.in_cell:
                self.rows[-1][-1] += "\n"

        def handle_endtag(self, tag):
            if tag == "table" and self.inside:
                self.inside = False
            elif tag in ("td", "th"):
                self.in_cell = False

        def handle_data(self, data):
            if self.inside and self.in_cell:
                self.rows[-1][-1] += data

    parser = Cells()
    parser.feed(html)
    return parser.rows


def test_the_progress_tables_match_progress_csv_cell_by_cell(tmp_path):
    folder = cohort.demo(tmp_path / "cohort")
    with workbook.open(folder / "anil-patel.sqlite") as anil:  # goals, and no GAINS
        goal = anil.add_goal("Three vet practices stock my cards")
        for name in ("Joan Baker", "Matilda Ross"):
            anil.add_goal_person(goal, name=name, depth="contact")
        goal = anil.add_goal("A stand at the pet show")
        for name in ("Priya Shah", "Tom Reed"):
            anil.add_goal_person(goal, name=name, depth="connection")
    group = cohort.load(folder)
    expected = list(csv.reader(io.StringIO(cohort.progress_csv(group).decode("utf-8-sig"))))
    for where, html in {
        "report": report_html(group),
        "dashboard": CohortDashboard(folder).view.value,
    }.items():
        cells = _html_table(html)
        assert cells[0] == expected[0], where
        assert len(cells) == len(expected), where
        for got, want in zip(cells[1:], expected[1:], strict=True):
            name = got[0].split("\n")[0]
            assert [name, *got[1:-1]] == [
                want[0], want[1], *["✓" if v == "True" else "" for v in want[2:-2]], want[-2]
            ], (where, name)  # fmt: skip
    progress = cohort.progress(group).set_index("Participant")
    # Goal people alone are exercise 3's work, not the network's (exercise 5).
    assert bool(progress.loc["Anil Patel", "3 Goals"])
    assert not progress.loc["Anil Patel", "4 GAINS"]
    assert not progress.loc["Anil Patel", "5 Network"]
    assert bool(progress.loc["Dana Whitfield", "5 Network"])


def test_last_edit_is_the_participants_own_not_the_copys(tmp_path):
    import datetime as dt
    import os
    import sqlite3
    import time

    folder = cohort.demo(tmp_path / "cohort")
    gathered = tmp_path / "gathered"
    gathered.mkdir()
    for path in folder.glob("*.sqlite"):  # as deploy/gather_cohort.py copies: SQLite's backup
        source, copy = sqlite3.connect(path), sqlite3.connect(gathered / path.name)
        source.backup(copy)
        source.close(), copy.close()
    a_day_later = time.time() + 86_400
    for path in gathered.glob("*.sqlite"):
        os.utime(path, (a_day_later, a_day_later))
    edited = {p["name"]: p["last_edit"] for p in cohort.load(folder).participants}
    copied = {p["name"]: p["last_edit"] for p in cohort.load(gathered).participants}
    assert copied == edited
    assert all(abs(t - dt.datetime.now()) < dt.timedelta(hours=1) for t in copied.values())
    again = {p["name"]: p["last_edit"] for p in cohort.load(gathered).participants}
    assert again == copied  # reading the room is not an edit
