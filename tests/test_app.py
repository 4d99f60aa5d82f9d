"""The workshop app (`workbook app`, Voilà) in a real browser: a participant fills in every
exercise by mouse and keyboard, reloads the page and finds it all again, downloads the PDF;
and the page never asks anything of a machine other than this one.

Drives Debian's chromium (/usr/bin/chromium) with Python playwright; `.ci/run` installs both.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

import workbook
from conftest import FIXTURES, chromium_page, db_rows, needs_chromium, running_app, wait_for

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("app")
    path = folder / "zoe.sqlite"
    workbook.open(path).close()
    with running_app(folder, path) as server:
        yield server


@pytest.fixture
def page(request, app):
    options = {"viewport": {"width": 1300, "height": 1000}, "accept_downloads": True}
    with chromium_page(request, "app-", **options) as page:
        page.requests = []
        page.on("request", lambda r: page.requests.append(r.url))
        yield page
        outside = [u for u in page.requests if not _local(u, app.base)]
    assert not outside, f"the page asked for something off this machine: {outside}"


def _local(url: str, base: str) -> bool:
    return url.startswith((base + "/", "data:", "blob:", "about:")) or url.startswith(
        base.replace("http", "ws") + "/"
    )


def _open(page, app, notebook: str) -> None:
    page.goto(f"{app.base}/voila/render/{notebook}.ipynb", timeout=90_000)
    page.locator(".jupyter-widgets").first.wait_for(timeout=60_000)


def test_landing_page_lists_the_exercises_in_order(app, page):
    page.goto(app.base + "/")
    links = page.locator("ol.exercises a")
    assert [t.strip() for t in links.all_inner_texts()] == [
        "0 · Start here", "1 · Money trail", "2 · Preferred clients", "3 · Goals to people",
        "4 · Gains", "5 · My network", "6 · Follow up", "7 · Action plan",
    ]  # fmt: skip
    links.nth(0).click()
    page.get_by_text("Welcome to your networking workbook").wait_for(timeout=60_000)
    assert "import workbook" not in page.content()  # the code is hidden
    next_link = page.get_by_role("link", name="1 · Your money trail")
    next_link.click()
    page.get_by_text("You are already a good customer").wait_for(timeout=60_000)


def test_profile(app, page):
    _open(page, app, "00_start_here")
    page.get_by_placeholder("Dana Whitfield").fill("Zoë Łukasz")
    page.get_by_placeholder("Whitfield Homes").fill("Łukasz Lawn & Garden")
    page.keyboard.press("Tab")  # on to the next field, as a participant does

    assert wait_for(lambda: db_rows(app.workbook, "SELECT name FROM profile") == [("Zoë Łukasz",)])
    page.get_by_text("✓ Saved").first.wait_for()
    page.reload()
    assert page.get_by_placeholder("Dana Whitfield").input_value(timeout=60_000) == "Zoë Łukasz"


def test_money_trail(app, page):
    _open(page, app, "01_money_trail")
    page.get_by_placeholder("Blue Ridge Hair Studio").fill("Sunny Paws Grooming")
    page.get_by_placeholder("Hair stylist").fill("Pet groomer")
    page.get_by_placeholder("65").fill("58")
    page.get_by_placeholder("10", exact=True).fill("12")
    page.get_by_placeholder("5", exact=True).fill("4")
    page.get_by_role("button", name="Add business").click()
    assert wait_for(
        lambda: db_rows(app.workbook, "SELECT name FROM businesses") == [("Sunny Paws Grooming",)]
    )
    page.get_by_placeholder("Blue Ridge Hair Studio").fill("Nobody")
    page.get_by_placeholder("65").fill("-1")
    page.get_by_placeholder("10", exact=True).fill("2")
    page.get_by_role("button", name="Add business").click()

    page.get_by_text("Amount cannot be negative").wait_for()  # next to the form
    page.reload()
    # The grid is drawn on a canvas: look for the business in the chart and the totals line.
    page.locator(".js-plotly-plot text", has_text="Sunny Paws Grooming").first.wait_for(
        timeout=60_000
    )
    page.get_by_text("invested in all").first.wait_for()
    assert "$2,784" in page.inner_text("body")  # 58 a visit, 12 visits a year, 4 years


def test_grids_and_charts_are_added_once_the_page_is_up(app, page):
    """They are held back so the forms show first (once_the_page_is_up); they must still come."""
    with workbook.open(app.workbook) as wb:
        wb.add_contact(name="Grace Kim", company="Kim Law")
    for notebook in ("01_money_trail", "05_my_network"):
        _open(page, app, notebook)
        page.locator(".lm-DataGrid, .p-DataGrid").first.wait_for(timeout=60_000)
        page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
        assert wait_for(lambda: "Opening your table" not in page.inner_text("body"))


def test_money_trail_from_a_bank_file(app, page):
    """Choose the bank's CSV, see the businesses found in it, add one with a click."""
    _open(page, app, "01_money_trail")
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Choose your bank file").click()
    chooser.value.set_files(FIXTURES / "imports" / "chase_checking.csv")
    page.get_by_text("businesses in your bank files").wait_for(timeout=60_000)
    page.wait_for_function(  # the name to check, in a text box of its own
        "() => [...document.querySelectorAll('input')].some(i => i.value === "
        "'Happy Paws Vet Clinic')",
        timeout=60_000,
    )
    page.get_by_role("button", name="Add to my money trail").first.click()  # the biggest
    assert wait_for(
        lambda: ("Happy Paws Vet Clinic",) in db_rows(app.workbook, "SELECT name FROM businesses")
    )
    page.reload()
    page.get_by_text("Already in your money trail: Happy Paws Vet Clinic").wait_for(timeout=60_000)


