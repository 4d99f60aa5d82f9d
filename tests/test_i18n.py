"""The workbook in Spanish and German: the catalogs are complete and current, every message keeps
its placeholders, the exercises done so far show no English to a German participant, dates and
numbers typed and shown follow the locale, and switching language changes nothing typed."""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from pathlib import Path

import pytest

import workbook
from workbook import _catalogs, i18n, words
from workbook.widgets import app_page

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TRANSLATED = [language for language in i18n.LANGUAGES if language != i18n.SOURCE]


def _key(message) -> str:  # noqa: ANN001 - a babel Message
    return message.id if isinstance(message.id, str) else message.id[0]


def test_the_catalogs_have_every_message_of_the_code_and_notebooks_and_no_stale_one():
    """The extraction run now against each .po file: nothing missing, nothing left over
    (``python -m workbook._catalogs`` brings them up to date)."""
    extracted = {_key(m) for m in _catalogs.extracted() if m.id}
    assert len(extracted) > 300
    for language in TRANSLATED:
        catalog = {_key(m) for m in _catalogs.read(language) if m.id}
        assert not extracted - catalog, (language, sorted(extracted - catalog)[:5])
        assert not catalog - extracted, (language, sorted(catalog - extracted)[:5])


def test_no_message_hides_inside_an_f_string():
    """Babel's extraction does not look inside an f-string's expressions: a ``_('...')`` there
    would be shown untranslated in every language, and no catalog test would notice."""
    import ast

    hidden = []
    for path in sorted((ROOT / "workbook").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                called = isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name)
                literal = called and inner.args and isinstance(inner.args[0], ast.Constant)
                if literal and inner.func.id in ("_", "N_", "ngettext"):
                    hidden.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not hidden, hidden


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(language):
    fields = string.Formatter()

    def names(text: str) -> set[str]:
        return {name for _lit, name, _spec, _conv in fields.parse(text) if name}

    untranslated, mismatched = [], []
    for message in _catalogs.read(language):
        if not message.id:
            continue
        if not _catalogs.translated(message):
            untranslated.append(_key(message))
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(names(i) for i in ids)) if "{" in "".join(ids) else set()
        for text in strings:
            if "python-brace-format" in message.flags and names(text) != wanted:
                mismatched.append((_key(message), text))
    assert not untranslated, untranslated[:5]
    assert not mismatched, mismatched[:5]


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_notebooks_text_keeps_its_links_and_commands(language):
    """A translated text cell links to the same exercises and quotes the same commands and
    file names (what is in `code` is typed by the participant as it stands)."""
    for notebook in sorted(NOTEBOOKS.rglob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for english, translated in zip(cells, i18n.notebook(cells, language), strict=True):
            if english["cell_type"] != "markdown":
                assert english == translated
                continue
            source, text = "".join(english["source"]), translated["source"]
            assert text != source.strip() or not source.strip(), (notebook.name, source[:60])
            links = re.findall(r"\]\(([^)]+)\)", source)
            assert re.findall(r"\]\(([^)]+)\)", text) == links, (notebook.name, source[:60])
            commands = [c for c in re.findall(r"`([^`]+)`", source) if "workbook" in c]
            for command in commands:  # its placeholders (FOLDER, <name>) may be translated
                assert _command(command) in _command(text), (notebook.name, command)


def _command(text: str) -> str:
    return re.sub(r"<[^>]+>", "<x>", re.sub(r"\b[A-ZÄÖÜ]{3,}\b", "X", text))


def test_a_language_the_workbook_is_not_written_in_is_refused_in_words(tmp_workbook):
    with pytest.raises(workbook.InputError, match="English, Español, Deutsch"):
        tmp_workbook.set_profile(language="fr")
    tmp_workbook.set_profile(language="es · Español")
    assert tmp_workbook.profile().language == "es"


def test_the_language_follows_the_profile_and_suggests_the_locale(tmp_path):
    with workbook.open(tmp_path / "ana.sqlite") as wb:
        assert i18n.language() == "en"
        wb.set_profile(language="de")
        assert i18n.language() == "de" and i18n.locale() == "de_DE"
        wb.set_profile(currency="CHF", time_zone="Europe/Zurich")
        assert wb.profile().writes_in == "de-CH" and i18n.locale() == "de_CH"
        wb.set_profile(language="es", currency="MXN", time_zone="America/Mexico_City")
        assert wb.profile().writes_in == "es-MX"
        wb.set_profile(locale="en-GB")  # a locale chosen stays, whatever the language
        assert wb.profile().writes_in == "en-GB" and i18n.language() == "es"
    # Opened again, the workbook speaks the participant's language from the start.
    i18n.use("en", "en-US")
    with workbook.open(tmp_path / "ana.sqlite"):
        assert i18n.language() == "es" and i18n.locale() == "en_GB"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en-US", "June 30, 2027"), ("en-GB", "30 June 2027"), ("en-AU", "30 June 2027"),
     ("en-IN", "30 June 2027"), ("de-DE", "30. Juni 2027"), ("de-AT", "30. Juni 2027"),
     ("de-CH", "30. Juni 2027"), ("es-ES", "30 de junio de 2027"),
     ("es-MX", "30 de junio de 2027")],
)  # fmt: skip
def test_dates_in_words_are_babels_and_read_back(locale, expected):
    """Each locale's date in words is Babel's own long date, and a date field reads it back."""
    from babel.dates import format_date

    from workbook.dates import parse_date

    i18n.use("en", locale)
    day = dt.date(2027, 6, 30)
    assert (
        words.day(day, year=True)
        == expected
        == format_date(day, "long", locale=locale.replace("-", "_"))
    )
    assert parse_date(expected, "Target date") == day


