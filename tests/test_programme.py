"""From a workshop to a programme: the coach's weekly view (programme dates in the cohort
folder, week by week per participant and for the room, who has not checked in, who has gone
quiet), the coach's notes and their round trip back into the participant's own workbook (with
the participant editing in between: nothing lost on either side), and privacy."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys

import pandas as pd
import pytest

import workbook
from workbook import coach_notes, cohort, programme, this_week
from workbook.cli import main


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbook.cli", *args], capture_output=True,
                          text=True, timeout=300)  # fmt: skip


def _roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Name,Email,Business,Profession\nAna Silva,ana@example.org,Silva Bakes,"
                    "Baker\nBen Ortiz,ben@example.org,Ortiz Law,Lawyer\n", encoding="utf-8")  # fmt: skip
    return path


def test_a_programme_is_the_cohort_folder_with_dates(tmp_path, capsys):
    folder = tmp_path / "cohort"
    assert main(["cohort", "new", str(_roster(tmp_path)), str(folder), "--weeks", "6",
                 "--starts", "2027-01-11"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "6 weeks from Monday, January 11, 2027" in out and "last week starts February 15" in out
    assert programme.read(folder) == programme.Programme(6, dt.date(2027, 1, 11), 7)
    # Changed later: only what is given changes.
    assert main(["cohort", "programme", str(folder), "--weeks", "8", "--quiet-days", "10"]) == 0
    assert programme.read(folder) == programme.Programme(8, dt.date(2027, 1, 11), 10)
    assert main(["cohort", "programme", str(folder)]) == 0
    assert "8 weeks" in capsys.readouterr().out
    # Refused in words, nothing made or changed.
    for args, said in (
        (["--weeks", "0"], "from 1 to 52 weeks"),
        (["--starts", "the 40th of Smarch"], "First day"),
        (["--quiet-days", "0"], "Quiet days"),
    ):
        assert main(["cohort", "programme", str(folder), *args]) == 2
        assert said in capsys.readouterr().err
    assert programme.read(folder).weeks == 8
    other = tmp_path / "other"
    assert main(["cohort", "new", str(_roster(tmp_path)), str(other), "--weeks", "6"]) == 2
    assert "both --weeks and --starts" in capsys.readouterr().err and not other.exists()
    (folder / programme.FILE_NAME).write_text("weeks = 'six'\n", encoding="utf-8")
    with pytest.raises(workbook.InputError, match="cannot be read"):
        programme.read(folder)


def test_programme_weeks():
    plan = programme.Programme(6, dt.date(2027, 1, 11))
    assert plan.week_of(dt.date(2027, 1, 10)) is None and plan.week_of(dt.date(2027, 1, 11)) == 1
    assert plan.week_of(dt.date(2027, 1, 24)) == 2 and plan.week_of(dt.date(2027, 2, 21)) == 6
    assert plan.week_of(dt.date(2027, 2, 22)) is None


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """The sample programme: six weeks that started three weeks ago, check-ins for some."""
    return cohort.load(cohort.demo(tmp_path_factory.mktemp("programme") / "cohort"))


def test_the_sample_programme_has_three_weeks_of_check_ins(room):
    assert room.programme.weeks == 6 and room.week == 4
    weekly = programme.weekly(room.participants)
    checked = weekly[weekly["Checked in"]].groupby("Participant")["Week"].apply(list).to_dict()
    assert checked == {"Dana Whitfield": [1, 2, 3], "Grace Kim": [1, 2], "Ruth Ellison": [1],
                       "Sam Whitaker": [1, 2, 3]}  # fmt: skip
    # The week's numbers come from each workbook: one one-to-one each week checked in.
    dana = weekly[weekly["Participant"] == "Dana Whitfield"].set_index("Week")
    assert list(dana.loc[[1, 2, 3], "Meetings"]) == [1, 1, 1]
    # Nobody has checked in in week 4 yet: the coach sees all of them.
    assert len(programme.not_checked_in(room.participants, 4)) == 8
    assert programme.not_checked_in(room.participants, 3) == [
        "Anil Patel", "Ben Okafor", "Carla Nuñez", "Grace Kim", "Maria Lopez", "Ruth Ellison"]  # fmt: skip


def test_the_coach_sees_week_by_week_and_who_went_quiet(room, tmp_path):
    from workbook.report.programme import programme_csv, programme_html

    page = programme_html(room)
    assert "The programme: week 4 of 6" in page and "Not checked in this week:" in page
    assert "3 of 8 checked in" in page  # week 3, the room's row
    assert "Asked the hair studio; they said yes to my cards." in page  # Dana's own note
    assert "Everyone has worked in their workbook in the last 7 days." in page
    ana = dict(room.participants[0])  # gone quiet: 12 days since their last edit
    ana["last_edit"] = pd.Timestamp.now() - pd.Timedelta(days=12)
    quiet = cohort.Cohort(room.folder, [ana, *room.participants[1:]], [], room.programme)
    assert f"{ana['name']} (12 days)" in programme_html(quiet)
    rows = pd.read_csv(pd.io.common.BytesIO(programme_csv(room)), encoding="utf-8-sig")
    assert list(rows.columns) == ["Participant", "Week", "Starts", "Checked in", "Asks",
                                  "Meetings", "Referrals given", "Referrals received"]  # fmt: skip
    assert len(rows) == 8 * 4
    # No programme, no section: a one-off workshop's report is as it was.
    assert programme_html(cohort.Cohort(room.folder, room.participants, [], None)) == ""


def test_cohort_report_writes_the_weekly_view(room, tmp_path):
    out = tmp_path / "reports"
    done = _cli("cohort", "report", str(room.folder), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "programme.csv" in done.stdout and (out / "programme.csv").exists()
    assert "The programme: week 4 of 6" in (out / "cohort-report.html").read_text("utf-8")


def _participant(tmp_path):
    """Ana's workbook on her laptop, made by the coach's roster, with an ask and a check-in."""
    folder = tmp_path / "cohort"
    assert main(["cohort", "new", str(_roster(tmp_path)), str(folder)]) == 0
    mine = tmp_path / "laptop" / "ana.sqlite"
    mine.parent.mkdir()
    shutil.copy(folder / "ana-silva.sqlite", mine)
    with workbook.open(mine) as wb:
        shop = wb.add_business(name="Corner Cafe", amount=12, frequency="per_month")
        ask = wb.add_ask(shop, "display_cards")
        wb.save_check_in(wb.today() - dt.timedelta(days=7), ["Ask Corner Cafe"], "First week")
    return folder, mine, ask


def test_notes_round_trip_with_the_participant_editing_in_between(tmp_path, capsys):
    folder, mine, ask = _participant(tmp_path)
    shutil.copy(mine, folder / "ana-silva.sqlite")  # collected at the session
    copy = folder / "ana-silva.sqlite"
    with workbook.open(copy) as wb:
        edited = wb.store.last_edit()
    assert main(["cohort", "note", str(folder), "Ana Silva", "Ask on a quiet Tuesday.",
                 "--about", "corner cafe"]) == 0  # fmt: skip
    assert "on: Ask of Corner Cafe: Display your brochure or cards" in capsys.readouterr().out
    assert main(["cohort", "note", str(folder), "ana-silva", "A strong first week.",
                 "--about", "week of"]) == 0  # fmt: skip
    assert main(["cohort", "note", str(folder), "Ana Silva", "Keep it up."]) == 0
    with workbook.open(copy) as wb:
        assert wb.store.last_edit() == edited  # the coach's notes are not Ana's edits
    # Refused in words: nobody of that name, words that fit no line, or several.
    assert main(["cohort", "note", str(folder), "Zed", "x"]) == 2
    assert "The participants are: Ana Silva, Ben Ortiz." in capsys.readouterr().err
    assert main(["cohort", "note", str(folder), "Ana Silva", "x", "--about", "nothing"]) == 2
    assert "No line of the plan has 'nothing'" in capsys.readouterr().err
    assert main(["cohort", "note", str(folder), "Ana Silva", "", "--about", "cafe"]) == 2

    with workbook.open(mine) as wb:  # meanwhile, on her laptop
        wb.set_ask_status(ask, "asked")
        wb.add_business(name="Print Works", amount=40)
        before = {t: wb.store.dump(t) for t in wb.store.tables() if t != "coach_notes"}

    assert main(["merge-notes", str(copy), "--workbook", str(mine)]) == 0
    assert "3 new notes from your coach" in capsys.readouterr().out
    with workbook.open(mine) as wb:
        assert {t: wb.store.dump(t) for t in before} == before  # nothing of hers changed
        notes = wb.coach_notes()
        assert set(notes["text"]) == {"Ask on a quiet Tuesday.", "A strong first week.",
                                      "Keep it up."}  # fmt: skip
        on_ask = notes[notes["about_table"] == "asks"].iloc[0]
        assert on_ask["about_now"] == "Ask of Corner Cafe: Display your brochure or cards (asked)"
        assert set(wb.coach_notes(1)["text"]) == {"Ask on a quiet Tuesday."}
        assert set(wb.coach_notes(8)["text"]) == {"A strong first week.", "Keep it up."}
    # Again: nothing more. The coach changes a note: it is updated, not doubled.
    assert main(["merge-notes", str(copy), "--workbook", str(mine)]) == 0
    assert "No new notes" in capsys.readouterr().out
    con = sqlite3.connect(copy)
    con.execute("UPDATE coach_notes SET text = 'Ask on a quiet Tuesday morning.', "
                "updated_at = '2030-01-01T00:00:00+00:00' WHERE about_table = 'asks'")  # fmt: skip
    con.commit()
    con.close()
    assert main(["merge-notes", str(copy), "--workbook", str(mine)]) == 0
    assert "1 note changed" in capsys.readouterr().out
    with workbook.open(mine) as wb:
        assert len(wb.coach_notes()) == 3
        assert "Ask on a quiet Tuesday morning." in set(wb.coach_notes()["text"])


def test_a_note_on_a_line_the_participant_removed_keeps_its_words(tmp_path):
    folder, mine, ask = _participant(tmp_path)
    shutil.copy(mine, folder / "ana-silva.sqlite")
    with workbook.open(folder / "ana-silva.sqlite") as wb:
        wb.add_coach_note("Ask on a quiet Tuesday.", "asks", ask)
    with workbook.open(mine) as wb:
        wb.delete_ask(ask)
        wb.merge_notes(folder / "ana-silva.sqlite")
        (note,) = wb.coach_notes().to_dict("records")
        assert note["about_now"] == "Ask of Corner Cafe: Display your brochure or cards (planned)"


def test_notes_reach_only_their_own_participant(tmp_path, capsys):
    folder, mine, _ask = _participant(tmp_path)
    assert main(["cohort", "note", str(folder), "Ben Ortiz", "Ben: call Ana's bakery."]) == 0
    capsys.readouterr()
    # Ben's copy given to Ana by mistake: refused, nothing merged.
    assert main(["merge-notes", str(folder / "ben-ortiz.sqlite"), "--workbook", str(mine)]) == 2
    err = capsys.readouterr().err
    assert "is not a copy of this workbook (a workbook of Ben Ortiz)" in err
    with workbook.open(mine) as wb:
        assert wb.coach_notes().empty
    # A file that is not a workbook at all, and her own file given as the copy.
    junk = tmp_path / "notes.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    assert main(["merge-notes", str(junk), "--workbook", str(mine)]) == 2
    assert "is not a workbook file" in capsys.readouterr().err
    assert main(["merge-notes", str(mine), "--workbook", str(mine)]) == 2
    assert "your own workbook" in capsys.readouterr().err


def test_check_ins_and_notes_stay_out_of_the_rooms_files(tmp_path):
    """The room's files (introductions, whom to meet, badges, the room list) carry nothing of
    a participant's check-ins or the coach's notes."""
    from workbook.report import room as room_files
    from workbook.report.cohort import introductions_pdf

    folder = cohort.demo(tmp_path / "cohort")
    secret_note, secret_check_in = "PRIVATE-COACH-NOTE", "PRIVATE-CHECK-IN"
    with workbook.open(folder / "dana-whitfield.sqlite") as wb:
        wb.add_coach_note(secret_note)
        wb.save_check_in(None, ["Call PRIVATE-COMMITMENT"], secret_check_in)
    group = cohort.load(folder)
    texts = [cohort.introductions_csv(cohort.pairs(group)).decode("utf-8-sig"),
             cohort.progress_csv(group).decode("utf-8-sig")]  # fmt: skip
    for pdf in (introductions_pdf(group), room_files.meet_pdf(group), room_files.badges_pdf(group),
                room_files.room_list_pdf(group), room_files.cards_pdf(group)):  # fmt: skip
        path = tmp_path / "out.pdf"
        path.write_bytes(pdf)
        texts.append(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                    text=True, check=True).stdout)  # fmt: skip
    for text in texts:
        for secret in (secret_note, secret_check_in, "PRIVATE-COMMITMENT"):
            assert secret not in text
    # And none of it in another participant's workbook.
    with workbook.open(folder / "grace-kim.sqlite") as wb:
        assert secret_note not in set(wb.coach_notes()["text"])
        assert secret_check_in not in set(wb.check_ins()["note"])


def test_the_dashboard_writes_a_note_and_sets_quiet_days(tmp_path):
    from workbook.widgets import CohortDashboard

    folder = cohort.demo(tmp_path / "cohort")
    dashboard = CohortDashboard(folder)
    assert "The programme: week 4 of 6" in dashboard.view.value
    writer = dashboard.notes
    writer.person.value = "Grace Kim"
    about = next(v for label, v in writer.line.options if label.startswith("Ask of Battery Park"))
    writer.line.value = about
    writer.write()  # nothing written yet: said in words, nothing kept
    assert "Write the note first" in writer.status.value
    writer.text.value = "Lovely result with the bookshop."
    writer.write()
    assert "Note kept for Grace Kim" in writer.status.value and writer.text.value == ""
    assert "Lovely result with the bookshop." in writer.written.value
    with workbook.open(folder / "grace-kim.sqlite") as wb:
        (note,) = wb.coach_notes().to_dict("records")
        assert note["about_table"] == "asks" and note["text"] == "Lovely result with the bookshop."
    dashboard.quiet_days.value = 3
    assert programme.read(folder).quiet_days == 3
    assert "in the last 3 days" in dashboard.view.value


def test_lines_a_note_can_be_about(demo_workbook):
    wb = demo_workbook
    wb.save_check_in(wb.today() - dt.timedelta(days=7), ["Call Ruth"])
    lines = coach_notes.lines(wb)
    tables = set(lines["about_table"])
    assert {"", "check_ins", "asks", "businesses", "goals", "promises", "contacts"} <= tables
    with pytest.raises(workbook.InputError, match="fits"):
        coach_notes.find_line(wb, "Ask of")  # several asks
    with pytest.raises(workbook.InputError, match="Write the note first"):
        wb.add_coach_note("   ")
    with pytest.raises(workbook.InputError, match="no longer in the plan"):
        wb.add_coach_note("Hello", "asks", 9999)
    with pytest.raises(workbook.InputError, match="at most"):
        wb.add_coach_note("x" * (coach_notes.MAX_LENGTH + 1))
    assert this_week.planned(3, 4) == "3 of 4 planned"


def test_the_participant_sees_each_note_beside_what_it_is_about(demo_workbook, tmp_path):
    from workbook.widgets import CheckIn, CoachNotes, ProgressCharts

    wb = demo_workbook
    check_in = wb.save_check_in(wb.today() - dt.timedelta(days=7), ["Call Ruth"],
                                targets={"meetings": 2})  # fmt: skip
    shutil.copy(wb.path, tmp_path / "coach.sqlite")
    pages = {n: CoachNotes(wb, n) for n in (1, 3, 6, 8)}
    assert all(page.value == "" for page in pages.values())  # nothing shown without notes
    with workbook.open(tmp_path / "coach.sqlite") as coach:
        ask = int(coach.asks()["id"].iloc[0])
        goal = int(coach.goals()["id"].iloc[0])
        coach.add_coach_note("Thank them <b>in person</b>.", "asks", ask)
        coach.add_coach_note("Who else knows Ruth?", "goals", goal)
        coach.add_coach_note("Good honest week.", "check_ins", check_in)
        coach.add_coach_note("Your plan reads well.")
    wb.merge_notes(tmp_path / "coach.sqlite")  # the forms follow: no reload needed
    assert "Thank them &lt;b&gt;in person&lt;/b&gt;." in pages[1].value  # escaped, as typed
    assert "Ask of Blue Ridge Hair Studio" in pages[1].value
    assert "Who else knows Ruth?" not in pages[1].value
    assert "Who else knows Ruth?" in pages[3].value and pages[6].value == ""
    assert "Your plan reads well." in pages[8].value and "Good honest week." not in pages[8].value
    page = CheckIn(wb)
    assert "✎ <b>Your coach:</b> Good honest week." in page.history.value
    charts = ProgressCharts(wb)
    charts.redraw()
    assert [f.layout.title.text.split(":")[0] for f in charts.figures] == ["Meetings held"]


def test_a_cohort_without_a_programme_hides_only_the_programme_setting(tmp_path):
    import ipywidgets as w

    from workbook.widgets import CohortDashboard
    from workbook.widgets._common import shared

    folder = tmp_path / "cohort"
    assert main(["cohort", "new", str(_roster(tmp_path)), str(folder)]) == 0
    dashboard = CohortDashboard(folder)
    assert dashboard.programme.layout.display == "none"
    assert shared(w.Layout).display is None  # every other widget's layout left as it was
    assert "The programme" not in dashboard.view.value


def test_an_older_copy_never_undoes_a_newer_note(tmp_path):
    folder, mine, _ask = _participant(tmp_path)
    shutil.copy(mine, folder / "ana-silva.sqlite")
    copy = folder / "ana-silva.sqlite"
    with workbook.open(copy) as wb:
        wb.add_coach_note("First words.")
    older = tmp_path / "older-copy.sqlite"
    shutil.copy(copy, older)  # the copy as it was handed back the first time
    con = sqlite3.connect(copy)  # the coach changes the note later
    con.execute("UPDATE coach_notes SET text = 'Better words.', updated_at = '2030-01-01T00:00:00'")
    con.commit()
    con.close()
    with workbook.open(mine) as wb:
        assert wb.merge_notes(copy) == (1, 0)
        assert wb.merge_notes(older) == (0, 0)  # handed the old file again: nothing undone
        assert list(wb.coach_notes()["text"]) == ["Better words."]