def test_preferred_clients(app, page):
    _open(page, app, "02_preferred_clients")
    page.get_by_placeholder("Financial planner").fill("Veterinarian")
    page.get_by_role("button", name="Add to my five").click()
    assert wait_for(
        lambda: (
            db_rows(app.workbook, "SELECT profession FROM target_professions")
            == [("Veterinarian",)]
        )
    )
    page.reload()
    page.get_by_text("Meet someone in veterinarian").first.wait_for(timeout=60_000)


def test_goals_to_people(app, page):
    _open(page, app, "03_goals_to_people")
    page.get_by_placeholder("Ten listings from retirees by June").fill(
        "Twenty new dog clients by May"
    )
    page.get_by_role("button", name="Add goal").click()
    assert wait_for(
        lambda: (
            db_rows(app.workbook, "SELECT text FROM goals") == [("Twenty new dog clients by May",)]
        )
    )
    page.reload()
    page.get_by_text("Twenty new dog clients by May").first.wait_for(timeout=60_000)
    # Reworded in place.
    page.get_by_title("Reword this goal or change its date").click()
    page.get_by_label("Goal", exact=True).fill("Twenty-five new dog clients by May")
    page.get_by_role("button", name="Save").click()
    assert wait_for(
        lambda: (
            db_rows(app.workbook, "SELECT text FROM goals")
            == [("Twenty-five new dog clients by May",)]
        )
    )
    page.get_by_text("Twenty-five new dog clients by May").first.wait_for(timeout=30_000)


def test_gains(app, page):
    _open(page, app, "04_gains")
    field = page.get_by_placeholder("What do you do when you are not working?")
    field.fill("Trail running, jazz")
    page.keyboard.press("Tab")

    assert wait_for(
        lambda: db_rows(app.workbook, "SELECT interests FROM gains") == [("Trail running, jazz",)]
    )
    page.reload()
    field = page.get_by_placeholder("What do you do when you are not working?")
    assert wait_for(lambda: field.input_value(timeout=60_000) == "Trail running, jazz")