@pytest.mark.parametrize(
    ("locale", "typed", "amount"),
    [("de-DE", "1.234,50", 1234.5), ("de-DE", "65,50", 65.5), ("de-DE", "65.50", 65.5),
     ("es-ES", "1.234,50 €", 1234.5), ("en-US", "1,234.50", 1234.5), ("en-IN", "1,23,456", 123456),
     ("de-CH", "1’234.50", 1234.5), ("en-GB", "£45.50", 45.5)],
)  # fmt: skip
def test_amounts_are_typed_as_the_locale_writes_them(tmp_workbook, locale, typed, amount):
    i18n.use("en", locale)
    business = tmp_workbook.add_business(
        name="Bäckerei Krause", amount=typed, frequency="per_month"
    )
    assert tmp_workbook.store.row("businesses", business)["amount"] == pytest.approx(amount)


# What a German participant must not see: English words that only the workbook's own text uses
# (names typed by the participant and the exercises' own names are theirs).
ENGLISH = re.compile(
    r"\b(the|your|you|and|with|this|what|first|yet|add|ask|asks|business|businesses|year|"
    r"saved|remove|change|next|money|trail|nothing|choose|file|here|from|each)\b",
    re.IGNORECASE,
)


def _german_participant(folder: Path) -> workbook.Workbook:
    wb = workbook.open(folder / "greta.sqlite")
    wb.set_profile(language="de", name="Greta Krause", business="Krause Immobilien",
                   profession="Immobilienmaklerin", city="Leipzig", currency="EUR",
                   time_zone="Europe/Berlin", preferred_client="Familien, die ein Haus suchen")  # fmt: skip
    baker = wb.add_business(name="Bäckerei Müller", profession="Bäckerei", amount="4,50",
                            frequency="per_visit", visits_per_year=100, years_as_customer=6,
                            referrals_sent=2)  # fmt: skip
    wb.add_business(name="Salon Sommer", profession="Friseur", amount=38, frequency="per_visit",
                    visits_per_year=8, years_as_customer=3)  # fmt: skip
    wb.set_ask_status(wb.add_ask(baker, "display_cards"), "asked")
    wb.add_ask(baker, "coupon")
    return wb


def _shown(widgets: list) -> list[str]:
    """Every text the widgets show: values (HTML as text), labels, placeholders, tooltips and
    options."""
    found, todo, seen = [], list(widgets), set()
    while todo:
        part = todo.pop()
        if id(part) in seen:
            continue
        seen.add(id(part))
        chooser = isinstance(getattr(part, "options", None), tuple | list)
        for name in ("value", "description", "placeholder", "tooltip"):
            value = getattr(part, name, None)
            if name == "value" and chooser:  # a drop-down's value is its key; it shows labels
                continue
            if isinstance(value, str) and value:
                found.append(re.sub(r"<[^>]+>", " ", value))
        for option in getattr(part, "options", None) or ():
            found.append(str(option[0] if isinstance(option, tuple) else option))
        todo.extend(getattr(part, "children", ()) or ())
    return found


