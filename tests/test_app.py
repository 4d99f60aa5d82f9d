"""The workshop app (`workbook app`, Voilà) in a real browser: a participant moves between the
exercises of one page, fills in every exercise by mouse and keyboard (and on a phone, by
touch), reloads the page and finds it all again, downloads the PDF; and the page never asks
anything of a machine other than this one, nor shows a word of Jupyter.

Drives Debian's chromium (/usr/bin/chromium) with Python playwright; `.ci/run` installs both.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

import workbook
from conftest import (
    FIXTURES,
    app_on_a_new_workbook,
    chromium_page,
    db_rows,
    needs_chromium,
    wait_for,
)

pytestmark = needs_chromium

LABELS = [
    "0 · Start here", "1 · Your money trail", "2 · Your preferred clients, and who else serves them",
    "3 · From goals to people", "4 · The GAINS exchange", "5 · My network", "6 · Follow-up",
    "7 · Your action plan", "8 · This week",
]  # fmt: skip
LAPTOP = {"viewport": {"width": 1300, "height": 1000}}
PHONE = {  # a 390×844 phone, driven by touch
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    yield from app_on_a_new_workbook(tmp_path_factory, "app", "zoe.sqlite")


def _page(request, app, options):
    with chromium_page(request, "app-", accept_downloads=True, **options) as page:
        page.requests = []
        page.on("request", lambda r: page.requests.append(r.url))
        yield page
        outside = [u for u in page.requests if not _local(u, app.base)]
    assert not outside, f"the page asked for something off this machine: {outside}"


@pytest.fixture
def page(request, app):
    yield from _page(request, app, LAPTOP)


@pytest.fixture
def phone(request, app):
    yield from _page(request, app, PHONE)


def _local(url: str, base: str) -> bool:
    return url.startswith((base + "/", "data:", "blob:", "about:")) or url.startswith(
        base.replace("http", "ws") + "/"
    )


def _open(page, app, number: int | None = None) -> None:
    """Open the app at exercise ``number`` (None: the exercise list), as a bookmark would."""
    page.goto(app.base + ("/" if number is None else f"/?exercise={number}"), timeout=90_000)
    at = "workbook-at-home" if number is None else f"workbook-at-{number}"
    page.locator(f".workbook-app.{at}").wait_for(timeout=90_000)
    if number is not None:
        page.locator(".workbook-footer").last.wait_for(timeout=60_000)


def _shown(page) -> str:
    """The text of the exercise on screen (hidden ones kept in the page are not shown)."""
    return page.inner_text(".workbook-app")


def test_the_exercise_list_leads_through_the_exercises_in_order(app, page):
    _open(page, app)
    lines = page.locator(".workbook-home button")
    assert [t.strip() for t in lines.all_inner_texts()] == LABELS
    lines.nth(0).click()
    page.get_by_text("Welcome to your networking workbook").wait_for(timeout=60_000)
    assert "import workbook" not in page.content()  # the code is hidden
    page.get_by_role("button", name=f"Next: {LABELS[1]} →").click()
    page.get_by_text("You are already a good customer").wait_for(timeout=60_000)
    # The address as the page has it (a loaded machine may be slow to tell playwright).
    address = lambda: page.evaluate("window.location.href")  # noqa: E731
    classes = "[...document.querySelectorAll('.workbook-app')].map((e) => e.className)"
    assert wait_for(lambda: "exercise=1" in address(), timeout=60), (
        address(), page.evaluate(classes))  # fmt: skip
    assert page.title().startswith("1 · Your money trail")

    page.reload()  # back at the same exercise
    page.locator(".workbook-app.workbook-at-1").wait_for(timeout=90_000)
    page.get_by_text("You are already a good customer").wait_for(timeout=60_000)

    page.get_by_role("button", name="All exercises").last.click()  # from the foot of the page
    page.locator(".workbook-home").wait_for()
    page.locator(".workbook-strip button", has_text="1").first.click()  # from the top
    page.get_by_text("You are already a good customer").wait_for()
    assert "Welcome to your networking workbook" not in _shown(page)


def test_one_warm_kernel_serves_the_page(app, page):
    _open(page, app, 5)
    assert wait_for(
        lambda: any("Using pre-heated kernel" in line and "app.ipynb" in line for line in app.log)
    )


def test_profile(app, page):
    _open(page, app, 0)
    page.get_by_placeholder("Dana Whitfield").fill("Zoë Łukasz")
    page.get_by_placeholder("Whitfield Homes").fill("Łukasz Lawn & Garden")
    page.keyboard.press("Tab")  # on to the next field, as a participant does

    assert wait_for(lambda: db_rows(app.workbook, "SELECT name FROM profile") == [("Zoë Łukasz",)])
    page.get_by_text("✓ Saved").first.wait_for()
    page.reload()
    assert page.get_by_placeholder("Dana Whitfield").input_value(timeout=90_000) == "Zoë Łukasz"


def test_money_trail(app, page):
    _open(page, app, 1)
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
    page.locator(".workbook-row", has_text="Sunny Paws Grooming").first.wait_for(timeout=90_000)
    page.locator(".js-plotly-plot text", has_text="Sunny Paws Grooming").first.wait_for(
        timeout=60_000
    )
    page.get_by_text("invested in all").first.wait_for()
    assert "$2,784" in page.inner_text("body")  # 58 a visit, 12 visits a year, 4 years


def test_a_row_is_changed_in_place_with_words_from_a_list(app, page):
    """Change opens the row's own fields; the relationship is chosen, not typed exactly."""
    with workbook.open(app.workbook) as wb:
        wb.add_contact(name="Grace Kim", company="Kim Law")
        wb.add_contact(name="Aaron Abbott", company="Abbott Roofing")
    _open(page, app, 5)
    row = page.locator(".workbook-row", has_text="Grace Kim").first
    row.get_by_role("button", name="Change").click()
    row.get_by_label("Relationship").select_option(
        value="Referral partner (we send each other business)"
    )
    row.get_by_label("Company").fill("Kim Elder Law")
    row.get_by_role("button", name="Done").click()
    assert wait_for(
        lambda: (
            db_rows(app.workbook, "SELECT company, depth FROM contacts WHERE name='Grace Kim'")
            == [("Kim Elder Law", "referral_partner")]
        )
    )
    page.locator(".workbook-row", has_text="Kim Elder Law").first.wait_for()