def test_my_network(app, page):
    _open(page, app, "05_my_network")
    page.get_by_placeholder("Maria Lopez").fill("Grace Kim")
    page.get_by_placeholder("Ridge Advisors").fill("Kim Elder Law")
    page.get_by_role("button", name="Add person").click()
    assert wait_for(lambda: ("Grace Kim",) in db_rows(app.workbook, "SELECT name FROM contacts"))
    page.reload()
    page.get_by_role("button", name="Add person").wait_for(timeout=60_000)
    assert page.locator("option", has_text="Grace Kim").count() >= 1


def test_follow_up(app, page):
    _open(page, app, "06_follow_up")
    page.get_by_placeholder("a name from your contacts, or a new one").first.fill("Grace Kim")
    page.get_by_placeholder("what you talked about, what you promised").fill("Coffee at the bakery")
    page.get_by_role("button", name="Log it").click()
    assert wait_for(
        lambda: (
            db_rows(app.workbook, "SELECT kind, notes FROM interactions")
            == [("one_to_one", "Coffee at the bakery")]
        )
    )
    page.reload()
    page.get_by_text("Thank Grace Kim for the one-to-one meeting").first.wait_for(timeout=60_000)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_action_plan_pdf_download(app, page, tmp_path):
    _open(page, app, "07_action_plan")
    page.get_by_role("button", name="Make my action plan (PDF)").click()
    link = page.get_by_text("Download my action plan (PDF)")
    link.wait_for(timeout=90_000)
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "plan.pdf"
    download.value.save_as(saved)
    text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True).stdout
    for expected in ["Zoë Łukasz", "Sunny Paws Grooming", "Twenty-five new dog clients by May",
                     "Veterinarian", "Thank Grace Kim"]:  # fmt: skip
        assert expected in text, expected
    assert re.search(r"action-plan-.*\.pdf", download.value.suggested_filename)


def test_a_preheated_page_shows_what_was_saved_after_it_started(app, page):
    """The exercise's kernel was started and warmed before this edit; the page still shows it,
    because the workbook is opened only when the page is asked for."""
    with workbook.open(app.workbook) as wb:
        wb.add_contact(name="Added While Waiting", company="Elsewhere")
    _open(page, app, "05_my_network")
    page.get_by_role("button", name="Add person").wait_for(timeout=60_000)
    assert page.locator("option", has_text="Added While Waiting").count() >= 1
    assert any("Using pre-heated kernel" in line and "05_my_network" in line for line in app.log)


UNNAMED_CONTROLS = """() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter(el => el.offsetParent !== null && !['hidden', 'file'].includes(el.type))
    .filter(el => !(
        [...(el.labels || [])].some(label => label.textContent.trim())
        || el.getAttribute('aria-label') || el.title || el.placeholder
        || (el.tagName === 'BUTTON' && el.textContent.trim())))
    .map(el => el.outerHTML.slice(0, 200))"""


@pytest.mark.parametrize(
    "notebook",
    ["00_start_here", "01_money_trail", "02_preferred_clients", "03_goals_to_people",
     "04_gains", "05_my_network", "06_follow_up", "07_action_plan"],
)  # fmt: skip
def test_every_field_has_a_name_and_text_reads_as_written(app, page, notebook):
    """What a screen reader says for each control: its label, placeholder, tooltip or text.
    Runs after the exercises above, so the pages have rows (asks, candidates, promises)."""
    with workbook.open(app.workbook) as wb:  # rows of fields: bank candidates, an ask
        wb.import_transactions(FIXTURES / "imports" / "chase_checking.csv")  # twice adds nothing
        if wb.asks().empty:
            if wb.spend_table().empty:
                wb.accept_candidate("Starbucks")
            wb.add_ask(int(wb.spend_table()["id"].iloc[0]), "display_cards", "")
    _open(page, app, notebook)
    page.wait_for_timeout(3_000)  # the parts added once the page is up
    assert page.evaluate(UNNAMED_CONTROLS) == []
    # Two amounts in one paragraph ($58 ... $700) must not be typeset as a formula.
    assert page.locator("mjx-container, .MathJax, .MathJax_Preview").count() == 0
