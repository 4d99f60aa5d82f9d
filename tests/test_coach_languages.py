"""The coach's side in the cohort's language: a German cohort's dashboard, every file made for
it (the report, the CSV files, the introductions, badges, room list, cards and meeting pages),
the coach's commands and messages, and the command line's help in the computer's language.
No English word of the workbook's own is left (names, businesses and commands are allowed)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from test_cohort import pdf_text
from test_i18n import ENGLISH, _shown

from workbook import cohort_language, i18n
from workbook._workbook import Workbook
from workbook.cli import main

ROSTER = (
    "Vorname;Nachname;E-Mail;Firma;Beruf\n"
    "Greta;Krause;greta@example.de;Krause Immobilien;Immobilienmaklerin\n"
    "Jonas;Weber;jonas@example.de;Weber Steuerberatung;Steuerberater\n"
    "Lena;Vogel;;Fotostudio Vogel;Fotografin\n"
)
OWN = ("Greta Krause", "Jonas Weber", "Lena Vogel", "Krause Immobilien", "Weber Steuerberatung",
       "Fotostudio Vogel", "Bäckerei Müller", "Networking Workbook", "GAINS")  # fmt: skip


def _english_left(text: str) -> list[str]:
    """The lines of ``text`` with an English word of the workbook's own, once the names, the
    commands, options, file names and paths (typed as they stand) are taken out."""
    left = []
    for line in text.splitlines():
        for name in OWN:
            line = line.replace(name, "")
        line = re.sub(r"<code>.*?</code>|`[^`]*`|\{[^}]*\}|--?[\w-]+|\S*[/\\]\S*|\S+\.\w{2,7}\b"
                      r"|\$\w+|\b[A-Z_]{2,}\b|\bworkbook (?:cohort )?[\w-]+(?: [\w-]+)?", "", line)  # fmt: skip
        if ENGLISH.search(line):
            left.append(line.strip()[:120])
    return left


def _monday(weeks_ago: int) -> dt.date:
    today = dt.date.today()
    return today - dt.timedelta(days=today.weekday() + 7 * weeks_ago)


@pytest.fixture
def german_cohort(tmp_path, capsys) -> tuple[Path, str]:
    """A cohort made in German from a German roster, with a programme three weeks in, the
    participants' five professions, a money trail with an ask, a check-in and a coach's note;
    and what ``cohort new`` printed."""
    roster, folder = tmp_path / "teilnehmer.csv", tmp_path / "gruppe"
    roster.write_text(ROSTER, encoding="utf-8")
    assert main(["cohort", "new", str(roster), str(folder), "--language", "de",
                 "--weeks", "6", "--starts", _monday(2).isoformat()]) == 0  # fmt: skip
    said = capsys.readouterr().out
    with Workbook(folder / "greta-krause.sqlite") as wb:
        wb.add_target_profession("Steuerberater")
        wb.add_target_profession("Fotograf")
        wb.set_client_tags(["families_with_children", "homeowners"])
        baker = wb.add_business(name="Bäckerei Müller", profession="Bäckerei", amount="4,50",
                                frequency="per_visit", visits_per_year=100, years_as_customer=6)  # fmt: skip
        wb.set_ask_status(wb.add_ask(baker, "display_cards"), "asked")
        wb.save_check_in(_monday(1), commitments=["Bäckerei Müller fragen"], note="Gute Woche")
    with Workbook(folder / "jonas-weber.sqlite") as wb:
        wb.add_target_profession("Immobilienmakler")
        wb.set_client_tags(["homeowners"])
    with Workbook(folder / "lena-vogel.sqlite") as wb:
        wb.add_target_profession("Hochzeitsplaner")
    assert main(["cohort", "note", str(folder), "Greta Krause", "Weiter so!",
                 "--about", "Bäckerei"]) == 0  # fmt: skip
    said += capsys.readouterr().out
    return folder, said


def test_the_cohort_commands_speak_the_cohorts_language(german_cohort, tmp_path, capsys):
    folder, said = german_cohort
    assert "Die Dateien der Gruppe sind auf Deutsch" in said
    assert "Notiz in greta-krause.sqlite gespeichert, zu: Bitte an Bäckerei Müller" in said
    assert "Das Programm: 6 Wochen ab" in said
    out = tmp_path / "berichte"
    for command in (["report", str(folder), "-o", str(out)],
                    ["badges", str(folder), "-o", str(out / "badges.pdf")],
                    ["room", str(folder), "-o", str(out / "room.pdf")],
                    ["cards", str(folder), "-o", str(out / "cards.pdf")],
                    ["programme", str(folder)], ["language", str(folder)]):  # fmt: skip
        assert main(["cohort", *command]) == 0
    said = capsys.readouterr().out
    assert "3 Arbeitsbücher gelesen" in said
    assert not _english_left(said), _english_left(said)
    assert main(["cohort", "language", str(folder), "--locale", "de-AT"]) == 0
    assert cohort_language.read(folder) == cohort_language.Language("de", "de-AT")
    assert "geschrieben wie in Deutsch (Österreich)" in capsys.readouterr().out
    # A coach's mistakes, said in the cohort's language.
    assert main(["cohort", "language", str(folder), "fr"]) == 2
    assert "'fr' gehört nicht dazu" in capsys.readouterr().err
    assert main(["cohort", "note", str(folder), "Zed", "x"]) == 2
    err = capsys.readouterr().err
    assert "Kein Arbeitsbuch in" in err and not _english_left(err)


def test_every_file_made_for_a_german_cohort_is_in_german(german_cohort, tmp_path):
    folder, _said = german_cohort
    out = tmp_path / "berichte"
    assert main(["cohort", "report", str(folder), "-o", str(out)]) == 0
    for kind in ("badges", "room", "cards"):
        assert main(["cohort", kind, str(folder), "-o", str(out / f"{kind}.pdf")]) == 0
    page = re.sub(r"<[^>]+>", "\n", (out / "cohort-report.html").read_text(encoding="utf-8"))
    assert '<html lang="de">' in (out / "cohort-report.html").read_text(encoding="utf-8")
    assert "Fortschritt" in page and "Woche 3" in page and "Ihre Notiz zu" in page
    assert "3 Personen geben 450 $ im Jahr" in " ".join(page.split())  # as Germany writes it
    texts = {"cohort-report.html": page}
    for name in ("progress.csv", "programme.csv", "introductions.csv"):
        texts[name] = (out / name).read_text(encoding="utf-8-sig")
    assert texts["progress.csv"].startswith("Teilnehmende,Beruf,0 Profil,1 Geldspur")
    assert texts["introductions.csv"].startswith("Vorstellen,Mit,Warum")
    for name in ("introductions.pdf", "meet-in-this-room.pdf", "badges.pdf", "room.pdf",
                 "cards.pdf"):  # fmt: skip
        texts[name] = pdf_text((out / name).read_bytes(), tmp_path)
    assert "Fragen Sie mich nach:" in texts["badges.pdf"]
    assert "Lernen Sie in diesem Raum kennen:" in texts["meet-in-this-room.pdf"]
    assert "1 von 1" in texts["room.pdf"] and "Möchte kennenlernen" in texts["room.pdf"]
    left = {name: _english_left(text) for name, text in texts.items()}
    assert not any(left.values()), left


def test_the_dashboard_speaks_the_cohorts_language_and_the_coach_can_change_it(german_cohort):
    from workbook.widgets import CohortDashboard

    folder, _said = german_cohort
    i18n.use("en", "en-US")  # whatever the coach's computer speaks: the cohort decides
    dashboard = CohortDashboard(folder)
    assert dashboard.folder.description == "Ordner der Gruppe"
    assert dashboard.status.value and "3 Arbeitsbücher gelesen" in dashboard.status.value
    dashboard.notes.person.value = "Greta Krause"
    texts = _shown([dashboard])
    assert any("Anstehende Vorstellungen" in t for t in texts)
    left = [line for text in texts for line in _english_left(text)]
    assert not left, left
    # The coach switches the cohort to Spanish: the dashboard, and every file after, in it.
    dashboard.language.value = "es"
    assert cohort_language.read(folder).language == "es"
    assert dashboard.folder.description == "Carpeta del grupo"
    assert "Progreso" in dashboard.view.value and "Leídos 3 cuadernos" in dashboard.status.value


@pytest.mark.parametrize(
    "command",
    [["--help"], ["cohort", "--help"], ["cohort", "new", "--help"], ["export", "--help"],
     ["import", "--help"], ["cohort", "note", "--help"]],
)  # fmt: skip
def test_the_command_lines_help_is_in_the_computers_language(command, monkeypatch, capsys):
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    with pytest.raises(SystemExit):
        main(command)
    shown = capsys.readouterr().out
    assert shown.startswith("Aufruf: workbook") and "Optionen:" in shown
    assert not _english_left(shown), _english_left(shown)


def test_a_wrong_command_is_said_in_the_computers_language(monkeypatch, capsys):
    monkeypatch.setenv("LANGUAGE", "es")
    with pytest.raises(SystemExit):
        main(["export", "docx"])
    said = capsys.readouterr().err
    assert "error: argumento format: opción no válida: 'docx'" in said, said


def test_the_dashboard_notebook_is_in_the_cohorts_language(german_cohort, tmp_path, monkeypatch):
    """`workbook start` copies the exercises in the participant's language, and the coach's
    dashboard in the cohort's ($COHORT_DIR, or the default cohort folder)."""
    import json

    from workbook import cli_lab

    folder, _said = german_cohort
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("COHORT_DIR", str(folder))
    copied = cli_lab._working_notebooks("en")

    def opening(name: str) -> str:
        cells = json.loads((copied / name).read_text(encoding="utf-8"))["cells"]
        return "".join(next(c for c in cells if c["cell_type"] == "markdown")["source"])

    assert opening("coach/cohort_dashboard.ipynb").startswith("# Coach-Übersicht")
    assert opening("00_start_here.ipynb").startswith("# ") and "Welcome" in opening(
        "00_start_here.ipynb"
    )
