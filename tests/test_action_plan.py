"""The action plan: read the PDF back and find every name and ask; HTML escapes user text."""

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import workbook
from workbook import report

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils; .ci/run installs it)"
)


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(done.stdout.split())  # one line: wrapped text reads as written


def test_plan_gathers_every_exercise(demo_workbook):
    plan = report.gather(demo_workbook)
    assert plan["name"] == "Dana Whitfield" and plan["date"] == demo_workbook.today().isoformat()
    assert [a["business"] for a in plan["asks_to_make"]] == [
        "Haywood Road Veterinary",
        "Greenway Lawn & Garden",
        "Print Asheville",
    ]
    assert {a["status"] for a in plan["asks_in_progress"]} == {"agreed", "asked", "declined"}
    assert plan["declined"] == ["Pisgah Auto Care"]
    assert [p["profession"] for p in plan["professions"]][0] == "Financial planner"
    steps = {p["name"]: p["next_step"] for g in plan["goals"] for p in g["people"]}
    assert steps["Grace Kim"] == "Ask Grace for help with this goal."
    assert steps["Tom Reyes"].startswith("Invite Tom for a coffee")
    assert "Ask Grace: What are you proudest of in your business?" in plan["gains_gaps"]


def test_plan_has_the_next_two_weeks_of_follow_up_overdue_promises_and_reconnects(
    demo_workbook, tmp_path
):
    wb = demo_workbook
    today = wb.today()
    plan = report.gather(wb)
    assert plan["overdue_promises"] == [
        {
            "what": "Send Maria the list of retiree clients' questions",
            "who": "you promised Maria Lopez",
            "due": _day_month(today - dt.timedelta(days=3)),
        }
    ]
    follow = [(f["when"], f["what"]) for f in plan["follow_ups"]]
    assert (
        "overdue",
        f"Thank Ruth Ellison for the event of {_day_month(today - dt.timedelta(days=3))}",
    ) in follow
    assert ("today", "Get in touch with Tom Reyes (due soon)") in follow
    assert (
        _weekday(today + dt.timedelta(days=2)),
        "Introduce Grace to Ruth Ellison, the senior move manager (you promised Grace Kim)",
    ) in follow
    assert "Thank Maria Lopez" not in str(follow)  # her follow-up was an email two days later
    assert [r["name"] for r in plan["reconnect"]][0] == "Tom Reyes"
    # Beyond two weeks is left out.
    wb.add_promise(name="Grace Kim", what="Lunch in spring", due=today + dt.timedelta(days=40))
    assert "Lunch in spring" not in str(report.gather(wb)["follow_ups"])
    html = report.to_html(wb)
    assert "Overdue promise" in html and "People to reconnect with" in html
    if shutil.which("pdftotext"):
        text = _text(report.to_pdf(wb)[0], tmp_path)
        for expected in ["Follow-up: the next two weeks", "Overdue promise", "Thank Ruth Ellison",
                         "People to reconnect with", "Tom Reyes"]:  # fmt: skip
            assert expected in text, expected


@needs_pdftotext
def test_pdf_has_every_name_and_ask_and_the_charts(demo_workbook, tmp_path):
    wb = demo_workbook
    wb.set_profile(name="Zoë Łukasz-王芳")
    carla = int(wb.contacts().set_index("name").loc["Carla Nuñez", "id"])
    wb.update_contact(carla, name="王芳 Nuñez")
    pdf, note = report.to_pdf(wb)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf, tmp_path)
    for expected in [
        "Zoë Łukasz-王芳",
        "王芳 Nuñez",
        "Haywood Road Veterinary",
        "Post your announcement (My downsizing workshop at the library)",
        "I have been your customer for 6 years",
        "Greenway Lawn & Garden",
        "Hand out your coupon at the register",
        "Declined to reciprocate: Pisgah Auto Care",
        "Senior move manager",
        "Meet someone in senior move manager",
        "Ten listings from retirees who are downsizing by June",
        "Maria Lopez",
        "Ask Grace: What are you proudest of in your business?",
    ]:
        assert expected in text, expected
    if report.svg.browser_path():
        assert note == ""
        assert "Where your money goes" in text and "Your network" in text  # charts as SVG text


