"""The app in Spanish, in a real browser: a participant chooses Español in exercise 0 and the
page speaks it at once; they fill in their profile, add a business to their money trail and
plan an ask in exercise 1, and download their action plan from exercise 7 as a Spanish PDF
(read back with pdftotext), money and dates written as in Spain."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from test_app import LAPTOP, PHONE, _fits_the_phone, _open, _shown

import workbook
from conftest import app_on_a_new_workbook, chromium_page, needs_chromium, wait_for

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    yield from app_on_a_new_workbook(tmp_path_factory, "spanish-app", "lucia.sqlite")


def _typed(page, label: str, text: str) -> None:
    field = page.get_by_role("textbox", name=label, exact=True)  # not "Tu negocio" for "Negocio"
    field.fill(text)
    field.press("Tab")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_exercises_0_1_and_7_in_spanish_with_a_spanish_pdf(app, request, tmp_path):
    with chromium_page(request, "spanish-", accept_downloads=True, **LAPTOP) as page:
        _open(page, app, 0)
        page.get_by_role("combobox", name="Language").select_option(label="Español")
        page.get_by_text("Te damos la bienvenida a tu cuaderno de networking").wait_for(
            timeout=60_000
        )
        assert "Welcome to your networking workbook" not in _shown(page)
        # The tab and the next visit's loading line speak Spanish too.
        assert wait_for(lambda: page.title().endswith("Cuaderno de networking"), timeout=30)
        assert page.evaluate("document.documentElement.lang") == "es"
        kept = page.evaluate("JSON.parse(localStorage.getItem('workbook-words'))")
        assert kept["opening"] == "Abriendo tu cuaderno…"
        _typed(page, "Tu nombre", "Lucía Fernández")
        _typed(page, "Tu negocio", "Fernández Interiorismo")
        for label, text in (("Moneda", "EUR"), ("Zona horaria", "Europe/Madrid")):
            field = page.get_by_role("combobox", name=label, exact=True)
            field.fill(text)
            field.press("Tab")
        page.get_by_text("✓ Guardado").first.wait_for(timeout=30_000)
        assert wait_for(lambda: _profile(app).time_zone == "Europe/Madrid")
        assert _profile(app).language == "es" and _profile(app).writes_in == "es-ES"

        page.get_by_role("button", name="Siguiente: 1 · Tu rastro del dinero →").click()
        page.get_by_text("Ya eres buen cliente de una docena de negocios").wait_for(timeout=60_000)
        _typed(page, "Negocio", "Panadería Sol")
        _typed(page, "Importe", "4,50")
        _typed(page, "Visitas al año", "120")
        _typed(page, "Años como cliente", "5")
        page.get_by_role("button", name="Añadir negocio").click()
        page.get_by_text("Añadido: Panadería Sol").wait_for(timeout=30_000)
        page.get_by_text("540 € al año").first.wait_for(timeout=30_000)
        page.get_by_role("checkbox", name="Tener a la vista tus folletos o tarjetas").check()
        page.get_by_text("Soy cliente tuyo desde hace 5 años").first.wait_for(timeout=30_000)
        page.get_by_role("button", name="Planear estas peticiones").click()
        page.get_by_text("1 petición planeada").wait_for(timeout=30_000)
        with workbook.open(app.workbook) as wb:
            assert wb.businesses()["amount"].tolist() == [4.5]
            assert wb.asks()["status"].tolist() == ["planned"]

        _open(page, app, 7)  # a bookmark, a reload: the page still speaks Spanish
        page.get_by_text("Tu plan tal como está").wait_for(timeout=60_000)
        page.get_by_role("button", name="Crear mi plan de acción (PDF)").click()
        link = page.get_by_text("Descargar mi plan de acción (PDF)")
        link.wait_for(timeout=90_000)
        with page.expect_download() as download:
            link.click()
        saved = tmp_path / "plan.pdf"
        download.value.save_as(saved)
    text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())
    for expected in ("Lucía Fernández", "Negocios a los que acercarte", "Panadería Sol",
                     "Gastas 540 € al año en 1 negocio de tu zona",
                     "Tener a la vista tus folletos o tarjetas",
                     "Soy cliente tuyo desde hace 5 años",
                     "Cinco profesiones que atienden a tus clientes"):  # fmt: skip
        assert expected in text, expected
    assert re.search(r"\b\d{1,2} de [a-z]+ de 20\d\d\b", text)  # the plan's date, in Spanish
    assert "Businesses to approach" not in text and "Your action plan" not in text


def test_the_spanish_profile_fits_a_phone(app, request):
    with workbook.open(app.workbook) as wb:
        wb.set_profile(language="es")
    with chromium_page(request, "spanish-", **PHONE) as phone:
        _open(phone, app, 0)
        phone.get_by_text("Te damos la bienvenida").wait_for(timeout=60_000)
        _fits_the_phone(phone)
        field = phone.get_by_role("textbox", name="Tu ciudad o pueblo").or_(
            phone.get_by_role("textbox", name="Ciudad o pueblo")
        )
        field.tap()
        field.fill("Sevilla")
        field.press("Tab")
        phone.get_by_text("✓ Guardado").first.wait_for(timeout=30_000)
        assert wait_for(lambda: _profile(app).city == "Sevilla")


def _profile(app):  # noqa: ANN001, ANN202
    with workbook.open(app.workbook) as wb:
        return wb.profile()


def test_the_first_visit_says_its_loading_line_in_the_participants_language(tmp_path, request):
    """A German participant's very first visit, in a browser that has never seen the app:
    the loading line, the page's language and the tab's title are German from the start."""
    from conftest import running_app

    path = tmp_path / "greta.sqlite"
    with workbook.open(path) as wb:
        wb.set_profile(language="de", name="Greta Krause")
    with running_app(tmp_path, path) as server, chromium_page(request, "first-", **PHONE) as page:
        page.goto(server.base + "/", wait_until="commit")
        line = page.locator("#loading_text")
        line.wait_for(timeout=30_000)
        assert line.text_content() == "Ihr Arbeitsbuch wird geöffnet…"
        assert page.evaluate("document.documentElement.lang") == "de"
        assert page.evaluate("localStorage.getItem('workbook-words')") is None  # said by the app
        page.locator(".workbook-app").wait_for(timeout=90_000)
        assert wait_for(lambda: page.title() == "Networking-Arbeitsbuch", timeout=30)