@pytest.mark.parametrize(
    "exercise",
    [
        "00_start_here",
        "01_money_trail",
        "02_preferred_clients",
        "03_goals_to_people",
        "04_gains",
        "05_my_network",
        "06_follow_up",
        "07_action_plan",
        "08_this_week",
    ],  # fmt: skip
)
def test_a_german_participant_sees_no_english_in_the_exercises_done(
    tmp_path, exercise, monkeypatch
):
    """Every widget and text of the exercise, as the app plays it, for a German participant
    with a money trail and asks: no English word of the workbook's own is left."""
    wb = _german_participant(tmp_path)
    monkeypatch.setenv("WORKBOOK_PATH", str(wb.path))
    wb.close()
    shown = app_page.play(NOTEBOOKS / f"{exercise}.ipynb")
    texts = _shown(shown)
    assert any(re.search(r"\b(?:Sie|Ihr|Ihre|Ihnen)\b", t) for t in texts)  # German, then
    own = {"Greta Krause", "Krause Immobilien", "Bäckerei Müller", "Salon Sommer", "Leipzig",
           "Dana Whitfield", "Whitfield Homes", "Blue Ridge Hair Studio", "Haw Creek Pet Grooming",
           "Print Asheville", "PAYPAL *PRINTASHEVILLE", "PRINTASHEVILLE", "JOES BARBER",
           "Joe's Barber Shop", "Rotary Club", "Run → Run All Cells", "Europe/Berlin"}  # fmt: skip
    left = []
    for text in texts:
        for name in own:
            text = text.replace(name, "")
        text = re.sub(r"`[^`]*`|\([^)]*\.ipynb\)|\S+\.(?:csv|ics|mbox|vcf|sqlite)\b", "", text)
        text = re.sub(r"\b(?:CSV|OFX|QFX|QIF|PDF|ZIP|GAINS|Goals|Accomplishments|Interests|"
                      r"Networks|Skills|Quicken|Outlook|Google|LinkedIn|Apple|Thunderbird)\b",
                      "", text)  # fmt: skip
        if ENGLISH.search(text):
            left.append(text.strip()[:120])
    assert not left, left


def test_switching_language_changes_nothing_typed(tmp_path):
    """The participant switches from English to Spanish and back: every table of the workbook
    is byte for byte what it was."""
    from conftest import db_rows

    wb = _german_participant(tmp_path)
    tables = [t for (t,) in db_rows(wb.path, "SELECT name FROM sqlite_master WHERE type='table'")]

    def everything() -> dict[str, list[tuple]]:
        # The profile is what changes; last_edit is the workbook's note of when it did.
        return {t: db_rows(wb.path, f"SELECT * FROM {t}") for t in tables
                if t not in ("profile", "last_edit")}  # fmt: skip

    before = everything()
    profile = wb.profile()
    for language in ("es", "en", "de"):
        wb.set_profile(language=language)
        assert everything() == before
    after = wb.profile()
    assert {k: v for k, v in vars(after).items() if k != "language"} == {
        k: v for k, v in vars(profile).items() if k != "language"
    }
    wb.close()


def test_the_spanish_plan_reads_in_spanish(tmp_path):
    """The plan's data and HTML for a Spanish participant: headings, the money line, the
    asks' answers and the dates are Spanish, the money is written as in Spain."""
    from workbook import report
    from workbook.report.html import plan_body

    wb = _german_participant(tmp_path)
    wb.set_profile(language="es", time_zone="Europe/Madrid")
    plan = report.gather(wb)
    body = plan_body(plan)
    assert plan["lang"] == "es" and "Negocios a los que acercarte" in body
    assert plan["money"]["line"] == (
        "Gastas 754\xa0€ al año en 2 negocios de tu zona (3.612\xa0€ en total) y les has "
        "enviado 2 recomendaciones."
    )
    assert plan["asks_in_progress"][0]["answer"] == "pedida"
    assert plan["date_text"] == words.day(wb.today(), year=True) and " de " in plan["date_text"]
    wb.close()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_kind_of_draft_has_its_template_in_the_language(language):
    """Each kind's template in the language passes the same check as a participant's own, and
    uses the fields the English one does (a field left out is a fact the message loses)."""
    from workbook import drafts

    for kind in drafts.KINDS:
        english = drafts.package_template(kind, "en")
        translated = drafts.package_template(kind, language)
        assert translated != english, kind
        drafts.check_template(kind, translated)
        fields = set(string.Template(english).get_identifiers())
        assert set(string.Template(translated).get_identifiers()) == fields, kind