def _plan_drawn_by(browser: str, tmp_path: Path) -> tuple[str, Path]:
    """The demo's PDF made in a process whose browser is ``browser``: what it printed (the
    plan's note) and the PDF."""
    wb = workbook.demo(tmp_path)
    wb.close()
    script = (
        "import sys, workbook; from workbook import report\n"
        "pdf, note = report.to_pdf(workbook.open(sys.argv[1]))\n"
        "open(sys.argv[2], 'wb').write(pdf); print(note)\n"
    )
    out = tmp_path / "plan.pdf"
    done = subprocess.run(
        [sys.executable, "-c", script, str(wb.path), str(out)],
        env={**os.environ, "BROWSER_PATH": browser},
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    return done.stdout, out


@needs_pdftotext
def test_without_a_browser_the_pdf_is_still_made_with_a_note(tmp_path):
    said, out = _plan_drawn_by("/nonexistent/chromium", tmp_path)
    assert "no Chrome or Chromium browser was found" in said
    text = _text(out.read_bytes(), tmp_path)
    assert "no Chrome or Chromium browser was found" in text
    assert "Dana Whitfield" in text and "Where your money goes" not in text


def test_html_is_self_contained_and_escapes_user_text(demo_workbook):
    wb = demo_workbook
    wb.set_profile(name="<script>alert('x')</script> Dana")
    wb.add_goal("Win the <b>Smith</b> account & more")
    page = report.to_html(wb)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Dana" in page
    assert "Win the &lt;b&gt;Smith&lt;/b&gt; account &amp; more" in page
    assert "<script src=" not in page and len(page) > 3_000_000  # plotly.js inside, opens offline
    assert page.count('class="plotly-graph-div"') == 3  # ranking, network, goal map


@needs_pdftotext
def test_export_command_writes_the_files(tmp_path):
    wb = workbook.demo(tmp_path)
    wb.close()
    for fmt in ("pdf", "html"):
        out = tmp_path / f"plan.{fmt}"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "workbook.cli",
                "export",
                fmt,
                "--workbook",
                str(wb.path),
                "-o",
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert f"Wrote {out}" in done.stdout and out.stat().st_size > 10_000
    missing = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbook.cli",
            "export",
            "pdf",
            "--workbook",
            str(tmp_path / "nobody.sqlite"),
        ],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "There is no workbook" in missing.stderr
    assert not (tmp_path / "nobody.sqlite").exists()