def test_money_trail_from_a_bank_file(app, page):
    """Choose the bank's CSV, see the businesses found in it, add one with a click; what is
    being typed in another row survives the Add."""
    _open(page, app, 1)
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Choose your bank file").click()
    chooser.value.set_files(FIXTURES / "imports" / "chase_checking.csv")
    page.get_by_text("businesses in your bank files").wait_for(timeout=60_000)
    page.wait_for_function(  # the name to check, in a text box of its own
        "() => [...document.querySelectorAll('input')].some(i => i.value === "
        "'Happy Paws Vet Clinic')",
        timeout=60_000,
    )
    cards = page.locator(".workbook-card")
    second = cards.nth(1).get_by_label("Profession").element_handle()  # this very field
    second.fill("Coffee shop owner")  # being typed when the first is added
    cards.nth(0).get_by_role("button", name="Add to my money trail").click()  # the biggest
    assert wait_for(
        lambda: ("Happy Paws Vet Clinic",) in db_rows(app.workbook, "SELECT name FROM businesses")
    )
    page.wait_for_timeout(2_000)
    assert second.input_value() == "Coffee shop owner"
    page.reload()
    page.get_by_text("Already in your money trail: Happy Paws Vet Clinic").wait_for(timeout=90_000)


def test_preferred_clients(app, page):
    _open(page, app, 2)
    page.get_by_placeholder("Financial planner").fill("Veterinarian")
    page.get_by_role("button", name="Add to my five").click()
    assert wait_for(
        lambda: (
            db_rows(app.workbook, "SELECT profession FROM target_professions")
            == [("Veterinarian",)]
        )
    )
    page.reload()
    page.get_by_text("Meet someone in veterinarian").first.wait_for(timeout=90_000)