def test_a_spanish_participant_gets_the_ask_drafted_in_spanish(tmp_path):
    wb = _german_participant(tmp_path)
    wb.set_profile(language="es")
    planned = wb.asks()
    ask = int(planned.loc[planned["status"] == "planned", "id"].iloc[0])
    draft = wb.draft("reciprocity_ask", ask_id=ask)
    assert draft.subject == "Un pequeño favor, de un cliente de hace años"
    assert "llevo 6 años viniendo a Bäckerei Müller" in draft.script
    assert "Te he enviado 2 clientes" in draft.script
    assert "unos 2700\xa0€" in draft.body or "unos 2.700\xa0€" in draft.body
    wb.close()


@pytest.mark.parametrize(
    ("locale", "currency", "expected"),
    [("en-US", "USD", '"$"#,##0.00'), ("en-GB", "GBP", '"£"#,##0.00'),
     ("de-DE", "EUR", '#,##0.00\\ "€"'), ("de-CH", "CHF", '"CHF"\\ #,##0.00'),
     ("es-ES", "EUR", '#,##0.00\\ "€"'), ("en-IN", "INR", '"₹"#,##0.00')],
)  # fmt: skip
def test_the_spreadsheet_shows_money_as_the_locale_writes_it(tmp_path, locale, currency, expected):
    """The xlsx export's money columns carry a number format with the currency where the
    locale puts it (Babel's pattern), and still read back as the same numbers."""
    import openpyxl

    from workbook.report.xlsx import export_xlsx

    with workbook.open(tmp_path / "a.sqlite") as wb:
        wb.set_profile(currency=currency, locale=locale)
        wb.add_business(name="Bäckerei Krause", amount=1234.5, frequency="per_month")
        path = export_xlsx(wb, tmp_path / "a.xlsx")
    sheet = openpyxl.load_workbook(path)["businesses"]
    column = [c.value for c in sheet[1]].index("amount")
    cell = sheet.cell(row=2, column=column + 1)
    assert cell.value == 1234.5 and cell.number_format == expected


@pytest.mark.skipif(
    __import__("shutil").which("pdftotext") is None, reason="needs pdftotext (poppler-utils)"
)
def test_the_german_plan_and_note_cards_print_their_letters(tmp_path):
    """The plan and the note cards in German, read back from the PDF: its headings, umlauts
    and ß (the fonts typeset them), money and dates as in Germany."""
    import subprocess

    from workbook import report
    from workbook.report.notes import notes_pdf

    wb = _german_participant(tmp_path)
    wb.set_profile(name="Jürgen Groß")
    grete = wb.add_contact(name="Grete Weiß", depth="connection")
    wb.log_interaction(grete, name="Grete Weiß", on=wb.today(), kind="one_to_one",
                       notes="Frühstück im Café Süß")  # fmt: skip
    pdf, _note = report.to_pdf(wb, with_charts=False)
    cards = notes_pdf(wb)
    wb.close()
    texts = []
    for name, data in (("plan.pdf", pdf), ("notes.pdf", cards)):
        (tmp_path / name).write_bytes(data)
        out = subprocess.run(["pdftotext", str(tmp_path / name), "-"], capture_output=True,
                             text=True, check=True).stdout  # fmt: skip
        texts.append(" ".join(out.split()))
    plan, notes = texts
    for expected in ("Jürgen Groß", "Unternehmen, die Sie ansprechen", "Bäckerei Müller",
                     "Sie geben 754 € im Jahr bei 2 Betrieben vor Ort aus",
                     "Fünf Berufe, die für Ihre Kunden arbeiten", "Nachfassen: die nächsten zwei Wochen",
                     "Grete Weiß für das Vier-Augen-Gespräch vom"):  # fmt: skip
        assert expected in plan, expected
    assert re.search(r"\b\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ 20\d\d\b", plan)  # '6. Dezember 2026'
    assert "Zu schreibende Karten: Jürgen Groß" in notes and "Grete Weiß" in notes
    assert "Erwähnen:" in notes and "Mention" not in notes