def test_files_are_named_after_the_participant_and_the_day(tmp_path):
    from workbook.report.plan import file_name

    wb = workbook.demo(tmp_path)
    day = wb.today().isoformat()
    assert file_name(wb, "action-plan", "pdf") == f"action-plan-Dana-Whitfield-{day}.pdf"
    wb.set_profile(name="")
    assert file_name(wb, "workbook", "xlsx") == f"workbook-Your-action-plan-{day}.xlsx"
    wb.close()
    done = subprocess.run(
        [sys.executable, "-m", "workbook.cli", "export", "html", "--workbook", str(wb.path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / f"action-plan-Your-action-plan-{day}.html").stat().st_size > 1_000


@pytest.mark.parametrize(
    "name, stem",
    [
        ("AC/DC Ltd.", "AC-DC-Ltd"),
        ("../../etc/x", "etc-x"),
        ("Zoë Łukasz", "Zoë-Łukasz"),
        ("/", "workbook"),
    ],
)
def test_a_name_with_slashes_makes_a_file_in_the_folder_itself(tmp_path, name, stem):
    with workbook.open(tmp_path / "w.sqlite") as wb:
        wb.set_profile(name=name)
        day = wb.today().isoformat()
    done = subprocess.run(
        [sys.executable, "-m", "workbook.cli", "export", "html", "--workbook", str(wb.path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    made = [p.name for p in tmp_path.rglob("*.html")]
    assert made == [f"action-plan-{stem}-{day}.html"]


def test_preview_follows_edits_and_the_button_makes_a_pdf_link(demo_workbook):
    from workbook.widgets import DownloadPlan, PlanPreview

    preview, download = PlanPreview(demo_workbook), DownloadPlan(demo_workbook)
    assert "Print Asheville" in preview.value
    demo_workbook.add_goal("Host a <downsizing> fair")
    assert "Host a &lt;downsizing&gt; fair" in preview.value
    download.button.click()
    assert download.pdf.startswith(b"%PDF")
    assert 'download="action-plan-Dana-Whitfield-' in download.link.value
    assert "data:application/pdf;base64," in download.link.value
    assert download.status.kind == "saved"


@needs_pdftotext
def test_export_all_carries_on_past_bad_files_and_says_which(tmp_path):
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    for name in ("ana", "ben"):
        with workbook.demo(tmp_path / name) as wb:
            wb.set_profile(name=name.title())
            (cohort / f"{name}.sqlite").write_bytes(wb.path.read_bytes())
    (cohort / "broken.sqlite").write_text("this is not a workbook")
    out = tmp_path / "plans"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbook.cli",
            "export",
            "pdf",
            "--all",
            str(cohort),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert "broken.sqlite: " in done.stderr and "not a workbook file" in done.stderr
    failed = [line for line in done.stderr.splitlines() if "broken.sqlite" in line]
    assert len(failed) == 1  # one line per failed file
    assert "Wrote 2 of 3" in done.stdout
    assert sorted(p.name for p in out.iterdir()) == ["ana.pdf", "ben.pdf"]
    assert "Ben" in _text((out / "ben.pdf").read_bytes(), tmp_path)
    assert (cohort / "broken.sqlite").read_text() == "this is not a workbook"


@needs_pdftotext
def test_an_ask_answered_before_dates_were_kept_beside_a_dated_one(tmp_path):
    """A version-1 workbook's asks have no dates. Beside an ask made since, the missing date
    is NaN to pandas, which Typst's JSON refuses: the whole PDF failed."""
    from test_store import _version_1_file

    with workbook.open(_version_1_file(tmp_path / "dana.sqlite")) as wb:
        car = int(wb.businesses().set_index("name").loc["Pisgah Auto Care", "id"])
        wb.set_ask_status(wb.add_ask(car, "display_cards"), "asked")
        plan = report.gather(wb)
        since = {a["business"]: a["since"] for a in plan["asks_in_progress"]}
        assert since == {
            "Blue Ridge Hair Studio": "",
            "Pisgah Auto Care": f"{wb.today():%B} {wb.today().day}, {wb.today().year}",
        }
        pdf, note = report.to_pdf(wb, with_charts=False)
        text = _text(pdf, tmp_path)
    assert "Blue Ridge Hair Studio" in text and "Pisgah Auto Care" in text
    # Whatever gap comes next, the PDF is made: a NaN anywhere in the data prints as nothing.
    from workbook.report.pdf import TEMPLATE, typeset

    plan["asks_in_progress"][0]["since"] = float("nan")
    plan |= {"charts": [], "charts_note": "", "preferred_client": float("nan")}
    assert typeset(TEMPLATE, plan).startswith(b"%PDF")


def _day_month(day: dt.date) -> str:
    return f"{day:%B} {day.day}"  # dates in words, as in the US (the demo's locale)


def _weekday(day: dt.date) -> str:
    return f"{day:%a}, {day:%B} {day.day}"


NOTHING_TO_SAY = re.compile(
    r"[$£€]0\b|\b0 (?:local|referral|business|ask)|\b1 (?:referrals|businesses|asks)\b|"
    r"\bnan\b|\bNone\b(?! picked)|Business\s+Ask\s+Answer|action plan · action plan"
)


def _plan_texts(wb, tmp_path) -> dict[str, str]:
    pdf, _note = report.to_pdf(wb, with_charts=False)
    html = re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<script.*?</script>", "", report.to_html(wb)))
    return {"pdf": _text(pdf, tmp_path), "html": " ".join(html.split()).replace(" :", ":")}


@needs_pdftotext
def test_an_empty_workbooks_plan_says_what_to_do_next_not_zeros(tmp_path):
    with workbook.open(tmp_path / "new.sqlite") as wb:
        for where, text in _plan_texts(wb, tmp_path).items():
            assert not NOTHING_TO_SAY.search(text), (where, NOTHING_TO_SAY.search(text))
            flat = " ".join(text.split())
            assert "In exercise 1, list the local businesses you pay" in flat, where
            assert "In exercise 2, pick five professions" in flat, where
            assert "In exercise 3, write two goals" in flat, where
            assert "Asks in progress" not in flat and "Your charts" not in flat, where


@needs_pdftotext
def test_a_half_done_plan_counts_in_words(tmp_path):
    with workbook.open(tmp_path / "half.sqlite") as wb:
        wb.set_profile(name="Joan Baker", currency="GBP")
        wb.add_business(name="Corner Cafe", amount=4, frequency="per_visit", visits_per_year=50)
        texts = _plan_texts(wb, tmp_path)
        for where, text in texts.items():
            flat = " ".join(text.split())
            assert not NOTHING_TO_SAY.search(flat), (where, NOTHING_TO_SAY.search(flat))
            assert "with 1 local business" in flat, where
            assert "no referrals sent to them yet" in flat, where
            assert "Corner Cafe: Choose an ask: 1 year a client, about £200 spent" in flat, where
        business = int(wb.businesses()["id"].iloc[0])
        wb.update_business(business, referrals_sent=1)
        for where, text in _plan_texts(wb, tmp_path).items():
            assert "have sent them 1 referral." in " ".join(text.split()), where


def test_the_cohort_report_counts_in_words_and_says_what_to_do_when_empty(tmp_path):
    from workbook import cohort
    from workbook.report.cohort import report_html

    empty = tmp_path / "empty"
    empty.mkdir()
    text = report_html(cohort.load(empty))
    assert "No workbooks in" in text and "workbook cohort new roster.csv" in text
    assert "0 participants" not in text and "<table" not in text
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("Ana Silva", "Raj Mehta"):
        with workbook.open(folder / f"{name.split()[0].lower()}.sqlite") as wb:
            wb.set_profile(name=name)
    with workbook.open(folder / "ana.sqlite") as ana:
        ana.add_referral(ana.find_or_add_contact("Raj Mehta"), "given", "2026-11-02", "A client")
    text = " ".join(re.sub(r"<[^>]+>", " ", report_html(cohort.load(folder))).split())
    assert "2 participants spend" in text and "1 referral given" in text
    assert "0 asks made" in text  # zero of a count reads as a number, never '1 asks'
    assert "Nobody has given a profession yet (exercise 0)." in text
    assert "No introductions yet: they come from" in text


@needs_pdftotext
def test_a_browser_that_fails_leaves_a_plan_with_a_note_in_words(tmp_path):
    """The browser is there but will not draw (here: a program that is no browser at all):
    the PDF is made without charts, and its note says so in words, not in the browser's."""
    said, out = _plan_drawn_by(shutil.which("false") or "/bin/false", tmp_path)
    assert "The charts could not be drawn this time" in said
    text = _text(out.read_bytes(), tmp_path)
    assert "The charts could not be drawn this time" in text and "Dana Whitfield" in text
    assert not re.search(r"Error|Exception|Traceback|/bin/|0x[0-9a-f]", said + text)