def test_goals_to_people(app, page):
    _open(page, app, 3)
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
    page.get_by_text("Twenty new dog clients by May").first.wait_for(timeout=90_000)
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
    _open(page, app, 4)
    field = page.get_by_placeholder("What do you do when you are not working?")
    field.fill("Trail running, jazz")
    page.keyboard.press("Tab")

    assert wait_for(
        lambda: db_rows(app.workbook, "SELECT interests FROM gains") == [("Trail running, jazz",)]
    )
    page.reload()
    field = page.get_by_placeholder("What do you do when you are not working?")
    assert wait_for(lambda: field.input_value(timeout=90_000) == "Trail running, jazz")


def test_my_network(app, page):
    _open(page, app, 5)
    page.get_by_placeholder("Maria Lopez").fill("Grace Kim")
    page.get_by_placeholder("Ridge Advisors").fill("Kim Elder Law")
    page.get_by_role("button", name="Add person").click()
    assert wait_for(lambda: ("Grace Kim",) in db_rows(app.workbook, "SELECT name FROM contacts"))
    page.reload()
    page.locator(".workbook-row", has_text="Kim Elder Law").first.wait_for(timeout=90_000)


def test_follow_up(app, page):
    _open(page, app, 6)
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
    page.get_by_text("Thank Grace Kim for the one-to-one meeting").first.wait_for(timeout=90_000)


def test_write_it_drafts_an_editable_message_and_copies_it(app, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.base)
    _open(page, app, 6)
    page.get_by_placeholder("a name from your contacts, or a new one").first.fill("Ana Silva")
    page.get_by_placeholder("what you talked about, what you promised").fill("Lunch at the fair")
    page.get_by_role("button", name="Log it").click()
    writer = page.locator(".workbook-draft-1, [class*='workbook-draft-']").locator("textarea").first
    choice = page.get_by_label("Write")

    def labels() -> list[str]:  # the dropdown writes its options with no-break spaces
        return choice.locator("option").all_inner_texts()

    assert wait_for(lambda: any("Thank Ana Silva" in o.replace("\xa0", " ") for o in labels()))
    choice.select_option(
        label=next(o for o in labels() if o.replace("\xa0", " ").startswith("Thank Ana Silva"))
    )
    assert wait_for(lambda: writer.input_value().startswith("Dear Ana,"), timeout=60)
    assert "lunch at the fair" in writer.input_value()
    writer.fill(writer.input_value().replace("Dear Ana,", "Dear Ana, my friend,"))
    page.get_by_role("button", name="Copy").first.click()
    page.get_by_text("Copied").first.wait_for(timeout=30_000)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Dear Ana, my friend,") and "lunch at the fair" in copied


def _pdf_text(page, tmp_path, tap: bool = False) -> tuple[str, str]:
    button = page.get_by_role("button", name="Make my action plan (PDF)")
    button.tap() if tap else button.click()
    link = page.get_by_text("Download my action plan (PDF)")
    link.wait_for(timeout=90_000)
    with page.expect_download() as download:
        link.tap() if tap else link.click()
    saved = tmp_path / "plan.pdf"
    download.value.save_as(saved)
    text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True).stdout
    return text, download.value.suggested_filename


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_action_plan_pdf_download(app, page, tmp_path):
    _open(page, app, 7)
    text, name = _pdf_text(page, tmp_path)
    for expected in ["Zoë Łukasz", "Sunny Paws Grooming", "Twenty-five new dog clients by May",
                     "Veterinarian", "Thank Grace Kim"]:  # fmt: skip
        assert expected in text, expected
    assert re.search(r"action-plan-.*\.pdf", name)
    with workbook.open(app.workbook) as wb:
        assert wb.plan_made_on() is not None  # the plan exercise now counts as done