@pytest.mark.parametrize(
    ("language", "currency", "time_zone", "haircut", "in_all"),
    [("en", "USD", "America/New_York", "\\$65 a", "\\$5,200"),
     ("en", "GBP", "Europe/London", "£52 a", "£4,200"),
     ("es", "EUR", "Europe/Madrid", "58\xa0€ por visita", "4.700\xa0€"),
     ("de", "CHF", "Europe/Zurich", "CHF\xa058 pro Besuch", "CHF\xa04'700")],
)  # fmt: skip
def test_worked_examples_are_priced_in_the_participants_currency(
    tmp_path, language, currency, time_zone, haircut, in_all
):
    """Dana's haircut is $65 to an American, £52 to a Briton, 59 € in Spain: the notebooks
    write the sample's amounts once, in dollars, and each participant reads them as prices
    of their own (a '$' kept escaped, so JupyterLab never takes two for a formula)."""
    cells = json.loads((NOTEBOOKS / "01_money_trail.ipynb").read_text(encoding="utf-8"))["cells"]
    with workbook.open(tmp_path / "p.sqlite") as wb:
        wb.set_profile(language=language, currency=currency, time_zone=time_zone)
        said = i18n.notebook_text("".join(cells[0]["source"]))
        text = re.sub(r"[ \n]+(?:> )?", " ", said)  # one line, without the quote's marks
    assert haircut in text and in_all in text, text
    assert "$" not in text or currency == "USD"


def test_a_british_participant_reads_british_words(tmp_path):
    """English as written in the UK (and Ireland, Australia, India...): a current account, the
    till; in the US a checking account, the register. The en_GB catalog holds only the
    messages whose words differ, each one a message of the code or notebooks."""
    cells = json.loads((NOTEBOOKS / "01_money_trail.ipynb").read_text(encoding="utf-8"))["cells"]
    bank = next("".join(c["source"]) for c in cells if "checking account" in "".join(c["source"]))
    with workbook.open(tmp_path / "uk.sqlite") as wb:
        wb.set_profile(currency="GBP", time_zone="Europe/London")
        assert "current account" in i18n.notebook_text(bank)
        assert i18n._("Hand out your coupon at the register").endswith("at the till")
        wb.set_profile(locale="en-US")
        assert "checking account" in i18n.notebook_text(bank)
    variant = _catalogs.read("en_GB")
    extracted = {_key(m) for m in _catalogs.extracted() if m.id}
    assert 0 < len([m for m in variant if m.id]) and all(
        _key(m) in extracted and _catalogs.translated(m) for m in variant if m.id
    )


def test_the_app_page_speaks_the_new_language_at_once_and_drops_the_old_forms(tmp_path):
    """The app's page, in the kernel: a participant on exercise 0 after visiting 1 and 7
    chooses Español. The page is made again in Spanish at once, and the forms of the English
    pages stop following the workbook (they are closed, and no longer redrawn on each edit)."""
    from workbook._workbook import share
    from workbook.sample import notebooks_dir
    from workbook.widgets.app_page import AppPage

    wb = workbook.open(tmp_path / "p.sqlite")
    share(wb)
    try:
        page = AppPage(wb, notebooks_dir(), start=1)
        page.go(7)
        page.go(0)
        before = len(wb.store._listeners)
        form = next(p for p in _widgets(page.views[0]) if hasattr(p, "fields"))
        form.fields["language"].value = "es"
        assert i18n.language() == "es" and list(page.views) == [0]
        texts = " ".join(_shown([page]))
        assert "Empieza aquí" in texts and "Start here" not in texts
        assert len(wb.store._listeners) < before
        assert wb.profile().language == "es"
    finally:
        share(None)
        wb.close()


def _widgets(root):  # noqa: ANN001, ANN202
    todo, found = [root], []
    while todo:
        part = todo.pop()
        found.append(part)
        todo.extend(getattr(part, "children", ()) or ())
    return found