def test_a_warm_page_shows_what_was_saved_after_it_started(app, page):
    """The kernel was started and warmed before this edit; the page still shows it, because
    the workbook is opened only when the page is asked for."""
    with workbook.open(app.workbook) as wb:
        wb.add_contact(name="Added While Waiting", company="Elsewhere")
    _open(page, app, 5)
    page.get_by_placeholder("Find a person").fill("added while")
    page.locator(".workbook-row", has_text="Added While Waiting").wait_for(timeout=60_000)


UNNAMED_CONTROLS = """() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter(el => el.offsetParent !== null && !['hidden', 'file'].includes(el.type))
    .filter(el => !(
        [...(el.labels || [])].some(label => label.textContent.trim())
        || el.getAttribute('aria-label') || el.title || el.placeholder
        || (el.tagName === 'BUTTON' && el.textContent.trim())))
    .map(el => el.outerHTML.slice(0, 200))"""

# What a participant must never read in the app: Jupyter's words and the machine's insides.
JUPYTER_WORDS = re.compile(
    r"\b(cells?|kernels?|notebooks?|jupyter(lab)?|run all|ipynb|sqlite|python)\b"
    r"|Workbook\(|/home/|/tmp/|/root/|\$ |\bworkbook (start|app|export|cohort)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("number", range(9))
def test_every_field_has_a_name_and_no_jupyter_shows(app, page, number):
    """What a screen reader says for each control: its label, placeholder, tooltip or text;
    and no word of cells, kernels, notebooks, files or command lines. Runs after the
    exercises above, so the pages have rows (asks, candidates, promises)."""
    with workbook.open(app.workbook) as wb:  # rows of fields: bank candidates, an ask
        wb.import_transactions(FIXTURES / "imports" / "chase_checking.csv")  # twice adds nothing
        if wb.asks().empty:
            if wb.spend_table().empty:
                wb.accept_candidate("Starbucks")
            wb.add_ask(int(wb.spend_table()["id"].iloc[0]), "display_cards", "")
    _open(page, app, number)
    page.wait_for_timeout(2_000)  # the charts, drawn once the page is up
    assert page.evaluate(UNNAMED_CONTROLS) == []
    # Two amounts in one paragraph ($58 ... $700) must not be typeset as a formula.
    assert page.locator("mjx-container, .MathJax, .MathJax_Preview").count() == 0
    shown = _shown(page)
    assert not JUPYTER_WORDS.search(shown), JUPYTER_WORDS.search(shown)
    assert page.get_by_role("button", name="All exercises").last.is_visible()
    if number < 7:
        assert page.get_by_role("button", name=f"Next: {LABELS[number + 1]} →").is_visible()


# -- on a phone ------------------------------------------------------------------------

OFF_SCREEN = """() => {
    const inScroller = el => { for (let p = el.parentElement; p; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if ((x === 'auto' || x === 'scroll') && p.scrollWidth > p.clientWidth) return true; }
        return false; };
    return [...document.querySelectorAll('.workbook-app button, .workbook-app input,'
                                         + ' .workbook-app select, .workbook-app textarea')]
      .filter(el => el.offsetParent !== null && el.type !== 'hidden' && el.type !== 'file')
      .filter(el => { const r = el.getBoundingClientRect();
                      return r.width > 0 && (r.left < -1 || r.right > innerWidth + 1); })
      .filter(el => !inScroller(el))
      .map(el => (el.textContent || el.placeholder || el.outerHTML).trim().slice(0, 80)); }"""


def _fits_the_phone(page) -> None:
    """Nothing wider than the screen: the page never scrolls sideways, and every control
    is within reach (wide tables scroll inside themselves)."""
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth + 1")
    assert page.evaluate(OFF_SCREEN) == []


def _on_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 391


def test_phone_profile_by_touch(app, phone):
    _open(phone, app, 0)
    _fits_the_phone(phone)
    field = phone.get_by_placeholder("Whitfield Homes")
    field.tap()
    field.fill("Łukasz Lawn & Garden Co")
    phone.get_by_placeholder("Dana Whitfield").tap()  # on to another field
    assert wait_for(
        lambda: (
            db_rows(app.workbook, "SELECT business FROM profile") == [("Łukasz Lawn & Garden Co",)]
        )
    )
    saved = phone.get_by_text("✓ Saved").first
    saved.wait_for()
    assert _on_screen(phone, saved)
    label = phone.get_by_text("Your business", exact=True).first.bounding_box()
    box = field.bounding_box()
    assert label["y"] + label["height"] <= box["y"] + 1  # the label above its field
    _fits_the_phone(phone)


def test_phone_money_trail_by_touch(app, phone):
    """Exercise 1 on a phone: by hand, and from the bank file, every button within reach."""
    _open(phone, app, 1)
    _fits_the_phone(phone)
    phone.get_by_placeholder("Blue Ridge Hair Studio").tap()
    phone.get_by_placeholder("Blue Ridge Hair Studio").fill("Corner Bakery Leeds")
    phone.get_by_placeholder("Hair stylist").fill("Baker")
    phone.get_by_placeholder("65").fill("12")
    phone.get_by_placeholder("10", exact=True).fill("40")
    phone.get_by_placeholder("5", exact=True).fill("3")
    add = phone.get_by_role("button", name="Add business")
    add.scroll_into_view_if_needed()
    assert _on_screen(phone, add)
    add.tap()
    assert wait_for(
        lambda: ("Corner Bakery Leeds",) in db_rows(app.workbook, "SELECT name FROM businesses")
    )
    row = phone.locator(".workbook-row", has_text="Corner Bakery Leeds").first
    row.wait_for()
    change = row.get_by_role("button", name="Change")
    change.scroll_into_view_if_needed()
    assert _on_screen(phone, change)

    with phone.expect_file_chooser() as chooser:
        phone.get_by_text("Choose your bank file").tap()
    chooser.value.set_files(FIXTURES / "imports" / "monzo.csv")
    phone.get_by_text("businesses in your bank files").wait_for(timeout=60_000)
    first = phone.locator(".workbook-card").first
    name = first.get_by_label("Business").input_value()
    button = first.get_by_role("button", name="Add to my money trail")
    button.scroll_into_view_if_needed()
    assert _on_screen(phone, button)
    button.tap()
    assert wait_for(lambda: (name,) in db_rows(app.workbook, "SELECT name FROM businesses"))
    _fits_the_phone(phone)
    # Every chart drawn for the phone's width (they are drawn again after the Add).
    phone.wait_for_function(
        """() => { const shown = [...document.querySelectorAll('.js-plotly-plot')]
                     .filter(el => el.offsetParent !== null);
                   return shown.length > 0 && shown.every(
                     el => el.getBoundingClientRect().width <= 390); }""",
        timeout=60_000,
    )


def test_phone_network_by_touch(app, phone):
    _open(phone, app, 5)
    _fits_the_phone(phone)
    phone.get_by_placeholder("Maria Lopez").tap()
    phone.get_by_placeholder("Maria Lopez").fill("Priya Shah")
    phone.get_by_placeholder("Ridge Advisors").fill("Shah Accounts")
    add = phone.get_by_role("button", name="Add person")
    add.scroll_into_view_if_needed()
    assert _on_screen(phone, add)
    add.tap()
    assert wait_for(lambda: ("Priya Shah",) in db_rows(app.workbook, "SELECT name FROM contacts"))
    row = phone.locator(".workbook-row", has_text="Priya Shah").first
    row.wait_for()
    row.get_by_role("button", name="Change").tap()
    row.get_by_label("Relationship").select_option(
        value="Acquaintance (we know each other a little)"
    )
    row.get_by_role("button", name="Done").tap()
    assert wait_for(
        lambda: (
            db_rows(app.workbook, "SELECT depth FROM contacts WHERE name='Priya Shah'")
            == [("acquaintance",)]
        )
    )
    _fits_the_phone(phone)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_phone_action_plan_by_touch(app, phone, tmp_path):
    _open(phone, app, 7)
    _fits_the_phone(phone)
    text, _name = _pdf_text(phone, tmp_path, tap=True)
    assert "Priya Shah" in text or "Corner Bakery Leeds" in text
    _fits_the_phone(phone)
